/** The DuckDB side of the returns desk's write ports, inside one serial-writer transaction. */
import type { RefundStatus, ReturnLineRecord, ReturnRecord, ReturnStore } from '../app/returns/ports.js'
import type { ReturnCondition } from '../core/orders/index.js'
import { appendRows } from './appender.js'
import { HEADER_COLUMNS, LINE_COLUMNS, toHeader, toLine, type HeaderRow, type LineRow } from './order-rows.js'
import type { Tx } from './serial-writer.js'

export interface ReturnRow {
  id: string; number: string; order_id: string | null; kind: string; status: string; channel: string | null; value_minor: number
  refund_minor: number; credited_minor: number; method: string | null; exchange_order_id: string | null; window_last_day: string | null
  window_overridden: boolean; approved_by: string | null; till_id: string | null; till_session_id: string | null; staff_id: string | null
  station: string | null; note: string | null; created_at: Date; completed_at: Date | null
}

export const RETURN_COLUMNS = '* EXCLUDE (window_last_day), window_last_day::VARCHAR AS window_last_day'

export const toReturn = (r: ReturnRow): ReturnRecord => ({
  id: r.id, number: r.number, orderId: r.order_id, kind: r.kind === 'rma' ? 'rma' : 'desk', status: r.status as ReturnRecord['status'],
  channel: r.channel, valueMinor: r.value_minor, refundMinor: r.refund_minor, creditedMinor: r.credited_minor,
  method: r.method as ReturnRecord['method'], exchangeOrderId: r.exchange_order_id, windowLastDay: r.window_last_day,
  windowOverridden: r.window_overridden, approvedBy: r.approved_by, tillId: r.till_id, tillSessionId: r.till_session_id,
  staffId: r.staff_id, station: r.station, note: r.note, createdAt: r.created_at, completedAt: r.completed_at,
})

export interface ReturnLineRow {
  seq: number; order_line_no: number | null; sku: string; quantity: number; received_quantity: number; reason: string
  condition: string | null; location: string | null; value_minor: number
}

export const toReturnLine = (r: ReturnLineRow): ReturnLineRecord => ({
  seq: r.seq, orderLineNo: r.order_line_no, sku: r.sku, quantity: r.quantity, receivedQuantity: r.received_quantity, reason: r.reason,
  condition: r.condition as ReturnCondition | null, location: r.location, valueMinor: r.value_minor,
})

const returnRow = (r: ReturnRecord) => ({
  id: r.id, number: r.number, order_id: r.orderId, kind: r.kind, status: r.status, channel: r.channel, value_minor: r.valueMinor,
  refund_minor: r.refundMinor, credited_minor: r.creditedMinor, method: r.method, exchange_order_id: r.exchangeOrderId,
  window_last_day: r.windowLastDay, window_overridden: r.windowOverridden, approved_by: r.approvedBy, till_id: r.tillId,
  till_session_id: r.tillSessionId, staff_id: r.staffId, station: r.station, note: r.note, created_at: r.createdAt, completed_at: r.completedAt,
})

const HEADER_DATES = ['placed_at', 'channel_updated_at', 'despatch_by', 'deliver_by', 'shipped_at', 'delivered_at'] as const

/** JSON timestamps come back as `2025-03-01 10:15:00` (UTC, no zone). */
const utc = (text: unknown): Date => new Date(`${String(text).replace(' ', 'T')}${/[Z+]/.test(String(text)) ? '' : 'Z'}`)

const SOLD_UNION = `
  SELECT 'header' AS k, to_json(x)::VARCHAR AS j FROM (SELECT ${HEADER_COLUMNS} FROM orders WHERE id = $1) x
  UNION ALL SELECT 'line' AS k, to_json(x)::VARCHAR AS j FROM (SELECT ${LINE_COLUMNS} FROM order_lines WHERE order_id = $1) x
  UNION ALL SELECT 'payment', to_json(x)::VARCHAR FROM (SELECT seq, method, amount_minor, applied_minor, reference FROM payments WHERE order_id = $1) x
  UNION ALL SELECT 'refund', to_json(x)::VARCHAR FROM (SELECT tender_seq, sum(amount_minor) AS amount FROM refunds WHERE order_id = $1 AND tender_seq IS NOT NULL GROUP BY tender_seq) x`

export function returnStore(tx: Tx): ReturnStore {
  const sql = tx.sql
  return {
    async soldOrder(orderId) {
      // The order, its lines, payments and refunds so far in one round trip: index lookups under UNION ALL.
      const parts = await sql.all<{ k: string; j: string }>(SOLD_UNION, [orderId])
      const of = <T>(k: string) => parts.filter((p) => p.k === k).map((p) => JSON.parse(p.j) as T)
      const json = of<Record<string, unknown>>('header')[0]
      if (!json) return undefined
      const header = { ...json } as unknown as HeaderRow
      for (const key of HEADER_DATES) header[key] = json[key] === null || json[key] === undefined ? null as never : utc(json[key]) as never
      for (const key of ['flags', 'escalated'] as const) header[key] = json[key] === null || json[key] === undefined ? null : typeof json[key] === 'string' ? json[key] as string : JSON.stringify(json[key])
      const lines = of<LineRow>('line')
      const payments = of<{ seq: number; method: string; amount_minor: number; applied_minor: number; reference: string | null }>('payment')
      const refunds = of<{ tender_seq: number; amount: number }>('refund')
      return {
        header: toHeader(header),
        lines: lines.map(toLine).sort((a, b) => a.lineNo - b.lineNo),
        payments: payments.sort((a, b) => a.seq - b.seq).map((p) => ({ seq: p.seq, method: p.method, amountMinor: p.amount_minor, appliedMinor: p.applied_minor, reference: p.reference })),
        refundedByTender: new Map(refunds.map((r) => [r.tender_seq, r.amount])),
      }
    },
    async addresses(orderId) {
      const rows = await sql.all<{ kind: string; name: string | null; company: string | null; line1: string | null; line2: string | null; city: string | null; region: string | null; postcode: string | null; country: string | null; phone: string | null }>(
        'SELECT kind, name, company, line1, line2, city, region, postcode, country, phone FROM addresses WHERE order_id = ?', [orderId],
      )
      return rows.map((r) => ({ ...r, kind: r.kind as 'shipping' }))
    },
    async insert(record, lines) {
      await appendRows(sql, 'returns', [returnRow(record)])
      await appendRows(sql, 'return_lines', lines.map((l) => ({
        id: `${record.id}:${l.seq}`, return_id: record.id, seq: l.seq, order_line_no: l.orderLineNo, sku: l.sku, quantity: l.quantity,
        received_quantity: l.receivedQuantity, reason: l.reason, condition: l.condition, location: l.location, value_minor: l.valueMinor,
      })))
    },
    async get(id) {
      const row = await sql.one<ReturnRow>(`SELECT ${RETURN_COLUMNS} FROM returns WHERE id = ?`, [id])
      if (!row) return undefined
      const lines = await sql.all<ReturnLineRow>('SELECT * FROM return_lines WHERE return_id = ?', [id])
      return { record: toReturn(row), lines: lines.map(toReturnLine).sort((a, b) => a.seq - b.seq) }
    },
    async complete(r, lines) {
      await sql.run(
        `UPDATE returns SET status = ?, value_minor = ?, refund_minor = ?, credited_minor = ?, method = ?, exchange_order_id = ?,
           window_overridden = ?, approved_by = ?, till_id = ?, till_session_id = ?, completed_at = ?::TIMESTAMP WHERE id = ?`,
        [r.status, r.valueMinor, r.refundMinor, r.creditedMinor, r.method, r.exchangeOrderId, r.windowOverridden, r.approvedBy, r.tillId, r.tillSessionId, r.completedAt, r.id],
      )
      for (const l of lines) {
        await sql.run(
          'UPDATE return_lines SET received_quantity = ?, condition = ?, location = ?, value_minor = ?, reason = ? WHERE id = ?',
          [l.receivedQuantity, l.condition, l.location, l.valueMinor, l.reason, `${r.id}:${l.seq}`],
        )
      }
    },
    async addRefunds(refunds) {
      await appendRows(sql, 'refunds', refunds.map((f) => ({
        id: f.id, return_id: f.returnId, order_id: f.orderId, method: f.method, amount_minor: f.amountMinor, tender_seq: f.tenderSeq,
        reference: f.reference, status: f.status, channel_refund_id: f.channelRefundId ?? null, till_id: f.tillId, till_session_id: f.tillSessionId, staff_id: f.staffId,
        station: f.station, created_at: f.createdAt,
      })))
    },
    async setRefundStatus(id, status, channelRefundId) {
      // The old status comes back too: a repeated outcome (a replayed job done twice) changes nothing.
      const before = await sql.one<{ order_id: string | null; method: string; amount_minor: number; status: string }>('SELECT order_id, method, amount_minor, status FROM refunds WHERE id = ?', [id])
      if (!before) return undefined
      await sql.run('UPDATE refunds SET status = ?, channel_refund_id = coalesce(?, channel_refund_id) WHERE id = ?', [status, channelRefundId ?? null, id])
      return { orderId: before.order_id, method: before.method, amountMinor: before.amount_minor, status: before.status as RefundStatus }
    },
    async channelRefunds(orderId) {
      const rows = await sql.all<{ id: string; method: string; amount_minor: number; status: string; channel_refund_id: string | null }>(
        'SELECT id, method, amount_minor, status, channel_refund_id FROM refunds WHERE order_id = ?', [orderId])
      return rows.filter((r) => r.method === 'channel').map((r) => ({ id: r.id, amountMinor: r.amount_minor, status: r.status as RefundStatus, channelRefundId: r.channel_refund_id }))
    },
    async addTillPayment(p) {
      // A negative payment in the till session: the till's figures count it as a refund (by method), and the
      // drawer's expected cash drops by it. It hangs off the return, so the sale's own payments stay as rung up.
      await appendRows(sql, 'payments', [{
        order_id: p.returnId, seq: p.seq, method: p.method, amount_minor: -p.amountMinor, applied_minor: -p.amountMinor,
        reference: p.reference, till_session_id: p.tillSessionId, occurred_at: p.at,
      }])
    },
  }
}

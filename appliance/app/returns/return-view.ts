/**
 * A return as the API answers it: the same shape for `POST /api/returns` (just taken) and
 * `GET /api/returns/{id}` (read back), so a screen can show either.
 */
import { formatVoucherCode } from '../../core/sale/voucher.js'
import type { ReturnLineRecord, ReturnRecord, ReturnRows, RefundRecord } from './ports.js'

export interface ReturnLineSummary {
  lineNo: number | null
  sku: string
  name: string | null
  quantity: number
  receivedQuantity: number
  reason: string
  condition: string | null
  location: string | null
  valueMinor: number
}

export interface RefundSummary {
  method: RefundRecord['method']
  amountMinor: number
  reference: string | null
  status: RefundRecord['status']
}

export interface ReturnSummary {
  id: string
  number: string
  kind: ReturnRecord['kind']
  status: ReturnRecord['status']
  /** The order's id (null: a return without a receipt). */
  order: string | null
  orderNumber: string | null
  channel: string | null
  /** Apportioned value of the returned units. */
  valueMinor: number
  /** Money or credit given back (exchange credit excluded). */
  refundMinor: number
  /** Counted against the order's payments (exchange credit included). */
  creditedMinor: number
  method: ReturnRecord['method']
  lines: ReturnLineSummary[]
  refunds: RefundSummary[]
  storeCredit: { code: string; formatted: string; amountMinor: number } | null
  exchange: { id: string; receiptNumber: string | null } | null
  approvedBy: string | null
  windowLastDay: string | null
  windowOverridden: boolean
  till: string | null
  staff: string | null
  staffName: string | null
  station: string | null
  createdAt: string
  completedAt: string | null
  printJobId: number | null
  labelPrintJobId: number | null
}

const lineSummary = (l: ReturnLineRecord & { name?: string | null }): ReturnLineSummary => ({
  lineNo: l.orderLineNo, sku: l.sku, name: l.name ?? null, quantity: l.quantity, receivedQuantity: l.receivedQuantity, reason: l.reason,
  condition: l.condition, location: l.location, valueMinor: l.valueMinor,
})

export function returnSummary(
  rows: Pick<ReturnRows, 'record' | 'lines' | 'refunds' | 'orderNumber' | 'exchangeNumber' | 'staffName' | 'labelPrintJobId'>,
  printJobId: number | null = null,
): ReturnSummary {
  const r = rows.record
  const credit = rows.refunds.find((f) => f.method === 'store-credit')
  return {
    id: r.id, number: r.number, kind: r.kind, status: r.status, order: r.orderId, orderNumber: rows.orderNumber, channel: r.channel,
    valueMinor: r.valueMinor, refundMinor: r.refundMinor, creditedMinor: r.creditedMinor, method: r.method,
    lines: rows.lines.map(lineSummary),
    refunds: rows.refunds.map((f) => ({ method: f.method, amountMinor: f.amountMinor, reference: f.reference, status: f.status })),
    storeCredit: credit?.reference ? { code: credit.reference, formatted: formatVoucherCode(credit.reference), amountMinor: credit.amountMinor } : null,
    exchange: r.exchangeOrderId ? { id: r.exchangeOrderId, receiptNumber: rows.exchangeNumber } : null,
    approvedBy: r.approvedBy, windowLastDay: r.windowLastDay, windowOverridden: r.windowOverridden, till: r.tillId, staff: r.staffId,
    staffName: rows.staffName, station: r.station, createdAt: r.createdAt.toISOString(), completedAt: r.completedAt?.toISOString() ?? null,
    printJobId, labelPrintJobId: rows.labelPrintJobId,
  }
}

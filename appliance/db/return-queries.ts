/** The returns desk's read side on reader connections: one return with its lines, refunds and labels. */
import type { RefundRecord, ReturnQueries, ReturnRows } from '../app/returns/ports.js'
import type { Database } from './database.js'
import { RETURN_COLUMNS, toReturn, toReturnLine, type ReturnLineRow, type ReturnRow } from './return-store.js'

interface RefundRow {
  id: string; return_id: string | null; order_id: string | null; method: string; amount_minor: number; tender_seq: number | null
  reference: string | null; status: string; till_id: string | null; till_session_id: string | null; staff_id: string | null
  station: string | null; created_at: Date
}

const toRefund = (r: RefundRow): RefundRecord => ({
  id: r.id, returnId: r.return_id, orderId: r.order_id, method: r.method as RefundRecord['method'], amountMinor: r.amount_minor,
  tenderSeq: r.tender_seq, reference: r.reference, status: r.status === 'queued' ? 'queued' : 'completed', tillId: r.till_id,
  tillSessionId: r.till_session_id, staffId: r.staff_id, station: r.station, createdAt: r.created_at,
})

export class DuckDbReturnQueries implements ReturnQueries {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<ReturnRows | undefined> {
    const sql = this.db.reader
    const row = await sql.one<ReturnRow>(`SELECT ${RETURN_COLUMNS} FROM returns WHERE id = ?`, [id])
      ?? (await sql.one<ReturnRow>(`SELECT ${RETURN_COLUMNS} FROM returns WHERE number = ?`, [id]))
    if (!row) return undefined
    const [lines, refunds, order, exchange, staff, label] = await Promise.all([
      this.db.reader.all<ReturnLineRow>('SELECT * FROM return_lines WHERE return_id = ?', [row.id]),
      this.db.reader.all<RefundRow>('SELECT * FROM refunds WHERE return_id = ?', [row.id]),
      row.order_id ? this.db.reader.one<{ number: string }>('SELECT number FROM orders WHERE id = ?', [row.order_id]) : undefined,
      row.exchange_order_id ? this.db.reader.one<{ number: string }>('SELECT number FROM orders WHERE id = ?', [row.exchange_order_id]) : undefined,
      row.staff_id ? this.db.reader.one<{ name: string }>('SELECT name FROM staff WHERE id = ?', [row.staff_id]) : undefined,
      row.kind === 'rma' ? this.db.reader.one<{ id: number }>("SELECT min(id) AS id FROM print_jobs WHERE kind = 'label' AND reference = ?", [row.number]) : undefined,
    ])
    const names = row.order_id
      ? new Map((await sql.all<{ line_no: number; name: string }>('SELECT line_no, name FROM order_lines WHERE order_id = ?', [row.order_id])).map((l) => [l.line_no, l.name]))
      : new Map<number, string>()
    return {
      record: toReturn(row),
      lines: lines.map(toReturnLine).sort((a, b) => a.seq - b.seq).map((l) => ({ ...l, name: l.orderLineNo === null ? null : (names.get(l.orderLineNo) ?? null) })),
      refunds: refunds.map(toRefund).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
      orderNumber: order?.number ?? null,
      exchangeNumber: exchange?.number ?? null,
      staffName: staff?.name ?? null,
      labelPrintJobId: label?.id ?? null,
    }
  }
}

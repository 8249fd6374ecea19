/**
 * The order book's read side on reader connections. Shaped by what DuckDB answers fast at a
 * million orders (measured: test/bench/orders.bench.ts):
 * - a one-column equality or a short IN list alone is answered from the ART index (~1–2 ms),
 *   but the same predicate with other filters, ORDER BY or LIMIT becomes a scan — so a
 *   search fetches its candidates by plain indexed lookups and the app filters and pages them;
 * - the unsearched list is a top-N over the table (placed_at zone maps), its page joined to
 *   customers afterwards (a join before the LIMIT would join a million rows);
 * - the order detail is one header query and one UNION ALL of point lookups.
 */
import type {
  AddressRecord,
  NotificationRow,
  OrderCursor,
  OrderDetailRows,
  OrderListFilters,
  OrderListRow,
  OrderLookup,
  OrderQueries,
  SavedViewRecord,
  ShipmentRecord,
} from '../app/orders/ports.js'
import type { OrderStatus } from '../core/orders/order-status.js'
import type { Database } from './database.js'
import { HEADER_COLUMNS, jsonList, marks, toHeader, toLine, type HeaderRow, type LineRow } from './order-rows.js'
import type { Param, Sql } from './sql.js'

const LIST_COLUMNS = `id, channel, account, number, channel_order_id, status, placed_at, customer_id, total_minor, coalesce(refunded_minor, 0) AS refunded_minor,
  currency, despatch_by, flags::VARCHAR AS flags`

interface ListRow {
  id: string; channel: string; account: string | null; number: string; channel_order_id: string | null; status: string; placed_at: Date; customer_id: string | null
  total_minor: number; refunded_minor: number; currency: string; despatch_by: Date | null; flags: string | null
}

const toListRow = (r: ListRow): OrderListRow => ({
  id: r.id, channel: r.channel, account: r.account, number: r.number, channelOrderId: r.channel_order_id, status: r.status as OrderStatus, placedAt: r.placed_at,
  customerId: r.customer_id, customerName: null, customerEmail: null, totalMinor: r.total_minor, refundedMinor: r.refunded_minor,
  currency: r.currency, despatchBy: r.despatch_by, flags: jsonList(r.flags), tags: [], itemCount: 0,
})

/** IN lists are chunked: past ~100 values the index stops paying. */
async function inChunks<T>(sql: Sql, query: (m: string) => string, values: readonly string[], size = 100): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < values.length; i += size) {
    const chunk = values.slice(i, i + size)
    out.push(...(await sql.all<T>(query(marks(chunk.length)), chunk)))
  }
  return out
}

function filterSql(f: OrderListFilters, after: OrderCursor | null): { where: string; params: Param[] } {
  const where: string[] = []
  const params: Param[] = []
  if (f.channels.length) { where.push(`channel IN (${marks(f.channels.length)})`); params.push(...f.channels) }
  if (f.accounts.length) { where.push(`account IN (${marks(f.accounts.length)})`); params.push(...f.accounts) }
  if (f.statuses.length) { where.push(`status IN (${marks(f.statuses.length)})`); params.push(...f.statuses) }
  if (f.tag) { where.push('id IN (SELECT order_id FROM order_tags WHERE tag = ?)'); params.push(f.tag) }
  if (f.from) { where.push('placed_at >= ?::TIMESTAMP'); params.push(f.from) }
  if (f.to) { where.push('placed_at < ?::TIMESTAMP'); params.push(f.to) }
  if (f.light) {
    where.push(`status IN (${marks(f.light.open.length)}) AND despatch_by IS NOT NULL`)
    params.push(...f.light.open)
    if (f.light.light === 'red') { where.push('despatch_by < ?::TIMESTAMP'); params.push(f.light.now) }
    else if (f.light.light === 'amber') { where.push('despatch_by >= ?::TIMESTAMP AND despatch_by <= ?::TIMESTAMP'); params.push(f.light.now, f.light.endOfToday) }
    else { where.push('despatch_by > ?::TIMESTAMP'); params.push(f.light.endOfToday) }
  }
  if (after) { where.push('placed_at <= ?::TIMESTAMP AND (placed_at < ?::TIMESTAMP OR id < ?)'); params.push(after.placedAt, after.placedAt, after.id) }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params }
}

/**
 * The rest of an order's page, in two UNION ALLs run side by side with the header on three
 * readers: each branch is an index lookup costing ~1 ms, and one statement of eleven took
 * ~10 ms on the critical path.
 */
const DETAIL_UNIONS = [`
  SELECT 'line' AS k, to_json(x)::VARCHAR AS j FROM (SELECT * FROM order_lines WHERE order_id = $1) x
  UNION ALL SELECT 'payment', to_json(x)::VARCHAR FROM (SELECT seq, method, amount_minor, applied_minor, reference FROM payments WHERE order_id = $1) x
  UNION ALL SELECT 'address', to_json(x)::VARCHAR FROM (SELECT * FROM addresses WHERE order_id = $1) x
  UNION ALL SELECT 'allocation', to_json(x)::VARCHAR FROM (SELECT line_no, sku, location, quantity FROM allocations WHERE order_id = $1 AND quantity > 0) x
  UNION ALL SELECT 'shipment', to_json(x)::VARCHAR FROM (SELECT * FROM shipments WHERE order_id = $1) x`, `
  SELECT 'note' AS k, to_json(x)::VARCHAR AS j FROM (SELECT * FROM order_notes WHERE order_id = $1) x
  UNION ALL SELECT 'tag', to_json(x)::VARCHAR FROM (SELECT tag FROM order_tags WHERE order_id = $1) x
  UNION ALL SELECT 'event', to_json(x)::VARCHAR FROM (SELECT occurred_at, seq, kind, summary, staff_id, station, reason, details FROM order_events WHERE order_id = $1) x
  UNION ALL SELECT 'return', to_json(x)::VARCHAR FROM (SELECT id, number, kind, status, refund_minor, credited_minor, created_at FROM returns WHERE order_id = $1) x
  UNION ALL SELECT 'refund', to_json(x)::VARCHAR FROM (SELECT id, return_id, method, amount_minor, reference, status, created_at FROM refunds WHERE order_id = $1) x
  UNION ALL SELECT 'staff', to_json(x)::VARCHAR FROM (SELECT id, name FROM staff) x`]

/** JSON timestamps come back as `2025-03-01 10:15:00` (UTC, no zone). */
const utc = (text: unknown): Date => new Date(`${String(text).replace(' ', 'T')}${/[Z+]/.test(String(text)) ? '' : 'Z'}`)

type Json = Record<string, unknown>
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
const num = (v: unknown): number => Number(v ?? 0)

export class DuckDbOrderQueries implements OrderQueries {
  constructor(private readonly db: Database) {}

  async page(filters: OrderListFilters, after: OrderCursor | null, limit: number): Promise<OrderListRow[]> {
    const { where, params } = filterSql(filters, after)
    const rows = await this.db.reader.all<ListRow>(`SELECT ${LIST_COLUMNS} FROM orders ${where} ORDER BY placed_at DESC, id DESC LIMIT ?`, [...params, limit])
    return rows.map(toListRow)
  }

  async lookup(lookup: OrderLookup, cap: number): Promise<OrderListRow[]> {
    const sql = this.db.reader
    const found = new Map<string, OrderListRow>()
    const add = (rows: ListRow[]) => rows.forEach((r) => found.size < cap && found.set(r.id, toListRow(r)))
    const byCustomers = async (ids: string[]) => add(await inChunks<ListRow>(sql, (m) => `SELECT ${LIST_COLUMNS} FROM orders WHERE customer_id IN (${m})`, ids))
    if (lookup.numbers.length) {
      add(await sql.all<ListRow>(`SELECT ${LIST_COLUMNS} FROM orders WHERE number IN (${marks(lookup.numbers.length)})`, lookup.numbers))
      add(await sql.all<ListRow>(`SELECT ${LIST_COLUMNS} FROM orders WHERE channel_order_id IN (${marks(lookup.numbers.length)})`, lookup.numbers))
    }
    if (lookup.email) await byCustomers((await sql.all<{ id: string }>('SELECT id FROM customers WHERE email = ?', [lookup.email])).map((r) => r.id))
    if (lookup.phone) await byCustomers((await sql.all<{ customer_id: string }>('SELECT customer_id FROM customer_phones WHERE phone_key = ?', [lookup.phone])).map((r) => r.customer_id))
    if (found.size === 0 && lookup.text) {
      const bySku = await sql.all<{ order_id: string }>('SELECT order_id FROM order_lines WHERE sku = ?', [lookup.text.toUpperCase()])
      const skuOrders = [...new Set(bySku.map((r) => r.order_id))].slice(0, cap)
      if (skuOrders.length) add(await inChunks<ListRow>(sql, (m) => `SELECT ${LIST_COLUMNS} FROM orders WHERE id IN (${m})`, skuOrders))
      const pattern = `%${lookup.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      const named = await sql.all<{ id: string }>("SELECT id FROM customers WHERE name ILIKE ? ESCAPE '\\' LIMIT 100", [pattern])
      if (named.length) await byCustomers(named.map((r) => r.id))
    }
    return [...found.values()]
  }

  async decorate(rows: OrderListRow[]): Promise<void> {
    if (rows.length === 0) return
    const sql = this.db.reader
    const ids = rows.map((r) => r.id)
    const customerIds = [...new Set(rows.flatMap((r) => (r.customerId ? [r.customerId] : [])))]
    const [customers, tags, items] = await Promise.all([
      customerIds.length ? sql.all<{ id: string; name: string | null; email: string | null }>(`SELECT id, name, email FROM customers WHERE id IN (${marks(customerIds.length)})`, customerIds) : [],
      this.db.reader.all<{ order_id: string; tag: string }>(`SELECT order_id, tag FROM order_tags WHERE order_id IN (${marks(ids.length)})`, ids),
      this.db.reader.all<{ order_id: string; quantity: number }>(`SELECT order_id, quantity FROM order_lines WHERE order_id IN (${marks(ids.length)})`, ids),
    ])
    const byCustomer = new Map(customers.map((c) => [c.id, c]))
    for (const row of rows) {
      const c = row.customerId ? byCustomer.get(row.customerId) : undefined
      row.customerName = c?.name ?? null
      row.customerEmail = c?.email ?? null
      row.tags = tags.filter((t) => t.order_id === row.id).map((t) => t.tag).sort()
      row.itemCount = items.filter((i) => i.order_id === row.id).reduce((s, i) => s + i.quantity, 0)
    }
  }

  async detail(id: string): Promise<OrderDetailRows | undefined> {
    const sql = this.db.reader
    // Three statements side by side on three readers: the header with its customer (one join,
    // not a lookup after it), and everything else the page shows in two UNION ALLs.
    const [header, ...unions] = await Promise.all([
      sql.one<HeaderRow & { gross_minor: number; discount_minor: number; vat_minor: number; shipping_minor: number | null; note: string | null; station: string | null; staff_id: string | null; till_id: string | null; deadline_source: string | null; cancelled_at: Date | null; created_at: Date; c_name: string | null; c_email: string | null; c_phone: string | null }>(
        `SELECT h.*, c.name AS c_name, c.email AS c_email, c.phone AS c_phone
         FROM (SELECT ${HEADER_COLUMNS}, gross_minor, discount_minor, vat_minor, shipping_minor, note, station, staff_id, till_id, deadline_source, cancelled_at, created_at FROM orders WHERE id = ?) h
         LEFT JOIN customers c ON c.id = h.customer_id`, [id],
      ),
      ...DETAIL_UNIONS.map((union) => this.db.reader.all<{ k: string; j: string }>(union, [id])),
    ])
    if (!header) return undefined
    const parts = unions.flat()
    const of = (k: string): Json[] => parts.filter((p) => p.k === k).map((p) => JSON.parse(p.j) as Json)
    const customer = header.customer_id ? { id: header.customer_id, name: header.c_name, email: header.c_email, phone: header.c_phone } : undefined
    const replacements = header.status === 'lost' || header.replacement_of
      ? await sql.all<{ id: string; number: string }>('SELECT id, number FROM orders WHERE replacement_of = ?', [id])
      : []
    const events = of('event').map((e) => ({
      occurredAt: utc(e.occurred_at), seq: num(e.seq), kind: String(e.kind), summary: String(e.summary), staffId: str(e.staff_id), station: str(e.station),
      reason: str(e.reason), details: typeof e.details === 'string' ? (JSON.parse(e.details) as unknown) : (e.details ?? null),
    }))
    const staff = of('staff').map((x) => ({ id: String(x.id), name: String(x.name) }))
    return {
      header: {
        ...toHeader(header), grossMinor: header.gross_minor, discountMinor: header.discount_minor, vatMinor: header.vat_minor, shippingMinor: header.shipping_minor ?? 0,
        note: header.note, station: header.station, staffId: header.staff_id, tillId: header.till_id, deadlineSource: header.deadline_source,
        cancelledAt: header.cancelled_at, createdAt: header.created_at,
      },
      customer: customer ?? null,
      lines: of('line').map((l) => toLine({ ...(l as unknown as LineRow), cancelled_quantity: num(l.cancelled_quantity), shipped_quantity: num(l.shipped_quantity), returned_quantity: num(l.returned_quantity), backordered: num(l.backordered), known_sku: l.known_sku !== false })).sort((a, b) => a.lineNo - b.lineNo),
      payments: of('payment').map((p) => ({ seq: num(p.seq), method: String(p.method), amountMinor: num(p.amount_minor), appliedMinor: num(p.applied_minor), reference: str(p.reference) })).sort((a, b) => a.seq - b.seq),
      addresses: of('address').map((a) => ({ kind: a.kind as AddressRecord['kind'], name: str(a.name), company: str(a.company), line1: str(a.line1), line2: str(a.line2), city: str(a.city), region: str(a.region), postcode: str(a.postcode), country: str(a.country), phone: str(a.phone) })),
      allocations: of('allocation').map((a) => ({ lineNo: num(a.line_no), sku: String(a.sku), location: String(a.location), quantity: num(a.quantity) })),
      shipments: of('shipment').map((s): ShipmentRecord => ({
        id: String(s.id), orderId: id, status: s.status as ShipmentRecord['status'], carrier: str(s.carrier), service: str(s.service), trackingNumber: str(s.tracking_number),
        lines: (typeof s.lines === 'string' ? JSON.parse(s.lines) : s.lines) as ShipmentRecord['lines'], shippedAt: utc(s.shipped_at), staffId: str(s.staff_id),
      })),
      notes: of('note').map((n) => ({ id: String(n.id), body: String(n.body), createdAt: utc(n.created_at), staffId: str(n.staff_id), station: str(n.station) })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
      tags: of('tag').map((t) => String(t.tag)).sort(),
      events: events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq),
      returns: of('return').map((r) => ({ id: String(r.id), number: String(r.number), kind: String(r.kind), status: String(r.status), refundMinor: num(r.refund_minor), creditedMinor: num(r.credited_minor), createdAt: utc(r.created_at) })),
      refunds: of('refund').map((r) => ({ id: String(r.id), returnId: str(r.return_id), method: String(r.method), amountMinor: num(r.amount_minor), reference: str(r.reference), status: String(r.status), createdAt: utc(r.created_at) })),
      replacements,
      staffNames: Object.fromEntries(staff.map((s) => [s.id, s.name])),
    }
  }

  async setting(key: string): Promise<unknown> {
    const row = await this.db.reader.one<{ v: string }>('SELECT value::VARCHAR AS v FROM settings WHERE key = ?', [key])
    return row ? (JSON.parse(row.v) as unknown) : undefined
  }

  async locations() {
    const rows = await this.db.reader.all<{ id: string; name: string; kind: string; sellable: boolean; fulfils_online: boolean; walk_order: number }>('SELECT id, name, kind, sellable, fulfils_online, walk_order FROM locations')
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, sellable: r.sellable, fulfilsOnline: r.fulfils_online, walkOrder: r.walk_order }))
  }

  async savedViews(staffId: string): Promise<SavedViewRecord[]> {
    const rows = await this.db.reader.all<{ id: string; name: string; filters: string; staff_id: string | null; created_at: Date }>(
      'SELECT id, name, filters::VARCHAR AS filters, staff_id, created_at FROM saved_views WHERE staff_id = ? OR staff_id IS NULL ORDER BY name', [staffId],
    )
    return rows.map((r) => ({ id: r.id, name: r.name, filters: JSON.parse(r.filters) as Record<string, unknown>, staffId: r.staff_id, createdAt: r.created_at }))
  }

  async notifications(options: { audience: Array<'managers' | 'staff'>; unreadOnly: boolean; limit: number }): Promise<NotificationRow[]> {
    const rows = await this.db.reader.all<{ id: string; created_at: Date; audience: string; kind: string; severity: string; message: string; order_id: string | null; rule_key: string | null; read_at: Date | null; read_by: string | null }>(
      `SELECT * FROM notifications WHERE audience IN (${marks(options.audience.length)}) ${options.unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY created_at DESC, id LIMIT ?`,
      [...options.audience, options.limit],
    )
    return rows.map((r) => ({
      id: r.id, createdAt: r.created_at, audience: r.audience as 'managers', kind: r.kind, severity: r.severity as 'info', message: r.message,
      orderId: r.order_id, ruleKey: r.rule_key, readAt: r.read_at, readBy: r.read_by,
    }))
  }

  async backordered(skus?: readonly string[]): Promise<string[]> {
    if (!skus) return (await this.db.reader.all<{ sku: string }>('SELECT DISTINCT sku FROM order_lines WHERE backordered > 0')).map((r) => r.sku)
    const out: string[] = []
    for (const sku of skus) {
      const rows = await this.db.reader.all<{ backordered: number }>('SELECT backordered FROM order_lines WHERE sku = ?', [sku])
      if (rows.some((r) => r.backordered > 0)) out.push(sku)
    }
    return out
  }

  async dueForEscalation(until: Date, open: readonly string[], limit: number) {
    const rows = await this.db.reader.all<HeaderRow>(
      `SELECT ${HEADER_COLUMNS} FROM orders WHERE despatch_by <= ?::TIMESTAMP AND status IN (${marks(open.length)}) ORDER BY despatch_by LIMIT ?`, [until, ...open, limit],
    )
    return rows.map(toHeader)
  }
}

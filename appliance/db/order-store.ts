/** The DuckDB side of the order book's write ports, inside one serial-writer transaction. */
import { randomUUID } from 'node:crypto'
import type { AllocationRecord, OrderPatch, OrderStore, OutboxStore } from '../app/orders/ports.js'
import type { OrderStatus } from '../core/orders/order-status.js'
import { appendRows } from './appender.js'
import { HEADER_COLUMNS, jsonList, LINE_COLUMNS, marks, toAllocation, toHeader, toLine, type AllocationRow, type HeaderRow, type LineRow } from './order-rows.js'
import type { Param, Sql } from './sql.js'
import type { Tx } from './serial-writer.js'
import { levelId } from './tx-stores.js'

const PATCH_COLUMNS: Record<keyof OrderPatch, { column: string; cast?: string; json?: boolean }> = {
  status: { column: 'status' },
  account: { column: 'account' },
  channelStatus: { column: 'channel_status' },
  channelUpdatedAt: { column: 'channel_updated_at', cast: 'TIMESTAMP' },
  despatchBy: { column: 'despatch_by', cast: 'TIMESTAMP' },
  deliverBy: { column: 'deliver_by', cast: 'TIMESTAMP' },
  deadlineSource: { column: 'deadline_source' },
  refundedMinor: { column: 'refunded_minor' },
  paidMinor: { column: 'paid_minor' },
  shippedAt: { column: 'shipped_at', cast: 'TIMESTAMP' },
  deliveredAt: { column: 'delivered_at', cast: 'TIMESTAMP' },
  cancelledAt: { column: 'cancelled_at', cast: 'TIMESTAMP' },
  flags: { column: 'flags', json: true },
  escalated: { column: 'escalated', json: true },
}

const LINE_PATCH: Record<string, string> = {
  backordered: 'backordered', cancelledQuantity: 'cancelled_quantity', shippedQuantity: 'shipped_quantity',
  returnedQuantity: 'returned_quantity', location: 'location',
}

const allocationId = (orderId: string, r: Pick<AllocationRecord, 'lineNo' | 'location'>) => `${orderId}:${r.lineNo}@${r.location}`

/**
 * Inserts rows by column name in one statement. Used for the sale tables (orders, lines,
 * payments) instead of the appender: the appender lays rows out by a column list it reads once
 * per connection, which a later ALTER TABLE (other work extends these tables) would leave stale.
 * Imports and phone orders are not the till's hot path; the till's own sale writes append.
 */
async function insertRows(sql: Tx['sql'], table: string, rows: ReadonlyArray<Record<string, Param>>): Promise<void> {
  const first = rows[0]
  if (!first) return
  const columns = Object.keys(first)
  const params: Param[] = []
  const tuples = rows.map((row) => `(${columns.map((c) => {
    const value = row[c] ?? null
    params.push(value)
    return value instanceof Date ? '?::TIMESTAMP' : '?'
  }).join(', ')})`)
  await sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params)
}

/**
 * The highest return number used: the newest return's, or what the settings counter reached
 * (return numbers were counted there before they were counted in memory).
 */
async function lastReturnNumber(sql: Sql): Promise<number> {
  const row = await sql.one<{ n: number }>(
    `SELECT greatest(
       coalesce((SELECT value::VARCHAR::BIGINT FROM settings WHERE key = 'counter.returns'), 0),
       coalesce((SELECT max(TRY_CAST(substr(number, 3) AS BIGINT)) FROM returns WHERE number LIKE 'R-%'), 0)) AS n`,
  )
  return row?.n ?? 0
}

export function orderStore(tx: Tx): OrderStore {
  const sql = tx.sql
  return {
    async insert(o, lines, payments, addresses, now) {
      await insertRows(sql, 'orders', [{
        id: o.id, channel: o.channel, account: o.account ?? null, channel_order_id: o.channelOrderId, number: o.number, status: o.status, placed_at: o.placedAt,
        business_day: null, customer_id: o.customerId, currency: o.currency, gross_minor: o.grossMinor, discount_minor: o.discountMinor,
        total_minor: o.totalMinor, vat_minor: o.vatMinor, paid_minor: o.paidMinor, change_minor: 0, discounts: '[]', till_id: null,
        till_session_id: null, station: o.station, staff_id: o.staffId, approved_by: null, note: o.note, created_at: now,
        shipping_method: o.shippingMethod, shipping_minor: o.shippingMinor, fulfilled_by: o.fulfilledBy, channel_status: o.channelStatus,
        channel_updated_at: o.channelUpdatedAt, despatch_by: o.despatchBy, deliver_by: o.deliverBy, deadline_source: o.deadlineSource,
        refunded_minor: 0, shipped_at: o.shippedAt, delivered_at: null, cancelled_at: o.cancelledAt, replacement_of: o.replacementOf,
        flags: JSON.stringify(o.flags), escalated: '[]', updated_at: now,
      }])
      await insertRows(sql, 'order_lines', lines.map((l) => ({
        order_id: o.id, line_no: l.lineNo, kind: 'goods', sku: l.sku, name: l.name, barcode: null, quantity: l.quantity, weight_grams: null,
        price_per_kg_minor: null, list_unit_price_minor: l.unitPriceMinor, unit_price_minor: l.unitPriceMinor, override_reason: null,
        gross_minor: l.grossMinor, line_discount_minor: l.discountMinor, line_discount_reason: null, basket_discount_minor: 0,
        total_minor: l.totalMinor, vat_rate_bp: l.vatRateBp, vat_minor: l.vatMinor, location: null, voucher_code: null,
        channel_line_id: l.channelLineId, backordered: l.backordered, cancelled_quantity: l.cancelledQuantity,
        shipped_quantity: l.shippedQuantity, returned_quantity: 0, known_sku: l.knownSku,
      })))
      await insertRows(sql, 'payments', payments.map((p) => ({
        order_id: o.id, seq: p.seq, method: p.method, amount_minor: p.amountMinor, applied_minor: p.appliedMinor,
        reference: p.reference, till_session_id: null, occurred_at: now,
      })))
      await appendRows(sql, 'addresses', addresses.map((a) => ({ id: `${o.id}:${a.kind}`, order_id: o.id, ...a })))
    },
    async header(id) {
      const row = await sql.one<HeaderRow>(`SELECT ${HEADER_COLUMNS} FROM orders WHERE id = ?`, [id])
      return row && toHeader(row)
    },
    async byChannelId(channel, channelOrderId, account = null) {
      const rows = (await sql.all<HeaderRow>(`SELECT ${HEADER_COLUMNS} FROM orders WHERE channel_order_id = ?`, [channelOrderId])).filter((r) => r.channel === channel)
      const row = account === null ? rows[0] : (rows.find((r) => r.account === account) ?? rows.find((r) => r.account === null))
      return row && toHeader(row)
    },
    async idsByRef(refs) {
      if (refs.length === 0) return []
      // One-column lookups, each answered from its index (an OR across them would scan), in the
      // order a desk meets them: our id (the order page), a receipt or order number, the channel's id.
      for (const column of ['id', 'number', 'channel_order_id']) {
        const rows = await sql.all<{ id: string }>(`SELECT id FROM orders WHERE ${column} IN (${marks(refs.length)})`, refs)
        if (rows.length) return [...new Set(rows.map((r) => r.id))]
      }
      return []
    },
    async lines(orderId) {
      const rows = await sql.all<LineRow>(`SELECT ${LINE_COLUMNS} FROM order_lines WHERE order_id = ?`, [orderId])
      return rows.map(toLine).sort((a, b) => a.lineNo - b.lineNo)
    },
    async allocations(orderId) {
      const rows = await sql.all<AllocationRow>('SELECT line_no, sku, location, quantity FROM allocations WHERE order_id = ? AND quantity > 0', [orderId])
      return rows.map(toAllocation)
    },
    async update(orderId, patch, now) {
      const sets: string[] = []
      const params: Param[] = []
      for (const [key, value] of Object.entries(patch) as Array<[keyof OrderPatch, OrderPatch[keyof OrderPatch]]>) {
        const spec = PATCH_COLUMNS[key]
        if (!spec || value === undefined) continue
        sets.push(`${spec.column} = ?${spec.cast ? `::${spec.cast}` : spec.json ? '::JSON' : ''}`)
        params.push(spec.json ? JSON.stringify(value) : (value as Param))
      }
      sets.push('updated_at = ?::TIMESTAMP')
      await sql.run(`UPDATE orders SET ${sets.join(', ')} WHERE id = ?`, [...params, now, orderId])
    },
    async updateLine(orderId, lineNo, patch) {
      const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && LINE_PATCH[k])
      if (entries.length === 0) return
      // Filtered on order_id alone so the index answers it (`order_id = ? AND line_no = ?` scanned the
      // table: ~5 ms at two million lines); the line is picked out in the SET.
      await sql.run(
        `UPDATE order_lines SET ${entries.map(([k]) => `${LINE_PATCH[k]} = CASE WHEN line_no = ? THEN ? ELSE ${LINE_PATCH[k]} END`).join(', ')} WHERE order_id = ?`,
        [...entries.flatMap(([, v]) => [lineNo, v as Param]), orderId],
      )
    },
    async saveAllocations(orderId, rows, now) {
      const existing = new Map((await sql.all<{ id: string; quantity: number }>('SELECT id, quantity FROM allocations WHERE order_id = ?', [orderId])).map((r) => [r.id, r.quantity]))
      const wanted = new Map(rows.map((r) => [allocationId(orderId, r), r]))
      // Rows are zeroed, never deleted: DuckDB refuses deleting and re-inserting one key in a transaction.
      for (const [id, quantity] of existing) {
        const next = wanted.get(id)?.quantity ?? 0
        if (next !== quantity) await sql.run('UPDATE allocations SET quantity = ?, updated_at = ?::TIMESTAMP WHERE id = ?', [next, now, id])
      }
      const fresh = rows.filter((r) => !existing.has(allocationId(orderId, r)) && r.quantity > 0)
      await appendRows(sql, 'allocations', fresh.map((r) => ({ id: allocationId(orderId, r), order_id: orderId, line_no: r.lineNo, sku: r.sku, location: r.location, quantity: r.quantity, updated_at: now })))
    },
    async applyAllocationDeltas(deltas, now) {
      const out = []
      for (const d of deltas) {
        const id = levelId(d.sku, d.location)
        let row = await sql.one<{ on_hand: number; allocated: number }>(
          'UPDATE stock_levels SET allocated = allocated + ?, updated_at = ?::TIMESTAMP WHERE id = ? RETURNING on_hand, allocated',
          [d.quantity, now, id],
        )
        if (!row) {
          await sql.run('INSERT INTO stock_levels VALUES (?, ?, ?, 0, ?, false, ?::TIMESTAMP)', [id, d.sku, d.location, d.quantity, now])
          row = { on_hand: 0, allocated: d.quantity }
        }
        out.push({ ...d, onHand: row.on_hand, allocated: row.allocated })
      }
      return out
    },
    async levels(skus, locations) {
      const ids = skus.flatMap((sku) => locations.map((l) => levelId(sku, l)))
      if (ids.length === 0) return []
      const rows = await sql.all<{ sku: string; location: string; on_hand: number; allocated: number }>(
        `SELECT sku, location, on_hand, allocated FROM stock_levels WHERE id IN (${marks(ids.length)})`, ids,
      )
      return rows.map((r) => ({ sku: r.sku, location: r.location, onHand: r.on_hand, allocated: r.allocated }))
    },
    async backorders(skus) {
      const ids = new Set<string>()
      for (const sku of skus) {
        for (const r of await sql.all<{ order_id: string; backordered: number }>('SELECT order_id, backordered FROM order_lines WHERE sku = ?', [sku])) {
          if (r.backordered > 0) ids.add(r.order_id)
        }
      }
      if (ids.size === 0) return []
      const list = [...ids]
      const rows = await sql.all<{ id: string; placed_at: Date; despatch_by: Date | null; status: string }>(
        `SELECT id, placed_at, despatch_by, status FROM orders WHERE id IN (${marks(list.length)})`, list,
      )
      return rows.map((r) => ({ orderId: r.id, placedAt: r.placed_at, despatchBy: r.despatch_by, status: r.status as OrderStatus }))
    },
    async addEvents(events) {
      await appendRows(sql, 'order_events', events.map((e, seq) => ({
        id: randomUUID(), order_id: e.orderId, occurred_at: e.occurredAt, seq, kind: e.kind, summary: e.summary,
        staff_id: e.actor?.staffId ?? null, station: e.actor?.station ?? null, reason: e.reason ?? null,
        details: e.details ? JSON.stringify(e.details) : null,
      })))
    },
    async addTag(orderId, tag, actor, now) {
      const id = `${orderId}#${tag}`
      if (await sql.one('SELECT 1 AS x FROM order_tags WHERE id = ?', [id])) return false
      await appendRows(sql, 'order_tags', [{ id, order_id: orderId, tag, added_at: now, staff_id: actor?.staffId ?? null }])
      return true
    },
    async removeTag(orderId, tag) {
      const row = await sql.one<{ id: string }>('DELETE FROM order_tags WHERE id = ? RETURNING id', [`${orderId}#${tag}`])
      return row !== undefined
    },
    async addNote(orderId, body, actor, now) {
      const id = randomUUID()
      await appendRows(sql, 'order_notes', [{ id, order_id: orderId, body, created_at: now, staff_id: actor.staffId, station: actor.station }])
      return id
    },
    async addShipment(sh) {
      await appendRows(sql, 'shipments', [{
        id: sh.id, order_id: sh.orderId, status: sh.status, carrier: sh.carrier, service: sh.service, tracking_number: sh.trackingNumber,
        lines: JSON.stringify(sh.lines), shipped_at: sh.shippedAt, delivered_at: null, lost_at: null, staff_id: sh.staffId,
      }])
    },
    async shipments(orderId) {
      const rows = await sql.all<{ id: string; status: string; carrier: string | null; service: string | null; tracking_number: string | null; lines: string; shipped_at: Date; staff_id: string | null }>(
        'SELECT id, status, carrier, service, tracking_number, lines::VARCHAR AS lines, shipped_at, staff_id FROM shipments WHERE order_id = ?', [orderId],
      )
      return rows.map((r) => ({
        id: r.id, orderId, status: r.status as 'shipped', carrier: r.carrier, service: r.service, trackingNumber: r.tracking_number,
        lines: JSON.parse(r.lines) as never, shippedAt: r.shipped_at, staffId: r.staff_id,
      }))
    },
    async setShipmentStatus(id, status, at) {
      const column = status === 'delivered' ? 'delivered_at' : status === 'lost' ? 'lost_at' : 'shipped_at'
      await sql.run(`UPDATE shipments SET status = ?, ${column} = ?::TIMESTAMP WHERE id = ?`, [status, at, id])
    },
    async addNotification(n) {
      await appendRows(sql, 'notifications', [{
        id: n.id, created_at: n.createdAt, audience: n.audience, kind: n.kind, severity: n.severity, message: n.message,
        order_id: n.orderId, rule_key: n.ruleKey, read_at: null, read_by: null,
      }])
    },
    async escalatedOf(orderIds) {
      if (orderIds.length === 0) return new Map()
      const rows = await sql.all<{ id: string; escalated: string | null }>(`SELECT id, escalated::VARCHAR AS escalated FROM orders WHERE id IN (${marks(orderIds.length)})`, orderIds)
      return new Map(rows.map((r) => [r.id, jsonList(r.escalated)]))
    },
    async customerFor(c, now) {
      const remember = async (id: string) => {
        if (!c.phoneKey || (await sql.one('SELECT 1 AS x FROM customer_phones WHERE id = ?', [`${c.phoneKey} ${id}`]))) return
        await appendRows(sql, 'customer_phones', [{ id: `${c.phoneKey} ${id}`, phone_key: c.phoneKey, customer_id: id }])
      }
      if (c.email) {
        const found = await sql.one<{ id: string }>('SELECT id FROM customers WHERE email = ? LIMIT 1', [c.email])
        if (found) {
          await remember(found.id)
          return found.id
        }
      } else if (c.phoneKey) {
        const found = await sql.one<{ customer_id: string }>('SELECT customer_id FROM customer_phones WHERE phone_key = ? LIMIT 1', [c.phoneKey])
        if (found) return found.customer_id
      }
      const id = randomUUID()
      await appendRows(sql, 'customers', [{ id, name: c.name, email: c.email, phone: c.phone, created_at: now }])
      await remember(id)
      return id
    },
    async nextNumber(counter) {
      // Return numbers are counted by the writer (a settings UPDATE cost ~3 ms of every return).
      if (counter === 'returns') return tx.next('counter.returns', () => lastReturnNumber(sql))
      const key = `counter.${counter}`
      const row = await sql.one<{ n: number }>("UPDATE settings SET value = to_json(value::VARCHAR::BIGINT + 1) WHERE key = ? RETURNING value::VARCHAR::BIGINT AS n", [key])
      if (row) return row.n
      await sql.run("INSERT INTO settings VALUES (?, '1'::JSON)", [key])
      return 1
    },
    async locations() {
      const rows = await sql.all<{ id: string; name: string; kind: string; sellable: boolean; fulfils_online: boolean; walk_order: number }>(
        'SELECT id, name, kind, sellable, fulfils_online, walk_order FROM locations',
      )
      return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, sellable: r.sellable, fulfilsOnline: r.fulfils_online, walkOrder: r.walk_order }))
    },
    async copyAddresses(from, to) {
      await sql.run(
        `INSERT INTO addresses SELECT ? || ':' || kind, ?, kind, name, company, line1, line2, city, region, postcode, country, phone
         FROM addresses WHERE order_id = ?`, [to, to, from],
      )
    },
    async saveView(v) {
      await appendRows(sql, 'saved_views', [{ id: v.id, name: v.name, filters: JSON.stringify(v.filters), staff_id: v.staffId, created_at: v.createdAt }])
    },
    async deleteView(id, staffId) {
      const row = await sql.one<{ id: string }>('DELETE FROM saved_views WHERE id = ? AND (staff_id = ? OR staff_id IS NULL) RETURNING id', [id, staffId])
      return row !== undefined
    },
    async markNotificationRead(id, staffId, at) {
      const row = await sql.one<{ id: string }>('UPDATE notifications SET read_at = ?::TIMESTAMP, read_by = ? WHERE id = ? AND read_at IS NULL RETURNING id', [at, staffId, id])
      return row !== undefined
    },
  }
}

export function outboxStore(tx: Tx): OutboxStore {
  return {
    async enqueue(m, now) {
      const id = randomUUID()
      await appendRows(tx.sql, 'sync_outbox', [{
        id, channel: m.channel, account: m.account, kind: m.kind, payload: JSON.stringify(m.payload), idempotency_key: m.idempotencyKey,
        status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, created_at: now, reference: m.reference,
      }])
      return id
    },
  }
}

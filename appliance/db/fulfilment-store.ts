/** The DuckDB side of pick, pack and ship's write port, inside one serial-writer transaction. */
import type { FulfilmentStore, ListTally, PickCandidateRow } from '../app/fulfilment/ports.js'
import type { OrderStatus } from '../core/orders/order-status.js'
import { appendRows } from './appender.js'
import {
  bareTasks, fulfilmentReads, JSON_IDS, LIST_COLUMNS, listRecord, nameTasks, packingOf, TASK_COLUMNS, toBareTasks, type ListRow, type TaskRow,
} from './fulfilment-reads.js'
import type { Param } from './sql.js'
import type { Tx } from './serial-writer.js'

interface CandidateRow {
  id: string; number: string; status: string; channel: string; fulfilled_by: string | null; shipping_method: string | null
  despatch_by: Date | null; placed_at: Date; line_no: number; sku: string; location: string; location_walk: number
  quantity: number; bin: string | null; zone: string | null; bin_walk: number | null
}

/**
 * Allocations of the chosen orders with their bins, less what is on pick lists already
 * (a line re-allocated after a pick exception is planned again only for the new units).
 * One statement for the whole wave: the orders filter is a JSON list or the queue's status.
 */
const CANDIDATES = (filter: string) => `
  WITH wanted AS (
    SELECT id, number, status, channel, fulfilled_by, shipping_method, despatch_by, placed_at FROM orders WHERE ${filter}
  ),
  planned AS (
    SELECT order_id, line_no, location, sum(quantity - short_quantity) AS units
    FROM pick_tasks WHERE order_id IN (SELECT id FROM wanted) GROUP BY ALL
  )
  SELECT w.*, a.line_no, a.sku, a.location, coalesce(l.walk_order, 0) AS location_walk,
    a.quantity - coalesce(p.units, 0) AS quantity, pb.bin, b.zone, b.walk_order AS bin_walk
  FROM wanted w
  JOIN allocations a ON a.order_id = w.id AND a.quantity > 0
  LEFT JOIN planned p ON p.order_id = a.order_id AND p.line_no = a.line_no AND p.location = a.location
  LEFT JOIN product_bins pb ON pb.id = a.sku || '@' || a.location
  LEFT JOIN bins b ON b.id = pb.bin
  LEFT JOIN locations l ON l.id = a.location`

export function fulfilmentStore(tx: Tx): FulfilmentStore {
  const sql = tx.sql
  return {
    ...fulfilmentReads(sql),
    async pickCandidates(orderIds) {
      const rows = orderIds === null
        ? await sql.all<CandidateRow>(CANDIDATES(`status = 'allocated' AND coalesce(fulfilled_by, 'merchant') = 'merchant'`))
        : await sql.all<CandidateRow>(CANDIDATES(`id IN ${JSON_IDS}`), [JSON.stringify(orderIds)])
      return rows.map((r): PickCandidateRow => ({
        orderId: r.id, number: r.number, status: r.status as OrderStatus, channel: r.channel, fulfilledBy: r.fulfilled_by ?? 'merchant',
        shippingMethod: r.shipping_method, despatchBy: r.despatch_by, placedAt: r.placed_at, lineNo: r.line_no, sku: r.sku, location: r.location,
        locationWalk: r.location_walk, quantity: r.quantity, bin: r.bin, zone: r.zone, binWalk: r.bin_walk,
      }))
    },
    async orderStatuses(refs) {
      if (refs.length === 0) return []
      const rows = await sql.all<{ id: string; number: string; status: string }>(`SELECT id, number, status FROM orders WHERE id IN ${JSON_IDS}`, [JSON.stringify(refs)])
      return rows.map((r) => ({ ref: r.id, id: r.id, number: r.number, status: r.status as OrderStatus }))
    },
    async reserveNumbers(counter, n) {
      const key = `counter.${counter}`
      const row = await sql.one<{ n: number }>('UPDATE settings SET value = to_json(value::VARCHAR::BIGINT + ?) WHERE key = ? RETURNING value::VARCHAR::BIGINT AS n', [n, key])
      if (row) return row.n - n + 1
      await sql.run('INSERT INTO settings VALUES (?, ?::JSON)', [key, String(n)])
      return 1
    },
    async insertWave(wave, lists, tasks) {
      await appendRows(sql, 'waves', [{ id: wave.id, number: wave.number, method: wave.method, order_count: wave.orderCount, staff_id: wave.staffId, station: wave.station, created_at: wave.createdAt }])
      await appendRows(sql, 'pick_lists', lists.map((l) => ({
        id: l.id, number: l.number, wave_id: l.waveId, method: l.method, zone: l.zone, picker_id: l.pickerId, picker_name: l.pickerName, tote: null, status: 'open',
        current_bin: null, created_at: l.createdAt, started_at: null, finished_at: null,
      })))
      await appendRows(sql, 'pick_tasks', tasks.map((t) => ({
        id: t.id, pick_list_id: t.pickListId, seq: t.seq, order_id: t.orderId, order_number: t.orderNumber, line_no: t.lineNo, sku: t.sku, location: t.location, bin: t.bin,
        quantity: t.quantity, picked_quantity: 0, short_quantity: 0, status: 'open', exception: null, tote: null, picked_by: null, picked_at: null,
      })))
    },
    async markPicked(orderId, now) {
      const row = await sql.one("UPDATE orders SET status = 'picked', updated_at = ?::TIMESTAMP WHERE id = ? AND status = 'picking' RETURNING id", [now, orderId])
      return row !== undefined
    },
    async setOrderStatuses(orderIds, status, now) {
      if (orderIds.length === 0) return
      await sql.run(`UPDATE orders SET status = ?, updated_at = ?::TIMESTAMP WHERE id IN ${JSON_IDS}`, [status, now, JSON.stringify(orderIds)])
    },
    async updateList(id, patch) {
      const columns: Record<string, [string, string]> = {
        status: ['status', ''], currentBin: ['current_bin', ''], tote: ['tote', ''], startedAt: ['started_at', '::TIMESTAMP'], finishedAt: ['finished_at', '::TIMESTAMP'],
      }
      const sets: string[] = []
      const params: Param[] = []
      for (const [key, value] of Object.entries(patch)) {
        const spec = columns[key]
        if (!spec || value === undefined) continue
        sets.push(`${spec[0]} = ?${spec[1]}`)
        params.push(value as Param)
      }
      if (sets.length) await sql.run(`UPDATE pick_lists SET ${sets.join(', ')} WHERE id = ?`, [...params, id])
    },
    async updateTask(id, p) {
      await sql.run(
        `UPDATE pick_tasks SET picked_quantity = ?, short_quantity = ?, status = ?, exception = coalesce(?, exception), tote = ?, picked_by = ?, picked_at = ?::TIMESTAMP WHERE id = ?`,
        [p.pickedQuantity, p.shortQuantity, p.status, p.exception ?? null, p.tote, p.pickedBy, p.pickedAt, id],
      )
    },
    async bin(id) {
      const r = await sql.one<{ id: string; location: string; zone: string; walk_order: number }>('SELECT id, location, zone, walk_order FROM bins WHERE id = ? AND active', [id.trim().toUpperCase()])
      return r && { id: r.id, location: r.location, zone: r.zone, walkOrder: r.walk_order }
    },
    async productForCode(code) {
      const text = code.trim()
      const owner = await sql.one<{ sku: string }>('SELECT sku FROM barcodes WHERE barcode = ?', [text])
      const sku = owner?.sku ?? text
      const product = await sql.one<{ sku: string; name: string }>('SELECT sku, name FROM products WHERE sku = ?', [sku])
      return product ?? (owner ? undefined : (await sql.one<{ sku: string; name: string }>('SELECT sku, name FROM products WHERE sku = ?', [text.toUpperCase()])))
    },
    async openTaskElsewhere(sku, notList) {
      const r = await sql.one<{ order_id: string; pick_list_id: string }>(
        `SELECT order_id, pick_list_id FROM pick_tasks WHERE sku = ? AND status = 'open' AND pick_list_id <> ? LIMIT 1`, [sku, notList])
      if (!r) return undefined
      const [order, list] = await Promise.all([
        sql.one<{ number: string }>('SELECT number FROM orders WHERE id = ?', [r.order_id]),
        sql.one<{ number: string }>('SELECT number FROM pick_lists WHERE id = ?', [r.pick_list_id]),
      ])
      return { orderNumber: order?.number ?? r.order_id, list: list?.number ?? r.pick_list_id }
    },
    orderTasks: (orderId) => bareTasks(sql, 'order_id', orderId),
    bareTasks: (pickListId, only) => bareTasks(sql, 'pick_list_id', pickListId, only),
    async tally(pickListId) {
      const r = await sql.one<{ orders: number; tasks: number; done: number; units: number | null; picked: number | null }>(
        `SELECT count(DISTINCT order_id) AS orders, count(*) AS tasks, count(*) FILTER (WHERE status <> 'open') AS done,
           sum(quantity - short_quantity)::BIGINT AS units, sum(picked_quantity)::BIGINT AS picked FROM pick_tasks WHERE pick_list_id = ?`, [pickListId])
      return { orders: r?.orders ?? 0, tasks: r?.tasks ?? 0, done: r?.done ?? 0, units: r?.units ?? 0, pickedUnits: r?.picked ?? 0 }
    },
    async scanContext(pickListId, sku) {
      // Uncorrelated subqueries on the parameter: each is one indexed read, run once.
      const row = await sql.one<ListRow & { tally: string; tasks: string | null }>(
        `SELECT ${LIST_COLUMNS},
           (SELECT to_json({orders: count(DISTINCT order_id), tasks: count(*), done: count(*) FILTER (WHERE status <> 'open'),
              units: coalesce(sum(quantity - short_quantity), 0), pickedUnits: coalesce(sum(picked_quantity), 0)})
            FROM pick_tasks WHERE pick_list_id = ?)::VARCHAR AS tally,
           (SELECT to_json(list({${TASK_COLUMNS.split(', ').map((c) => `${c}: ${c}`).join(', ')}}))
            FROM pick_tasks WHERE pick_list_id = ? AND sku = ?)::VARCHAR AS tasks
         FROM pick_lists WHERE id = ?`,
        [pickListId, pickListId, sku, pickListId],
      )
      if (!row) return undefined
      return { list: listRecord(row, row.picker_name), tally: JSON.parse(row.tally) as ListTally, tasks: toBareTasks(JSON.parse(row.tasks ?? '[]') as TaskRow[]) }
    },
    nameTasks: (tasks) => nameTasks(sql, tasks),
    async setListTote(pickListId, tote) {
      await sql.run('UPDATE pick_tasks SET tote = ? WHERE pick_list_id = ?', [tote, pickListId])
    },
    async setTote(tote, pickListId, now) {
      await sql.run('UPDATE totes SET pick_list_id = ?, updated_at = ?::TIMESTAMP WHERE id = ?', [pickListId, now, tote])
    },
    async addPickEvents(events) {
      await appendRows(sql, 'pick_events', events.map((e) => ({
        id: e.id, order_id: e.orderId, line_no: e.lineNo, sku: e.sku, location: e.location, quantity: e.quantity, picked_quantity: e.pickedQuantity,
        error: e.error, staff_id: e.staffId, station: e.station, pick_list_id: e.pickListId, picked_at: e.pickedAt,
      })))
    },
    async addPackEvent(e) {
      const n = (await sql.one<{ n: number }>('SELECT count(*) AS n FROM pack_events WHERE order_id = ?', [e.orderId]))?.n ?? 0
      await appendRows(sql, 'pack_events', [{ id: `${e.orderId}:${n + 1}`, order_id: e.orderId, items: e.items, parcels: e.parcels, staff_id: e.staffId, station: e.station, started_at: e.startedAt, packed_at: e.packedAt }])
    },
    async savePacking(r) {
      const values: Param[] = [JSON.stringify(r.scanned), r.box, r.weightG, r.parcels, r.startedAt, r.packedAt, r.packedBy, r.carrier, r.labelJob, r.readyAt, r.collectedAt, r.idCheck]
      const existing = await packingOf(sql, r.orderId)
      if (existing) {
        await sql.run(
          `UPDATE order_packing SET scanned = ?::JSON, box = ?, weight_g = ?, parcels = ?, started_at = ?::TIMESTAMP, packed_at = ?::TIMESTAMP, packed_by = ?, carrier = ?,
             label_job = ?, ready_at = ?::TIMESTAMP, collected_at = ?::TIMESTAMP, id_check = ? WHERE order_id = ?`, [...values, r.orderId])
      } else {
        await sql.run(`INSERT INTO order_packing VALUES (?, ?::JSON, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?)`, [r.orderId, ...values])
      }
    },
  }
}

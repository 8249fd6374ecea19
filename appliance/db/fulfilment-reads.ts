/**
 * Reads of pick, pack and ship that run both inside the write transaction and on reader
 * connections (one implementation over any Sql). Point lookups are one-column equalities or
 * IN lists on an indexed column, never joins to the big order tables: a scan at the pick
 * face reads a handful of rows, whatever the size of the order book.
 */
import type { BoxSpec } from '../core/fulfilment/index.js'
import type { OrderStatus } from '../core/orders/order-status.js'
import type { AddressRecord } from '../app/orders/ports.js'
import type { FulfilmentReads, PackingRecord, PickListRecord, PickTaskRecord } from '../app/fulfilment/ports.js'
import { jsonList, marks } from './order-rows.js'
import type { Sql } from './sql.js'

export const JSON_IDS = `(SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))`

export interface ListRow {
  id: string; number: string; wave_id: string; method: string; zone: string | null; picker_id: string | null; picker_name: string | null; tote: string | null
  status: string; current_bin: string | null; created_at: Date; started_at: Date | null; finished_at: Date | null
}
export const LIST_COLUMNS = 'id, number, wave_id, method, zone, picker_id, picker_name, tote, status, current_bin, created_at, started_at, finished_at'

export async function toLists(_sql: Sql, rows: ListRow[]): Promise<PickListRecord[]> {
  return rows.map((r) => listRecord(r, r.picker_name))
}

export const listRecord = (r: ListRow, pickerName: string | null): PickListRecord => ({
  id: r.id, number: r.number, waveId: r.wave_id, method: r.method as PickListRecord['method'], zone: r.zone, pickerId: r.picker_id,
  pickerName: r.picker_id ? (pickerName ?? r.picker_id) : null, tote: r.tote, status: r.status as PickListRecord['status'],
  currentBin: r.current_bin, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
})

export interface TaskRow {
  id: string; pick_list_id: string; seq: number; order_id: string; order_number: string; line_no: number; sku: string; location: string; bin: string | null
  quantity: number; picked_quantity: number; short_quantity: number; status: string; exception: string | null; tote: string | null
}
export const TASK_COLUMNS = 'id, pick_list_id, seq, order_id, order_number, line_no, sku, location, bin, quantity, picked_quantity, short_quantity, status, exception, tote'

/** Names, barcodes and order numbers for task rows: three IN lookups, not joins. */
async function decorate(sql: Sql, rows: TaskRow[]): Promise<PickTaskRecord[]> {
  if (rows.length === 0) return []
  const skus = [...new Set(rows.map((r) => r.sku))]
  const [products, barcodes] = await Promise.all([
    sql.all<{ sku: string; name: string }>(`SELECT sku, name FROM products WHERE sku IN (${marks(skus.length)})`, skus),
    sql.all<{ sku: string; barcode: string; position: number }>(`SELECT sku, barcode, position FROM barcodes WHERE sku IN (${marks(skus.length)})`, skus),
  ])
  const name = new Map(products.map((p) => [p.sku, p.name]))
  const barcode = new Map<string, { code: string; position: number }>()
  for (const b of barcodes) if (!barcode.has(b.sku) || barcode.get(b.sku)!.position > b.position) barcode.set(b.sku, { code: b.barcode, position: b.position })
  return rows.map((r) => ({
    id: r.id, pickListId: r.pick_list_id, seq: r.seq, orderId: r.order_id, orderNumber: r.order_number, lineNo: r.line_no,
    sku: r.sku, name: name.get(r.sku) ?? r.sku, barcode: barcode.get(r.sku)?.code ?? null, location: r.location, bin: r.bin, quantity: r.quantity,
    pickedQuantity: r.picked_quantity, shortQuantity: r.short_quantity, status: r.status as PickTaskRecord['status'],
    exception: r.exception as PickTaskRecord['exception'], tote: r.tote,
  })).sort((a, b) => a.seq - b.seq)
}

export async function tasksWhere(sql: Sql, column: 'pick_list_id' | 'order_id', value: string): Promise<PickTaskRecord[]> {
  return decorate(sql, await sql.all<TaskRow>(`SELECT ${TASK_COLUMNS} FROM pick_tasks WHERE ${column} = ?`, [value]))
}

/** Tasks without names, barcodes or order numbers (the scan's hot path names only what it answers with). */
export async function bareTasks(sql: Sql, column: 'pick_list_id' | 'order_id', value: string, only?: { sku: string } | { bin: string }): Promise<PickTaskRecord[]> {
  const [filter, params] = !only ? ['', []] : 'sku' in only ? [' AND sku = ?', [only.sku]] : [' AND bin = ?', [only.bin]]
  const rows = await sql.all<TaskRow>(`SELECT ${TASK_COLUMNS} FROM pick_tasks WHERE ${column} = ?${filter}`, [value, ...params])
  return toBareTasks(rows)
}

export function toBareTasks(rows: readonly TaskRow[]): PickTaskRecord[] {
  return rows.map((r) => ({
    id: r.id, pickListId: r.pick_list_id, seq: r.seq, orderId: r.order_id, orderNumber: r.order_number, lineNo: r.line_no, sku: r.sku, name: r.sku, barcode: null,
    location: r.location, bin: r.bin, quantity: r.quantity, pickedQuantity: r.picked_quantity, shortQuantity: r.short_quantity,
    status: r.status as PickTaskRecord['status'], exception: r.exception as PickTaskRecord['exception'], tote: r.tote,
  })).sort((a, b) => a.seq - b.seq)
}

/** Fills in names, barcodes and order numbers of bare tasks. */
export async function nameTasks(sql: Sql, tasks: readonly PickTaskRecord[]): Promise<PickTaskRecord[]> {
  const named = await decorate(sql, tasks.map((t) => ({
    id: t.id, pick_list_id: t.pickListId, seq: t.seq, order_id: t.orderId, order_number: t.orderNumber, line_no: t.lineNo, sku: t.sku, location: t.location, bin: t.bin, quantity: t.quantity,
    picked_quantity: t.pickedQuantity, short_quantity: t.shortQuantity, status: t.status, exception: t.exception, tote: t.tote,
  })))
  const byId = new Map(named.map((t) => [t.id, t]))
  return tasks.map((t) => byId.get(t.id)!)
}

interface PackingRow {
  order_id: string; scanned: string; box: string | null; weight_g: number | null; parcels: number | null; started_at: Date | null; packed_at: Date | null
  packed_by: string | null; carrier: string | null; label_job: number | null; ready_at: Date | null; collected_at: Date | null; id_check: string | null
}

export async function packingOf(sql: Sql, orderId: string): Promise<PackingRecord | null> {
  const r = await sql.one<PackingRow>(
    `SELECT order_id, scanned::VARCHAR AS scanned, box, weight_g, parcels, started_at, packed_at, packed_by, carrier, label_job, ready_at, collected_at, id_check
     FROM order_packing WHERE order_id = ?`, [orderId])
  if (!r) return null
  return {
    orderId: r.order_id, scanned: JSON.parse(r.scanned) as Record<string, number>, box: r.box, weightG: r.weight_g, parcels: r.parcels, startedAt: r.started_at,
    packedAt: r.packed_at, packedBy: r.packed_by, carrier: r.carrier, labelJob: r.label_job, readyAt: r.ready_at, collectedAt: r.collected_at, idCheck: r.id_check,
  }
}

export function fulfilmentReads(sql: Sql): FulfilmentReads {
  return {
    async pickList(id) {
      const row = await sql.one<ListRow>(`SELECT ${LIST_COLUMNS} FROM pick_lists WHERE id = ?`, [id])
      return row && listRecord(row, row.picker_name)
    },
    tasks: (pickListId) => tasksWhere(sql, 'pick_list_id', pickListId),
    async packOrder(ref) {
      let header = await sql.one<{ id: string; number: string; channel: string; status: string; shipping_method: string | null; customer_id: string | null }>(
        'SELECT id, number, channel, status, shipping_method, customer_id FROM orders WHERE id = ?', [ref])
      header ??= await sql.one('SELECT id, number, channel, status, shipping_method, customer_id FROM orders WHERE number = ? ORDER BY placed_at DESC LIMIT 1', [ref])
      if (!header) return undefined
      const [customer, tags, lines, tasks, packing] = await Promise.all([
        header.customer_id ? sql.one<{ name: string | null; email: string | null }>('SELECT name, email FROM customers WHERE id = ?', [header.customer_id]) : undefined,
        sql.all<{ tag: string }>('SELECT tag FROM order_tags WHERE order_id = ?', [header.id]),
        sql.all<{ line_no: number; sku: string; name: string; kind: string; quantity: number; cancelled_quantity: number; shipped_quantity: number }>(
          'SELECT line_no, sku, name, kind, quantity, cancelled_quantity, shipped_quantity FROM order_lines WHERE order_id = ?', [header.id]),
        sql.all<{ line_no: number; quantity: number; picked_quantity: number; short_quantity: number; status: string }>(
          'SELECT line_no, quantity, picked_quantity, short_quantity, status FROM pick_tasks WHERE order_id = ?', [header.id]),
        packingOf(sql, header.id),
      ])
      const goods = lines.filter((l) => l.kind === 'goods').sort((a, b) => a.line_no - b.line_no)
      const skus = [...new Set(goods.map((l) => l.sku))]
      const barcodes = skus.length ? await sql.all<{ sku: string; barcode: string }>(`SELECT sku, barcode FROM barcodes WHERE sku IN (${marks(skus.length)}) AND position = 0`, skus) : []
      const picked: Record<string, number> = {}
      const openOnLists: Record<string, number> = {}
      for (const t of tasks) {
        picked[t.line_no] = (picked[t.line_no] ?? 0) + t.picked_quantity
        if (t.status === 'open') openOnLists[t.line_no] = (openOnLists[t.line_no] ?? 0) + t.quantity - t.picked_quantity - t.short_quantity
      }
      return {
        id: header.id, number: header.number, channel: header.channel, status: header.status as OrderStatus, shippingMethod: header.shipping_method,
        customerName: customer?.name ?? null, customerEmail: customer?.email ?? null, tags: tags.map((t) => t.tag),
        lines: goods.map((l) => ({
          lineNo: l.line_no, sku: l.sku, name: l.name, barcode: barcodes.find((b) => b.sku === l.sku)?.barcode ?? null, quantity: l.quantity,
          toShip: Math.max(0, l.quantity - l.cancelled_quantity - l.shipped_quantity),
        })),
        picked, openOnLists, packing,
      }
    },
    async boxes() {
      const rows = await sql.all<{ id: string; name: string; length_mm: number; width_mm: number; height_mm: number; max_weight_g: number; tare_g: number }>(
        'SELECT id, name, length_mm, width_mm, height_mm, max_weight_g, tare_g FROM boxes WHERE active ORDER BY length_mm * width_mm * height_mm, id')
      return rows.map((b): BoxSpec => ({ id: b.id, name: b.name, lengthMm: b.length_mm, widthMm: b.width_mm, heightMm: b.height_mm, maxWeightG: b.max_weight_g, tareG: b.tare_g }))
    },
    async dimensions(skus) {
      if (skus.length === 0) return []
      const rows = await sql.all<{ sku: string; weight_g: number | null; length_mm: number | null; width_mm: number | null; height_mm: number | null }>(
        `SELECT sku, weight_g, length_mm, width_mm, height_mm FROM product_dimensions WHERE sku IN (${marks(skus.length)})`, [...skus])
      return rows.map((r) => ({ sku: r.sku, weightG: r.weight_g, lengthMm: r.length_mm, widthMm: r.width_mm, heightMm: r.height_mm }))
    },
    async address(orderId, kind) {
      const r = await sql.one<Omit<AddressRecord, 'kind'>>('SELECT name, company, line1, line2, city, region, postcode, country, phone FROM addresses WHERE id = ?', [`${orderId}:${kind}`])
      return r && { kind, ...r }
    },
    async toteList(tote) {
      const r = await sql.one<{ id: string; pick_list_id: string | null }>('SELECT id, pick_list_id FROM totes WHERE id = ?', [tote.trim().toUpperCase()])
      return r && { tote: r.id, pickListId: r.pick_list_id }
    },
    async shipment(orderId) {
      const rows = await sql.all<{ id: string; carrier: string | null; service: string | null; tracking_number: string | null; shipped_at: Date }>(
        'SELECT id, carrier, service, tracking_number, shipped_at FROM shipments WHERE order_id = ? ORDER BY shipped_at DESC', [orderId])
      const s = rows[0]
      if (!s) return undefined
      const [order, packing, address] = await Promise.all([
        sql.one<{ number: string }>('SELECT number FROM orders WHERE id = ?', [orderId]),
        packingOf(sql, orderId),
        sql.one<{ postcode: string | null; country: string | null }>('SELECT postcode, country FROM addresses WHERE id = ?', [`${orderId}:shipping`]),
      ])
      return {
        id: s.id, orderId, orderNumber: order?.number ?? orderId, carrier: s.carrier, service: s.service, trackingNumber: s.tracking_number, shippedAt: s.shipped_at,
        parcels: packing?.parcels ?? null, weightG: packing?.weightG ?? null, postcode: address?.postcode ?? null, country: address?.country ?? null,
      }
    },
  }
}

export { jsonList }

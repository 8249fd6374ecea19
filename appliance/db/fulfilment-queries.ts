/** The read side of pick, pack and ship, on reader connections (never blocking writes). */
import type { CollectionRow, FulfilmentQueries, PickListRecord, QueueRow, ShipmentRow } from '../app/fulfilment/ports.js'
import type { Database } from './database.js'
import { fulfilmentReads, LIST_COLUMNS, toLists, type ListRow } from './fulfilment-reads.js'
import { marks } from './order-rows.js'
import type { Param } from './sql.js'

export class DuckDbFulfilmentQueries implements FulfilmentQueries {
  constructor(private readonly db: Database) {}

  private get reads() {
    return fulfilmentReads(this.db.reader)
  }

  pickList = (id: string) => this.reads.pickList(id)
  tasks = (id: string) => this.reads.tasks(id)
  packOrder = (ref: string) => this.reads.packOrder(ref)
  boxes = () => this.reads.boxes()
  dimensions = (skus: readonly string[]) => this.reads.dimensions(skus)
  address = (orderId: string, kind: 'shipping' | 'billing' | 'return') => this.reads.address(orderId, kind)
  toteList = (tote: string) => this.reads.toteList(tote)
  shipment = (orderId: string) => this.reads.shipment(orderId)

  async queue(zone: string | null): Promise<QueueRow[]> {
    const sql = this.db.reader
    const rows = await sql.all<{ id: string; number: string; channel: string; despatch_by: Date | null; placed_at: Date; shipping_method: string | null; units: number; lines: number; zones: string[] }>(
      `SELECT o.id, o.number, o.channel, o.despatch_by, o.placed_at, o.shipping_method,
         sum(a.quantity)::BIGINT AS units, count(DISTINCT a.line_no)::BIGINT AS lines, list(DISTINCT b.zone) FILTER (WHERE b.zone IS NOT NULL) AS zones
       FROM orders o
       JOIN allocations a ON a.order_id = o.id AND a.quantity > 0
       LEFT JOIN product_bins pb ON pb.id = a.sku || '@' || a.location
       LEFT JOIN bins b ON b.id = pb.bin
       WHERE o.status = 'allocated' AND coalesce(o.fulfilled_by, 'merchant') = 'merchant'
       GROUP BY ALL`,
    )
    const tagged = new Set((await sql.all<{ order_id: string }>("SELECT order_id FROM order_tags WHERE tag = 'collect'")).map((r) => r.order_id))
    return rows
      .map((r) => ({
        orderId: r.id, number: r.number, channel: r.channel, despatchBy: r.despatch_by, placedAt: r.placed_at, shippingMethod: r.shipping_method,
        tags: tagged.has(r.id) ? ['collect'] : [], units: r.units, lines: r.lines, zones: [...(r.zones ?? [])].sort(),
      }))
      .filter((r) => zone === null || r.zones.includes(zone))
  }

  async pickLists(filter: { picker: string | null; status: PickListRecord['status'] | null; limit: number }): Promise<PickListRecord[]> {
    const where: string[] = []
    const params: Param[] = []
    if (filter.picker) {
      where.push('picker_id = ?')
      params.push(filter.picker)
    }
    if (filter.status) {
      where.push('status = ?')
      params.push(filter.status)
    }
    const rows = await this.db.reader.all<ListRow>(
      `SELECT ${LIST_COLUMNS} FROM pick_lists ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, number DESC LIMIT ?`, [...params, filter.limit])
    return toLists(this.db.reader, rows)
  }

  async tasksOf(pickListIds: readonly string[]) {
    if (pickListIds.length === 0) return []
    const rows = await this.db.reader.all<{ pick_list_id: string; order_id: string; quantity: number; picked_quantity: number; short_quantity: number; status: string }>(
      `SELECT pick_list_id, order_id, quantity, picked_quantity, short_quantity, status FROM pick_tasks WHERE pick_list_id IN (${marks(pickListIds.length)})`, [...pickListIds])
    return rows.map((r) => ({ pickListId: r.pick_list_id, orderId: r.order_id, quantity: r.quantity, pickedQuantity: r.picked_quantity, shortQuantity: r.short_quantity, status: r.status as 'open' }))
  }

  async manifest(carrier: string, from: Date, to: Date): Promise<ShipmentRow[]> {
    const sql = this.db.reader
    const shipments = await sql.all<{ id: string; order_id: string; carrier: string | null; service: string | null; tracking_number: string | null; shipped_at: Date }>(
      `SELECT id, order_id, carrier, service, tracking_number, shipped_at FROM shipments
       WHERE shipped_at >= ?::TIMESTAMP AND shipped_at < ?::TIMESTAMP
         AND (lower(carrier) = lower(?) OR order_id IN (SELECT order_id FROM order_packing WHERE carrier = ?))
       ORDER BY shipped_at, id`, [from, to, carrier, carrier])
    if (shipments.length === 0) return []
    const ids = [...new Set(shipments.map((s) => s.order_id))]
    const [orders, packing, addresses] = await Promise.all([
      sql.all<{ id: string; number: string }>(`SELECT id, number FROM orders WHERE id IN (${marks(ids.length)})`, ids),
      sql.all<{ order_id: string; parcels: number | null; weight_g: number | null }>(`SELECT order_id, parcels, weight_g FROM order_packing WHERE order_id IN (${marks(ids.length)})`, ids),
      sql.all<{ order_id: string; postcode: string | null; country: string | null }>(`SELECT order_id, postcode, country FROM addresses WHERE id IN (${marks(ids.length)})`, ids.map((id) => `${id}:shipping`)),
    ])
    const number = new Map(orders.map((o) => [o.id, o.number]))
    const pack = new Map(packing.map((p) => [p.order_id, p]))
    const address = new Map(addresses.map((a) => [a.order_id, a]))
    return shipments.map((s) => ({
      id: s.id, orderId: s.order_id, orderNumber: number.get(s.order_id) ?? s.order_id, carrier: s.carrier, service: s.service, trackingNumber: s.tracking_number,
      shippedAt: s.shipped_at, parcels: pack.get(s.order_id)?.parcels ?? null, weightG: pack.get(s.order_id)?.weight_g ?? null,
      postcode: address.get(s.order_id)?.postcode ?? null, country: address.get(s.order_id)?.country ?? null,
    }))
  }

  async collections(): Promise<CollectionRow[]> {
    const sql = this.db.reader
    const ready = await sql.all<{ order_id: string; ready_at: Date }>('SELECT order_id, ready_at FROM order_packing WHERE ready_at IS NOT NULL AND collected_at IS NULL ORDER BY ready_at')
    if (ready.length === 0) return []
    const ids = ready.map((r) => r.order_id)
    const orders = await sql.all<{ id: string; number: string; customer_id: string | null }>(`SELECT id, number, customer_id FROM orders WHERE id IN (${marks(ids.length)})`, ids)
    const customerIds = [...new Set(orders.map((o) => o.customer_id).filter((c): c is string => c !== null))]
    const customers = customerIds.length ? await sql.all<{ id: string; name: string | null }>(`SELECT id, name FROM customers WHERE id IN (${marks(customerIds.length)})`, customerIds) : []
    const byId = new Map(orders.map((o) => [o.id, o]))
    const names = new Map(customers.map((c) => [c.id, c.name]))
    return ready.flatMap((r) => {
      const o = byId.get(r.order_id)
      return o ? [{ orderId: o.id, number: o.number, customer: o.customer_id ? (names.get(o.customer_id) ?? null) : null, readyAt: r.ready_at }] : []
    })
  }

  async staffName(id: string): Promise<string | null> {
    return (await this.db.reader.one<{ name: string }>('SELECT name FROM staff WHERE id = ?', [id]))?.name ?? null
  }
}

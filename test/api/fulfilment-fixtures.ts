/**
 * Fixtures for the pick, pack and ship tests: products with stock at both locations, channel
 * orders imported (allocated) through the real use case, and helpers that pick a list the way
 * a scanner would (bin label, then the product's barcode).
 */
import { expect } from 'vitest'
import type { PickListDto, PickScanResultDto } from '../../appliance/api/fulfilment-contract.js'
import type { ChannelOrderInput } from '../../appliance/app/orders/import-order.js'
import type { Client, TestAppliance } from '../support/appliance.js'
import { channelOrder, importOrder } from './orders-fixtures.js'

export interface StockedProduct {
  sku: string
  name: string
  barcode: string
  priceMinor: number
}

/** Products with at least `floor` units on the shop floor and `backroom` in the backroom, in SKU order. */
export async function stockedProducts(app: TestAppliance, count: number, floor = 3, backroom = 3): Promise<StockedProduct[]> {
  const rows = await app.db.reader.all<StockedProduct & { price_minor: number }>(
    `SELECT p.sku, p.name, b.barcode, p.price_minor FROM products p
     JOIN barcodes b ON b.sku = p.sku AND b.position = 0
     JOIN stock_levels f ON f.id = p.sku || '@floor' JOIN stock_levels r ON r.id = p.sku || '@backroom'
     WHERE f.on_hand - f.allocated >= ? AND r.on_hand - r.allocated >= ? AND p.price_minor > 0
     ORDER BY p.sku LIMIT ?`, [floor, backroom, count])
  expect(rows.length).toBe(count)
  return rows.map((r) => ({ sku: r.sku, name: r.name, barcode: r.barcode, priceMinor: r.price_minor }))
}

/** An allocated channel order of these products (quantities in the same order). */
export async function allocatedOrder(app: TestAppliance, items: ReadonlyArray<{ p: StockedProduct; quantity: number }>, extra: Partial<ChannelOrderInput> = {}): Promise<{ id: string; number: string }> {
  const order = channelOrder('shopify', items.map(({ p, quantity }) => ({ sku: p.sku, quantity, priceMinor: p.priceMinor, title: p.name })), extra)
  const result = await importOrder(app, order)
  const row = await app.db.reader.one<{ id: string; number: string; status: string }>('SELECT id, number, status FROM orders WHERE id = ?', [result.orderId])
  expect(row?.status).toBe('allocated')
  return { id: row!.id, number: row!.number }
}

export async function json<T>(r: Response, status: number): Promise<T> {
  const text = await r.text()
  expect(r.status, text).toBe(status)
  return JSON.parse(text) as T
}

/** A refused request: its status and problem detail. */
export async function refused(r: Response, status: number): Promise<string> {
  const text = await r.text()
  expect(r.status, text).toBe(status)
  expect(r.headers.get('content-type')).toContain('application/problem+json')
  return (JSON.parse(text) as { detail: string }).detail
}

export const scan = (c: Client, listId: string, body: { code: string; bin?: string; quantity?: number }) => c.post(`/api/picking/lists/${listId}/scan`, body)

/** Picks every open task of a list (bin, then product with the task's quantity), except `skip`'s tasks. */
export async function pickAll(c: Client, listId: string, skip: (t: PickListDto['tasks'][number]) => boolean = () => false): Promise<PickListDto> {
  const list = await c.get<PickListDto>(`/api/picking/lists/${listId}`)
  for (const t of list.tasks) {
    if (t.status !== 'open' || skip(t)) continue
    const bin = await json<PickScanResultDto>(await scan(c, listId, { code: t.bin! }), 200)
    expect(bin.kind).toBe('bin')
    const picked = await json<PickScanResultDto>(await scan(c, listId, { code: t.barcode!, quantity: t.quantity - t.pickedQuantity }), 200)
    expect(picked.task?.status).toBe('picked')
  }
  return c.get<PickListDto>(`/api/picking/lists/${listId}`)
}

/** Rows in the tables picking, packing and despatch write. */
export async function fulfilmentCounts(app: TestAppliance): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const t of ['stock_movements', 'shipments', 'sync_outbox', 'print_jobs', 'pick_events', 'pack_events', 'order_events', 'idempotency_keys', 'order_packing']) {
    out[t] = (await app.db.reader.one<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n
  }
  out['picked'] = (await app.db.reader.one<{ n: number | null }>('SELECT sum(picked_quantity) AS n FROM pick_tasks'))!.n ?? 0
  out['scanned'] = (await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM order_packing WHERE scanned::VARCHAR <> '{}'"))!.n
  return out
}

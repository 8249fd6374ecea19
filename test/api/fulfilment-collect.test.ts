/**
 * Click and collect through HTTP: picked, moved to the collection point with a slip for the
 * customer, found at the till by the slip's QR, handed over once (ID check noted), stock out
 * as a sale from the collection location and the order completed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CollectionDto, CollectionListDto, CollectionReadyDto, PickQueueDto, WaveDto } from '../../appliance/api/fulfilment-contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { allocatedOrder, fulfilmentCounts, json, pickAll, refused, stockedProducts, type StockedProduct } from './fulfilment-fixtures.js'
import { level } from './orders-fixtures.js'

let app: TestAppliance
let fin: Client
let ash: Client
let products: StockedProduct[]
let order: { id: string; number: string }
let other: { id: string; number: string }

beforeAll(async () => {
  app = await startAppliance()
  fin = await signIn(app.url, 'fin', '3333', 'pack-bench')
  ash = await signIn(app.url, 'ash', '2222', 'till-1')
  products = await stockedProducts(app, 3)
  order = await allocatedOrder(app, [{ p: products[0]!, quantity: 2 }, { p: products[1]!, quantity: 1 }], { shippingMethod: 'Click & Collect' })
  other = await allocatedOrder(app, [{ p: products[2]!, quantity: 1 }], { shippingMethod: 'Collect in store' })
}, 60_000)
afterAll(() => app.stop())

describe('click and collect', () => {
  it('is picked like any order, and marked for collection in the queue', async () => {
    const queue = await fin.get<PickQueueDto>('/api/picking/queue')
    expect(queue.items.find((i) => i.orderId === order.id)).toMatchObject({ collect: true, units: 3 })
    const wave = await json<WaveDto>(await fin.post('/api/picking/waves', { method: 'batch', orders: [order.id, other.id], pickers: ['fin'], batchSize: 5 }), 201)
    expect(wave.lists).toHaveLength(1)
    expect((await pickAll(fin, wave.lists[0]!.id)).status).toBe('done')
    expect((await fin.get<{ status: string }>(`/api/orders/${order.id}`)).status).toBe('picked')
  })

  it('is not despatched by carrier, and cannot be handed over before it is ready', async () => {
    expect(await refused(await fin.post(`/api/packing/${order.id}/ship`, { carrier: 'manual', trackingNumber: 'AB123456' }), 409)).toMatch(/pack it|click and collect/)
    expect(await refused(await ash.post(`/api/collections/${order.id}/handover`, { idCheck: 'seen' }), 409)).toMatch(/not ready/)
    await refused(await ash.post(`/api/collections/${order.id}/ready`, {}), 403)
  })

  it('goes to the collection point with its stock, and the customer gets a slip with the QR', async () => {
    const floor = [await level(app, products[0]!.sku, 'floor'), await level(app, products[1]!.sku, 'floor')]
    const ready = await json<CollectionReadyDto>(await fin.post(`/api/collections/${order.id}/ready`, {}), 200)
    expect(ready).toMatchObject({ orderId: order.id, number: order.number, location: 'collection', code: `COLLECT:${order.number}`, notified: 'slip' })
    expect(ready.slipJobId).not.toBeNull()
    const slip = await app.db.reader.one<{ kind: string; document: string }>('SELECT kind, document::VARCHAR AS document FROM print_jobs WHERE id = ?', [Number(ready.slipJobId)])
    expect(slip?.kind).toBe('receipt')
    expect(JSON.parse(slip!.document)).toMatchObject({ qr: `COLLECT:${order.number}` })
    expect(await level(app, products[0]!.sku, 'collection')).toEqual({ onHand: 2, allocated: 2 })
    expect(await level(app, products[1]!.sku, 'collection')).toEqual({ onHand: 1, allocated: 1 })
    expect(await level(app, products[0]!.sku, 'floor')).toEqual({ onHand: floor[0]!.onHand - 2, allocated: floor[0]!.allocated - 2 })
    expect(await level(app, products[1]!.sku, 'floor')).toEqual({ onHand: floor[1]!.onHand - 1, allocated: floor[1]!.allocated - 1 })
    expect(await refused(await fin.post(`/api/collections/${order.id}/ready`, {}), 409)).toMatch(/already/)
    const waiting = await ash.get<CollectionListDto>('/api/collections?status=ready')
    expect(waiting.items.map((i) => i.number)).toEqual([order.number])
  })

  it('is found at the till by the QR on the slip', async () => {
    const found = await ash.get<CollectionDto>(`/api/collections/lookup?code=${encodeURIComponent(`COLLECT:${order.number}`)}`)
    expect(found).toMatchObject({ orderId: order.id, status: 'ready', lines: [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: 1 }] })
    await refused(await ash.fetch('/api/collections/lookup?code=COLLECT:%23nope'), 404)
    await refused(await ash.fetch('/api/collections/lookup'), 400)
  })

  it('is handed over once: a sale from the collection point, the ID check noted, the order completed', async () => {
    await refused(await ash.post(`/api/collections/${order.id}/handover`, { idCheck: 'maybe' }), 400)
    const key = { 'idempotency-key': `handover-${order.id}` }
    const done = await json<CollectionDto>(await ash.post(`/api/collections/${order.id}/handover`, { idCheck: 'seen', note: 'driving licence' }, key), 200)
    expect(done).toMatchObject({ status: 'completed' })
    expect(done.collectedAt).not.toBeNull()
    expect(await level(app, products[0]!.sku, 'collection')).toEqual({ onHand: 0, allocated: 0 })
    const sales = await app.db.reader.all<{ location: string; quantity: number }>("SELECT location, quantity FROM stock_movements WHERE reference = ? AND kind = 'sale'", [order.number])
    expect(sales.map((m) => m.location)).toEqual(['collection', 'collection'])
    const detail = await ash.get<{ status: string; timeline: Array<{ summary: string; reason: string | null }> }>(`/api/orders/${order.id}`)
    expect(detail.status).toBe('completed')
    expect(detail.timeline.some((e) => /ID checked/.test(e.summary) && e.reason === 'driving licence')).toBe(true)
    const counts = await fulfilmentCounts(app)
    expect(await json<CollectionDto>(await ash.post(`/api/collections/${order.id}/handover`, { idCheck: 'seen', note: 'driving licence' }, key), 200)).toEqual(done)
    expect(await refused(await ash.post(`/api/collections/${order.id}/handover`, { idCheck: 'seen' }, { 'idempotency-key': `again-${order.id}` }), 409)).toMatch(/collected already/)
    expect(await fulfilmentCounts(app)).toEqual(counts)
    expect((await ash.get<CollectionListDto>('/api/collections')).items).toEqual([])
  })
})

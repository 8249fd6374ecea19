/**
 * The order book's channel follow-ups through HTTP on a real database: which channel account
 * an order came from (two shops on one channel, same order ids), refunds a channel made
 * itself (recorded once across re-imports, units not yet sent taken off the order and their
 * stock let go), phones the till stores on its sales found by the phone search, and a goods
 * receipt filling waiting orders in its own transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OrderDetailDto, OrderListDto, Product, ProductList } from '../../appliance/api/contract.js'
import { upsertChannelOrder, type ChannelOrderInput } from '../../appliance/app/orders/import-order.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { channelOrder, level, settableClock } from './orders-fixtures.js'
import { openTill, sell } from './till-fixtures.js'

let app: TestAppliance
let maya: Client
let mug: Product
const clock = settableClock('2026-06-15T09:00:00Z')

beforeAll(async () => {
  app = await startAppliance({ clock })
  maya = await signIn(app.url, 'maya', '1111', 'till-1')
  const items = (await maya.get<ProductList>('/api/products?q=Mug&limit=20')).items.filter((p) => p.priceMinor > 0)
  // A mug with stock at the fulfilment locations, so imports allocate.
  for (const p of items) {
    const floor = await level(app, p.sku, 'floor')
    const back = await level(app, p.sku, 'backroom')
    if (floor.onHand - floor.allocated + back.onHand - back.allocated >= 10) {
      mug = p
      break
    }
  }
  expect(mug).toBeDefined()
})
afterAll(() => app.stop())

const importAs = (order: ChannelOrderInput, account: string | null) => app.deps.uow.run((s) => upsertChannelOrder(s, order, clock.now(), { account }))
const list = (query: string) => maya.get<OrderListDto>(`/api/orders${query}`)
const detail = (id: string) => maya.get<OrderDetailDto>(`/api/orders/${id}`)
/** A later version of a channel order (fixtures date orders by the real clock). */
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()
const allocatedTotal = async () => {
  const [a, b] = [await level(app, mug.sku, 'floor'), await level(app, mug.sku, 'backroom')]
  return a.allocated + b.allocated
}

describe('channel accounts on orders', () => {
  it('keeps two shops\' orders apart when both use one channel, shows the account and filters by it', async () => {
    const a = channelOrder('woocommerce', [{ sku: mug.sku, quantity: 1, priceMinor: mug.priceMinor }], { channelOrderId: '4242', orderNumber: '4242' })
    const b = channelOrder('woocommerce', [{ sku: mug.sku, quantity: 1, priceMinor: mug.priceMinor }], { channelOrderId: '4242', orderNumber: '4242' })
    const first = await importAs(a, 'woo-north')
    const second = await importAs(b, 'woo-south')
    expect(first.action).toBe('created')
    expect(second.action).toBe('created')
    expect(second.orderId).not.toBe(first.orderId)
    // A newer version from the north shop updates the north shop's order only.
    const again = await importAs({ ...a, status: 'cancelled', channelStatus: 'cancelled', updatedAt: later(5), cancelledAt: later(5) }, 'woo-north')
    expect(again).toMatchObject({ orderId: first.orderId, status: 'cancelled' })
    expect((await detail(second.orderId)).status).toBe('allocated')

    expect(await detail(first.orderId)).toMatchObject({ account: 'woo-north', channel: 'woocommerce' })
    const north = await list('?account=woo-north')
    expect(north.items.map((o) => o.id)).toEqual([first.orderId])
    expect(north.items[0]).toMatchObject({ account: 'woo-north' })
    expect((await list('?account=woo-south,woo-north&channel=woocommerce')).items.map((o) => o.id).sort()).toEqual([first.orderId, second.orderId].sort())
    // The search applies the same filter to its candidates.
    expect((await list('?q=4242&account=woo-south')).items.map((o) => o.id)).toEqual([second.orderId])

    // Its despatch goes back to the shop it came from, and so does a lost parcel's replacement.
    const shipped = await maya.post(`/api/orders/${second.orderId}/shipments`, { carrier: 'Royal Mail', trackingNumber: 'JD000111222GB' }, { 'idempotency-key': `ship-${second.orderId}` })
    expect(shipped.status).toBe(201)
    const outbox = await app.db.reader.all<{ account: string | null }>("SELECT account FROM sync_outbox WHERE kind = 'shipment' AND reference = ?", [second.orderId])
    expect(outbox).toEqual([{ account: 'woo-south' }])
    const lost = await maya.post(`/api/orders/${second.orderId}/lost`, { reason: 'carrier lost it', replace: true }, { 'idempotency-key': `lost-${second.orderId}` })
    const { replacement } = (await lost.json()) as { replacement: { id: string } }
    expect(await detail(replacement.id)).toMatchObject({ account: 'woo-south' })
  })

  it('fills in the account of an order imported before orders knew theirs', async () => {
    const old = channelOrder('shopify', [{ sku: mug.sku, quantity: 1, priceMinor: mug.priceMinor }])
    const { orderId } = await importAs(old, null)
    expect((await detail(orderId)).account).toBeNull()
    const { orderId: same } = await importAs({ ...old, channelStatus: 'PAID/UNFULFILLED (edited)', updatedAt: later(1) }, 'shopify-1')
    expect(same).toBe(orderId)
    expect((await detail(orderId)).account).toBe('shopify-1')
  })
})

describe('refunds made on the channel', () => {
  it('records each refund once, takes refunded units off an unsent order and lets their stock go', async () => {
    const order = channelOrder('shopify', [{ sku: mug.sku, quantity: 3, priceMinor: mug.priceMinor }])
    const before = await allocatedTotal()
    const { orderId } = await importAs(order, 'shopify-1')
    expect(await allocatedTotal()).toBe(before + 3)
    const lineId = order.lines[0]!.channelLineId
    const oneUnit = { channelRefundId: 'gid://shopify/Refund/1', createdAt: later(2), amountMinor: mug.priceMinor, lines: [{ channelLineId: lineId, quantity: 1 }], state: 'completed' as const }
    const partial = { ...order, channelStatus: 'PARTIALLY_REFUNDED/UNFULFILLED', updatedAt: later(2), refunds: [oneUnit] }
    expect(await importAs(partial, 'shopify-1')).toMatchObject({ action: 'updated', status: 'allocated' })

    let d = await detail(orderId)
    expect(d.totals.refundedMinor).toBe(mug.priceMinor)
    expect(d.lines[0]).toMatchObject({ quantity: 3, cancelled: 1, allocated: 2 })
    expect(d.refunds).toEqual([expect.objectContaining({ method: 'channel', amountMinor: mug.priceMinor, status: 'completed', returnId: null })])
    expect(d.timeline.filter((t) => t.kind === 'refunded').map((t) => t.summary)).toEqual([expect.stringMatching(/^shopify refunded £\d+\.\d\d for 1 × .*1 unit\(s\) will not be sent$/)])
    expect(await allocatedTotal()).toBe(before + 2)

    // The same refund again (a repeated page, a later version, a webhook): nothing changes twice.
    await importAs({ ...partial, updatedAt: later(3), channelStatus: 'PARTIALLY_REFUNDED/UNFULFILLED (note)' }, 'shopify-1')
    await importAs(partial, 'shopify-1') // stale
    d = await detail(orderId)
    expect(d.totals.refundedMinor).toBe(mug.priceMinor)
    expect(d.refunds).toHaveLength(1)
    expect(d.lines[0]).toMatchObject({ cancelled: 1, allocated: 2 })

    // A money-only refund (WooCommerce and eBay give amounts, no units), then one for the rest of the units.
    const goodwill = { channelRefundId: 'gid://shopify/Refund/2', createdAt: later(4), amountMinor: 150, lines: [], state: 'pending' as const }
    const rest = { channelRefundId: 'gid://shopify/Refund/3', createdAt: later(4), amountMinor: 2 * mug.priceMinor - 150, lines: [{ channelLineId: lineId, quantity: 2 }], state: 'completed' as const }
    await importAs({ ...partial, updatedAt: later(4), refunds: [oneUnit, goodwill, rest] }, 'shopify-1')
    d = await detail(orderId)
    expect(d.totals.refundedMinor).toBe(3 * mug.priceMinor)
    expect(d.status).toBe('cancelled')
    expect(d.lines[0]).toMatchObject({ cancelled: 3, allocated: 0, backordered: 0 })
    expect(d.refunds.map((r) => r.status)).toEqual(['completed', 'pending', 'completed'])
    expect(await allocatedTotal()).toBe(before)

    // eBay-style asynchronous refund completing later.
    await importAs({ ...partial, updatedAt: later(6), refunds: [oneUnit, { ...goodwill, state: 'completed' }, rest] }, 'shopify-1')
    d = await detail(orderId)
    expect(d.refunds.map((r) => r.status)).toEqual(['completed', 'completed', 'completed'])
    expect(d.totals.refundedMinor).toBe(3 * mug.priceMinor)
    const audits = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'order.channel_refund' AND entity_id = ?", [orderId])
    expect(audits!.n).toBe(2)
  })

  it('records a refund on an order that has already left as money only', async () => {
    const order = channelOrder('ebay', [{ sku: mug.sku, quantity: 1, priceMinor: mug.priceMinor }], { status: 'shipped', channelStatus: 'FULFILLED/PAID' })
    const { orderId } = await importAs(order, 'ebay-1')
    await importAs({ ...order, updatedAt: later(1), refunds: [{ channelRefundId: '5000001', createdAt: null, amountMinor: 300, lines: [], state: 'completed' }] }, 'ebay-1')
    const d = await detail(orderId)
    expect(d).toMatchObject({ status: 'shipped', totals: { refundedMinor: 300 } })
    expect(d.lines[0]).toMatchObject({ shipped: 1, cancelled: 0 })
  })
})

describe('phones the till stores', () => {
  it('are found by the order search, however they were typed', async () => {
    await openTill(maya, 'till-1')
    const sale = await sell(maya, { till: 'till-1', lines: [{ sku: mug.sku }], tenders: [{ method: 'card', amountMinor: mug.priceMinor }], customer: { name: 'Dee Caller', phone: '07700 900 771' } })
    for (const q of ['07700900771', '+44 7700 900771', '+44 (0)7700-900-771']) {
      expect((await list(`?q=${encodeURIComponent(q)}`)).items.map((o) => o.number)).toEqual([sale.receiptNumber])
    }
    // A second sale to the same customer (known by email) adds no duplicate phone row.
    const withEmail = { name: 'Eve Ring', email: 'eve@example.com', phone: '07700 900 772' }
    const one = await sell(maya, { till: 'till-1', lines: [{ sku: mug.sku }], tenders: [{ method: 'card', amountMinor: mug.priceMinor }], customer: withEmail })
    const two = await sell(maya, { till: 'till-1', lines: [{ sku: mug.sku }], tenders: [{ method: 'card', amountMinor: mug.priceMinor }], customer: withEmail })
    expect((await list('?q=07700900772')).items.map((o) => o.number).sort()).toEqual([one.receiptNumber, two.receiptNumber].sort())
    const rows = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM customer_phones WHERE phone_key = '+447700900772'")
    expect(rows!.n).toBe(1)
  })
})

describe('stock arriving for waiting orders', () => {
  it('fills the backorder in the receipt\'s own transaction', async () => {
    const free = async () => {
      const [a, b] = [await level(app, mug.sku, 'floor'), await level(app, mug.sku, 'backroom')]
      return Math.max(0, a.onHand - a.allocated) + Math.max(0, b.onHand - b.allocated)
    }
    const wanted = (await free()) + 2
    const r = await maya.post('/api/orders', {
      customer: { name: 'Wait Ing' }, shippingAddress: { name: 'Wait Ing', line1: '2 Road', city: 'York', postcode: 'YO1 1AA' }, lines: [{ sku: mug.sku, quantity: wanted }],
    }, { 'idempotency-key': `order-${Date.now()}` })
    expect(r.status).toBe(201)
    const { id } = (await r.json()) as { id: string }
    expect((await detail(id)).lines[0]).toMatchObject({ backordered: 2 })
    const receipt = await maya.post('/api/stock/receipts', { sku: mug.sku, location: 'backroom', quantity: 2, reference: 'PO-77' }, { 'idempotency-key': `receipt-${Date.now()}` })
    expect(receipt.status).toBe(201)
    const d = await detail(id)
    expect(d).toMatchObject({ status: 'allocated' })
    expect(d.lines[0]).toMatchObject({ backordered: 0, allocated: wanted })
    // Same commit: the timeline entry carries the receipt's own instant.
    const moved = await app.db.reader.one<{ at: Date }>("SELECT occurred_at AS at FROM stock_movements WHERE reference = 'PO-77'")
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'allocated', at: moved!.at.toISOString() })
  })
})

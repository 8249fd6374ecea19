import { afterEach, describe, expect, it } from 'vitest'
import { ShopifyConnector } from '../../sync/channels/shopify/connector.js'
import { SimulatedShopify } from '../../sync/simulators/shopify/simulator.js'
import { ChannelError } from '../../sync/channel-error.js'
import { shopifyStatus } from '../../sync/channels/shopify/mapping.js'
import { realSleep } from '../../sync/http.js'
import { describeChannelContract, drain, rejection, type ChannelHarness } from './contract/channel-contract.js'

export const shopifyHarness: ChannelHarness = {
  name: 'Shopify',
  simulator: () => new SimulatedShopify({ rateLimit: { maximumAvailable: 2000, restoreRate: 2000 } }),
  connector: (sim, url, tuning) => {
    const shop = sim as SimulatedShopify
    return new ShopifyConnector({ ...tuning, baseUrl: url, accessToken: tuning.badCredentials ? 'shpat_wrong' : shop.accessToken, webhookSecret: shop.webhookSecret })
  },
  ordersPath: '/graphql.json',
  statuses: { pending: 'pending', paid: 'ready_to_ship', partially_shipped: 'partially_shipped', shipped: 'shipped', cancelled: 'cancelled', refunded: 'refunded' },
  hasDespatchDeadline: false,
}

describeChannelContract(shopifyHarness)
describe('Shopify status mapping', () => {
  it.each([
    [null, 'UNFULFILLED', false, 'pending'],
    ['PENDING', 'UNFULFILLED', false, 'pending'],
    ['AUTHORIZED', 'UNFULFILLED', false, 'ready_to_ship'],
    ['PARTIALLY_PAID', 'UNFULFILLED', false, 'pending'],
    ['PAID', 'ON_HOLD', false, 'pending'],
    ['PAID', 'UNFULFILLED', false, 'ready_to_ship'],
    ['PARTIALLY_REFUNDED', 'UNFULFILLED', false, 'ready_to_ship'],
    ['PAID', 'PARTIALLY_FULFILLED', false, 'partially_shipped'],
    ['PAID', 'FULFILLED', false, 'shipped'],
    ['PARTIALLY_REFUNDED', 'FULFILLED', false, 'shipped'],
    ['REFUNDED', 'FULFILLED', false, 'refunded'],
    ['VOIDED', 'UNFULFILLED', false, 'cancelled'],
    ['EXPIRED', 'UNFULFILLED', false, 'cancelled'],
    ['PAID', 'RESTOCKED', false, 'cancelled'],
    ['PAID', 'UNFULFILLED', true, 'cancelled'],
  ] as const)('maps %s / %s (cancelled %s) to %s', (financial, fulfillment, cancelled, expected) => {
    expect(shopifyStatus(financial, fulfillment, cancelled)).toBe(expected)
  })
})

describe('Shopify specifics', () => {
  let sim: SimulatedShopify
  let url: string
  const connect = (options: Partial<ConstructorParameters<typeof ShopifyConnector>[0]> = {}) =>
    new ShopifyConnector({ baseUrl: url, accessToken: sim.accessToken, webhookSecret: sim.webhookSecret, ...options })
  const start = async (rateLimit: { maximumAvailable: number; restoreRate: number } | false = false) => {
    sim = new SimulatedShopify({ rateLimit })
    url = (await sim.start()).url
  }
  afterEach(() => sim.stop())

  it('answers THROTTLED when the cost bucket is dry, and the client waits the restore time', async () => {
    await start({ maximumAvailable: 1000, restoreRate: 2000 })
    for (let i = 0; i < 20; i++) sim.placeOrder()
    await connect().fetchOrders(null)
    const retries: ChannelError[] = []
    const other = connect({ sleep: realSleep, onRetry: ({ error }) => void retries.push(error) })
    const page = await other.fetchOrders(null)
    expect(page.orders).toHaveLength(18)
    expect(retries.map((e) => [e.kind, e.code])).toEqual([['rate_limited', 'THROTTLED']])
    expect(retries[0]?.retryAfterMs).toBeGreaterThan(0)
    expect(retries[0]?.retryAfterMs).toBeLessThan(1000)
  })

  it('paces itself by the reported cost so a long import is never throttled', async () => {
    await start({ maximumAvailable: 1000, restoreRate: 1500 })
    for (let i = 0; i < 60; i++) sim.placeOrder()
    const retries: unknown[] = []
    const { orders } = await drain(connect({ sleep: realSleep, onRetry: (r) => void retries.push(r) }), null)
    expect(orders).toHaveLength(60)
    expect(retries).toEqual([])
  })

  it('refuses a page whose requested cost exceeds 1000 as invalid (MAX_COST_EXCEEDED)', async () => {
    await start()
    const error = await rejection(connect({ pageSize: 50 }).fetchOrders(null))
    expect([error.kind, error.code]).toEqual(['invalid', 'MAX_COST_EXCEEDED'])
  })

  it('names an unknown field loudly instead of returning nothing', async () => {
    await start()
    const res = await fetch(`${url}/admin/api/2026-04/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': sim.accessToken },
      body: JSON.stringify({ query: '{ shop { name shipByDate } }' }),
    })
    expect(await res.json()).toMatchObject({ errors: [{ message: "Field 'shipByDate' doesn't exist on type 'Shop'", extensions: { code: 'undefinedField' } }] })
  })

  it('re-reads orders with more lines than a page carries', async () => {
    await start()
    const lines = Array.from({ length: 7 }, (_, i) => ({ sku: `SKU-${i}`, title: `Item ${i}`, quantity: 1, unitPriceMinor: 100 + i }))
    const { channelOrderId } = sim.placeOrder({ lines })
    const page = await connect().fetchOrders(null)
    const order = page.orders.find((o) => o.channelOrderId === channelOrderId)
    expect(order?.lines.map((l) => l.sku)).toEqual(lines.map((l) => l.sku))
    expect(order?.issues).toEqual([])
  })

  it('sets stock compare-and-set: a stale item is reported with the live figure, the rest applied', async () => {
    await start()
    const results = await connect().pushStock([
      { sku: 'MUG-STONE-02', available: 10, expectedAvailable: 35, idempotencyKey: 'a' },
      { sku: 'POT-TEAPOT-6C', available: 3, expectedAvailable: 99, idempotencyKey: 'b' },
    ])
    expect(results.map((r) => [r.sku, r.status, r.channelAvailable])).toEqual([['MUG-STONE-02', 'applied', 10], ['POT-TEAPOT-6C', 'stale', 12]])
    expect(results[1]?.error?.kind).toBe('conflict')
    expect([sim.stockOf('MUG-STONE-02'), sim.stockOf('POT-TEAPOT-6C')]).toEqual([10, 12])
  })

  it('replays a retried stock push by its idempotency key instead of applying it again', async () => {
    await start()
    const push = [{ sku: 'MUG-STONE-01', available: 5, idempotencyKey: 'outbox-41' }]
    await connect().pushStock(push)
    sim.placeOrder()
    expect(sim.stockOf('MUG-STONE-01')).toBe(3)
    expect((await connect().pushStock(push))[0]?.status).toBe('applied')
    expect(sim.stockOf('MUG-STONE-01')).toBe(3)
  })

  it('requires @idempotent on inventory mutations from 2026-04', async () => {
    await start()
    const res = await fetch(`${url}/admin/api/2026-04/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': sim.accessToken },
      body: JSON.stringify({ query: 'mutation { inventorySetQuantities(input: {name: "available", reason: "correction", quantities: []}) { userErrors { message } } }' }),
    })
    expect(JSON.stringify(await res.json())).toContain('@idempotent directive is required')
  })

  it('refunds against the sale transaction, once per key', async () => {
    await start()
    const connector = connect()
    const { channelOrderId } = sim.placeOrder()
    const order = await connector.fetchOrder(channelOrderId)
    const line = order.lines[1]
    if (!line) throw new Error('no line')
    const refund = { channelOrderId, currency: 'GBP', amountMinor: 850, lines: [{ channelLineId: line.channelLineId, quantity: 1, amountMinor: 850, restock: true }], reason: 'Return: damaged' }
    await connector.pushRefund(refund, 'refund-7')
    await connector.pushRefund(refund, 'refund-7')
    const after = await connector.fetchOrder(channelOrderId)
    expect(after.refunds.map((r) => [r.amountMinor, r.lines])).toEqual([[850, [{ channelLineId: line.channelLineId, quantity: 1 }]]])
    expect(after.channelStatus).toBe('PARTIALLY_REFUNDED/UNFULFILLED')
  })

  it('refuses to ship more than is left to fulfil', async () => {
    await start()
    const { channelOrderId } = sim.placeOrder()
    const order = await connect().fetchOrder(channelOrderId)
    const lines = order.lines.map((l) => ({ channelLineId: l.channelLineId, quantity: l.quantity + 1 }))
    const error = await rejection(connect().confirmShipment({ channelOrderId, lines, carrier: 'dpd', trackingNumber: 'X1', shippedAt: new Date().toISOString() }, 'k'))
    expect(error.kind).toBe('invalid')
  })

  it('takes the webhook event id for dedupe and the order GID from the payload', async () => {
    await start()
    const { channelOrderId } = sim.placeOrder()
    const delivery = sim.buildWebhook('refunds/create', channelOrderId)
    const event = await connect().verifyWebhook(delivery.rawBody, new Headers(delivery.headers))
    expect(event).toMatchObject({ topic: 'refunds/create', orderId: channelOrderId, eventId: delivery.headers['x-shopify-event-id'] })
  })
})

describe('Shopify connector options', () => {
  it('refuses to build without credentials', () => {
    expect(() => new ShopifyConnector({ baseUrl: 'http://x', accessToken: '', webhookSecret: 's' })).toThrow(TypeError)
    expect(() => new ShopifyConnector({ baseUrl: 'http://x', accessToken: 't', webhookSecret: 's', pageSize: 300 })).toThrow(RangeError)
  })
  it('is a ChannelError subclass of Error with the kind', () => {
    const error = new ChannelError('rate_limited', 'shopify', 'x', { retryAfterMs: 5 })
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toBe('shopify: x')
  })
})

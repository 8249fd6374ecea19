import { afterEach, describe, expect, it } from 'vitest'
import { WooCommerceConnector } from '../../sync/channels/woocommerce/connector.js'
import { SimulatedWooCommerce } from '../../sync/simulators/woocommerce/simulator.js'
import { wooStatus } from '../../sync/channels/woocommerce/mapping.js'
import { WebhookDeduper } from '../../sync/webhook.js'
import { describeChannelContract, drain, type ChannelHarness } from './contract/channel-contract.js'

export const wooHarness: ChannelHarness = {
  name: 'WooCommerce',
  simulator: () => new SimulatedWooCommerce(),
  connector: (sim, url, tuning) => {
    const woo = sim as SimulatedWooCommerce
    return new WooCommerceConnector({ ...tuning, baseUrl: url, consumerKey: woo.consumerKey, consumerSecret: tuning.badCredentials ? 'cs_wrong' : woo.consumerSecret, webhookSecret: woo.webhookSecret })
  },
  ordersPath: '/wp-json/wc/v3/orders',
  statuses: { pending: 'pending', paid: 'ready_to_ship', partially_shipped: 'ready_to_ship', shipped: 'shipped', cancelled: 'cancelled', refunded: 'refunded' },
  hasDespatchDeadline: false,
}

describeChannelContract(wooHarness)
describe('WooCommerce status mapping', () => {
  it.each([
    ['pending', 'pending'], ['on-hold', 'pending'], ['checkout-draft', 'pending'], ['processing', 'ready_to_ship'], ['completed', 'shipped'],
    ['cancelled', 'cancelled'], ['failed', 'cancelled'], ['trash', 'cancelled'], ['refunded', 'refunded'],
  ] as const)('maps %s to %s', (raw, expected) => {
    expect(wooStatus(raw)).toEqual({ status: expected, known: true })
  })
})

describe('WooCommerce specifics', () => {
  let sim: SimulatedWooCommerce
  let url: string
  const connect = (pageSize = 100) => new WooCommerceConnector({ baseUrl: url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, webhookSecret: sim.webhookSecret, pageSize })
  const start = async (now?: () => number) => {
    sim = new SimulatedWooCommerce(now ? { now } : {})
    url = (await sim.start()).url
  }
  const auth = () => `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString('base64')}`
  afterEach(() => sim.stop())

  it('walks orders by keyset, so an order modified mid-sweep cannot push an unseen one onto a read page', async () => {
    let t = Date.parse('2025-03-01T10:00:00Z')
    await start(() => t)
    const ids: string[] = []
    for (let i = 0; i < 12; i++, t += 1000) ids.push(sim.placeOrder().channelOrderId)
    const connector = connect(5)
    const first = await connector.fetchOrders(null)
    for (const id of [ids[1], ids[2]]) {
      sim.setRawStatus(id ?? '', 'completed')
      t += 1000
    }
    const rest = await drain(connector, first.nextCursor)
    const seen = [...first.orders, ...rest.orders]
    expect(new Set(seen.map((o) => o.channelOrderId))).toEqual(new Set(ids))
    expect(seen.filter((o) => o.status === 'shipped').map((o) => o.channelOrderId).sort()).toEqual([ids[1], ids[2]].sort())
  })

  it('pages by number when a whole page shares one second (modified_after has 1 s precision)', async () => {
    const t = Date.parse('2025-06-01T09:00:00Z')
    await start(() => t)
    const ids = Array.from({ length: 25 }, () => sim.placeOrder().channelOrderId)
    const { orders, pages } = await drain(connect(10), null)
    expect(orders.map((o) => o.channelOrderId).sort()).toEqual(ids.sort())
    expect(pages).toBe(3)
  })

  it('stops on X-WP-TotalPages: this install serves the last page again past the end', async () => {
    await start()
    for (let i = 0; i < 4; i++) sim.placeOrder()
    const page = (n: number) => fetch(`${url}/wp-json/wc/v3/orders?per_page=3&page=${n}`, { headers: { authorization: auth() } }).then((r) => r.json())
    expect(await page(9)).toEqual(await page(2))
    const before = sim.log.length
    const { orders } = await drain(connect(3), null)
    expect(orders).toHaveLength(4)
    expect(sim.log.slice(before).filter((l) => l.path === '/wp-json/wc/v3/orders')).toHaveLength(2)
  })

  it('holds an unknown (plugin) status as pending and says so', async () => {
    await start()
    const { channelOrderId } = sim.placeOrder()
    sim.setRawStatus(channelOrderId, 'wc-awaiting-shipment')
    const order = await connect().fetchOrder(channelOrderId)
    expect(order.status).toBe('pending')
    expect(order.issues).toEqual(['unknown WooCommerce status "wc-awaiting-shipment", held as pending'])
  })

  it('reads *_gmt dates as UTC although they carry no zone', async () => {
    await start(() => Date.parse('2025-07-01T12:34:56.789Z'))
    const { channelOrderId } = sim.placeOrder()
    const order = await connect().fetchOrder(channelOrderId)
    expect([order.createdAt, order.updatedAt]).toEqual(['2025-07-01T12:34:56.000Z', '2025-07-01T12:34:56.000Z'])
  })

  it('notes a partial shipment without completing the order, then completes it', async () => {
    await start()
    const connector = connect()
    const { channelOrderId } = sim.placeOrder()
    const [first, second] = (await connector.fetchOrder(channelOrderId)).lines
    if (!first || !second) throw new Error('two lines expected')
    const base = { channelOrderId, carrier: 'evri', shippedAt: new Date().toISOString() }
    await connector.confirmShipment({ ...base, lines: [{ channelLineId: first.channelLineId, quantity: first.quantity }], trackingNumber: 'H1' }, 's1')
    expect((await connector.fetchOrder(channelOrderId)).status).toBe('ready_to_ship')
    await connector.confirmShipment({ ...base, lines: [first, second].map((l) => ({ channelLineId: l.channelLineId, quantity: l.quantity })), trackingNumber: 'H2' }, 's2')
    expect((await connector.fetchOrder(channelOrderId)).status).toBe('shipped')
    expect(sim.orders.get(Number(channelOrderId))?.notes.map((n) => n.note)).toEqual([
      'Shipped with Evri, tracking H1. [ref s1]',
      'Shipped with Evri, tracking H2. [ref s2]',
    ])
  })

  it('refunds once per key (the refund reason carries the key)', async () => {
    await start()
    const connector = connect()
    const { channelOrderId } = sim.placeOrder()
    const refund = { channelOrderId, currency: 'GBP', amountMinor: 500, lines: [], reason: 'Goodwill' }
    expect((await connector.pushRefund(refund, 'rf-1')).alreadyDone).toBe(false)
    expect((await connector.pushRefund(refund, 'rf-1')).alreadyDone).toBe(true)
    expect((await connector.fetchOrder(channelOrderId)).refunds.map((r) => r.amountMinor)).toEqual([500])
  })

  it('caps batch stock updates at 100 items (413 above), as WooCommerce does', async () => {
    await start()
    const res = await fetch(`${url}/wp-json/wc/v3/products/batch`, {
      method: 'POST',
      headers: { authorization: auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ update: Array.from({ length: 101 }, (_, i) => ({ id: i, stock_quantity: 1 })) }),
    })
    expect(res.status).toBe(413)
    await connect().pushStock([{ sku: 'MUG-STONE-01', available: 1, idempotencyKey: 'a' }, { sku: 'MUG-STONE-02', available: 2, idempotencyKey: 'b' }])
    expect(sim.log.filter((l) => l.path.endsWith('/products/batch'))).toHaveLength(2)
  })

  it('gives a checkout\'s order.created and order.updated one event id', async () => {
    await start()
    const { channelOrderId } = sim.placeOrder()
    const connector = connect()
    const created = await connector.verifyWebhook(sim.buildWebhook('order.created', channelOrderId).rawBody, sim.buildWebhook('order.created', channelOrderId).headers)
    const delivery = sim.buildWebhook('order.updated', channelOrderId)
    const updated = await connector.verifyWebhook(delivery.rawBody, delivery.headers)
    const deduper = new WebhookDeduper()
    expect([deduper.firstTime(created.eventId), deduper.firstTime(updated.eventId)]).toEqual([true, false])
  })

  it('honours a Retry-After given as an HTTP-date', async () => {
    await start()
    sim.placeOrder()
    const sleeps: number[] = []
    sim.faults.inject({ kind: 'status', status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString() }, { match: /\/orders$/ })
    const connector = new WooCommerceConnector({ baseUrl: url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, webhookSecret: sim.webhookSecret, sleep: async (ms) => void sleeps.push(ms) })
    expect((await connector.fetchOrders(null)).orders).toHaveLength(1)
    expect(sleeps).toHaveLength(1)
    expect(sleeps[0]).toBeGreaterThanOrEqual(1000)
    expect(sleeps[0]).toBeLessThanOrEqual(3300)
  })

  it('reads modified_after as site-local time unless dates_are_gmt=true', async () => {
    const t = Date.parse('2025-07-01T12:00:00Z')
    await start(() => t)
    sim.placeOrder()
    const count = (query: string) => fetch(`${url}/wp-json/wc/v3/orders?${query}`, { headers: { authorization: auth() } }).then((r) => r.headers.get('x-wp-total'))
    expect(await count('modified_after=2025-07-01T12:30:00&dates_are_gmt=true')).toBe('0')
    expect(await count('modified_after=2025-07-01T12:30:00')).toBe('1')
  })
})

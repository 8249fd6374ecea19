import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ShopifyConnector } from '../../sync/channels/shopify/connector.js'
import { WooCommerceConnector } from '../../sync/channels/woocommerce/connector.js'
import { EbayConnector } from '../../sync/channels/ebay/connector.js'
import { TokenBucket } from '../../sync/engine/token-bucket.js'
import { SimulatedEbay } from '../../sync/simulators/ebay/simulator.js'
import { SimulatedShopify } from '../../sync/simulators/shopify/simulator.js'
import { SimulatedWooCommerce } from '../../sync/simulators/woocommerce/simulator.js'
import { WebhookDeduper } from '../../sync/webhook.js'

interface Received { headers: IncomingHttpHeaders; body: string }

/** A webhook receiver on loopback that keeps the raw bodies. */
async function receiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((r) => server.close(() => r())) }
}

const headersOf = (h: IncomingHttpHeaders) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]))

describe('simulated customers', () => {
  const sims: SimulatedShopify[] = []
  afterEach(async () => {
    await Promise.all(sims.map((s) => s.stop()))
    sims.length = 0
  })

  it('place the same random orders for the same seed', async () => {
    const a = new SimulatedShopify({ rateLimit: false })
    const b = new SimulatedShopify({ rateLimit: false })
    sims.push(a, b)
    a.startCustomers({ intervalMs: 5, seed: 42 })
    b.startCustomers({ intervalMs: 5, seed: 42 })
    while (a.orders.size < 4 || b.orders.size < 4) await new Promise((r) => setTimeout(r, 10))
    a.stopCustomers()
    b.stopCustomers()
    const specs = (s: SimulatedShopify) => [...s.orders.values()].slice(0, 4).map((o) => o.spec)
    expect(specs(a)).toEqual(specs(b))
    expect(new Set(specs(a).map((s) => JSON.stringify(s))).size).toBeGreaterThan(1)
  })

  it('take stock as they buy', () => {
    const sim = new SimulatedShopify()
    sims.push(sim)
    sim.placeOrder()
    expect([sim.stockOf('MUG-STONE-01'), sim.stockOf('TEA-BREAKFAST-250')]).toEqual([38, 119])
  })
})

describe('simulator webhooks', () => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(cleanup.map((c) => c()))
    cleanup.length = 0
  })

  it('Shopify signs deliveries to the configured URL; a duplicate carries the same event id', async () => {
    const hooks = await receiver()
    const sim = new SimulatedShopify({ webhookUrl: hooks.url })
    const { url } = await sim.start()
    cleanup.push(() => sim.stop(), hooks.close)
    const connector = new ShopifyConnector({ baseUrl: url, accessToken: sim.accessToken, webhookSecret: sim.webhookSecret })
    sim.faults.inject({ kind: 'duplicate-webhook' })
    const { channelOrderId } = sim.placeOrder()
    await sim.flushWebhooks()
    const events = await Promise.all(hooks.received.map((r) => connector.verifyWebhook(Buffer.from(r.body), headersOf(r.headers))))
    expect(events.map((e) => e.topic)).toEqual(['orders/create', 'orders/create', 'orders/paid'])
    expect(events.every((e) => e.orderId === channelOrderId)).toBe(true)
    const deduper = new WebhookDeduper()
    expect(events.map((e) => deduper.firstTime(e.eventId))).toEqual([true, false, true])
  })

  it('WooCommerce can deliver out of order: updated before created', async () => {
    const hooks = await receiver()
    const sim = new SimulatedWooCommerce({ webhookUrl: hooks.url })
    const { url } = await sim.start()
    cleanup.push(() => sim.stop(), hooks.close)
    const connector = new WooCommerceConnector({ baseUrl: url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, webhookSecret: sim.webhookSecret })
    sim.faults.inject({ kind: 'reorder-webhooks' })
    sim.placeOrder()
    await sim.flushWebhooks()
    const events = await Promise.all(hooks.received.map((r) => connector.verifyWebhook(r.body, headersOf(r.headers))))
    expect(events.map((e) => e.topic)).toEqual(['order.updated', 'order.created'])
  })

  it('eBay notifications verify with the served public key', async () => {
    const hooks = await receiver()
    const sim = new SimulatedEbay({ webhookUrl: hooks.url })
    const { url } = await sim.start()
    cleanup.push(() => sim.stop(), hooks.close)
    const connector = new EbayConnector({ baseUrl: url, clientId: sim.clientId, clientSecret: sim.clientSecret, refreshToken: sim.refreshToken })
    const { channelOrderId } = sim.placeOrder()
    await sim.flushWebhooks()
    expect(hooks.received).toHaveLength(2)
    const event = await connector.verifyWebhook(hooks.received[0]?.body ?? '', headersOf(hooks.received[0]?.headers ?? {}))
    expect([event.topic, event.orderId]).toEqual(['ORDER_CONFIRMATION', channelOrderId])
  })
})

describe('token bucket', () => {
  it('refills at its rate up to its capacity and says how long to wait', () => {
    const bucket = new TokenBucket(5, 2, 0)
    for (let i = 0; i < 5; i++) expect(bucket.tryTake(0)).toBe(true)
    expect(bucket.tryTake(0)).toBe(false)
    expect(bucket.waitMs(0)).toBe(500)
    expect(bucket.tryTake(500)).toBe(true)
    expect(bucket.available(60_000)).toBe(5)
    bucket.refund(60_000, 100)
    expect(bucket.available(60_000)).toBe(5)
    expect(() => new TokenBucket(0, 1, 0)).toThrow(RangeError)
  })
})

describe('demo channels', () => {
  it('start all four simulators with connectors that talk to them', async () => {
    const { startDemoChannels } = await import('../../sync/index.js')
    const demo = await startDemoChannels()
    try {
      const infos = await Promise.all(Object.values(demo.connectors).map((c) => c.testConnection()))
      expect(infos.map((i) => i.channel)).toEqual(['shopify', 'woocommerce', 'amazon', 'ebay'])
      demo.simulators.ebay.placeOrder()
      expect((await demo.connectors.ebay.fetchOrders(null)).orders).toHaveLength(1)
    } finally {
      await demo.stop()
    }
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { AmazonConnector } from '../../sync/channels/amazon/connector.js'
import { SimulatedAmazon } from '../../sync/simulators/amazon/simulator.js'
import type { ChannelError } from '../../sync/channel-error.js'
import { amazonStatus } from '../../sync/channels/amazon/mapping.js'
import { realSleep } from '../../sync/http.js'
import { describeChannelContract, drain, rejection, type ChannelHarness } from './contract/channel-contract.js'

const FAST = { rate: 50, burst: 50 }

export const amazonHarness: ChannelHarness = {
  name: 'Amazon',
  simulator: () => new SimulatedAmazon({ listingDelayMs: 30, rateLimits: { getOrders: FAST, getOrder: FAST, getOrderItems: FAST, getMarketplaceParticipations: FAST } }),
  connector: (sim, url, tuning) => {
    const amazon = sim as SimulatedAmazon
    return new AmazonConnector({
      ...tuning, baseUrl: url, authUrl: url, clientId: amazon.clientId, clientSecret: amazon.clientSecret,
      refreshToken: tuning.badCredentials ? 'Atzr|wrong' : amazon.refreshToken, sellerId: amazon.sellerId, marketplaceId: amazon.marketplaceId,
    })
  },
  ordersPath: '/orders/v0/orders',
  statuses: { pending: 'pending', paid: 'ready_to_ship', partially_shipped: 'partially_shipped', shipped: 'shipped', cancelled: 'cancelled', refunded: 'shipped' },
  hasDespatchDeadline: true,
}

describeChannelContract(amazonHarness)
describe('Amazon status mapping', () => {
  it.each([
    ['PendingAvailability', 'pending'], ['Pending', 'pending'], ['Unshipped', 'ready_to_ship'], ['PartiallyShipped', 'partially_shipped'],
    ['Shipped', 'shipped'], ['InvoiceUnconfirmed', 'shipped'], ['Canceled', 'cancelled'], ['Unfulfillable', 'cancelled'],
  ] as const)('maps %s to %s', (raw, expected) => {
    expect(amazonStatus(raw)).toEqual({ status: expected, known: true })
  })
})

describe('Amazon specifics', () => {
  let sim: SimulatedAmazon
  let url: string
  type Options = Partial<ConstructorParameters<typeof AmazonConnector>[0]>
  const connect = (options: Options = {}) => new AmazonConnector({
    baseUrl: url, authUrl: url, clientId: sim.clientId, clientSecret: sim.clientSecret, refreshToken: sim.refreshToken,
    sellerId: sim.sellerId, marketplaceId: sim.marketplaceId, ...options,
  })
  const start = async (options: ConstructorParameters<typeof SimulatedAmazon>[0] = {}) => {
    sim = new SimulatedAmazon({ rateLimits: false, ...options })
    url = (await sim.start()).url
  }
  afterEach(() => sim.stop())

  it('has no prices while an order is Pending, and says so', async () => {
    await start()
    const { channelOrderId } = sim.placeOrder()
    sim.setRawStatus(channelOrderId, 'Pending')
    const order = await connect().fetchOrder(channelOrderId)
    expect([order.status, order.totals.totalMinor, order.lines[0]?.grossMinor]).toEqual(['pending', 0, 0])
    expect(order.issues).toEqual(['prices not known yet (Amazon sends none while the order is Pending)'])
  })

  it('marks FBA (AFN) orders as the channel\'s to ship', async () => {
    await start()
    const { channelOrderId } = sim.placeOrder()
    sim.setRawStatus(channelOrderId, 'Shipped', 'AFN')
    expect((await connect().fetchOrder(channelOrderId)).fulfilledBy).toBe('channel')
  })

  it('reads buyer PII only with a restricted data token', async () => {
    await start()
    const { channelOrderId } = sim.placeOrder()
    const without = await connect({ pii: false }).fetchOrder(channelOrderId)
    expect(without.shippingAddress).toMatchObject({ line1: null, postcode: 'N1 9GU', country: 'GB' })
    expect(without.customer.email).toBeNull()
    expect(without.issues).toContain('no street address: the seller lacks a restricted data token for buyer PII')
    const withPii = await connect().fetchOrder(channelOrderId)
    expect(withPii.shippingAddress?.line1).toBe('12 Analytical Row')
    expect(withPii.customer.email).toMatch(/@marketplace\.amazon\.co\.uk$/)
  })

  it('refreshes the LWA token when Amazon says it expired', async () => {
    let t = Date.now()
    await start({ now: () => t })
    sim.placeOrder()
    const connector = connect()
    await connector.testConnection()
    t += 2 * 3600_000
    await connector.testConnection()
    expect(sim.log.filter((l) => l.path === '/auth/o2/token')).toHaveLength(2)
    expect(sim.log.filter((l) => l.status === 403)).toHaveLength(1)
  })

  it('waits one token of x-amzn-RateLimit-Limit after a 429 QuotaExceeded (no Retry-After)', async () => {
    await start({ rateLimits: { getOrders: { rate: 4, burst: 1 } } })
    sim.placeOrder()
    const retries: { delayMs: number; error: ChannelError }[] = []
    const connector = connect({ pii: false, sleep: realSleep, onRetry: (r) => void retries.push(r) })
    await connector.fetchOrders(null)
    await connector.fetchOrders(null)
    expect(retries.map((r) => [r.error.kind, r.error.status])).toEqual([['rate_limited', 429]])
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(250)
  })

  it('sends NextToken URL-encoded (tokens carry + / =)', async () => {
    await start()
    for (let i = 0; i < 5; i++) sim.placeOrder()
    const { orders, pages } = await drain(connect({ pageSize: 2 }), null)
    expect([orders.length, pages]).toEqual([5, 3])
  })

  it('offers no refunds through the Orders API', async () => {
    await start()
    const error = await rejection(connect().pushRefund())
    expect(error.kind).toBe('unsupported')
  })

  it('applies an accepted listing patch later, not at once', async () => {
    await start({ listingDelayMs: 100 })
    const results = await connect().pushStock([{ sku: 'MUG-STONE-01', available: 4, idempotencyKey: 'x' }])
    expect(results[0]?.status).toBe('accepted')
    expect(sim.stockOf('MUG-STONE-01')).not.toBe(4)
    await new Promise((r) => setTimeout(r, 150))
    expect(sim.stockOf('MUG-STONE-01')).toBe(4)
  })

  it('refuses bad LWA credentials as auth, not invalid', async () => {
    await start()
    const error = await rejection(connect({ clientSecret: 'nope' }).testConnection())
    expect(error.kind).toBe('auth')
  })
})

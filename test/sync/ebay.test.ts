import { afterEach, describe, expect, it } from 'vitest'
import { EbayConnector } from '../../sync/channels/ebay/connector.js'
import { SimulatedEbay } from '../../sync/simulators/ebay/simulator.js'
import type { ChannelError } from '../../sync/channel-error.js'
import { ebayStatus } from '../../sync/channels/ebay/mapping.js'
import { realSleep } from '../../sync/http.js'
import { describeChannelContract, drain, rejection, type ChannelHarness } from './contract/channel-contract.js'

export const ebayHarness: ChannelHarness = {
  name: 'eBay',
  simulator: () => new SimulatedEbay(),
  connector: (sim, url, tuning) => {
    const ebay = sim as SimulatedEbay
    return new EbayConnector({ ...tuning, baseUrl: url, clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: tuning.badCredentials ? 'v^1.1#wrong' : ebay.refreshToken })
  },
  ordersPath: '/sell/fulfillment/v1/order',
  statuses: { pending: 'pending', paid: 'ready_to_ship', partially_shipped: 'partially_shipped', shipped: 'shipped', cancelled: 'cancelled', refunded: 'refunded' },
  hasDespatchDeadline: true,
}

describeChannelContract(ebayHarness)
describe('eBay status mapping', () => {
  it.each([
    ['NOT_STARTED', 'PENDING', 'NONE_REQUESTED', 'pending'],
    ['NOT_STARTED', 'FAILED', 'NONE_REQUESTED', 'pending'],
    ['NOT_STARTED', 'PAID', 'NONE_REQUESTED', 'ready_to_ship'],
    ['NOT_STARTED', 'PAID', 'CANCEL_REQUESTED', 'ready_to_ship'],
    ['IN_PROGRESS', 'PAID', 'NONE_REQUESTED', 'partially_shipped'],
    ['FULFILLED', 'PAID', 'NONE_REQUESTED', 'shipped'],
    ['FULFILLED', 'PARTIALLY_REFUNDED', 'NONE_REQUESTED', 'shipped'],
    ['FULFILLED', 'FULLY_REFUNDED', 'NONE_REQUESTED', 'refunded'],
    ['NOT_STARTED', 'FULLY_REFUNDED', 'CANCELED', 'cancelled'],
  ] as const)('maps %s / %s / %s to %s', (fulfillment, payment, cancel, expected) => {
    expect(ebayStatus(fulfillment, payment, cancel)).toBe(expected)
  })
})

describe('eBay specifics', () => {
  let sim: SimulatedEbay
  let url: string
  type Options = Partial<ConstructorParameters<typeof EbayConnector>[0]>
  const connect = (options: Options = {}) => new EbayConnector({ baseUrl: url, clientId: sim.clientId, clientSecret: sim.clientSecret, refreshToken: sim.refreshToken, ...options })
  const start = async (options: ConstructorParameters<typeof SimulatedEbay>[0] = {}) => {
    sim = new SimulatedEbay(options)
    url = (await sim.start()).url
  }
  afterEach(() => sim.stop())

  it('backs off on a 429 over quota (eBay sends no Retry-After)', async () => {
    await start({ quota: { requests: 2, windowMs: 300 } })
    for (let i = 0; i < 5; i++) sim.placeOrder()
    const retries: { delayMs: number; error: ChannelError }[] = []
    const { orders } = await drain(connect({ pageSize: 2, sleep: realSleep, retry: { baseDelayMs: 200, maxAttempts: 6 }, onRetry: (r) => void retries.push(r) }), null)
    expect(orders).toHaveLength(5)
    expect(retries.length).toBeGreaterThan(0)
    expect(retries.every((r) => r.error.kind === 'rate_limited' && r.error.retryAfterMs === undefined)).toBe(true)
  })

  it('states eBay-collected taxes as on top of the price', async () => {
    await start()
    const { channelOrderId } = sim.placeOrder({ currency: 'USD', lines: [{ sku: 'MUG-STONE-01', title: 'Mug', quantity: 2, unitPriceMinor: 1000 }], shipping: { method: 'USPS', priceMinor: 500 }, taxRatePercent: 8 })
    const order = await connect().fetchOrder(channelOrderId)
    expect([order.taxIncluded, order.totals.taxMinor, order.totals.totalMinor, order.issues]).toEqual([false, 200, 2700, []])
  })

  it('takes the earliest line ship-by date as the despatch deadline', async () => {
    await start({ now: () => Date.parse('2025-05-05T08:00:00.000Z') })
    const { channelOrderId } = sim.placeOrder()
    expect((await connect().fetchOrder(channelOrderId)).despatchBy).toBe('2025-05-07T08:00:00.000Z')
  })

  it('refunds asynchronously: the refund shows as pending', async () => {
    await start()
    const connector = connect()
    const { channelOrderId } = sim.placeOrder()
    const result = await connector.pushRefund({ channelOrderId, currency: 'GBP', amountMinor: 850, lines: [], reason: 'Item arrived damaged' }, 'rf-9')
    expect(result.state).toBe('pending')
    const order = await connector.fetchOrder(channelOrderId)
    expect(order.refunds.map((r) => [r.amountMinor, r.state])).toEqual([[850, 'pending']])
  })

  it('does not repeat a refund after an ambiguous failure if it went through', async () => {
    await start()
    const connector = connect({ timeoutMs: 300 })
    const { channelOrderId } = sim.placeOrder()
    sim.faults.inject({ kind: 'status', status: 502 }, { match: /issue_refund$/ })
    const error = await rejection(connector.pushRefund({ channelOrderId, currency: 'GBP', amountMinor: 300, lines: [], reason: 'x' }, 'rf-1'))
    expect(error.kind).toBe('server')
    expect(sim.log.filter((l) => l.path.endsWith('issue_refund'))).toHaveLength(1)
  })

  it('caches the notification public key and refuses an unknown key id', async () => {
    await start()
    const connector = connect()
    const { channelOrderId } = sim.placeOrder()
    for (let i = 0; i < 3; i++) {
      const delivery = sim.buildWebhook('ORDER_CONFIRMATION', channelOrderId)
      await connector.verifyWebhook(delivery.rawBody, delivery.headers)
    }
    expect(sim.log.filter((l) => l.path.includes('/public_key/'))).toHaveLength(1)
    const delivery = sim.buildWebhook('ORDER_CONFIRMATION', channelOrderId)
    const envelope = JSON.parse(Buffer.from(delivery.headers['x-ebay-signature'] ?? '', 'base64').toString()) as Record<string, string>
    const forged = Buffer.from(JSON.stringify({ ...envelope, kid: 'someone-else' })).toString('base64')
    expect((await rejection(connector.verifyWebhook(delivery.rawBody, { 'x-ebay-signature': forged }))).kind).toBe('auth')
  })

  it('renews an expired access token once on 401', async () => {
    let t = Date.now()
    await start({ now: () => t })
    const connector = connect()
    await connector.testConnection()
    t += 3 * 3600_000
    await connector.testConnection()
    expect(sim.log.filter((l) => l.status === 401)).toHaveLength(1)
  })
})

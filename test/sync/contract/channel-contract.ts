/**
 * The ChannelConnector contract: one suite, run against every connector + simulator pair.
 * A harness says how to build the pair and what differs per channel (status words, whether
 * there is a ship-by date, whether the channel has webhooks).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChannelError } from '../../../sync/channel-error.js'
import type { ChannelConnector, ShipmentConfirmation } from '../../../sync/connector.js'
import type { HttpOptions } from '../../../sync/http.js'
import type { ChannelOrder, OrderStatus } from '../../../sync/order.js'
import type { Fault } from '../../../sync/simulators/shared/faults.js'
import type { ChannelSimulator, SimOrderState } from '../../../sync/simulators/simulator.js'
import { WebhookDeduper } from '../../../sync/webhook.js'

export interface ConnectorTuning extends HttpOptions {
  pageSize?: number
  /** Build with credentials the simulator rejects. */
  badCredentials?: boolean
}

export interface ChannelHarness {
  name: string
  /** A simulator with short rate-limit windows; not started. */
  simulator(): ChannelSimulator
  connector(sim: ChannelSimulator, url: string, tuning: ConnectorTuning): ChannelConnector
  /** Path fragment of the call that lists orders (faults are aimed at it). */
  ordersPath: string
  statuses: Record<SimOrderState, OrderStatus>
  hasDespatchDeadline: boolean
  /** Lines for a full shipment of `order` (defaults to every line, full quantity). */
  shipmentLines?(order: ChannelOrder): ShipmentConfirmation['lines']
}

/** Collects every order until the sweep is done; returns them and the final cursor. */
export async function drain(connector: ChannelConnector, cursor: string | null, limit = 50): Promise<{ orders: ChannelOrder[]; cursor: string; pages: number }> {
  const orders: ChannelOrder[] = []
  for (let pages = 1; pages <= limit; pages++) {
    const page = await connector.fetchOrders(cursor)
    orders.push(...page.orders)
    cursor = page.nextCursor
    if (page.done) return { orders, cursor, pages }
  }
  throw new Error('import did not finish')
}

export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 2000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > until) return value
    await new Promise((r) => setTimeout(r, 25))
  }
}

export async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ChannelError) return error
    throw error
  }
  throw new Error('expected a ChannelError')
}

export function describeChannelContract(h: ChannelHarness): void {
  describe(`${h.name} connector contract`, () => {
    let sim: ChannelSimulator
    let url: string
    let sleeps: number[]
    const ordersCall = new RegExp(`${h.ordersPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
    const connect = (tuning: ConnectorTuning = {}) =>
      h.connector(sim, url, { timeoutMs: 2000, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...tuning })

    beforeEach(async () => {
      sim = h.simulator()
      url = (await sim.start()).url
      sleeps = []
    })
    afterEach(() => sim.stop())

    it('tests the connection, and refuses bad credentials as auth', async () => {
      const info = await connect().testConnection()
      expect(info.accountName).toBeTruthy()
      const error = await rejection(connect({ badCredentials: true }).testConnection())
      expect(error.kind).toBe('auth')
    })

    it('imports incrementally across pages and resumes from a stored cursor', async () => {
      const placed = Array.from({ length: 7 }, () => sim.placeOrder().channelOrderId)
      const first = await connect({ pageSize: 3 }).fetchOrders(null)
      expect(first.done).toBe(false)
      const rest = await drain(connect({ pageSize: 3 }), first.nextCursor)
      const ids = [...first.orders, ...rest.orders].map((o) => o.channelOrderId)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.sort()).toEqual([...placed].sort())

      const later = [sim.placeOrder().channelOrderId, sim.placeOrder().channelOrderId]
      const again = await drain(connect({ pageSize: 3 }), rest.cursor)
      expect(again.orders.map((o) => o.channelOrderId).sort()).toEqual(later.sort())
    })

    it('starts from initialCursor(since): nothing older', async () => {
      sim.placeOrder()
      const future = new Date(Date.now() + 3600_000)
      const connector = connect()
      const { orders } = await drain(connector, connector.initialCursor(future))
      expect(orders).toEqual([])
    })

    it('maps statuses, keeping the channel words', async () => {
      for (const [state, expected] of Object.entries(h.statuses) as [SimOrderState, OrderStatus][]) {
        const { channelOrderId } = sim.placeOrder()
        sim.setOrderState(channelOrderId, state)
        const order = await connect().fetchOrder(channelOrderId)
        expect({ state, status: order.status }).toEqual({ state, status: expected })
        expect(order.channelStatus).not.toBe('')
      }
    })

    it('maps money to integer minor units that reconcile, and the customer and address', async () => {
      const { channelOrderId } = sim.placeOrder()
      const order = await connect().fetchOrder(channelOrderId)
      expect(order.currency).toBe('GBP')
      expect(order.taxIncluded).toBe(true)
      expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.grossMinor, l.totalMinor])).toEqual([
        ['MUG-STONE-01', 2, 1499, 2998, 2998],
        ['TEA-BREAKFAST-250', 1, 850, 850, 850],
      ])
      expect(order.totals).toMatchObject({ subtotalMinor: 3848, shippingMinor: 395, totalMinor: 4243 })
      expect(order.issues).toEqual([])
      expect(order.shippingAddress).toMatchObject({ postcode: 'N1 9GU', country: 'GB', line1: '12 Analytical Row' })
      expect(order.customer.name).toBe('Ada Lovelace')
      expect(order.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    })

    it('maps zero-decimal currencies (JPY) without scaling', async () => {
      const { channelOrderId } = sim.placeOrder({ currency: 'JPY', lines: [{ sku: 'TEA-EARLGREY-250', title: 'Earl Grey', quantity: 3, unitPriceMinor: 1200 }], shipping: { method: 'EMS', priceMinor: 500 } })
      const order = await connect().fetchOrder(channelOrderId)
      expect(order.currency).toBe('JPY')
      expect(order.lines[0]).toMatchObject({ unitPriceMinor: 1200, grossMinor: 3600 })
      expect(order.totals.totalMinor).toBe(4100)
      expect(order.issues).toEqual([])
    })

    it('flags an unknown currency without blocking the import', async () => {
      const good = sim.placeOrder().channelOrderId
      const bad = sim.placeOrder({ currency: 'XYZ' }).channelOrderId
      const page = await connect().fetchOrders(null)
      expect(page.orders.map((o) => o.channelOrderId)).toEqual([good])
      expect(page.rejected.map((r) => [r.channelOrderId, r.error.kind])).toEqual([[bad, 'contract']])
      expect((await rejection(connect().fetchOrder(bad))).kind).toBe('contract')
    })

    it(h.hasDespatchDeadline ? 'gives the despatch deadline' : 'has no despatch deadline', async () => {
      const { channelOrderId } = sim.placeOrder()
      const order = await connect().fetchOrder(channelOrderId)
      if (!h.hasDespatchDeadline) return expect(order.despatchBy).toBeNull()
      expect(order.despatchBy).not.toBeNull()
      expect(Date.parse(order.despatchBy ?? '')).toBeGreaterThan(Date.parse(order.createdAt))
    })

    it('pushes stock and reads it back; unknown SKUs are not_found', async () => {
      const connector = connect()
      const results = await connector.pushStock([
        { sku: 'MUG-STONE-01', available: 7, idempotencyKey: 'push-1' },
        { sku: 'NO-SUCH-SKU', available: 1, idempotencyKey: 'push-2' },
      ])
      expect(results.map((r) => [r.sku, r.status])).toEqual([
        ['MUG-STONE-01', connector.capabilities.stockAsync ? 'accepted' : 'applied'],
        ['NO-SUCH-SKU', 'not_found'],
      ])
      const levels = await eventually(() => connector.readStockLevels(['MUG-STONE-01', 'NO-SUCH-SKU']), (l) => l[0]?.available === 7)
      expect(levels).toEqual([{ sku: 'MUG-STONE-01', available: 7 }, { sku: 'NO-SUCH-SKU', available: null }])
    })

    it('rejects negative and fractional quantities before sending them', async () => {
      const before = sim.stockOf('CADDY-TIN-01')
      const results = await connect().pushStock([
        { sku: 'CADDY-TIN-01', available: -2, idempotencyKey: 'neg' },
        { sku: 'HONEY-WILD-340', available: 1.5, idempotencyKey: 'frac' },
      ])
      expect(results.map((r) => [r.status, r.error?.kind])).toEqual([['rejected', 'invalid'], ['rejected', 'invalid']])
      expect(sim.stockOf('CADDY-TIN-01')).toBe(before)
    })

    it('confirms a shipment once: a retry with the same key is already done', async () => {
      const connector = connect()
      const { channelOrderId } = sim.placeOrder()
      const order = await connector.fetchOrder(channelOrderId)
      const shipment: ShipmentConfirmation = {
        channelOrderId,
        lines: h.shipmentLines?.(order) ?? order.lines.map((l) => ({ channelLineId: l.channelLineId, quantity: l.quantity })),
        carrier: 'royal_mail',
        trackingNumber: 'RM123456785GB',
        shippedAt: new Date().toISOString(),
      }
      expect((await connector.confirmShipment(shipment, 'ship-1')).alreadyDone).toBe(false)
      expect((await connector.confirmShipment(shipment, 'ship-1')).alreadyDone).toBe(true)
      expect((await connector.fetchOrder(channelOrderId)).status).toBe('shipped')
    })

    it('verifies webhooks over the raw body: good, bad and replayed', async () => {
      const connector = connect()
      const { channelOrderId } = sim.placeOrder()
      if (!connector.capabilities.webhooks) {
        return expect((await rejection(connector.verifyWebhook('{}', {}))).kind).toBe('unsupported')
      }
      const delivery = sim.buildWebhook(webhookTopic(connector.channel), channelOrderId)
      const event = await connector.verifyWebhook(Buffer.from(delivery.rawBody), delivery.headers)
      expect(event.orderId).toBe(channelOrderId)

      const tampered = delivery.rawBody.replace(/\d/, (d) => String((Number(d) + 1) % 10))
      expect((await rejection(connector.verifyWebhook(tampered, delivery.headers))).kind).toBe('auth')
      const reserialised = JSON.stringify(JSON.parse(delivery.rawBody), null, 2)
      expect((await rejection(connector.verifyWebhook(reserialised, delivery.headers))).kind).toBe('auth')
      const unsigned = Object.fromEntries(Object.entries(delivery.headers).filter(([k]) => !/signature|hmac/i.test(k)))
      expect((await rejection(connector.verifyWebhook(delivery.rawBody, unsigned))).kind).toBe('auth')

      const deduper = new WebhookDeduper()
      const replay = await connector.verifyWebhook(delivery.rawBody, delivery.headers)
      expect(replay.eventId).toBe(event.eventId)
      expect([deduper.firstTime(event.eventId), deduper.firstTime(replay.eventId)]).toEqual([true, false])
    })

    it('retries a 429, waiting what Retry-After asks', async () => {
      sim.placeOrder()
      sim.faults.inject({ kind: 'status', status: 429, retryAfter: '2' } satisfies Fault, { match: ordersCall })
      const page = await connect().fetchOrders(null)
      expect(page.orders).toHaveLength(1)
      expect(sleeps.some((ms) => ms >= 2000 && ms <= 2200)).toBe(true)
    })

    it('retries 5xx and timeouts with backoff', async () => {
      sim.placeOrder()
      sim.faults.inject({ kind: 'status', status: 503 }, { match: ordersCall, times: 2 })
      sim.faults.inject({ kind: 'timeout' }, { match: ordersCall })
      const page = await connect({ timeoutMs: 300 }).fetchOrders(null)
      expect(page.orders).toHaveLength(1)
      expect(sim.log.filter((l) => l.path.endsWith(h.ordersPath)).map((l) => l.status)).toEqual([503, 503, 0, 200])
    })

    it('does not retry other 4xx', async () => {
      sim.faults.inject({ kind: 'status', status: 400, body: { errors: 'bad request' } }, { match: ordersCall, times: 3 })
      const error = await rejection(connect().fetchOrders(null))
      expect([error.kind, error.status]).toEqual(['invalid', 400])
      expect(sim.log.filter((l) => l.path.endsWith(h.ordersPath))).toHaveLength(1)
    })

    it('gives up after the policy attempts, as the error kind', async () => {
      sim.faults.inject({ kind: 'status', status: 500 }, { match: ordersCall, times: 10 })
      const error = await rejection(connect({ retry: { maxAttempts: 3 } }).fetchOrders(null))
      expect(error.kind).toBe('server')
      expect(error.retryable).toBe(true)
    })

    it('calls a malformed payload a contract error', async () => {
      sim.faults.inject({ kind: 'malformed' }, { match: ordersCall })
      expect((await rejection(connect().fetchOrders(null))).kind).toBe('contract')
    })

    it('does not duplicate orders when the channel serves a page twice', async () => {
      const placed = Array.from({ length: 7 }, () => sim.placeOrder().channelOrderId)
      const connector = connect({ pageSize: 3 })
      const first = await connector.fetchOrders(null)
      sim.faults.inject({ kind: 'repeat-page' })
      const rest = await drain(connector, first.nextCursor)
      const ids = [...first.orders, ...rest.orders].map((o) => o.channelOrderId)
      expect(ids.sort()).toEqual([...placed].sort())
    })

    it('answers unknown routes loudly with 501', async () => {
      const res = await fetch(`${url}/no/such/route?x=1`, { method: 'DELETE' })
      expect(res.status).toBe(501)
      expect(await res.text()).toContain('DELETE /no/such/route')
    })
  })
}

function webhookTopic(channel: string): string {
  return channel === 'shopify' ? 'orders/updated' : channel === 'woocommerce' ? 'order.updated' : 'ORDER_CONFIRMATION'
}

/**
 * SimulatedEbay: eBay's Sell Fulfillment, Sell Inventory and Notification APIs on loopback.
 * OAuth at `/identity/v1/oauth2/token` (refresh-token grant for the seller, client
 * credentials for the app; Basic client auth); bearer tokens that expire; getOrders with
 * `filter=lastmodifieddate:[…..]` and offset/limit (newest first, `total` and `next`);
 * shipping fulfillments; asynchronous refunds; bulk price-quantity updates (25 max); a
 * request quota answering 429; ORDER_CONFIRMATION notifications signed with ECDSA, the public
 * key served at `/commerce/notification/v1/public_key/{kid}`.
 */
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto'
import { orderAmounts, parseSimDecimal, type SimOrderSpec } from '../shared/catalogue.js'
import { SimHttpError, type SimRequest, type SimResponse } from '../shared/sim-server.js'
import type { WebhookDelivery } from '../shared/webhook-sender.js'
import { BaseSimulator, type BaseSimulatorOptions, type PlacedOrder, type SimOrderState } from '../simulator.js'
import { renderEbayOrder, type EbayOrderRecord } from './render.js'

export interface SimulatedEbayOptions extends BaseSimulatorOptions {
  clientId?: string
  clientSecret?: string
  refreshToken?: string
  sellerId?: string
  tokenTtlSeconds?: number
  /** Calls allowed per window before 429 (eBay's daily quotas, shrunk); false = none. */
  quota?: { requests: number; windowMs: number } | false
}

const FULFILLMENT = '/sell/fulfillment/v1'
const INVENTORY = '/sell/inventory/v1'
const FILTER = /lastmodifieddate:\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)?\.\.(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)?\]/

export class SimulatedEbay extends BaseSimulator {
  readonly channel = 'ebay' as const
  readonly clientId: string
  readonly clientSecret: string
  readonly refreshToken: string
  readonly sellerId: string
  readonly orders = new Map<string, EbayOrderRecord>()
  /** The notification public key id in X-EBAY-SIGNATURE. */
  readonly keyId = randomUUID()
  private readonly keys: { publicKey: KeyObject; privateKey: KeyObject }
  private readonly tokens = new Map<string, number>()
  private readonly tokenTtl: number
  private readonly quota: { requests: number; windowMs: number } | false
  private window = { start: 0, used: 0 }
  private sequence = 0
  private previousOffset = 0

  constructor(options: SimulatedEbayOptions = {}) {
    super('eBay', options)
    this.sequence = options.idOffset ?? 0
    this.clientId = options.clientId ?? 'StoreApp-Simulated-PRD-0000000000-00000000'
    this.clientSecret = options.clientSecret ?? 'PRD-simulated-secret'
    this.refreshToken = options.refreshToken ?? 'v^1.1#i^1#simulated-refresh-token'
    this.sellerId = options.sellerId ?? 'appliance_demo_shop'
    this.tokenTtl = options.tokenTtlSeconds ?? 7200
    this.quota = options.quota ?? false
    this.keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    this.server.route('POST', '/identity/v1/oauth2/token', (req) => this.issueToken(req))
    const r = (method: string, path: string, handler: (req: SimRequest, params: Record<string, string>) => SimResponse) =>
      this.server.route(method, path, (req, params) => this.guard(req, () => handler(req, params)))
    r('GET', '/commerce/identity/v1/user/', () => ({ status: 200, body: { userId: 'sim-user-1', username: this.sellerId, accountType: 'BUSINESS', registrationMarketplaceId: 'EBAY_GB' } }))
    r('GET', '/commerce/notification/v1/public_key/:kid', (_req, p) => this.publicKey(p.kid ?? ''))
    r('GET', `${FULFILLMENT}/order`, (req) => this.listOrders(req))
    r('GET', `${FULFILLMENT}/order/:id`, (_req, p) => ({ status: 200, body: renderEbayOrder(this.order(p.id), this.sellerId) }))
    r('GET', `${FULFILLMENT}/order/:id/shipping_fulfillment`, (_req, p) => this.listFulfillments(p.id ?? ''))
    r('POST', `${FULFILLMENT}/order/:id/shipping_fulfillment`, (req, p) => this.createFulfillment(req, p.id ?? ''))
    r('POST', `${FULFILLMENT}/order/:id/issue_refund`, (req, p) => this.issueRefund(req, p.id ?? ''))
    r('POST', `${INVENTORY}/bulk_update_price_quantity`, (req) => this.bulkUpdate(req))
    r('POST', `${INVENTORY}/bulk_get_inventory_item`, (req) => this.bulkGet(req))
  }

  protected createOrder(spec: SimOrderSpec): PlacedOrder {
    this.sequence += 1
    const id = `${String(10 + (this.sequence % 90)).padStart(2, '0')}-${String(10000 + this.sequence).padStart(5, '0')}-${String(40000 + this.sequence * 7).padStart(5, '0')}`
    const at = this.tick()
    const order: EbayOrderRecord = {
      id, spec, createdAt: at, modifiedAt: at, payment: 'PAID', cancelState: 'NONE_REQUESTED',
      lines: spec.lines.map((_, i) => ({ id: String(10_000_000_000 + this.sequence * 100 + i), shipped: 0 })), fulfillments: [], refunds: [],
    }
    this.orders.set(id, order)
    order.lines.forEach(() => this.webhooks.enqueue(this.notification('ORDER_CONFIRMATION', order)))
    return { channelOrderId: id, orderNumber: id }
  }

  setOrderState(channelOrderId: string, state: SimOrderState): void {
    const order = this.order(channelOrderId)
    order.payment = state === 'pending' ? 'PENDING' : state === 'refunded' ? 'FULLY_REFUNDED' : 'PAID'
    order.cancelState = state === 'cancelled' ? 'CANCELED' : 'NONE_REQUESTED'
    order.lines.forEach((line, i) => {
      const quantity = order.spec.lines[i]?.quantity ?? 0
      line.shipped = state === 'shipped' || (state === 'partially_shipped' && i === 0) ? quantity : 0
    })
    if (state === 'partially_shipped' && order.lines.length === 1 && order.lines[0]) order.lines[0].shipped = 0
    if (state === 'refunded') order.refunds.push({ id: randomUUID(), at: this.tick(), amountMinor: orderAmounts(order.spec).totalMinor, status: 'REFUNDED' })
    order.modifiedAt = this.tick()
  }

  override buildWebhook(topic: string, channelOrderId: string): WebhookDelivery {
    return this.notification(topic, this.order(channelOrderId))
  }

  private guard(req: SimRequest, handle: () => SimResponse): SimResponse {
    const bearer = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1] ?? ''
    const expires = this.tokens.get(bearer)
    if (expires === undefined || expires <= this.now()) {
      throw new SimHttpError(401, { errors: [{ errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token', longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.' }] })
    }
    if (this.quota) {
      const now = this.now()
      if (now - this.window.start >= this.quota.windowMs) this.window = { start: now, used: 0 }
      if (++this.window.used > this.quota.requests) {
        throw new SimHttpError(429, { errors: [{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests. The request limit has been reached for the resource.' }] })
      }
    }
    return handle()
  }

  private issueToken(req: SimRequest): SimResponse {
    const basic = /^Basic (.+)$/.exec(req.header('authorization') ?? '')?.[1]
    const [id, secret] = Buffer.from(basic ?? '', 'base64').toString('utf8').split(':')
    if (id !== this.clientId || secret !== this.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'client authentication failed' } }
    const form = req.form()
    const grant = form.get('grant_type')
    if (grant === 'refresh_token' && form.get('refresh_token') !== this.refreshToken) return { status: 400, body: { error: 'invalid_grant', error_description: 'the provided authorization refresh token is invalid or was issued to another client' } }
    if (grant !== 'refresh_token' && grant !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type in request is not supported by the authorization server' } }
    const token = `v^1.1#i^1#${randomUUID()}`
    this.tokens.set(token, this.now() + this.tokenTtl * 1000)
    return { status: 200, body: { access_token: token, expires_in: this.tokenTtl, token_type: grant === 'refresh_token' ? 'User Access Token' : 'Application Access Token' } }
  }

  private order(id: string | undefined): EbayOrderRecord {
    const order = this.orders.get(id ?? '')
    if (!order) throw new SimHttpError(404, { errors: [{ errorId: 32100, domain: 'API_FULFILLMENT', category: 'REQUEST', message: `Invalid order ID: ${id}` }] })
    return order
  }

  private listOrders(req: SimRequest): SimResponse {
    const q = req.url.searchParams
    const bad = (message: string) => new SimHttpError(400, { errors: [{ errorId: 30800, domain: 'API_FULFILLMENT', category: 'REQUEST', message }] })
    const limit = Number(q.get('limit') ?? 50)
    let offset = Number(q.get('offset') ?? 0)
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw bad('Invalid limit: must be between 1 and 200')
    if (!Number.isInteger(offset) || offset < 0) throw bad('Invalid offset')
    const filter = q.get('filter')
    let from = -Infinity
    let to = Infinity
    if (filter) {
      const match = FILTER.exec(filter)
      if (!match) throw bad(`Invalid filter: ${filter}`)
      if (match[1]) from = Date.parse(match[1])
      if (match[2]) to = Date.parse(match[2])
    }
    if (this.faults.takeKind('repeat-page', 'order')) offset = this.previousOffset
    this.previousOffset = Number(q.get('offset') ?? 0)
    const matching = [...this.orders.values()].filter((o) => o.modifiedAt >= from && o.modifiedAt <= to).sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
    const page = matching.slice(offset, offset + limit)
    const href = (o: number) => `${FULFILLMENT}/order?${new URLSearchParams({ ...(filter ? { filter } : {}), limit: String(limit), offset: String(o) }).toString()}`
    return {
      status: 200,
      body: {
        href: href(offset), total: matching.length, limit, offset,
        ...(offset + limit < matching.length ? { next: href(offset + limit) } : {}),
        ...(offset > 0 ? { prev: href(Math.max(0, offset - limit)) } : {}),
        orders: page.map((o) => renderEbayOrder(o, this.sellerId)),
      },
    }
  }

  private listFulfillments(id: string): SimResponse {
    const order = this.order(id)
    const fulfillments = order.fulfillments.map((f) => ({ fulfillmentId: f.id, shipmentTrackingNumber: f.tracking, shippingCarrierCode: f.carrier, shippedDate: f.shippedDate, lineItems: f.lines }))
    return { status: 200, body: { fulfillments, total: fulfillments.length } }
  }

  private createFulfillment(req: SimRequest, id: string): SimResponse {
    const order = this.order(id)
    const bad = (message: string) => new SimHttpError(400, { errors: [{ errorId: 32500, domain: 'API_FULFILLMENT', category: 'REQUEST', message }] })
    const body = req.json() as { lineItems?: { lineItemId?: string; quantity?: number }[]; shippedDate?: string; shippingCarrierCode?: string; trackingNumber?: string }
    if (!body.lineItems?.length || !body.shippingCarrierCode || !body.trackingNumber) throw bad('lineItems, shippingCarrierCode and trackingNumber are required')
    if (order.cancelState === 'CANCELED') throw bad('The order has been cancelled')
    for (const item of body.lineItems) {
      const index = order.lines.findIndex((l) => l.id === item.lineItemId)
      const line = order.lines[index]
      if (!line || !item.quantity || line.shipped + item.quantity > (order.spec.lines[index]?.quantity ?? 0)) throw bad(`Invalid lineItemId or quantity: ${item.lineItemId}`)
    }
    for (const item of body.lineItems) {
      const line = order.lines.find((l) => l.id === item.lineItemId)
      if (line) line.shipped += item.quantity ?? 0
    }
    const fulfillmentId = body.trackingNumber
    order.fulfillments.push({ id: fulfillmentId, tracking: body.trackingNumber, carrier: body.shippingCarrierCode, shippedDate: body.shippedDate ?? new Date(this.now()).toISOString(), lines: body.lineItems.map((l) => ({ lineItemId: l.lineItemId ?? '', quantity: l.quantity ?? 0 })) })
    order.modifiedAt = this.tick()
    return { status: 201, headers: { location: `${FULFILLMENT}/order/${id}/shipping_fulfillment/${encodeURIComponent(fulfillmentId)}` } }
  }

  private issueRefund(req: SimRequest, id: string): SimResponse {
    const order = this.order(id)
    const body = req.json() as { reasonForRefund?: string; refundItems?: { refundAmount?: { value?: string; currency?: string }; lineItemId?: string }[]; orderLevelRefundAmount?: { value?: string; currency?: string } }
    const bad = (message: string) => new SimHttpError(400, { errors: [{ errorId: 32600, domain: 'API_FULFILLMENT', category: 'REQUEST', message }] })
    if (!body.reasonForRefund) throw bad('reasonForRefund is required')
    const amounts = body.orderLevelRefundAmount ? [body.orderLevelRefundAmount] : (body.refundItems ?? []).map((i) => i.refundAmount ?? {})
    if (!amounts.length || amounts.some((a) => a.currency !== order.spec.currency)) throw bad('refund amounts are missing or in the wrong currency')
    const minor = amounts.reduce((s, a) => s + parseSimDecimal(a.value, order.spec.currency), 0)
    if (!(minor > 0)) throw bad('refund amount is invalid')
    const at = this.tick()
    const refund = { id: `5${String(at).slice(-9)}${order.refunds.length}`, at, amountMinor: minor, status: 'PENDING' as const }
    order.refunds.push(refund)
    order.payment = 'PARTIALLY_REFUNDED'
    order.modifiedAt = this.tick()
    return { status: 200, body: { refundId: refund.id, refundStatus: 'PENDING' } }
  }

  private bulkUpdate(req: SimRequest): SimResponse {
    const body = req.json() as { requests?: { sku?: string; shipToLocationAvailability?: { quantity?: unknown } }[] }
    const requests = body.requests ?? []
    if (requests.length < 1 || requests.length > 25) throw new SimHttpError(400, { errors: [{ errorId: 25709, domain: 'API_INVENTORY', category: 'REQUEST', message: 'Invalid request: 1 to 25 requests are allowed' }] })
    const responses = requests.map((r) => {
      const sku = r.sku ?? ''
      const quantity = r.shipToLocationAvailability?.quantity
      if (!this.stock.has(sku)) return { sku, statusCode: 404, errors: [{ errorId: 25702, domain: 'API_INVENTORY', category: 'REQUEST', message: `SKU ${sku} is not available in the system` }] }
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) return { sku, statusCode: 400, errors: [{ errorId: 25604, domain: 'API_INVENTORY', category: 'REQUEST', message: 'Input error. Quantity must be a non-negative integer' }] }
      this.stock.set(sku, quantity)
      return { sku, statusCode: 200, errors: [], warnings: [] }
    })
    return { status: responses.every((r) => r.statusCode === 200) ? 200 : 207, body: { responses } }
  }

  private bulkGet(req: SimRequest): SimResponse {
    const body = req.json() as { requests?: { sku?: string }[] }
    const requests = body.requests ?? []
    if (requests.length < 1 || requests.length > 25) throw new SimHttpError(400, { errors: [{ errorId: 25709, domain: 'API_INVENTORY', category: 'REQUEST', message: 'Invalid request: 1 to 25 requests are allowed' }] })
    const responses = requests.map((r) => {
      const sku = r.sku ?? ''
      const quantity = this.stock.get(sku)
      return quantity === undefined
        ? { sku, statusCode: 404, errors: [{ errorId: 25702, message: `SKU ${sku} is not available in the system` }] }
        : { sku, statusCode: 200, inventoryItem: { sku, availability: { shipToLocationAvailability: { quantity } } } }
    })
    return { status: 200, body: { responses } }
  }

  private publicKey(kid: string): SimResponse {
    if (kid !== this.keyId) throw new SimHttpError(404, { errors: [{ errorId: 195001, domain: 'API_NOTIFICATION', category: 'REQUEST', message: 'The specified public key was not found.' }] })
    return { status: 200, body: { algorithm: 'ECDSA', digest: 'SHA1', key: this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() } }
  }

  private notification(topic: string, order: EbayOrderRecord): WebhookDelivery {
    const now = new Date(this.now()).toISOString()
    const rawBody = JSON.stringify({
      metadata: { topic, schemaVersion: '1.0', deprecated: false },
      notification: { notificationId: randomUUID(), eventDate: new Date(order.modifiedAt).toISOString(), publishDate: now, publishAttemptCount: 1, data: { orderId: order.id, sellerId: this.sellerId } },
    })
    const signature = createSign('sha1').update(rawBody).sign({ key: this.keys.privateKey, dsaEncoding: 'der' }).toString('base64')
    const header = Buffer.from(JSON.stringify({ alg: 'ecdsa', kid: this.keyId, signature, digest: 'SHA1' })).toString('base64')
    return { topic, rawBody, headers: { 'content-type': 'application/json', 'x-ebay-signature': header } }
  }
}

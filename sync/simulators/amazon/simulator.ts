/**
 * SimulatedAmazon: the Selling Partner API on loopback. LWA refresh-token grant at
 * `/auth/o2/token` (tokens expire); `x-amz-access-token` on every call; restricted data
 * tokens for buyer PII; per-operation token buckets answering 429 QuotaExceeded with
 * `x-amzn-RateLimit-Limit` (no Retry-After, like Amazon); Orders v0 with NextToken (base64:
 * it must be URL-encoded), order items, shipment confirmation; Listings Items PATCH applied
 * asynchronously. Amazon has no HTTPS webhooks (notifications go to SQS/EventBridge).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { TokenBucket } from '../../engine/token-bucket.js'
import { orderAmounts, type SimOrderSpec } from '../shared/catalogue.js'
import { SimHttpError, type SimRequest, type SimResponse } from '../shared/sim-server.js'
import { BaseSimulator, type BaseSimulatorOptions, type PlacedOrder, type SimOrderState } from '../simulator.js'
import { renderAmazonItems, renderAmazonOrder, type AmazonOrderRecord, type AmazonStatus } from './render.js'

export type AmazonOperation = 'getOrders' | 'getOrder' | 'getOrderItems' | 'confirmShipment' | 'patchListingsItem' | 'getListingsItem' | 'createRestrictedDataToken' | 'getMarketplaceParticipations'

/** Amazon's published limits (requests per second, burst). */
export const AMAZON_RATE_LIMITS: Readonly<Record<AmazonOperation, { rate: number; burst: number }>> = Object.freeze({
  getOrders: { rate: 0.0167, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  getListingsItem: { rate: 5, burst: 10 },
  createRestrictedDataToken: { rate: 1, burst: 10 },
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
})

export interface SimulatedAmazonOptions extends BaseSimulatorOptions {
  clientId?: string
  clientSecret?: string
  refreshToken?: string
  sellerId?: string
  marketplaceId?: string
  /** LWA access token lifetime. */
  tokenTtlSeconds?: number
  /** Per-operation overrides, or false for no limits. */
  rateLimits?: Partial<Record<AmazonOperation, { rate: number; burst: number }>> | false
  /** How long an ACCEPTED listings patch takes to apply. */
  listingDelayMs?: number
}

export class SimulatedAmazon extends BaseSimulator {
  readonly channel = 'amazon' as const
  readonly clientId: string
  readonly clientSecret: string
  readonly refreshToken: string
  readonly sellerId: string
  readonly marketplaceId: string
  readonly orders = new Map<string, AmazonOrderRecord>()
  private readonly tokens = new Map<string, { expires: number; rdt: boolean }>()
  private readonly buckets = new Map<AmazonOperation, TokenBucket>()
  private readonly limits: Record<AmazonOperation, { rate: number; burst: number }> | false
  private readonly tokenTtl: number
  private readonly listingDelayMs: number
  private sequence = 0
  private readonly nextTokens = new Map<string, { after: number; field: 'updatedAt' | 'purchasedAt'; perPage: number; offset: number }>()

  constructor(options: SimulatedAmazonOptions = {}) {
    super('Amazon SP-API', options)
    this.sequence = options.idOffset ?? 0
    this.clientId = options.clientId ?? 'amzn1.application-oa2-client.simulated'
    this.clientSecret = options.clientSecret ?? 'amzn-client-secret'
    this.refreshToken = options.refreshToken ?? 'Atzr|simulated-refresh-token'
    this.sellerId = options.sellerId ?? 'A2SIMULATEDSELLER'
    this.marketplaceId = options.marketplaceId ?? 'A1F83G8C2ARO7P'
    this.tokenTtl = options.tokenTtlSeconds ?? 3600
    this.listingDelayMs = options.listingDelayMs ?? 50
    this.limits = options.rateLimits === false ? false : { ...AMAZON_RATE_LIMITS, ...options.rateLimits }
    this.server.route('POST', '/auth/o2/token', (req) => this.issueToken(req))
    const op = (method: string, path: string, name: AmazonOperation, handler: (req: SimRequest, params: Record<string, string>) => SimResponse) =>
      this.server.route(method, path, (req, params) => this.guard(req, name, () => handler(req, params)))
    op('GET', '/sellers/v1/marketplaceParticipations', 'getMarketplaceParticipations', () => ({ status: 200, body: { payload: [{ marketplace: { id: this.marketplaceId, name: 'Amazon.co.uk', countryCode: 'GB', defaultCurrencyCode: 'GBP', defaultLanguageCode: 'en_GB', domainName: 'www.amazon.co.uk' }, participation: { isParticipating: true, hasSuspendedListings: false } }] } }))
    op('POST', '/tokens/2021-03-01/restrictedDataToken', 'createRestrictedDataToken', (req) => this.issueRdt(req))
    op('GET', '/orders/v0/orders', 'getOrders', (req) => this.getOrders(req))
    op('GET', '/orders/v0/orders/:id', 'getOrder', (req, p) => ({ status: 200, body: { payload: renderAmazonOrder(this.order(p.id), this.marketplaceId, this.isRdt(req)) } }))
    op('GET', '/orders/v0/orders/:id/orderItems', 'getOrderItems', (_req, p) => ({ status: 200, body: { payload: { AmazonOrderId: p.id, OrderItems: renderAmazonItems(this.order(p.id)) } } }))
    op('POST', '/orders/v0/orders/:id/shipmentConfirmation', 'confirmShipment', (req, p) => this.confirmShipment(req, p.id ?? ''))
    op('PATCH', '/listings/2021-08-01/items/:sellerId/:sku', 'patchListingsItem', (req, p) => this.patchListing(req, p))
    op('GET', '/listings/2021-08-01/items/:sellerId/:sku', 'getListingsItem', (req, p) => this.getListing(req, p))
  }

  protected createOrder(spec: SimOrderSpec): PlacedOrder {
    this.sequence += 1
    const digits = createHash('sha256').update(`${this.sequence}`).digest('hex').replace(/\D/g, '').padEnd(14, '7')
    const id = `202-${digits.slice(0, 7)}-${digits.slice(7, 14)}`
    const at = this.tick()
    this.orders.set(id, {
      id, status: 'Unshipped', fulfillmentChannel: 'MFN', spec, totalMinor: orderAmounts(spec).totalMinor, purchasedAt: at, updatedAt: at,
      items: spec.lines.map((_, i) => ({ id: `${String(this.sequence).padStart(8, '0')}${String(i + 1).padStart(6, '0')}`, shipped: 0 })),
      packages: [],
    })
    return { channelOrderId: id, orderNumber: id }
  }

  setOrderState(channelOrderId: string, state: SimOrderState): void {
    const order = this.order(channelOrderId)
    const status: Record<SimOrderState, AmazonStatus> = { pending: 'Pending', paid: 'Unshipped', partially_shipped: 'PartiallyShipped', shipped: 'Shipped', cancelled: 'Canceled', refunded: 'Shipped' }
    this.setRawStatus(channelOrderId, status[state])
    if (state === 'shipped' || state === 'refunded') order.items.forEach((item, i) => (item.shipped = order.spec.lines[i]?.quantity ?? 0))
    if (state === 'partially_shipped' && order.items[0]) order.items[0].shipped = order.spec.lines[0]?.quantity ?? 0
  }

  setRawStatus(channelOrderId: string, status: AmazonStatus, fulfillmentChannel: 'MFN' | 'AFN' = 'MFN'): void {
    const order = this.order(channelOrderId)
    order.status = status
    order.fulfillmentChannel = fulfillmentChannel
    order.updatedAt = this.tick()
  }

  /** The bucket for an operation, as a test may inspect it. */
  limitOf(operation: AmazonOperation): { rate: number; burst: number } | undefined {
    return this.limits ? this.limits[operation] : undefined
  }

  private guard(req: SimRequest, operation: AmazonOperation, handle: () => SimResponse): SimResponse {
    const token = this.tokens.get(req.header('x-amz-access-token') ?? '')
    const denied = (message: string) => new SimHttpError(403, { errors: [{ code: 'Unauthorized', message, details: '' }] })
    if (!token) throw denied('Access to requested resource is denied.')
    if (token.expires <= this.now()) throw denied('The access token you provided has expired.')
    if (token.rdt && !operation.startsWith('getOrder')) throw denied('Access to requested resource is denied.')
    const limit = this.limits ? this.limits[operation] : undefined
    const headers = { 'x-amzn-ratelimit-limit': String(limit?.rate ?? 100), 'x-amzn-requestid': randomUUID() }
    if (limit) {
      let bucket = this.buckets.get(operation)
      if (!bucket) this.buckets.set(operation, (bucket = new TokenBucket(limit.burst, limit.rate, this.now())))
      if (!bucket.tryTake(this.now())) {
        throw new SimHttpError(429, { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] }, headers)
      }
    }
    const response = handle()
    return { ...response, headers: { ...headers, ...response.headers } }
  }

  private issueToken(req: SimRequest): SimResponse {
    const form = req.form()
    if (form.get('grant_type') !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Only refresh_token is supported' } }
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } }
    if (form.get('refresh_token') !== this.refreshToken) return { status: 400, body: { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' } }
    const token = `Atza|${randomUUID()}`
    this.tokens.set(token, { expires: this.now() + this.tokenTtl * 1000, rdt: false })
    return { status: 200, body: { access_token: token, refresh_token: this.refreshToken, token_type: 'bearer', expires_in: this.tokenTtl } }
  }

  private issueRdt(req: SimRequest): SimResponse {
    const body = req.json() as { restrictedResources?: { method?: string; path?: string; dataElements?: string[] }[] }
    const resources = body.restrictedResources ?? []
    if (!resources.length || resources.some((r) => r.method !== 'GET' || !r.path?.startsWith('/orders/v0/orders'))) {
      throw new SimHttpError(400, { errors: [{ code: 'InvalidInput', message: 'Invalid restrictedResources', details: '' }] })
    }
    const token = `Atz.sprdt|${randomUUID()}`
    this.tokens.set(token, { expires: this.now() + 3600_000, rdt: true })
    return { status: 200, body: { restrictedDataToken: token, expiresIn: 3600 } }
  }

  private isRdt(req: SimRequest): boolean {
    return this.tokens.get(req.header('x-amz-access-token') ?? '')?.rdt === true
  }

  private order(id: string | undefined): AmazonOrderRecord {
    const order = this.orders.get(id ?? '')
    if (!order) throw new SimHttpError(404, { errors: [{ code: 'NotFound', message: `Order ${id} not found`, details: '' }] })
    return order
  }

  private getOrders(req: SimRequest): SimResponse {
    const q = req.url.searchParams
    const invalid = (message: string) => new SimHttpError(400, { errors: [{ code: 'InvalidInput', message, details: '' }] })
    if (!q.get('MarketplaceIds')?.split(',').includes(this.marketplaceId)) throw invalid('MarketplaceIds is required and must contain your marketplace')
    let filter: { after: number; field: 'updatedAt' | 'purchasedAt'; perPage: number; offset: number }
    const token = q.get('NextToken')
    if (token) {
      const issued = this.nextTokens.get(token)
      if (!issued) throw invalid('Invalid NextToken (is it URL-encoded?)')
      filter = issued
      if (this.faults.takeKind('repeat-page', 'orders')) filter = { ...filter, offset: Math.max(0, filter.offset - filter.perPage) }
    } else {
      const updated = q.get('LastUpdatedAfter')
      const created = q.get('CreatedAfter')
      if (!updated && !created) throw invalid('Either CreatedAfter or LastUpdatedAfter must be specified')
      const perPage = Number(q.get('MaxResultsPerPage') ?? 100)
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw invalid('MaxResultsPerPage must be between 1 and 100')
      filter = { after: Date.parse(updated ?? created ?? ''), field: updated ? 'updatedAt' : 'purchasedAt', perPage, offset: 0 }
      if (Number.isNaN(filter.after)) throw invalid('Invalid date')
    }
    const matching = [...this.orders.values()]
      .filter((o) => Math.floor(o[filter.field] / 1000) * 1000 >= filter.after)
      .sort((a, b) => Math.floor(a[filter.field] / 1000) - Math.floor(b[filter.field] / 1000) || a.id.localeCompare(b.id))
    const page = matching.slice(filter.offset, filter.offset + filter.perPage)
    const more = filter.offset + filter.perPage < matching.length
    let next: string | undefined
    if (more) {
      next = `${randomBytes(18).toString('base64')}+/==`
      this.nextTokens.set(next, { ...filter, offset: filter.offset + filter.perPage })
    }
    const pii = this.isRdt(req)
    return { status: 200, body: { payload: { Orders: page.map((o) => renderAmazonOrder(o, this.marketplaceId, pii)), ...(next ? { NextToken: next } : {}), LastUpdatedBefore: new Date(this.now() - 120_000).toISOString() } } }
  }

  private confirmShipment(req: SimRequest, id: string): SimResponse {
    const order = this.order(id)
    const invalid = (message: string) => new SimHttpError(400, { errors: [{ code: 'InvalidInput', message, details: '' }] })
    const body = req.json() as { marketplaceId?: string; packageDetail?: { packageReferenceId?: string; carrierCode?: string; trackingNumber?: string; shipDate?: string; orderItems?: { orderItemId?: string; quantity?: number }[] } }
    const pkg = body.packageDetail
    if (body.marketplaceId !== this.marketplaceId) throw invalid('marketplaceId is invalid')
    if (!pkg?.packageReferenceId || !/^\d+$/.test(pkg.packageReferenceId) || !pkg.carrierCode || !pkg.trackingNumber || !pkg.shipDate || !pkg.orderItems?.length) throw invalid('packageDetail is incomplete')
    if (order.packages.some((p) => p.referenceId === pkg.packageReferenceId)) throw invalid(`packageReferenceId ${pkg.packageReferenceId} already exists for this order`)
    if (order.fulfillmentChannel !== 'MFN' || !['Unshipped', 'PartiallyShipped'].includes(order.status)) throw invalid(`Order ${id} cannot be confirmed in status ${order.status}`)
    for (const item of pkg.orderItems) {
      const index = order.items.findIndex((i) => i.id === item.orderItemId)
      const record = order.items[index]
      const ordered = order.spec.lines[index]?.quantity ?? 0
      if (!record || !item.quantity || item.quantity < 1 || record.shipped + item.quantity > ordered) throw invalid(`orderItemId ${item.orderItemId} quantity is invalid`)
    }
    for (const item of pkg.orderItems) {
      const record = order.items.find((i) => i.id === item.orderItemId)
      if (record) record.shipped += item.quantity ?? 0
    }
    order.packages.push({ referenceId: pkg.packageReferenceId, tracking: pkg.trackingNumber })
    order.status = order.items.every((i, n) => i.shipped >= (order.spec.lines[n]?.quantity ?? 0)) ? 'Shipped' : 'PartiallyShipped'
    order.updatedAt = this.tick()
    return { status: 204 }
  }

  private patchListing(req: SimRequest, params: Record<string, string>): SimResponse {
    const sku = params.sku ?? ''
    if (params.sellerId !== this.sellerId) throw new SimHttpError(403, { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] })
    if (!this.stock.has(sku)) throw new SimHttpError(404, { errors: [{ code: 'NOT_FOUND', message: `SKU '${sku}' not found in marketplace ${this.marketplaceId}`, details: '' }] })
    const body = req.json() as { productType?: string; patches?: { op?: string; path?: string; value?: { fulfillment_channel_code?: string; quantity?: unknown }[] }[] }
    const submissionId = randomUUID().replace(/-/g, '')
    const patch = body.patches?.find((p) => p.path === '/attributes/fulfillment_availability')
    const quantity = patch?.value?.[0]?.quantity
    const issue = !body.productType ? 'productType is required' : patch?.op !== 'replace' || !patch.value ? 'patches must replace /attributes/fulfillment_availability' : typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0 ? 'quantity must be a whole number of 0 or more' : undefined
    if (issue) return { status: 200, body: { sku, status: 'INVALID', submissionId, issues: [{ code: '90220', message: issue, severity: 'ERROR', attributeNames: ['fulfillment_availability'] }] } }
    const apply = () => this.stock.set(sku, quantity as number)
    if (this.listingDelayMs > 0) setTimeout(apply, this.listingDelayMs).unref()
    else apply()
    return { status: 200, body: { sku, status: 'ACCEPTED', submissionId, issues: [] } }
  }

  private getListing(req: SimRequest, params: Record<string, string>): SimResponse {
    const sku = params.sku ?? ''
    const quantity = this.stock.get(sku)
    if (params.sellerId !== this.sellerId || quantity === undefined) throw new SimHttpError(404, { errors: [{ code: 'NOT_FOUND', message: `SKU '${sku}' not found in marketplace ${this.marketplaceId}`, details: '' }] })
    const included = (req.url.searchParams.get('includedData') ?? 'summaries').split(',')
    return { status: 200, body: { sku, ...(included.includes('fulfillmentAvailability') ? { fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity }] } : {}) } }
  }
}

/**
 * SimulatedShopify: the GraphQL Admin API on loopback. `POST /admin/api/{version}/graphql.json`
 * with X-Shopify-Access-Token; query cost calculated and charged against a leaky bucket
 * (THROTTLED with extensions.cost.throttleStatus when it runs dry, MAX_COST_EXCEEDED above
 * 1000); orders with keyset cursors and the `updated_at` search filter; inventory
 * compare-and-set; fulfillment orders; refunds; HMAC-signed webhooks. REST is legacy: 501.
 */
import { TokenBucket } from '../../engine/token-bucket.js'
import { orderAmounts, type SimOrderSpec } from '../shared/catalogue.js'
import type { SimRequest, SimResponse } from '../shared/sim-server.js'
import type { WebhookDelivery } from '../shared/webhook-sender.js'
import { BaseSimulator, type BaseSimulatorOptions, type PlacedOrder, type SimOrderState } from '../simulator.js'
import { execute, GqlFailure, prepare, requestedCost, type GqlArgs, type GqlObject } from './graphql-exec.js'
import { fulfillmentCreate, inventorySetQuantities, refundCreate, type ShopifyStore } from './mutations.js'
import { connection, gid, gidNumber, orderNode, pageObject, type OrderRecord } from './nodes.js'
import { orderWebhookPayload, signedDelivery } from './webhooks.js'

export interface SimulatedShopifyOptions extends BaseSimulatorOptions {
  accessToken?: string
  /** The app's client secret: webhooks are signed with it. */
  webhookSecret?: string
  shopDomain?: string
  /** The GraphQL cost bucket; `false` for none. Default: 1000 points restoring 100/s. */
  rateLimit?: { maximumAvailable: number; restoreRate: number } | false
  /** Largest requested cost of one query. */
  maxQueryCost?: number
}

const LOCATION_ID = 7001

export class SimulatedShopify extends BaseSimulator {
  readonly channel = 'shopify' as const
  readonly accessToken: string
  readonly webhookSecret: string
  readonly shopDomain: string
  readonly orders = new Map<number, OrderRecord>()
  readonly inventoryItems = new Map<number, string>()
  readonly locationId = LOCATION_ID
  readonly idempotency = new Map<string, { fingerprint: string; result: unknown }>()
  /** Cost accounting: what queries asked for, what they were charged, how many were throttled. */
  readonly costs = { queries: 0, requested: 0, actual: 0, throttled: 0, lastRequested: 0, lastActual: 0 }
  private readonly bucket: TokenBucket | undefined
  private readonly maxQueryCost: number
  private id = 5_000_000_000
  private number = 1000
  private previousAfter: unknown = null
  private apiVersion = '2026-04'
  private readonly store: ShopifyStore = {
    orders: this.orders,
    stock: this.stock,
    inventoryItems: this.inventoryItems,
    locationId: LOCATION_ID,
    idempotency: this.idempotency,
    nextId: () => this.nextId(),
    tick: () => this.tick(),
    touch: (order, topics) => this.touch(order, topics),
    inventoryChanged: (sku) => this.inventoryChanged(sku),
  }

  constructor(options: SimulatedShopifyOptions = {}) {
    super('Shopify', options)
    this.id += (options.idOffset ?? 0) * 10
    this.accessToken = options.accessToken ?? 'shpat_simulated_0000'
    this.webhookSecret = options.webhookSecret ?? 'shopify-app-secret'
    this.shopDomain = options.shopDomain ?? 'appliance-demo.myshopify.com'
    const limit = options.rateLimit === undefined ? { maximumAvailable: 1000, restoreRate: 100 } : options.rateLimit
    this.bucket = limit ? new TokenBucket(limit.maximumAvailable, limit.restoreRate, this.now()) : undefined
    this.maxQueryCost = options.maxQueryCost ?? 1000
    this.products.forEach((p, i) => this.inventoryItems.set(40_000 + i, p.sku))
    this.server.route('POST', '/admin/api/:version/graphql.json', (req, params) => this.graphql(req, params.version ?? ''))
  }

  private nextId(): number {
    return ++this.id
  }

  private touch(order: OrderRecord, topics: string[]): void {
    order.updatedAt = this.tick()
    for (const topic of topics) this.webhooks.enqueue(this.orderDelivery(topic, order))
  }

  private inventoryChanged(sku: string): void {
    const itemId = [...this.inventoryItems].find(([, s]) => s === sku)?.[0]
    if (itemId === undefined) return
    const body = { inventory_item_id: itemId, location_id: LOCATION_ID, available: this.stock.get(sku) ?? 0, updated_at: new Date(this.tick()).toISOString() }
    this.webhooks.enqueue(this.delivery('inventory_levels/update', body))
  }

  protected createOrder(spec: SimOrderSpec): PlacedOrder {
    const amounts = orderAmounts(spec)
    const at = this.tick()
    const order: OrderRecord = {
      id: this.nextId(),
      number: ++this.number,
      spec,
      amounts,
      createdAt: at,
      updatedAt: at,
      financial: 'PAID',
      fulfillment: 'UNFULFILLED',
      cancelledAt: null,
      cancelReason: null,
      lines: spec.lines.map((line, i) => ({
        id: this.nextId(),
        sku: line.sku,
        title: line.title,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        discountMinor: amounts.lines[i]?.discountMinor ?? 0,
        taxMinor: amounts.lines[i]?.taxMinor ?? 0,
        fulfilled: 0,
        refunded: 0,
        inventoryItemId: [...this.inventoryItems].find(([, sku]) => sku === line.sku)?.[0] ?? null,
      })),
      fulfillments: [],
      refunds: [],
      transactionId: this.nextId(),
    }
    this.orders.set(order.id, order)
    this.webhooks.enqueue(this.orderDelivery('orders/create', order))
    this.webhooks.enqueue(this.orderDelivery('orders/paid', order))
    return { channelOrderId: gid('Order', order.id), orderNumber: `#${order.number}` }
  }

  setOrderState(channelOrderId: string, state: SimOrderState): void {
    const order = this.orders.get(gidNumber(channelOrderId, 'Order') ?? -1)
    if (!order) throw new Error(`no simulated Shopify order ${channelOrderId}`)
    const topics = ['orders/updated']
    switch (state) {
      case 'pending': order.financial = 'PENDING'; order.fulfillment = 'UNFULFILLED'; break
      case 'paid': order.financial = 'PAID'; order.fulfillment = 'UNFULFILLED'; break
      case 'partially_shipped':
        order.financial = 'PAID'; order.fulfillment = 'PARTIALLY_FULFILLED'
        if (order.lines[0]) order.lines[0].fulfilled = order.lines[0].quantity
        break
      case 'shipped':
        order.financial = 'PAID'; order.fulfillment = 'FULFILLED'
        for (const line of order.lines) line.fulfilled = line.quantity
        break
      case 'cancelled': order.financial = 'VOIDED'; order.cancelledAt = this.tick(); order.cancelReason = 'CUSTOMER'; topics.push('orders/cancelled'); break
      case 'refunded':
        order.financial = 'REFUNDED'
        order.refunds.push({ id: this.nextId(), createdAt: this.tick(), amountMinor: order.amounts.totalMinor, note: 'simulated', lines: order.lines.map((l) => ({ lineItemId: l.id, quantity: l.quantity })) })
        topics.push('refunds/create')
        break
    }
    this.touch(order, topics)
  }

  override buildWebhook(topic: string, channelOrderId: string): WebhookDelivery {
    const order = this.orders.get(gidNumber(channelOrderId, 'Order') ?? -1)
    if (!order) throw new Error(`no simulated Shopify order ${channelOrderId}`)
    return this.orderDelivery(topic, order)
  }

  /** Throttle status as the next response would report it. */
  throttleStatus(): { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } {
    const now = this.now()
    if (!this.bucket) return { maximumAvailable: 1e9, currentlyAvailable: 1e9, restoreRate: 1e9 }
    return { maximumAvailable: this.bucket.capacity, currentlyAvailable: Math.floor(this.bucket.available(now)), restoreRate: this.bucket.ratePerSecond }
  }

  private async graphql(req: SimRequest, version: string): Promise<SimResponse> {
    if (req.header('x-shopify-access-token') !== this.accessToken) {
      return { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } }
    }
    if (!/^(\d{4}-(01|04|07|10)|unstable)$/.test(version)) return { status: 404, body: { errors: 'Not Found' } }
    this.apiVersion = version
    const body = req.json() as Record<string, unknown>
    try {
      const prepared = prepare(body.query, body.variables, body.operationName)
      const requested = requestedCost(prepared)
      if (requested > this.maxQueryCost) {
        return this.costError(requested, 'MAX_COST_EXCEEDED', `Query cost is ${requested}, which exceeds the single query max cost limit (${this.maxQueryCost}).`)
      }
      const now = this.now()
      if (this.bucket && !this.bucket.tryTake(now, requested)) {
        this.costs.throttled += 1
        return this.costError(requested, 'THROTTLED', 'Throttled')
      }
      const root = prepared.operation.type === 'mutation' ? this.mutationRoot() : this.queryRoot()
      const { data, actualCost } = await execute(root, prepared)
      const actual = prepared.operation.type === 'mutation' ? requested : Math.min(actualCost, requested)
      this.bucket?.refund(this.now(), requested - actual)
      Object.assign(this.costs, { queries: this.costs.queries + 1, requested: this.costs.requested + requested, actual: this.costs.actual + actual, lastRequested: requested, lastActual: actual })
      return { status: 200, body: { data, extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: this.throttleStatus() } } } }
    } catch (error) {
      if (error instanceof GqlFailure) return { status: 200, body: { errors: error.errors } }
      throw error
    }
  }

  private costError(requested: number, code: string, message: string): SimResponse {
    return {
      status: 200,
      body: {
        errors: [{ message, extensions: { code, ...(code === 'MAX_COST_EXCEEDED' ? { cost: requested, maxCost: this.maxQueryCost } : {}), documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: this.throttleStatus() } },
      },
    }
  }

  private queryRoot(): GqlObject {
    return {
      __typename: 'QueryRoot',
      shop: { __typename: 'Shop', name: 'Appliance Demo Shop', myshopifyDomain: this.shopDomain, currencyCode: 'GBP', ianaTimezone: 'Europe/London', email: 'shop@example.co.uk' },
      orders: (args: GqlArgs) => this.ordersConnection(args),
      order: (args: GqlArgs) => {
        const order = this.orders.get(gidNumber(args.id, 'Order') ?? -1)
        return order ? orderNode(order) : null
      },
      locations: (args: GqlArgs) => connection('LocationConnection', [LOCATION_ID], args, (id) => ({ __typename: 'Location', id: gid('Location', id), name: 'Shop', isActive: true })),
      productVariants: (args: GqlArgs) => this.variantsConnection(args),
    }
  }

  private mutationRoot(): GqlObject {
    const requireKey = this.apiVersion >= '2026-04' || this.apiVersion === 'unstable'
    return {
      __typename: 'Mutation',
      inventorySetQuantities: (args: GqlArgs, directives: Record<string, GqlArgs>) => inventorySetQuantities(this.store, args, directives, requireKey),
      fulfillmentCreate: (args: GqlArgs) => fulfillmentCreate(this.store, args),
      refundCreate: (args: GqlArgs, directives: Record<string, GqlArgs>) => refundCreate(this.store, args, directives, requireKey),
    }
  }

  private ordersConnection(args: GqlArgs): GqlObject {
    const sortKey = typeof args.sortKey === 'string' ? args.sortKey : 'ID'
    const field = sortKey === 'UPDATED_AT' ? 'updatedAt' : sortKey === 'CREATED_AT' || sortKey === 'PROCESSED_AT' ? 'createdAt' : 'id'
    const filters = parseSearch(typeof args.query === 'string' ? args.query : '')
    const direction = args.reverse === true ? -1 : 1
    const sorted = [...this.orders.values()]
      .filter((o) => filters.every((f) => f(o)))
      .sort((a, b) => direction * (a[field] - b[field] || a.id - b.id))
    let after = args.after
    if (this.faults.takeKind('repeat-page', 'orders')) after = this.previousAfter
    this.previousAfter = args.after ?? null
    const cursorOf = (o: OrderRecord) => Buffer.from(JSON.stringify({ last_id: o.id, last_value: o[field] })).toString('base64')
    let start = 0
    if (typeof after === 'string') {
      const position = JSON.parse(Buffer.from(after, 'base64').toString('utf8')) as { last_id: number; last_value: number }
      start = sorted.findIndex((o) => direction * (o[field] - position.last_value || o.id - position.last_id) > 0)
      if (start < 0) start = sorted.length
    }
    const first = typeof args.first === 'number' ? args.first : 0
    if (first > 250 || first < 1) throw new GqlFailure([{ message: 'orders: first must be between 1 and 250', extensions: { code: 'BAD_REQUEST' } }])
    const page = sorted.slice(start, start + first)
    return pageObject('OrderConnection', page, start + first < sorted.length, start > 0, orderNode, cursorOf)
  }

  private variantsConnection(args: GqlArgs): GqlObject {
    const query = typeof args.query === 'string' ? args.query : ''
    const skus = [...query.matchAll(/sku:(?:"([^"]*)"|'([^']*)'|(\S+))/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '')
    const items = [...this.inventoryItems].filter(([, sku]) => skus.length === 0 || skus.includes(sku))
    return connection('ProductVariantConnection', items, args, ([itemId, sku]) => ({
      __typename: 'ProductVariant',
      id: gid('ProductVariant', itemId + 1_000_000),
      sku,
      inventoryItem: {
        __typename: 'InventoryItem',
        id: gid('InventoryItem', itemId),
        inventoryLevel: (a: GqlArgs) => gidNumber(a.locationId, 'Location') !== LOCATION_ID ? null : {
          __typename: 'InventoryLevel',
          id: gid('InventoryLevel', itemId),
          quantities: (q: GqlArgs) => (Array.isArray(q.names) ? (q.names as string[]) : ['available']).map((name) => ({
            __typename: 'InventoryQuantity',
            name,
            quantity: this.stock.get(sku) ?? 0,
          })),
        },
      },
    }))
  }

  private orderDelivery(topic: string, order: OrderRecord): WebhookDelivery {
    return this.delivery(topic, orderWebhookPayload(topic, order))
  }

  private delivery(topic: string, payload: unknown): WebhookDelivery {
    return signedDelivery(topic, payload, { secret: this.webhookSecret, shopDomain: this.shopDomain, apiVersion: this.apiVersion, now: this.now() })
  }
}

/** Shopify search syntax, the parts the simulator honours: updated_at / created_at comparisons. */
function parseSearch(query: string): ((o: OrderRecord) => boolean)[] {
  const filters: ((o: OrderRecord) => boolean)[] = []
  for (const match of query.matchAll(/(updated_at|created_at):(>=|<=|>|<)?\s*(?:'([^']*)'|"([^"]*)"|(\S+))/g)) {
    const field = match[1] === 'updated_at' ? 'updatedAt' : 'createdAt'
    const op = match[2] ?? '='
    const at = Date.parse(match[3] ?? match[4] ?? match[5] ?? '')
    if (Number.isNaN(at)) continue
    filters.push((o) => (op === '>=' ? o[field] >= at : op === '>' ? o[field] > at : op === '<=' ? o[field] <= at : op === '<' ? o[field] < at : o[field] === at))
  }
  return filters
}

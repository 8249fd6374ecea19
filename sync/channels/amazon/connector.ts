/**
 * AmazonConnector: the ChannelConnector over SP-API Orders v0 and Listings Items 2021-08-01.
 *
 * - Orders: `getOrders(LastUpdatedAfter, MaxResultsPerPage)` then `NextToken` (URL-encoded);
 *   each new order's items from `getOrderItems`. With `pii` on (default), a restricted data
 *   token is fetched so buyer name, email and street address come back.
 * - Stock: one `patchListingsItem` per SKU replacing fulfillment_availability; Amazon answers
 *   ACCEPTED and applies it later, so results are `accepted`, not `applied`.
 * - Shipping: `confirmShipment` with a numeric packageReferenceId derived from the key, so a
 *   retry is recognised (the order's items already shipped, or the package already exists).
 * - Refunds and webhooks: not offered by these APIs (refunds go through the Seller Central or
 *   feeds; notifications through SQS/EventBridge): `unsupported`.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { carrierNames } from '../../carriers.js'
import { ChannelError } from '../../channel-error.js'
import type {
  ChannelCapabilities, ChannelConnector, ConnectionInfo, OrderPage, RefundResult, ShipmentConfirmation, ShipmentResult,
  StockLevel, StockPushResult, StockUpdate, WebhookEvent,
} from '../../connector.js'
import { importPage } from '../../engine/import-page.js'
import { DEFAULT_SWEEP_OPTIONS, encodeCursor, serverNow, startSweep, type SweepOptions } from '../../engine/sweep.js'
import { inInputOrder, parsePayload, screenStockUpdates } from '../../mapping-support.js'
import type { ChannelOrder } from '../../order.js'
import { SpApiClient, type SpApiClientOptions } from './client.js'
import { AmazonOrder, AmazonOrderItem, mapAmazonOrder } from './mapping.js'

export interface AmazonConnectorOptions extends SpApiClientOptions {
  sellerId: string
  marketplaceId: string
  /** Listings productType sent with stock patches (default PRODUCT). */
  productType?: string
  /** Ask for a restricted data token to read buyer PII (default true). */
  pii?: boolean
  /** Orders per page, 1..100 (default 100). */
  pageSize?: number
  /** Override whether prices include tax (default: all but US marketplaces). */
  taxIncluded?: boolean
  sweep?: Partial<SweepOptions>
}

const OrdersPayload = z.object({ payload: z.object({ Orders: z.array(AmazonOrder), NextToken: z.string().optional() }) })
const ItemsPayload = z.object({ payload: z.object({ OrderItems: z.array(AmazonOrderItem), NextToken: z.string().optional() }) })
const ListingsResult = z.object({ status: z.enum(['ACCEPTED', 'INVALID', 'VALID']), issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).optional() })
const Listing = z.object({ sku: z.string(), fulfillmentAvailability: z.array(z.object({ fulfillmentChannelCode: z.string(), quantity: z.number().int().optional() })).optional() })
const Participations = z.object({ payload: z.array(z.object({ marketplace: z.object({ id: z.string(), name: z.string(), defaultCurrencyCode: z.string() }) })) })

export class AmazonConnector implements ChannelConnector {
  readonly channel = 'amazon' as const
  readonly capabilities: ChannelCapabilities = { webhooks: false, refunds: false, stockCompareAndSet: false, stockAsync: true }
  readonly client: SpApiClient
  private readonly sweep: SweepOptions
  private readonly pageSize: number
  private rdt: { value: string; expires: number } | undefined
  private pii: boolean

  constructor(private readonly options: AmazonConnectorOptions) {
    if (!options.sellerId || !options.marketplaceId) throw new TypeError('Amazon sellerId and marketplaceId are required')
    this.client = new SpApiClient(options)
    this.sweep = { ...DEFAULT_SWEEP_OPTIONS, ...options.sweep }
    this.pageSize = options.pageSize ?? 100
    if (this.pageSize < 1 || this.pageSize > 100) throw new RangeError('pageSize must be 1..100')
    this.pii = options.pii ?? true
  }

  async testConnection(): Promise<ConnectionInfo> {
    const res = await this.client.request({ operation: 'getMarketplaceParticipations', method: 'GET', path: '/sellers/v1/marketplaceParticipations', idempotent: true })
    const ours = parsePayload(Participations, res.body, 'amazon', 'marketplaceParticipations').payload.find((p) => p.marketplace.id === this.options.marketplaceId)
    if (!ours) throw new ChannelError('auth', 'amazon', `seller ${this.options.sellerId} does not sell in marketplace ${this.options.marketplaceId}`)
    return { channel: 'amazon', accountName: `${this.options.sellerId} on ${ours.marketplace.name}`, currency: ours.marketplace.defaultCurrencyCode }
  }

  initialCursor(since: Date): string {
    return encodeCursor(startSweep('amazon', since))
  }

  fetchOrders(cursor: string | null): Promise<OrderPage> {
    return importPage<AmazonOrder>(cursor, {
      channel: 'amazon',
      sweep: this.sweep,
      fetch: async (state) => {
        const token = typeof state.pos === 'string' ? state.pos : null
        const query = token
          ? { MarketplaceIds: this.options.marketplaceId, NextToken: token }
          : { MarketplaceIds: this.options.marketplaceId, LastUpdatedAfter: state.since, MaxResultsPerPage: this.pageSize }
        const res = await this.client.request({ operation: 'getOrders', method: 'GET', path: '/orders/v0/orders', query, idempotent: true, restrictedDataToken: await this.restrictedToken() })
        const { Orders, NextToken } = parsePayload(OrdersPayload, res.body, 'amazon', 'getOrders').payload
        return { nodes: Orders, nextPos: NextToken ?? null, repeatPos: token, last: !NextToken, serverNow: serverNow(res.headers, this.client.http.options.now()) }
      },
      identify: (o) => ({ id: o.AmazonOrderId, updatedAt: new Date(o.LastUpdateDate).toISOString() }),
      map: async (o) => mapAmazonOrder(o, await this.orderItems(o.AmazonOrderId), { taxIncluded: this.options.taxIncluded }),
    })
  }

  async fetchOrder(channelOrderId: string): Promise<ChannelOrder> {
    const res = await this.client.request({ operation: 'getOrder', method: 'GET', path: `/orders/v0/orders/${encodeURIComponent(channelOrderId)}`, idempotent: true, restrictedDataToken: await this.restrictedToken() })
    const order = parsePayload(z.object({ payload: AmazonOrder }), res.body, 'amazon', 'getOrder').payload
    return mapAmazonOrder(order, await this.orderItems(channelOrderId), { taxIncluded: this.options.taxIncluded })
  }

  private async orderItems(orderId: string): Promise<AmazonOrderItem[]> {
    const items: AmazonOrderItem[] = []
    let next: string | undefined
    do {
      const res = await this.client.request({ operation: 'getOrderItems', method: 'GET', path: `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`, query: { NextToken: next }, idempotent: true })
      const page = parsePayload(ItemsPayload, res.body, 'amazon', 'getOrderItems').payload
      items.push(...page.OrderItems)
      next = page.NextToken
    } while (next)
    return items
  }

  /** A restricted data token for buyer PII, or undefined when PII is off or refused. */
  private async restrictedToken(): Promise<string | undefined> {
    if (!this.pii) return undefined
    const now = this.client.http.options.now()
    if (this.rdt && this.rdt.expires - 60_000 > now) return this.rdt.value
    const dataElements = ['buyerInfo', 'shippingAddress']
    try {
      const res = await this.client.request({
        operation: 'createRestrictedDataToken', method: 'POST', path: '/tokens/2021-03-01/restrictedDataToken', idempotent: true,
        body: { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders', dataElements }, { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements }] },
      })
      const parsed = parsePayload(z.object({ restrictedDataToken: z.string(), expiresIn: z.number() }), res.body, 'amazon', 'restrictedDataToken')
      this.rdt = { value: parsed.restrictedDataToken, expires: now + parsed.expiresIn * 1000 }
      return parsed.restrictedDataToken
    } catch (error) {
      if (!(error instanceof ChannelError) || (error.kind !== 'auth' && error.kind !== 'invalid')) throw error
      this.pii = false
      return undefined
    }
  }

  async pushStock(updates: readonly StockUpdate[]): Promise<StockPushResult[]> {
    const { valid, refused } = screenStockUpdates('amazon', updates)
    const results: StockPushResult[] = [...refused]
    for (const update of valid) results.push(await this.patchQuantity(update))
    return inInputOrder(updates, results)
  }

  private async patchQuantity(update: StockUpdate): Promise<StockPushResult> {
    try {
      const res = await this.client.request({
        operation: 'patchListingsItem', method: 'PATCH', idempotent: true,
        path: `/listings/2021-08-01/items/${encodeURIComponent(this.options.sellerId)}/${encodeURIComponent(update.sku)}`,
        query: { marketplaceIds: this.options.marketplaceId },
        body: { productType: this.options.productType ?? 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: update.available }] }] },
      })
      const result = parsePayload(ListingsResult, res.body, 'amazon', 'patchListingsItem')
      if (result.status === 'INVALID') {
        const message = (result.issues ?? []).map((i) => i.message).join('; ') || 'listing patch is invalid'
        return { sku: update.sku, status: 'rejected', error: new ChannelError('invalid', 'amazon', `${update.sku}: ${message}`, { code: result.issues?.[0]?.code }) }
      }
      return { sku: update.sku, status: 'accepted' }
    } catch (error) {
      if (error instanceof ChannelError && error.kind === 'not_found') return { sku: update.sku, status: 'not_found' }
      throw error
    }
  }

  async readStockLevels(skus: readonly string[]): Promise<StockLevel[]> {
    const levels: StockLevel[] = []
    for (const sku of skus) {
      try {
        const res = await this.client.request({
          operation: 'getListingsItem', method: 'GET', idempotent: true,
          path: `/listings/2021-08-01/items/${encodeURIComponent(this.options.sellerId)}/${encodeURIComponent(sku)}`,
          query: { marketplaceIds: this.options.marketplaceId, includedData: 'fulfillmentAvailability' },
        })
        const listing = parsePayload(Listing, res.body, 'amazon', 'getListingsItem')
        levels.push({ sku, available: listing.fulfillmentAvailability?.find((f) => f.fulfillmentChannelCode === 'DEFAULT')?.quantity ?? null })
      } catch (error) {
        if (!(error instanceof ChannelError) || error.kind !== 'not_found') throw error
        levels.push({ sku, available: null })
      }
    }
    return levels
  }

  async confirmShipment(shipment: ShipmentConfirmation, idempotencyKey: string): Promise<ShipmentResult> {
    const path = `/orders/v0/orders/${encodeURIComponent(shipment.channelOrderId)}`
    const items = await this.orderItems(shipment.channelOrderId)
    const shipped = shipment.lines.every((l) => {
      const item = items.find((i) => i.OrderItemId === l.channelLineId)
      return item !== undefined && (item.QuantityShipped ?? 0) >= item.QuantityOrdered
    })
    const packageReferenceId = packageReference(idempotencyKey)
    if (shipped) return { channelShipmentId: packageReferenceId, alreadyDone: true }
    const carrier = carrierNames(shipment.carrier, shipment.carrierName)
    const body = {
      marketplaceId: this.options.marketplaceId,
      packageDetail: {
        packageReferenceId,
        carrierCode: carrier.amazon,
        ...(carrier.known ? {} : { carrierName: carrier.display }),
        trackingNumber: shipment.trackingNumber,
        shipDate: new Date(shipment.shippedAt).toISOString(),
        orderItems: shipment.lines.map((l) => ({ orderItemId: l.channelLineId, quantity: l.quantity })),
      },
    }
    try {
      await this.client.request({ operation: 'confirmShipment', method: 'POST', path: `${path}/shipmentConfirmation`, body, idempotent: true })
    } catch (error) {
      if (error instanceof ChannelError && error.kind === 'invalid' && /packageReferenceId .*already exists/i.test(error.message)) return { channelShipmentId: packageReferenceId, alreadyDone: true }
      throw error
    }
    return { channelShipmentId: packageReferenceId, alreadyDone: false }
  }

  async pushRefund(): Promise<RefundResult> {
    throw new ChannelError('unsupported', 'amazon', 'refunds are not available through the Orders API: issue them in Seller Central')
  }

  async verifyWebhook(): Promise<WebhookEvent> {
    throw new ChannelError('unsupported', 'amazon', 'Amazon sends notifications to SQS or EventBridge, not HTTPS webhooks: poll instead')
  }
}

/** A positive numeric id (Amazon accepts only digits) that is the same for the same key. */
function packageReference(key: string): string {
  const n = createHash('sha256').update(key).digest().readUInt32BE(0)
  return String((n % 900_000_000) + 100_000_000)
}

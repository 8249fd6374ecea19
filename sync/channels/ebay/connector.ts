/**
 * EbayConnector: the ChannelConnector over eBay's Sell Fulfillment, Sell Inventory and
 * Notification APIs.
 *
 * - Orders: `GET /order?filter=lastmodifieddate:[since..]&limit&offset`. eBay does not sort
 *   by modification, so the sweep walks offsets and stops on `total`; the overlap between
 *   sweeps and the delivered-orders set absorb shifts and repeats.
 * - Stock: `bulk_update_price_quantity`, 25 SKUs a call, absolute (no compare-and-set).
 * - Shipping: `POST /order/{id}/shipping_fulfillment` after checking the order's existing
 *   fulfilments for this tracking number (the call takes no idempotency key).
 * - Refunds: `issue_refund` is asynchronous and has no idempotency key either: the call is
 *   never repeated blindly; after an ambiguous failure the order is re-read and a new refund
 *   of the same amount is taken as ours.
 * - Webhooks: X-EBAY-SIGNATURE (base64 JSON: kid, ECDSA signature, digest) verified with the
 *   public key from the Notification API, cached an hour per key id.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { z } from 'zod'
import { carrierNames } from '../../carriers.js'
import { ChannelError } from '../../channel-error.js'
import type {
  ChannelCapabilities, ChannelConnector, ConnectionInfo, OrderPage, RefundRequest, RefundResult, ShipmentConfirmation,
  ShipmentResult, StockLevel, StockPushResult, StockUpdate, WebhookEvent, WebhookHeaders,
} from '../../connector.js'
import { importPage } from '../../engine/import-page.js'
import { DEFAULT_SWEEP_OPTIONS, encodeCursor, serverNow, startSweep, type SweepOptions } from '../../engine/sweep.js'
import { withRetry } from '../../http.js'
import { chunk, inInputOrder, parsePayload, screenStockUpdates } from '../../mapping-support.js'
import { formatMinor } from '../../money.js'
import type { ChannelOrder } from '../../order.js'
import { headerOf, parseWebhookJson, rawBytes } from '../../webhook.js'
import { EbayClient, type EbayClientOptions } from './client.js'
import { EbayOrder, mapEbayOrder } from './mapping.js'

export interface EbayConnectorOptions extends EbayClientOptions {
  /** Orders per page, 1..200 (default 200). */
  pageSize?: number
  sweep?: Partial<SweepOptions>
}

const OrdersPage = z.object({ total: z.number().int(), offset: z.number().int().optional(), orders: z.array(EbayOrder) })
const Fulfillments = z.object({ fulfillments: z.array(z.object({ fulfillmentId: z.string(), shipmentTrackingNumber: z.string().optional() })) })
const BulkResponses = z.object({ responses: z.array(z.object({ sku: z.string(), statusCode: z.number().int(), errors: z.array(z.object({ errorId: z.number().optional(), message: z.string() })).optional() })) })
const BulkItems = z.object({ responses: z.array(z.object({ sku: z.string(), statusCode: z.number().int(), inventoryItem: z.object({ availability: z.object({ shipToLocationAvailability: z.object({ quantity: z.number().int().optional() }).optional() }).optional() }).optional() })) })
const SignatureHeader = z.object({ alg: z.string(), kid: z.string(), signature: z.string(), digest: z.string() })
const PublicKey = z.object({ algorithm: z.string(), digest: z.string(), key: z.string() })
const Notification = z.object({ metadata: z.object({ topic: z.string() }), notification: z.object({ notificationId: z.string(), eventDate: z.string().optional(), data: z.record(z.string(), z.unknown()).optional() }) })

export class EbayConnector implements ChannelConnector {
  readonly channel = 'ebay' as const
  readonly capabilities: ChannelCapabilities = { webhooks: true, refunds: true, stockCompareAndSet: false, stockAsync: false }
  readonly client: EbayClient
  private readonly sweep: SweepOptions
  private readonly pageSize: number
  private readonly keys = new Map<string, { key: KeyObject; digest: string; expires: number }>()

  constructor(options: EbayConnectorOptions) {
    this.client = new EbayClient(options)
    this.sweep = { ...DEFAULT_SWEEP_OPTIONS, ...options.sweep }
    this.pageSize = options.pageSize ?? 200
    if (this.pageSize < 1 || this.pageSize > 200) throw new RangeError('pageSize must be 1..200')
  }

  async testConnection(): Promise<ConnectionInfo> {
    const res = await this.client.request({ method: 'GET', path: '/commerce/identity/v1/user/', idempotent: true, identity: true })
    const user = parsePayload(z.object({ username: z.string() }), res.body, 'ebay', 'identity user')
    return { channel: 'ebay', accountName: user.username, currency: null }
  }

  initialCursor(since: Date): string {
    return encodeCursor(startSweep('ebay', since))
  }

  fetchOrders(cursor: string | null): Promise<OrderPage> {
    return importPage<EbayOrder>(cursor, {
      channel: 'ebay',
      sweep: this.sweep,
      fetch: async (state) => {
        const offset = typeof state.pos === 'number' ? state.pos : 0
        const res = await this.client.request({ method: 'GET', path: '/sell/fulfillment/v1/order', query: { filter: `lastmodifieddate:[${state.since}..]`, limit: this.pageSize, offset }, idempotent: true })
        const page = parsePayload(OrdersPage, res.body, 'ebay', 'getOrders')
        const last = offset + this.pageSize >= page.total || page.orders.length === 0
        return { nodes: page.orders, nextPos: offset + this.pageSize, repeatPos: offset, last, serverNow: serverNow(res.headers, this.client.http.options.now()) }
      },
      identify: (o) => ({ id: o.orderId, updatedAt: new Date(o.lastModifiedDate).toISOString() }),
      map: (o) => Promise.resolve(mapEbayOrder(o)),
    })
  }

  async fetchOrder(channelOrderId: string): Promise<ChannelOrder> {
    const res = await this.client.request({ method: 'GET', path: `/sell/fulfillment/v1/order/${encodeURIComponent(channelOrderId)}`, idempotent: true })
    return mapEbayOrder(parsePayload(EbayOrder, res.body, 'ebay', `order ${channelOrderId}`))
  }

  async pushStock(updates: readonly StockUpdate[]): Promise<StockPushResult[]> {
    const { valid, refused } = screenStockUpdates('ebay', updates)
    const results: StockPushResult[] = [...refused]
    for (const group of chunk(valid, 25)) {
      const res = await this.client.request({
        method: 'POST', path: '/sell/inventory/v1/bulk_update_price_quantity', idempotent: true,
        body: { requests: group.map((u) => ({ sku: u.sku, shipToLocationAvailability: { quantity: u.available } })) },
      })
      const responses = parsePayload(BulkResponses, res.body, 'ebay', 'bulk_update_price_quantity').responses
      for (const u of group) {
        const r = responses.find((x) => x.sku === u.sku)
        if (r && r.statusCode >= 200 && r.statusCode < 300) results.push({ sku: u.sku, status: 'applied', channelAvailable: u.available })
        else if (r?.statusCode === 404 || r?.errors?.some((e) => e.errorId === 25702)) results.push({ sku: u.sku, status: 'not_found' })
        else results.push({ sku: u.sku, status: 'rejected', error: new ChannelError('invalid', 'ebay', `${u.sku}: ${r?.errors?.map((e) => e.message).join('; ') ?? 'no result in bulk answer'}`, { status: r?.statusCode }) })
      }
    }
    return inInputOrder(updates, results)
  }

  async readStockLevels(skus: readonly string[]): Promise<StockLevel[]> {
    const levels = new Map<string, number | null>()
    for (const group of chunk([...new Set(skus)], 25)) {
      const res = await this.client.request({ method: 'POST', path: '/sell/inventory/v1/bulk_get_inventory_item', idempotent: true, body: { requests: group.map((sku) => ({ sku })) } })
      for (const r of parsePayload(BulkItems, res.body, 'ebay', 'bulk_get_inventory_item').responses) {
        levels.set(r.sku, r.statusCode === 200 ? (r.inventoryItem?.availability?.shipToLocationAvailability?.quantity ?? 0) : null)
      }
    }
    return skus.map((sku) => ({ sku, available: levels.get(sku) ?? null }))
  }

  /** Idempotent by tracking number: the channel takes no key, so the key is not sent. */
  confirmShipment(shipment: ShipmentConfirmation, _idempotencyKey: string): Promise<ShipmentResult> {
    const path = `/sell/fulfillment/v1/order/${encodeURIComponent(shipment.channelOrderId)}/shipping_fulfillment`
    return withRetry('ebay', this.client.http.options, async () => {
      const existing = parsePayload(Fulfillments, (await this.client.request({ method: 'GET', path, idempotent: true })).body, 'ebay', 'shipping fulfillments')
        .fulfillments.find((f) => f.shipmentTrackingNumber === shipment.trackingNumber)
      if (existing) return { channelShipmentId: existing.fulfillmentId, alreadyDone: true }
      const body = {
        lineItems: shipment.lines.map((l) => ({ lineItemId: l.channelLineId, quantity: l.quantity })),
        shippedDate: new Date(shipment.shippedAt).toISOString(),
        shippingCarrierCode: carrierNames(shipment.carrier, shipment.carrierName).ebay,
        trackingNumber: shipment.trackingNumber,
      }
      const res = await this.client.request({ method: 'POST', path, body, idempotent: false })
      const location = res.headers.get('location')
      return { channelShipmentId: location ? decodeURIComponent(location.split('/').pop() ?? '') : null, alreadyDone: false }
    })
  }

  async pushRefund(refund: RefundRequest, _idempotencyKey: string): Promise<RefundResult> {
    const before = new Set((await this.fetchOrder(refund.channelOrderId)).refunds.map((r) => r.channelRefundId))
    const amount = (minor: number) => ({ value: formatMinor(minor, refund.currency), currency: refund.currency })
    const byLine = refund.lines.length > 0 && !refund.shippingMinor
    const body = {
      reasonForRefund: refund.lines.some((l) => l.restock) ? 'BUYER_RETURN' : 'OTHER_ADJUSTMENT',
      comment: refund.reason.slice(0, 100),
      ...(byLine ? { refundItems: refund.lines.map((l) => ({ lineItemId: l.channelLineId, refundAmount: amount(l.amountMinor) })) } : { orderLevelRefundAmount: amount(refund.amountMinor) }),
    }
    try {
      const res = await this.client.request({ method: 'POST', path: `/sell/fulfillment/v1/order/${encodeURIComponent(refund.channelOrderId)}/issue_refund`, body, idempotent: false })
      const created = parsePayload(z.object({ refundId: z.string(), refundStatus: z.string() }), res.body, 'ebay', 'issue_refund')
      return { channelRefundId: created.refundId, state: created.refundStatus === 'REFUNDED' ? 'completed' : 'pending', alreadyDone: false }
    } catch (error) {
      if (!(error instanceof ChannelError) || !['timeout', 'server', 'network'].includes(error.kind)) throw error
      const after = (await this.fetchOrder(refund.channelOrderId)).refunds.find((r) => !before.has(r.channelRefundId) && r.amountMinor === refund.amountMinor)
      if (after) return { channelRefundId: after.channelRefundId, state: after.state === 'completed' ? 'completed' : 'pending', alreadyDone: false }
      throw error
    }
  }

  async verifyWebhook(rawBody: Uint8Array | string, headers: WebhookHeaders): Promise<WebhookEvent> {
    const header = headerOf(headers, 'x-ebay-signature')
    if (!header) throw new ChannelError('auth', 'ebay', 'notification has no X-EBAY-SIGNATURE header', { code: 'missing_signature' })
    let signature: z.infer<typeof SignatureHeader>
    try {
      signature = SignatureHeader.parse(JSON.parse(Buffer.from(header, 'base64').toString('utf8')))
    } catch (cause) {
      throw new ChannelError('auth', 'ebay', 'X-EBAY-SIGNATURE is not a signature envelope', { code: 'bad_signature', cause })
    }
    const key = await this.publicKey(signature.kid)
    const ok = verify(key.digest.toLowerCase(), rawBytes(rawBody), { key: key.key, dsaEncoding: 'der' }, Buffer.from(signature.signature, 'base64'))
    if (!ok) throw new ChannelError('auth', 'ebay', 'notification signature does not match the body', { code: 'bad_signature' })
    const body = parsePayload(Notification, parseWebhookJson('ebay', rawBody), 'ebay', 'notification')
    const orderId = body.notification.data?.orderId
    const eventDate = body.notification.eventDate
    return { eventId: body.notification.notificationId, topic: body.metadata.topic, orderId: typeof orderId === 'string' ? orderId : null, occurredAt: eventDate ? new Date(eventDate).toISOString() : null }
  }

  private async publicKey(kid: string): Promise<{ key: KeyObject; digest: string }> {
    const now = this.client.http.options.now()
    const cached = this.keys.get(kid)
    if (cached && cached.expires > now) return cached
    let res
    try {
      res = await this.client.request({ method: 'GET', path: `/commerce/notification/v1/public_key/${encodeURIComponent(kid)}`, idempotent: true, app: true })
    } catch (error) {
      if (error instanceof ChannelError && error.kind === 'not_found') throw new ChannelError('auth', 'ebay', `notification key ${kid} is unknown to eBay`, { code: 'bad_signature', cause: error })
      throw error
    }
    const body = parsePayload(PublicKey, res.body, 'ebay', 'public key')
    const base64 = body.key.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '')
    const pem = `-----BEGIN PUBLIC KEY-----\n${base64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END PUBLIC KEY-----\n`
    const entry = { key: createPublicKey(pem), digest: body.digest === 'SHA1' ? 'sha1' : body.digest.toLowerCase(), expires: now + 3600_000 }
    this.keys.set(kid, entry)
    return entry
  }
}

/**
 * ShopifyConnector: the ChannelConnector over the GraphQL Admin API.
 *
 * - Orders: `orders(sortKey: UPDATED_AT, query: "updated_at:>='…'")` with keyset cursors;
 *   orders with more than 5 lines or with refunds are re-read one by one.
 * - Stock: `inventorySetQuantities` with `changeFromQuantity` (compare-and-set) and an
 *   `@idempotent` key; Shopify applies a batch atomically, so stale or refused items are
 *   reported and the rest re-sent under a key derived from theirs.
 * - Shipping: fulfilment orders + `fulfillmentCreate`, after checking the order has no
 *   fulfilment with this tracking number already (fulfillmentCreate takes no idempotency key).
 * - Refunds: `refundCreate` against the sale transaction, with `@idempotent`.
 * - Webhooks: base64 HMAC-SHA256 of the raw body with the app secret; dedupe on
 *   X-Shopify-Event-Id (retries keep it; X-Shopify-Webhook-Id as a fallback).
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { carrierNames, trackingUrlFor } from '../../carriers.js'
import { ChannelError } from '../../channel-error.js'
import type {
  ChannelCapabilities, ChannelConnector, ConnectionInfo, OrderPage, RefundRequest, RefundResult, ShipmentConfirmation,
  ShipmentResult, StockLevel, StockPushResult, StockUpdate, WebhookEvent, WebhookHeaders,
} from '../../connector.js'
import { importPage } from '../../engine/import-page.js'
import { DEFAULT_SWEEP_OPTIONS, encodeCursor, startSweep, type SweepOptions } from '../../engine/sweep.js'
import { withRetry } from '../../http.js'
import { chunk, inInputOrder, screenStockUpdates } from '../../mapping-support.js'
import { formatMinor } from '../../money.js'
import type { ChannelOrder } from '../../order.js'
import { assertHmac, headerOf, parseWebhookJson } from '../../webhook.js'
import { ShopifyGraphqlClient, type ShopifyClientOptions } from './client.js'
import { LinePage, mapShopifyOrder, needsFullRead, OrderNode, type LineNode } from './mapping.js'
import * as Q from './queries.js'

export interface ShopifyConnectorOptions extends ShopifyClientOptions {
  /** The app's client secret, which signs webhooks. */
  webhookSecret: string
  /** Inventory location (GID); default: the shop's first location. */
  locationId?: string
  /** Orders per page; requested cost must stay under 1000 (default 18, ~55 points each). */
  pageSize?: number
  sweep?: Partial<SweepOptions>
}

const Shop = z.object({ shop: z.object({ name: z.string(), currencyCode: z.string() }), locations: z.object({ nodes: z.array(z.object({ id: z.string() })) }) })
const OrdersPage = z.object({ orders: z.object({ nodes: z.array(OrderNode), pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }) }) })
const Variants = z.object({
  productVariants: z.object({
    nodes: z.array(z.object({
      sku: z.string().nullable(),
      inventoryItem: z.object({ id: z.string(), inventoryLevel: z.object({ quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })) }).nullable() }),
    })),
  }),
})
const UserErrors = z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string(), code: z.string().nullable().optional() }))
const SetResult = z.object({
  inventorySetQuantities: z.object({
    inventoryAdjustmentGroup: z.object({ changes: z.array(z.object({ name: z.string(), quantityAfterChange: z.number().int().nullable(), item: z.object({ id: z.string() }) })) }).nullable(),
    userErrors: UserErrors,
  }),
})
const FulfilmentState = z.object({
  order: z.object({
    id: z.string(),
    fulfillments: z.array(z.object({ id: z.string(), trackingInfo: z.array(z.object({ number: z.string().nullable() })) })),
    fulfillmentOrders: z.object({ nodes: z.array(z.object({ id: z.string(), status: z.string(), lineItems: z.object({ nodes: z.array(z.object({ id: z.string(), remainingQuantity: z.number().int(), lineItem: z.object({ id: z.string() }) })) }) })) }),
  }).nullable(),
})
const FulfilmentCreated = z.object({ fulfillmentCreate: z.object({ fulfillment: z.object({ id: z.string() }).nullable(), userErrors: UserErrors }) })
const Transactions = z.object({
  order: z.object({ id: z.string(), transactions: z.array(z.object({ id: z.string(), kind: z.string(), status: z.string(), gateway: z.string() })) }).nullable(),
  locations: z.object({ nodes: z.array(z.object({ id: z.string() })) }),
})
const RefundCreated = z.object({ refundCreate: z.object({ refund: z.object({ id: z.string() }).nullable(), userErrors: UserErrors }) })

interface Variant { inventoryItemId: string; available: number | null }

export class ShopifyConnector implements ChannelConnector {
  readonly channel = 'shopify' as const
  readonly capabilities: ChannelCapabilities = { webhooks: true, refunds: true, stockCompareAndSet: true, stockAsync: false }
  readonly client: ShopifyGraphqlClient
  private readonly sweep: SweepOptions
  private readonly pageSize: number
  private locationId: string | undefined

  constructor(private readonly options: ShopifyConnectorOptions) {
    if (!options.webhookSecret) throw new TypeError('Shopify webhookSecret is required')
    this.client = new ShopifyGraphqlClient(options)
    this.sweep = { ...DEFAULT_SWEEP_OPTIONS, ...options.sweep }
    this.pageSize = options.pageSize ?? 18
    if (this.pageSize < 1 || this.pageSize > 250) throw new RangeError('pageSize must be 1..250')
    this.locationId = options.locationId
  }

  async testConnection(): Promise<ConnectionInfo> {
    const data = await this.client.request('Shop', Q.SHOP, {}, Shop)
    this.locationId ??= data.locations.nodes[0]?.id
    return { channel: 'shopify', accountName: data.shop.name, currency: data.shop.currencyCode }
  }

  initialCursor(since: Date): string {
    return encodeCursor(startSweep('shopify', since))
  }

  fetchOrders(cursor: string | null): Promise<OrderPage> {
    return importPage<OrderNode>(cursor, {
      channel: 'shopify',
      sweep: this.sweep,
      fetch: async (state) => {
        const after = typeof state.pos === 'string' ? state.pos : null
        const data = await this.client.request('OrdersPage', Q.ORDERS_PAGE, { first: this.pageSize, after, query: `updated_at:>='${state.since}'` }, OrdersPage)
        const { nodes, pageInfo } = data.orders
        return { nodes, nextPos: pageInfo.endCursor ?? after, repeatPos: after, last: !pageInfo.hasNextPage, serverNow: new Date(this.client.http.options.now()).toISOString() }
      },
      identify: (node) => ({ id: node.id, updatedAt: node.updatedAt }),
      map: (node) => (needsFullRead(node) ? this.fetchOrder(node.id) : Promise.resolve(mapShopifyOrder(node))),
    })
  }

  async fetchOrder(channelOrderId: string): Promise<ChannelOrder> {
    const data = await this.client.request('Order', Q.ORDER, { id: channelOrderId }, z.object({ order: OrderNode.nullable() }))
    if (!data.order) throw new ChannelError('not_found', 'shopify', `order ${channelOrderId} does not exist`)
    const lines: LineNode[] = [...data.order.lineItems.nodes]
    let page = data.order.lineItems.pageInfo
    while (page.hasNextPage) {
      const more = await this.client.request('OrderLines', Q.ORDER_LINES, { id: channelOrderId, after: page.endCursor }, z.object({ order: z.object({ lineItems: LinePage }) }))
      lines.push(...more.order.lineItems.nodes)
      page = more.order.lineItems.pageInfo
    }
    return mapShopifyOrder(data.order, lines)
  }

  async readStockLevels(skus: readonly string[]): Promise<StockLevel[]> {
    const variants = await this.variants(skus)
    return skus.map((sku) => ({ sku, available: variants.get(sku)?.available ?? null }))
  }

  async pushStock(updates: readonly StockUpdate[]): Promise<StockPushResult[]> {
    const { valid, refused } = screenStockUpdates('shopify', updates)
    const variants = await this.variants(valid.map((u) => u.sku))
    const results: StockPushResult[] = [...refused]
    const known = valid.filter((u) => {
      if (variants.has(u.sku)) return true
      results.push({ sku: u.sku, status: 'not_found' })
      return false
    })
    for (const batch of chunk(known, 100)) results.push(...(await this.setQuantities(batch, variants)))
    const stale = results.filter((r) => r.status === 'stale').map((r) => r.sku)
    if (stale.length) {
      const now = await this.variants(stale)
      for (const r of results) if (r.status === 'stale') r.channelAvailable = now.get(r.sku)?.available ?? undefined
    }
    return inInputOrder(updates, results)
  }

  /** One atomic mutation; on item-level errors, reports those items and re-sends the rest. */
  private async setQuantities(batch: StockUpdate[], variants: Map<string, Variant>): Promise<StockPushResult[]> {
    const results: StockPushResult[] = []
    let pending = batch
    while (pending.length) {
      const location = await this.location()
      const input = {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: `gid://store-appliance/StockPush/${pending[0]?.idempotencyKey ?? ''}`,
        quantities: pending.map((u) => ({ inventoryItemId: variants.get(u.sku)?.inventoryItemId, locationId: location, quantity: u.available, changeFromQuantity: u.expectedAvailable ?? null })),
      }
      const data = await this.client.request('SetQuantities', Q.SET_QUANTITIES, { input, key: batchKey(pending) }, SetResult)
      const { userErrors, inventoryAdjustmentGroup } = data.inventorySetQuantities
      if (!userErrors.length) {
        const after = new Map((inventoryAdjustmentGroup?.changes ?? []).map((c) => [c.item.id, c.quantityAfterChange]))
        for (const u of pending) results.push({ sku: u.sku, status: 'applied', channelAvailable: after.get(variants.get(u.sku)?.inventoryItemId ?? '') ?? u.available })
        return results
      }
      const failed = new Set<number>()
      for (const e of userErrors) {
        const index = e.field?.[0] === 'input' && e.field[1] === 'quantities' ? Number(e.field[2]) : NaN
        const targets = Number.isInteger(index) ? [index] : pending.map((_, i) => i)
        for (const i of targets) {
          const u = pending[i]
          if (!u || failed.has(i)) continue
          failed.add(i)
          const error = new ChannelError(e.code === 'CHANGE_FROM_QUANTITY_STALE' ? 'conflict' : 'invalid', 'shopify', `${u.sku}: ${e.message}`, { code: e.code ?? undefined })
          results.push({ sku: u.sku, status: e.code === 'CHANGE_FROM_QUANTITY_STALE' ? 'stale' : 'rejected', error })
        }
      }
      pending = pending.filter((_, i) => !failed.has(i))
    }
    return results
  }

  private async variants(skus: readonly string[]): Promise<Map<string, Variant>> {
    const found = new Map<string, Variant>()
    const location = await this.location()
    for (const group of chunk([...new Set(skus)], 50)) {
      const query = group.map((sku) => `sku:"${sku.replace(/["\\]/g, '\\$&')}"`).join(' OR ')
      const data = await this.client.request('VariantsBySku', Q.VARIANTS_BY_SKU, { query, first: 50, locationId: location }, Variants)
      for (const v of data.productVariants.nodes) {
        if (!v.sku || !group.includes(v.sku)) continue
        const available = v.inventoryItem.inventoryLevel?.quantities.find((q) => q.name === 'available')?.quantity ?? null
        found.set(v.sku, { inventoryItemId: v.inventoryItem.id, available })
      }
    }
    return found
  }

  private async location(): Promise<string> {
    if (!this.locationId) await this.testConnection()
    if (!this.locationId) throw new ChannelError('invalid', 'shopify', 'the shop has no inventory location')
    return this.locationId
  }

  /** Idempotent by tracking number: the channel takes no key, so the key is not sent. */
  confirmShipment(shipment: ShipmentConfirmation, _idempotencyKey: string): Promise<ShipmentResult> {
    return withRetry('shopify', this.client.http.options, async () => {
      const data = await this.client.request('FulfilmentState', Q.FULFILMENT_STATE, { id: shipment.channelOrderId }, FulfilmentState)
      const order = data.order
      if (!order) throw new ChannelError('not_found', 'shopify', `order ${shipment.channelOrderId} does not exist`)
      const existing = order.fulfillments.find((f) => f.trackingInfo.some((t) => t.number === shipment.trackingNumber))
      if (existing) return { channelShipmentId: existing.id, alreadyDone: true }
      const groups = new Map<string, { id: string; quantity: number }[]>()
      for (const wanted of shipment.lines) {
        const match = order.fulfillmentOrders.nodes
          .filter((fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS')
          .flatMap((fo) => fo.lineItems.nodes.map((li) => ({ fo: fo.id, li })))
          .find(({ li }) => li.lineItem.id === wanted.channelLineId && li.remainingQuantity >= wanted.quantity)
        if (!match) throw new ChannelError('invalid', 'shopify', `line ${wanted.channelLineId} has fewer than ${wanted.quantity} left to fulfil`, { field: 'lines' })
        groups.set(match.fo, [...(groups.get(match.fo) ?? []), { id: match.li.id, quantity: wanted.quantity }])
      }
      const carrier = carrierNames(shipment.carrier, shipment.carrierName)
      const fulfillment = {
        lineItemsByFulfillmentOrder: [...groups].map(([fulfillmentOrderId, items]) => ({ fulfillmentOrderId, fulfillmentOrderLineItems: items })),
        trackingInfo: { company: carrier.display, number: shipment.trackingNumber, url: shipment.trackingUrl ?? trackingUrlFor(shipment.carrier, shipment.trackingNumber) ?? null },
        notifyCustomer: shipment.notifyCustomer ?? true,
      }
      const created = await this.client.request('FulfillmentCreate', Q.FULFILLMENT_CREATE, { fulfillment }, FulfilmentCreated, false)
      const { userErrors } = created.fulfillmentCreate
      if (userErrors.length) throw new ChannelError('invalid', 'shopify', `fulfillmentCreate: ${userErrors.map((e) => e.message).join('; ')}`)
      return { channelShipmentId: created.fulfillmentCreate.fulfillment?.id ?? null, alreadyDone: false }
    })
  }

  async pushRefund(refund: RefundRequest, idempotencyKey: string): Promise<RefundResult> {
    const data = await this.client.request('OrderTransactions', Q.ORDER_TRANSACTIONS, { id: refund.channelOrderId }, Transactions)
    if (!data.order) throw new ChannelError('not_found', 'shopify', `order ${refund.channelOrderId} does not exist`)
    const parent = data.order.transactions.find((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS')
    if (!parent) throw new ChannelError('invalid', 'shopify', `order ${refund.channelOrderId} has no captured payment to refund`)
    const location = data.locations.nodes[0]?.id
    const input = {
      orderId: refund.channelOrderId,
      note: refund.reason,
      notify: false,
      refundLineItems: refund.lines.map((l) => ({ lineItemId: l.channelLineId, quantity: l.quantity, restockType: l.restock ? 'RETURN' : 'NO_RESTOCK', ...(l.restock && location ? { locationId: location } : {}) })),
      ...(refund.shippingMinor ? { shipping: { amount: formatMinor(refund.shippingMinor, refund.currency) } } : {}),
      transactions: [{ orderId: refund.channelOrderId, gateway: parent.gateway, kind: 'REFUND', amount: formatMinor(refund.amountMinor, refund.currency), parentId: parent.id }],
    }
    const created = await this.client.request('RefundCreate', Q.REFUND_CREATE, { input, key: idempotencyKey }, RefundCreated)
    const { userErrors } = created.refundCreate
    if (userErrors.length) throw new ChannelError('invalid', 'shopify', `refundCreate: ${userErrors.map((e) => e.message).join('; ')}`)
    return { channelRefundId: created.refundCreate.refund?.id ?? null, state: 'completed', alreadyDone: false }
  }

  async verifyWebhook(rawBody: Uint8Array | string, headers: WebhookHeaders): Promise<WebhookEvent> {
    assertHmac('shopify', this.options.webhookSecret, rawBody, headerOf(headers, 'x-shopify-hmac-sha256'), 'X-Shopify-Hmac-Sha256')
    const topic = headerOf(headers, 'x-shopify-topic')
    const eventId = headerOf(headers, 'x-shopify-event-id') ?? headerOf(headers, 'x-shopify-webhook-id')
    if (!topic || !eventId) throw new ChannelError('contract', 'shopify', 'webhook lacks X-Shopify-Topic or X-Shopify-Event-Id')
    const body = parseWebhookJson('shopify', rawBody)
    let orderId: string | null = null
    if (topic.startsWith('orders/')) orderId = typeof body.admin_graphql_api_id === 'string' ? body.admin_graphql_api_id : body.id != null ? `gid://shopify/Order/${String(body.id)}` : null
    else if (topic.startsWith('refunds/') && body.order_id != null) orderId = `gid://shopify/Order/${String(body.order_id)}`
    const triggered = headerOf(headers, 'x-shopify-triggered-at')
    return { eventId, topic, orderId, occurredAt: triggered && !Number.isNaN(Date.parse(triggered)) ? new Date(triggered).toISOString() : null }
  }
}

/**
 * The @idempotent key for a batch: derived from each update's own key *and* values, so a
 * retry of the same push replays, while a new push after a stale answer (same outbox key,
 * new expected quantity) is a new request rather than a parameter mismatch. UUID-shaped.
 */
function batchKey(updates: readonly StockUpdate[]): string {
  const text = updates.map((u) => `${u.idempotencyKey}|${u.sku}|${u.available}|${u.expectedAvailable ?? ''}`).join('\n')
  const hex = createHash('sha256').update(text).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

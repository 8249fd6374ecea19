/**
 * WooCommerceConnector: the ChannelConnector over WooCommerce REST v3.
 *
 * Orders are read `orderby=modified&order=asc&dates_are_gmt=true` and walked *by keyset*:
 * after each page the next request starts at the page's newest `date_modified_gmt` (minus a
 * second: `modified_after` is exclusive and has one-second precision) instead of asking for
 * page N+1, so orders modified mid-sweep cannot shift an unseen order onto a page already
 * read. Only when a whole page shares one second do we step by page number. We stop on
 * X-WP-TotalPages, never on an empty page (some installs repeat the last page).
 *
 * Stock is absolute (`stock_quantity`, no compare-and-set) through `products/batch`, at most
 * 100 per call. Shipping is status `completed` plus a customer note with the tracking; refunds
 * are `POST orders/{id}/refunds`. Neither has idempotency keys, so both check the order's
 * notes / refunds for our key before acting.
 */
import { z } from 'zod'
import { carrierNames, trackingUrlFor } from '../../carriers.js'
import { ChannelError } from '../../channel-error.js'
import type {
  ChannelCapabilities, ChannelConnector, ConnectionInfo, OrderPage, RefundRequest, RefundResult, ShipmentConfirmation,
  ShipmentResult, StockLevel, StockPushResult, StockUpdate, WebhookEvent, WebhookHeaders,
} from '../../connector.js'
import { importPage } from '../../engine/import-page.js'
import { DEFAULT_SWEEP_OPTIONS, encodeCursor, serverNow, startSweep, type SweepOptions, type SweepState } from '../../engine/sweep.js'
import { withRetry } from '../../http.js'
import { chunk, inInputOrder, isoUtcOrNull, parsePayload, screenStockUpdates } from '../../mapping-support.js'
import { formatMinor } from '../../money.js'
import type { ChannelOrder } from '../../order.js'
import { assertHmac, headerOf, parseWebhookJson } from '../../webhook.js'
import { WooClient, type WooClientOptions } from './client.js'
import { mapWooOrder, WooOrder } from './mapping.js'

export interface WooConnectorOptions extends WooClientOptions {
  /** The secret set on the WooCommerce webhook; signs deliveries. */
  webhookSecret: string
  /** Orders per page, 1..100 (default 100). */
  pageSize?: number
  sweep?: Partial<SweepOptions>
}

const Product = z.object({ id: z.number().int(), sku: z.string(), type: z.string(), parent_id: z.number().int().optional(), manage_stock: z.union([z.boolean(), z.string()]), stock_quantity: z.number().int().nullable() })
const Note = z.object({ id: z.number().int(), note: z.string() })
const Refund = z.object({ id: z.number().int(), reason: z.string().nullable() })
/** A refund as `GET orders/{id}/refunds` gives it: its units (negative quantities), each naming the order's line. */
const RefundDetail = z.object({
  id: z.number().int(),
  date_created_gmt: z.string().optional(),
  line_items: z.array(z.object({
    id: z.number().int(),
    quantity: z.number(),
    meta_data: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
  })).optional(),
})
const BatchResult = z.object({ update: z.array(z.object({ id: z.number().int(), stock_quantity: z.number().int().nullable().optional(), error: z.object({ code: z.string(), message: z.string() }).optional() })) })

interface KeysetPos { after: string; page: number }

const woGmt = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)

export class WooCommerceConnector implements ChannelConnector {
  readonly channel = 'woocommerce' as const
  readonly capabilities: ChannelCapabilities = { webhooks: true, refunds: true, stockCompareAndSet: false, stockAsync: false }
  readonly client: WooClient
  private readonly sweep: SweepOptions
  private readonly pageSize: number

  constructor(private readonly options: WooConnectorOptions) {
    if (!options.webhookSecret) throw new TypeError('WooCommerce webhookSecret is required')
    this.client = new WooClient(options)
    this.sweep = { ...DEFAULT_SWEEP_OPTIONS, ...options.sweep }
    this.pageSize = options.pageSize ?? 100
    if (this.pageSize < 1 || this.pageSize > 100) throw new RangeError('pageSize must be 1..100')
  }

  async testConnection(): Promise<ConnectionInfo> {
    const res = await this.client.get('/system_status')
    const status = parsePayload(z.object({ environment: z.object({ site_url: z.string() }), settings: z.object({ currency: z.string() }) }), res.body, 'woocommerce', 'system_status')
    return { channel: 'woocommerce', accountName: status.environment.site_url, currency: status.settings.currency }
  }

  initialCursor(since: Date): string {
    return encodeCursor(startSweep('woocommerce', since))
  }

  fetchOrders(cursor: string | null): Promise<OrderPage> {
    return importPage<WooOrder>(cursor, {
      channel: 'woocommerce',
      sweep: this.sweep,
      fetch: (state) => this.fetchKeysetPage(state),
      identify: (o) => ({ id: String(o.id), updatedAt: new Date(`${o.date_modified_gmt}Z`).toISOString() }),
      map: (o) => this.withRefundUnits(mapWooOrder(o)),
    })
  }

  private async fetchKeysetPage(state: SweepState) {
    const pos: KeysetPos = isKeyset(state.pos) ? state.pos : { after: woGmt(Date.parse(state.since) - 1000), page: 1 }
    const res = await this.client.get('/orders', {
      modified_after: pos.after, dates_are_gmt: 'true', orderby: 'modified', order: 'asc', status: 'any', per_page: this.pageSize, page: pos.page,
    })
    const nodes = parsePayload(z.array(WooOrder), res.body, 'woocommerce', 'orders page')
    const totalPages = Number(res.headers.get('x-wp-totalpages'))
    if (!Number.isInteger(totalPages)) throw new ChannelError('contract', 'woocommerce', 'orders page has no X-WP-TotalPages header')
    const last = pos.page >= totalPages || nodes.length < this.pageSize
    const first = nodes[0]?.date_modified_gmt
    const newest = nodes[nodes.length - 1]?.date_modified_gmt
    const nextPos: KeysetPos = first && newest && first < newest
      ? { after: woGmt(Date.parse(`${newest}Z`) - 1000), page: 1 }
      : { after: pos.after, page: pos.page + 1 }
    return { nodes, nextPos, repeatPos: pos, last, serverNow: serverNow(res.headers, this.client.http.options.now()) }
  }

  async fetchOrder(channelOrderId: string): Promise<ChannelOrder> {
    const res = await this.client.get(`/orders/${encodeURIComponent(channelOrderId)}`)
    return this.withRefundUnits(mapWooOrder(parsePayload(WooOrder, res.body, 'woocommerce', `order ${channelOrderId}`)))
  }

  /**
   * An order lists its refunds as amounts only; the units refunded are on the refunds
   * themselves, so an order with refunds costs one more call. A refund's line names the
   * order's line by `_refunded_item_id` (WooCommerce gives the refund's own line a new id).
   */
  private async withRefundUnits(order: ChannelOrder): Promise<ChannelOrder> {
    if (order.refunds.length === 0) return order
    const res = await this.client.get(`/orders/${encodeURIComponent(order.channelOrderId)}/refunds`)
    const details = new Map(parsePayload(z.array(RefundDetail), res.body, 'woocommerce', 'refunds').map((r) => [String(r.id), r]))
    return {
      ...order,
      refunds: order.refunds.map((r) => {
        const d = details.get(r.channelRefundId)
        if (!d) return r
        const lines = (d.line_items ?? []).filter((l) => l.quantity !== 0).map((l) => {
          const refunded = l.meta_data?.find((m) => m.key === '_refunded_item_id')?.value
          return { channelLineId: refunded === undefined || refunded === null || refunded === '' ? String(l.id) : String(refunded), quantity: Math.abs(l.quantity) }
        })
        return { ...r, createdAt: isoUtcOrNull(d.date_created_gmt, 'woocommerce', 'refunds.date_created_gmt', true) ?? r.createdAt, lines }
      }),
    }
  }

  private async productsBySku(skus: readonly string[]): Promise<Map<string, z.infer<typeof Product>>> {
    const found = new Map<string, z.infer<typeof Product>>()
    for (const group of chunk([...new Set(skus)], 100)) {
      const res = await this.client.get('/products', { sku: group.join(','), per_page: 100 })
      for (const p of parsePayload(z.array(Product), res.body, 'woocommerce', 'products')) if (group.includes(p.sku)) found.set(p.sku, p)
    }
    return found
  }

  async readStockLevels(skus: readonly string[]): Promise<StockLevel[]> {
    const products = await this.productsBySku(skus)
    return skus.map((sku) => ({ sku, available: products.get(sku)?.stock_quantity ?? null }))
  }

  async pushStock(updates: readonly StockUpdate[]): Promise<StockPushResult[]> {
    const { valid, refused } = screenStockUpdates('woocommerce', updates)
    const products = await this.productsBySku(valid.map((u) => u.sku))
    const results: StockPushResult[] = [...refused]
    const simple: { update: StockUpdate; id: number }[] = []
    for (const update of valid) {
      const product = products.get(update.sku)
      if (!product) results.push({ sku: update.sku, status: 'not_found' })
      else if (product.type === 'variation' && product.parent_id) {
        await this.client.put(`/products/${product.parent_id}/variations/${product.id}`, { manage_stock: true, stock_quantity: update.available })
        results.push({ sku: update.sku, status: 'applied', channelAvailable: update.available })
      } else simple.push({ update, id: product.id })
    }
    for (const group of chunk(simple, 100)) {
      const res = await this.client.post('/products/batch', { update: group.map((g) => ({ id: g.id, manage_stock: true, stock_quantity: g.update.available })) }, true)
      const byId = new Map(parsePayload(BatchResult, res.body, 'woocommerce', 'products/batch').update.map((r) => [r.id, r]))
      for (const g of group) {
        const r = byId.get(g.id)
        if (!r || r.error) results.push({ sku: g.update.sku, status: 'rejected', error: new ChannelError('invalid', 'woocommerce', `${g.update.sku}: ${r?.error?.message ?? 'no result in batch answer'}`, { code: r?.error?.code }) })
        else results.push({ sku: g.update.sku, status: 'applied', channelAvailable: r.stock_quantity ?? g.update.available })
      }
    }
    return inInputOrder(updates, results)
  }

  confirmShipment(shipment: ShipmentConfirmation, idempotencyKey: string): Promise<ShipmentResult> {
    const path = `/orders/${encodeURIComponent(shipment.channelOrderId)}`
    return withRetry('woocommerce', this.client.http.options, async () => {
      const order = parsePayload(WooOrder, (await this.client.get(path)).body, 'woocommerce', 'order')
      const notes = parsePayload(z.array(Note), (await this.client.get(`${path}/notes`)).body, 'woocommerce', 'order notes')
      const noted = notes.find((n) => n.note.includes(shipment.trackingNumber))
      const complete = order.line_items.every((l) => shipment.lines.some((s) => s.channelLineId === String(l.id) && s.quantity >= l.quantity))
      let noteId = noted?.id ?? null
      if (!noted) {
        const carrier = carrierNames(shipment.carrier, shipment.carrierName)
        const url = shipment.trackingUrl ?? trackingUrlFor(shipment.carrier, shipment.trackingNumber)
        const note = `Shipped with ${carrier.display}, tracking ${shipment.trackingNumber}${url ? ` (${url})` : ''}. [ref ${idempotencyKey}]`
        const created = await this.client.post(`${path}/notes`, { note, customer_note: shipment.notifyCustomer ?? true }, false)
        noteId = parsePayload(Note, created.body, 'woocommerce', 'order note').id
      }
      const needsStatus = complete && order.status !== 'completed'
      if (needsStatus) await this.client.put(path, { status: 'completed' })
      return { channelShipmentId: noteId === null ? null : String(noteId), alreadyDone: noted !== undefined && !needsStatus }
    })
  }

  pushRefund(refund: RefundRequest, idempotencyKey: string): Promise<RefundResult> {
    const path = `/orders/${encodeURIComponent(refund.channelOrderId)}/refunds`
    const marker = `[ref ${idempotencyKey}]`
    return withRetry('woocommerce', this.client.http.options, async () => {
      const existing = parsePayload(z.array(Refund), (await this.client.get(path)).body, 'woocommerce', 'refunds').find((r) => r.reason?.includes(marker))
      if (existing) return { channelRefundId: String(existing.id), state: 'completed', alreadyDone: true }
      const body = {
        amount: formatMinor(refund.amountMinor, refund.currency),
        reason: `${refund.reason} ${marker}`,
        line_items: refund.lines.map((l) => ({ id: Number(l.channelLineId), quantity: l.quantity, refund_total: formatMinor(l.amountMinor, refund.currency) })),
        api_refund: true,
        api_restock: refund.lines.some((l) => l.restock),
      }
      const created = parsePayload(Refund, (await this.client.post(path, body, false)).body, 'woocommerce', 'refund')
      return { channelRefundId: String(created.id), state: 'completed', alreadyDone: false }
    })
  }

  /**
   * Signature: base64 HMAC-SHA256 of the raw body with the webhook secret. Event id is
   * (resource, id, date_modified_gmt): WooCommerce builds the payload at delivery time and a
   * checkout fires both order.created and order.updated for the same state.
   */
  async verifyWebhook(rawBody: Uint8Array | string, headers: WebhookHeaders): Promise<WebhookEvent> {
    assertHmac('woocommerce', this.options.webhookSecret, rawBody, headerOf(headers, 'x-wc-webhook-signature'), 'X-WC-Webhook-Signature')
    const topic = headerOf(headers, 'x-wc-webhook-topic')
    if (!topic) throw new ChannelError('contract', 'woocommerce', 'webhook has no X-WC-Webhook-Topic')
    const body = parseWebhookJson('woocommerce', rawBody)
    const resource = headerOf(headers, 'x-wc-webhook-resource') ?? topic.split('.')[0] ?? 'unknown'
    const modified = typeof body.date_modified_gmt === 'string' ? body.date_modified_gmt : null
    const id = body.id == null ? null : String(body.id)
    const delivery = headerOf(headers, 'x-wc-webhook-delivery-id')
    const eventId = id && modified ? `${resource}:${id}:${modified}` : delivery
    if (!eventId) throw new ChannelError('contract', 'woocommerce', 'webhook has neither an id with date_modified_gmt nor a delivery id')
    return { eventId, topic, orderId: resource === 'order' ? id : null, occurredAt: modified ? new Date(`${modified}Z`).toISOString() : null }
  }
}

function isKeyset(pos: unknown): pos is KeysetPos {
  return typeof pos === 'object' && pos !== null && typeof (pos as KeysetPos).after === 'string' && typeof (pos as KeysetPos).page === 'number'
}

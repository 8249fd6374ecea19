/**
 * SimulatedWooCommerce: the WooCommerce REST API v3 on loopback. Basic auth with a consumer
 * key and secret (or query parameters); orders paginated by page number with X-WP-Total,
 * X-WP-TotalPages and Link headers; `modified_after` read as site-local time (Europe/London)
 * unless `dates_are_gmt=true`; a page past the end serves the last page again (as some
 * installs do); products by SKU, stock by PUT or batch (413 over 100); order notes; refunds;
 * webhooks built from the order's current state and signed with the webhook secret.
 */
import { randomUUID } from 'node:crypto'
import { hmacBase64 } from '../../webhook.js'
import { decimal, orderAmounts, parseSimDecimal, type SimOrderSpec } from '../shared/catalogue.js'
import { SimHttpError, type SimRequest, type SimResponse } from '../shared/sim-server.js'
import type { WebhookDelivery } from '../shared/webhook-sender.js'
import { BaseSimulator, type BaseSimulatorOptions, type PlacedOrder, type SimOrderState } from '../simulator.js'
import { gmt, londonOffsetMs, renderOrder, renderProduct, type WooOrderRecord, type WooProductRecord, type WooStatus } from './render.js'

export interface SimulatedWooCommerceOptions extends BaseSimulatorOptions {
  consumerKey?: string
  consumerSecret?: string
  webhookSecret?: string
}

const API = '/wp-json/wc/v3'
const STATUSES: readonly WooStatus[] = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash']

export class SimulatedWooCommerce extends BaseSimulator {
  readonly channel = 'woocommerce' as const
  readonly consumerKey: string
  readonly consumerSecret: string
  readonly webhookSecret: string
  readonly orders = new Map<number, WooOrderRecord>()
  private readonly productsById = new Map<number, WooProductRecord>()
  private nextId = 100
  private siteUrl = 'http://127.0.0.1'
  private lastList: SimResponse | undefined

  constructor(options: SimulatedWooCommerceOptions = {}) {
    super('WooCommerce', options)
    this.nextId += (options.idOffset ?? 0) * 10
    this.consumerKey = options.consumerKey ?? 'ck_simulated0000000000000000000000000000'
    this.consumerSecret = options.consumerSecret ?? 'cs_simulated0000000000000000000000000000'
    this.webhookSecret = options.webhookSecret ?? 'woo-webhook-secret'
    this.products.forEach((p, i) => this.productsById.set(500 + i, { id: 500 + i, sku: p.sku, name: p.title, priceMinor: p.priceMinor }))
    const r = (method: string, path: string, handler: (req: SimRequest, params: Record<string, string>) => SimResponse) =>
      this.server.route(method, `${API}${path}`, (req, params) => {
        this.authenticate(req)
        return handler(req, params)
      })
    r('GET', '/system_status', () => ({ status: 200, body: { environment: { home_url: this.siteUrl, site_url: this.siteUrl, version: '9.8.0' }, settings: { currency: 'GBP', currency_symbol: '£' } } }))
    r('GET', '/orders', (req) => this.listOrders(req))
    r('GET', '/orders/:id', (_req, p) => ({ status: 200, body: renderOrder(this.order(p.id), this.siteUrl) }))
    r('PUT', '/orders/:id', (req, p) => this.updateOrder(req, p.id ?? ''))
    r('GET', '/orders/:id/notes', (_req, p) => ({ status: 200, body: this.order(p.id).notes.map((n) => this.renderNote(n)) }))
    r('POST', '/orders/:id/notes', (req, p) => this.addNote(req, p.id ?? ''))
    r('GET', '/orders/:id/refunds', (_req, p) => ({ status: 200, body: this.order(p.id).refunds.map((x) => this.renderRefund(x, this.order(p.id).spec.currency)) }))
    r('POST', '/orders/:id/refunds', (req, p) => this.addRefund(req, p.id ?? ''))
    r('GET', '/products', (req) => this.listProducts(req))
    r('PUT', '/products/:id', (req, p) => ({ status: 200, body: this.updateProduct(Number(p.id), req.json()) }))
    r('POST', '/products/batch', (req) => this.batchProducts(req))
  }

  override async start(): Promise<{ url: string }> {
    const started = await super.start()
    this.siteUrl = started.url
    return started
  }

  protected createOrder(spec: SimOrderSpec): PlacedOrder {
    const at = this.tick()
    const id = this.nextId++
    const order: WooOrderRecord = {
      id, status: 'processing', spec, amounts: orderAmounts(spec), createdAt: at, modifiedAt: at,
      lineIds: spec.lines.map(() => this.nextId++), shippingLineId: this.nextId++, notes: [], refunds: [],
    }
    this.orders.set(id, order)
    this.webhooks.enqueue(this.orderDelivery('order.created', order))
    this.webhooks.enqueue(this.orderDelivery('order.updated', order))
    return { channelOrderId: String(id), orderNumber: String(id) }
  }

  setOrderState(channelOrderId: string, state: SimOrderState): void {
    const status: Record<SimOrderState, WooStatus> = { pending: 'pending', paid: 'processing', partially_shipped: 'processing', shipped: 'completed', cancelled: 'cancelled', refunded: 'refunded' }
    this.setRawStatus(channelOrderId, status[state])
  }

  /** Any WooCommerce status, including custom ones a plugin might add. */
  setRawStatus(channelOrderId: string, status: string): void {
    const order = this.order(channelOrderId)
    order.status = status as WooStatus
    order.modifiedAt = this.tick()
    this.webhooks.enqueue(this.orderDelivery('order.updated', order))
  }

  override buildWebhook(topic: string, channelOrderId: string): WebhookDelivery {
    return this.orderDelivery(topic, this.order(channelOrderId))
  }

  private authenticate(req: SimRequest): void {
    const basic = /^Basic (.+)$/i.exec(req.header('authorization') ?? '')
    const [key, secret] = basic
      ? Buffer.from(basic[1] ?? '', 'base64').toString('utf8').split(':')
      : [req.url.searchParams.get('consumer_key'), req.url.searchParams.get('consumer_secret')]
    if (!key) throw new SimHttpError(401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } })
    if (key !== this.consumerKey || secret !== this.consumerSecret) {
      throw new SimHttpError(401, { code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.', data: { status: 401 } })
    }
  }

  private order(id: string | undefined): WooOrderRecord {
    const order = this.orders.get(Number(id))
    if (!order) throw new SimHttpError(404, { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } })
    return order
  }

  private listOrders(req: SimRequest): SimResponse {
    if (this.faults.takeKind('repeat-page', 'orders') && this.lastList) return this.lastList
    const q = req.url.searchParams
    const perPage = Number(q.get('per_page') ?? 10)
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      throw new SimHttpError(400, { code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page', data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } } })
    }
    const page = Math.max(1, Number(q.get('page') ?? 1))
    const modifiedAfter = q.get('modified_after')
    let after = modifiedAfter ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(modifiedAfter) ? modifiedAfter : `${modifiedAfter}Z`) : NaN
    if (modifiedAfter && q.get('dates_are_gmt') !== 'true' && !/[zZ]|[+-]\d\d:?\d\d$/.test(modifiedAfter)) after -= londonOffsetMs(after)
    const statuses = (q.get('status') ?? 'any').split(',')
    const orderBy = q.get('orderby') ?? 'date'
    const direction = (q.get('order') ?? 'desc') === 'asc' ? 1 : -1
    const key = (o: WooOrderRecord) => (orderBy === 'modified' ? Math.floor(o.modifiedAt / 1000) : orderBy === 'id' ? o.id : Math.floor(o.createdAt / 1000))
    const matching = [...this.orders.values()]
      .filter((o) => (statuses.includes('any') ? o.status !== 'trash' : statuses.includes(o.status)))
      .filter((o) => Number.isNaN(after) || Math.floor(o.modifiedAt / 1000) * 1000 > after)
      .sort((a, b) => direction * (key(a) - key(b) || a.id - b.id))
    const totalPages = Math.ceil(matching.length / perPage)
    const served = Math.min(page, Math.max(totalPages, 1))
    const body = matching.slice((served - 1) * perPage, served * perPage).map((o) => renderOrder(o, this.siteUrl))
    const base = `${this.siteUrl}${API}/orders?${q.toString()}`
    const link = (p: number, rel: string) => `<${base.replace(/([?&])page=\d+/, `$1page=${p}`)}${q.has('page') ? '' : `&page=${p}`}>; rel="${rel}"`
    const links = [...(served > 1 ? [link(served - 1, 'prev')] : []), ...(served < totalPages ? [link(served + 1, 'next')] : [])]
    this.lastList = { status: 200, headers: { 'x-wp-total': String(matching.length), 'x-wp-totalpages': String(totalPages), ...(links.length ? { link: links.join(', ') } : {}) }, body }
    return this.lastList
  }

  private updateOrder(req: SimRequest, id: string): SimResponse {
    const order = this.order(id)
    const body = req.json() as { status?: unknown }
    if (body.status !== undefined) {
      if (typeof body.status !== 'string' || !STATUSES.includes(body.status as WooStatus)) {
        throw new SimHttpError(400, { code: 'rest_invalid_param', message: 'Invalid parameter(s): status', data: { status: 400 } })
      }
      order.status = body.status as WooStatus
    }
    order.modifiedAt = this.tick()
    this.webhooks.enqueue(this.orderDelivery('order.updated', order))
    return { status: 200, body: renderOrder(order, this.siteUrl) }
  }

  private addNote(req: SimRequest, id: string): SimResponse {
    const order = this.order(id)
    const body = req.json() as { note?: unknown; customer_note?: unknown }
    if (typeof body.note !== 'string' || body.note === '') throw new SimHttpError(400, { code: 'rest_missing_callback_param', message: 'Missing parameter(s): note', data: { status: 400 } })
    const note = { id: this.nextId++, note: body.note, customerNote: body.customer_note === true, at: this.tick() }
    order.notes.push(note)
    return { status: 201, body: this.renderNote(note) }
  }

  private renderNote(n: WooOrderRecord['notes'][number]) {
    return { id: n.id, author: 'WooCommerce', date_created_gmt: gmt(n.at), note: n.note, customer_note: n.customerNote }
  }

  private addRefund(req: SimRequest, id: string): SimResponse {
    const order = this.order(id)
    const body = req.json() as { amount?: unknown; reason?: unknown; line_items?: unknown; api_restock?: unknown }
    const toMinor = (v: unknown) => parseSimDecimal(v, order.spec.currency)
    const amountMinor = toMinor(body.amount)
    const already = order.refunds.reduce((s, r) => s + r.amountMinor, 0)
    if (!(amountMinor > 0) || amountMinor + already > order.amounts.totalMinor) {
      throw new SimHttpError(400, { code: 'woocommerce_rest_cannot_create_order_refund', message: 'Invalid refund amount.', data: { status: 400 } })
    }
    const items = Array.isArray(body.line_items) ? (body.line_items as Record<string, unknown>[]) : []
    const lines = items.map((l) => ({ id: Number(l.id), quantity: Number(l.quantity ?? 0), totalMinor: toMinor(l.refund_total ?? '0') }))
    for (const l of lines) {
      const index = order.lineIds.indexOf(l.id)
      const spec = order.spec.lines[index]
      if (!spec) throw new SimHttpError(400, { code: 'woocommerce_rest_invalid_line_item', message: `Invalid line item ${l.id}.`, data: { status: 400 } })
      if (body.api_restock !== false && spec.sku) this.stock.set(spec.sku, (this.stock.get(spec.sku) ?? 0) + l.quantity)
    }
    const refund = { id: this.nextId++, amountMinor, reason: typeof body.reason === 'string' ? body.reason : '', at: this.tick(), lines }
    order.refunds.push(refund)
    if (already + amountMinor >= order.amounts.totalMinor) order.status = 'refunded'
    order.modifiedAt = this.tick()
    this.webhooks.enqueue(this.orderDelivery('order.updated', order))
    return { status: 201, body: this.renderRefund(refund, order.spec.currency) }
  }

  private renderRefund(r: WooOrderRecord['refunds'][number], currency: string) {
    return { id: r.id, date_created_gmt: gmt(r.at), amount: decimal(r.amountMinor, currency), reason: r.reason, refunded_payment: true, line_items: r.lines.map((l) => ({ id: l.id, quantity: -l.quantity })) }
  }

  private listProducts(req: SimRequest): SimResponse {
    const skus = (req.url.searchParams.get('sku') ?? '').split(',').filter(Boolean)
    const perPage = Number(req.url.searchParams.get('per_page') ?? 10)
    const found = [...this.productsById.values()].filter((p) => skus.length === 0 || skus.includes(p.sku)).slice(0, perPage)
    return { status: 200, headers: { 'x-wp-total': String(found.length), 'x-wp-totalpages': '1' }, body: found.map((p) => renderProduct(p, this.stock.get(p.sku))) }
  }

  private updateProduct(id: number, body: unknown): Record<string, unknown> {
    const product = this.productsById.get(id)
    if (!product) throw new SimHttpError(404, { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } })
    const patch = (body ?? {}) as { stock_quantity?: unknown }
    if (patch.stock_quantity !== undefined) {
      if (typeof patch.stock_quantity !== 'number' || !Number.isInteger(patch.stock_quantity)) {
        throw new SimHttpError(400, { code: 'rest_invalid_param', message: 'Invalid parameter(s): stock_quantity', data: { status: 400 } })
      }
      this.stock.set(product.sku, patch.stock_quantity)
    }
    return renderProduct(product, this.stock.get(product.sku))
  }

  private batchProducts(req: SimRequest): SimResponse {
    const body = req.json() as { update?: unknown }
    const updates = Array.isArray(body.update) ? (body.update as Record<string, unknown>[]) : []
    if (updates.length > 100) throw new SimHttpError(413, { code: 'woocommerce_rest_request_entity_too_large', message: 'Unable to accept more than 100 items for this request.', data: { status: 413 } })
    const update = updates.map((u) => {
      try {
        return this.updateProduct(Number(u.id), u)
      } catch (error) {
        if (error instanceof SimHttpError) return { id: Number(u.id), error: { ...(error.body as object), data: { status: error.status } } }
        throw error
      }
    })
    return { status: 200, body: { update } }
  }

  private orderDelivery(topic: string, order: WooOrderRecord): WebhookDelivery {
    const rawBody = JSON.stringify(renderOrder(order, this.siteUrl))
    const [resource = 'order', event = 'updated'] = topic.split('.')
    return {
      topic,
      rawBody,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'WooCommerce/9.8.0 Hookshot (WordPress/6.8)',
        'x-wc-webhook-source': `${this.siteUrl}/`,
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-resource': resource,
        'x-wc-webhook-event': event,
        'x-wc-webhook-signature': hmacBase64(this.webhookSecret, rawBody),
        'x-wc-webhook-id': '7',
        'x-wc-webhook-delivery-id': randomUUID(),
      },
    }
  }
}

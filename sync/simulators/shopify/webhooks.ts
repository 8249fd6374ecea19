/**
 * SimulatedShopify's webhooks: REST-shaped JSON payloads (webhooks never moved to GraphQL),
 * signed with base64 HMAC-SHA256 of the raw body, with Shopify's headers — a fresh
 * X-Shopify-Webhook-Id and X-Shopify-Event-Id per event (retries and duplicates repeat them).
 */
import { randomUUID } from 'node:crypto'
import { hmacBase64 } from '../../webhook.js'
import { decimal } from '../shared/catalogue.js'
import type { WebhookDelivery } from '../shared/webhook-sender.js'
import { gid, type OrderRecord } from './nodes.js'

const iso = (ms: number) => new Date(ms).toISOString()

export function orderWebhookPayload(topic: string, order: OrderRecord): Record<string, unknown> {
  const c = order.spec.currency
  if (topic === 'refunds/create') {
    const refund = order.refunds[order.refunds.length - 1]
    return { id: refund?.id ?? 0, order_id: order.id, created_at: iso(refund?.createdAt ?? order.updatedAt), note: refund?.note ?? null }
  }
  return {
    id: order.id,
    admin_graphql_api_id: gid('Order', order.id),
    name: `#${order.number}`,
    order_number: order.number,
    email: order.spec.customer.email,
    created_at: iso(order.createdAt),
    updated_at: iso(order.updatedAt),
    cancelled_at: order.cancelledAt === null ? null : iso(order.cancelledAt),
    financial_status: order.financial.toLowerCase(),
    fulfillment_status: order.fulfillment === 'FULFILLED' ? 'fulfilled' : order.fulfillment === 'PARTIALLY_FULFILLED' ? 'partial' : null,
    currency: c,
    total_price: decimal(order.amounts.totalMinor, c),
    total_tax: decimal(order.amounts.taxMinor, c),
    line_items: order.lines.map((l) => ({ id: l.id, sku: l.sku, title: l.title, quantity: l.quantity, price: decimal(l.unitPriceMinor, c) })),
  }
}

export function signedDelivery(topic: string, payload: unknown, shop: { secret: string; shopDomain: string; apiVersion: string; now: number }): WebhookDelivery {
  const rawBody = JSON.stringify(payload)
  return {
    topic,
    rawBody,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': hmacBase64(shop.secret, rawBody),
      'x-shopify-shop-domain': shop.shopDomain,
      'x-shopify-api-version': shop.apiVersion,
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': iso(shop.now),
    },
  }
}

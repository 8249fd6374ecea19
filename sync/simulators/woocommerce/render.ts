/**
 * How the WooCommerce simulator's orders and products look through REST v3: GMT dates
 * without a zone ("2025-03-01T10:15:00"), money as strings with the store's decimals, line
 * amounts stored excluding tax (`subtotal` before discounts, `total` after) with their taxes
 * beside them, and `price` as a float, as WooCommerce really sends it.
 */
import { decimal, includedTax, addedTax, simExponent, taxInclusive, type SimOrderAmounts, type SimOrderSpec } from '../shared/catalogue.js'

export type WooStatus = 'pending' | 'processing' | 'on-hold' | 'completed' | 'cancelled' | 'refunded' | 'failed' | 'trash'

export interface WooOrderRecord {
  id: number
  status: WooStatus
  spec: SimOrderSpec
  amounts: SimOrderAmounts
  createdAt: number
  modifiedAt: number
  lineIds: number[]
  shippingLineId: number
  notes: { id: number; note: string; customerNote: boolean; at: number }[]
  refunds: { id: number; amountMinor: number; reason: string; at: number; lines: { id: number; quantity: number; totalMinor: number }[] }[]
}

export interface WooProductRecord {
  id: number
  sku: string
  name: string
  priceMinor: number
}

/** "2025-03-01T10:15:00": UTC, second precision, no zone — WooCommerce's *_gmt format. */
export const gmt = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)

/** Local site time (Europe/London) in the same zone-less format, for the non-GMT fields. */
export function london(ms: number): string {
  return gmt(ms + londonOffsetMs(ms))
}

export function londonOffsetMs(ms: number): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /GMT([+-]\d+)?/.exec(name)
  return Number(match?.[1] ?? 0) * 3600_000
}

/** Woo stores amounts excluding tax; split a buyer-facing amount into (excl, tax). */
function split(amountMinor: number, spec: SimOrderSpec): { excl: number; tax: number } {
  if (taxInclusive(spec.currency)) {
    const tax = includedTax(amountMinor, spec.taxRatePercent)
    return { excl: amountMinor - tax, tax }
  }
  return { excl: amountMinor, tax: addedTax(amountMinor, spec.taxRatePercent) }
}

export function renderOrder(order: WooOrderRecord, siteUrl: string): Record<string, unknown> {
  const { spec } = order
  const c = spec.currency
  const d = (minor: number) => decimal(minor, c)
  const [first = '', ...rest] = spec.customer.name.split(' ')
  const splits = spec.lines.map((line) => ({
    gross: split(line.unitPriceMinor * line.quantity, spec),
    net: split(line.unitPriceMinor * line.quantity - (line.discountMinor ?? 0), spec),
  }))
  const lines = spec.lines.map((line, i) => {
    const { gross, net } = splits[i] ?? { gross: { excl: 0, tax: 0 }, net: { excl: 0, tax: 0 } }
    return {
      id: order.lineIds[i],
      name: line.title,
      product_id: 0,
      variation_id: 0,
      quantity: line.quantity,
      tax_class: '',
      subtotal: d(gross.excl),
      subtotal_tax: d(gross.tax),
      total: d(net.excl),
      total_tax: d(net.tax),
      taxes: [{ id: 1, total: d(net.tax), subtotal: d(gross.tax) }],
      sku: line.sku ?? '',
      price: net.excl / line.quantity / 10 ** simExponent(c),
    }
  })
  const shipping = split(spec.shipping.priceMinor, spec)
  const lineTax = splits.reduce((sum, l) => sum + l.net.tax, 0)
  const address = { first_name: first, last_name: rest.join(' '), company: '', address_1: spec.address.line1, address_2: spec.address.line2 ?? '', city: spec.address.city, state: spec.address.region ?? '', postcode: spec.address.postcode, country: spec.address.country }
  const discount = splits.reduce((sum, l) => sum + l.gross.excl - l.net.excl, 0)
  return {
    id: order.id,
    parent_id: 0,
    number: String(order.id),
    order_key: `wc_order_${order.id.toString(36)}`,
    created_via: 'checkout',
    status: order.status,
    currency: c,
    prices_include_tax: taxInclusive(c),
    date_created: london(order.createdAt),
    date_created_gmt: gmt(order.createdAt),
    date_modified: london(order.modifiedAt),
    date_modified_gmt: gmt(order.modifiedAt),
    date_paid_gmt: order.status === 'pending' ? null : gmt(order.createdAt),
    date_completed_gmt: order.status === 'completed' ? gmt(order.modifiedAt) : null,
    discount_total: d(discount),
    discount_tax: '0.00',
    shipping_total: d(shipping.excl),
    shipping_tax: d(shipping.tax),
    cart_tax: d(lineTax),
    total: d(order.amounts.totalMinor),
    total_tax: d(lineTax + shipping.tax),
    customer_id: 0,
    billing: { ...address, email: spec.customer.email, phone: spec.customer.phone ?? '' },
    shipping: { ...address, phone: spec.customer.phone ?? '' },
    payment_method: 'stripe',
    line_items: lines,
    shipping_lines: [{ id: order.shippingLineId, method_title: spec.shipping.method, method_id: 'flat_rate', total: d(shipping.excl), total_tax: d(shipping.tax) }],
    fee_lines: [],
    refunds: order.refunds.map((r) => ({ id: r.id, reason: r.reason, total: `-${d(r.amountMinor)}` })),
    _links: { self: [{ href: `${siteUrl}/wp-json/wc/v3/orders/${order.id}` }] },
  }
}

export function renderProduct(product: WooProductRecord, stock: number | undefined, currency = 'GBP'): Record<string, unknown> {
  return {
    id: product.id,
    name: product.name,
    type: 'simple',
    status: 'publish',
    sku: product.sku,
    price: decimal(product.priceMinor, currency),
    regular_price: decimal(product.priceMinor, currency),
    manage_stock: stock !== undefined,
    stock_quantity: stock ?? null,
    stock_status: stock === undefined || stock > 0 ? 'instock' : 'outofstock',
    parent_id: 0,
  }
}

/**
 * WooCommerce REST v3 orders -> ChannelOrder. WooCommerce stores line amounts excluding tax
 * (`subtotal` before discounts, `total` after, taxes beside them) whatever the shop's
 * `prices_include_tax`; we present lines on the shop's basis. `price` is a float (total/qty
 * after discount) and is never used. `*_gmt` dates are UTC without a zone.
 */
import { z } from 'zod'
import { parseMinor, sumMinor, unitPriceOf } from '../../money.js'
import { isoUtc, isoUtcOrNull, line, reconcileTotals } from '../../mapping-support.js'
import type { ChannelOrder, OrderStatus } from '../../order.js'

const Address = z.object({
  first_name: z.string(),
  last_name: z.string(),
  company: z.string().optional(),
  address_1: z.string(),
  address_2: z.string(),
  city: z.string(),
  state: z.string(),
  postcode: z.string(),
  country: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
})

export const WooOrder = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.string(),
  currency: z.string(),
  prices_include_tax: z.boolean(),
  date_created_gmt: z.string(),
  date_modified_gmt: z.string(),
  discount_total: z.string(),
  shipping_total: z.string(),
  shipping_tax: z.string(),
  total: z.string(),
  total_tax: z.string(),
  billing: Address,
  shipping: Address,
  line_items: z.array(z.object({
    id: z.number().int(),
    name: z.string(),
    quantity: z.number().int(),
    subtotal: z.string(),
    subtotal_tax: z.string(),
    total: z.string(),
    total_tax: z.string(),
    sku: z.string().nullable(),
  })),
  shipping_lines: z.array(z.object({ method_title: z.string(), total: z.string(), total_tax: z.string() })),
  fee_lines: z.array(z.object({ total: z.string(), total_tax: z.string() })).optional(),
  refunds: z.array(z.object({ id: z.number().int(), reason: z.string().nullable(), total: z.string() })),
})
export type WooOrder = z.infer<typeof WooOrder>

const STATUS: Readonly<Record<string, OrderStatus>> = {
  pending: 'pending',
  'on-hold': 'pending',
  'checkout-draft': 'pending',
  processing: 'ready_to_ship',
  completed: 'shipped',
  cancelled: 'cancelled',
  failed: 'cancelled',
  trash: 'cancelled',
  refunded: 'refunded',
}

/** WooCommerce status -> ours. Unknown (plugin) statuses hold the order as pending and say so. */
export function wooStatus(status: string): { status: OrderStatus; known: boolean } {
  const mapped = STATUS[status]
  return mapped ? { status: mapped, known: true } : { status: 'pending', known: false }
}

export function mapWooOrder(order: WooOrder): ChannelOrder {
  const c = order.currency
  const m = (text: string, field: string) => parseMinor(text, c, 'woocommerce', field)
  const inclusive = order.prices_include_tax
  const lines = order.line_items.map((l, i) => {
    const subtotal = m(l.subtotal, `line_items[${i}].subtotal`)
    const subtotalTax = m(l.subtotal_tax, `line_items[${i}].subtotal_tax`)
    const total = m(l.total, `line_items[${i}].total`)
    const tax = m(l.total_tax, `line_items[${i}].total_tax`)
    const gross = inclusive ? subtotal + subtotalTax : subtotal
    const net = inclusive ? total + tax : total
    return line({
      channelLineId: String(l.id),
      sku: l.sku,
      title: l.name,
      quantity: l.quantity,
      unitPriceMinor: unitPriceOf(gross, l.quantity),
      grossMinor: gross,
      discountMinor: gross - net,
      taxMinor: tax,
    })
  })
  const shippingNet = sumMinor(order.shipping_lines.map((s, i) => m(s.total, `shipping_lines[${i}].total`)))
  const shippingTax = sumMinor(order.shipping_lines.map((s, i) => m(s.total_tax, `shipping_lines[${i}].total_tax`)))
  const fees = sumMinor((order.fee_lines ?? []).map((f, i) => m(f.total, `fee_lines[${i}].total`) + (inclusive ? m(f.total_tax, `fee_lines[${i}].total_tax`) : 0)))
  const totals = {
    subtotalMinor: sumMinor([...lines.map((l) => l.totalMinor), fees]),
    shippingMinor: sumMinor([shippingNet, inclusive ? shippingTax : 0]),
    discountMinor: sumMinor([0]),
    taxMinor: m(order.total_tax, 'total_tax'),
    totalMinor: m(order.total, 'total'),
  }
  const { status, known } = wooStatus(order.status)
  const ship = order.shipping
  const name = (a: z.infer<typeof Address>) => [a.first_name, a.last_name].filter(Boolean).join(' ') || null
  const updatedAt = isoUtc(order.date_modified_gmt, 'woocommerce', 'date_modified_gmt', true)
  return {
    channel: 'woocommerce',
    channelOrderId: String(order.id),
    orderNumber: order.number,
    status,
    channelStatus: order.status,
    fulfilledBy: 'merchant',
    createdAt: isoUtc(order.date_created_gmt, 'woocommerce', 'date_created_gmt', true),
    updatedAt,
    currency: c,
    taxIncluded: inclusive,
    customer: { name: name(order.billing), email: order.billing.email || null, phone: order.billing.phone || null },
    shippingAddress: ship.address_1 || ship.postcode
      ? { name: name(ship), company: ship.company || null, line1: ship.address_1 || null, line2: ship.address_2 || null, city: ship.city || null, region: ship.state || null, postcode: ship.postcode || null, country: ship.country ? ship.country.toUpperCase() : null, phone: ship.phone || order.billing.phone || null }
      : null,
    shippingMethod: order.shipping_lines[0]?.method_title ?? null,
    lines,
    totals,
    despatchBy: null,
    deliverBy: null,
    cancelledAt: status === 'cancelled' ? isoUtcOrNull(order.date_modified_gmt, 'woocommerce', 'date_modified_gmt', true) : null,
    cancelReason: status === 'cancelled' ? order.status : null,
    refunds: order.refunds.map((r, i) => ({
      channelRefundId: String(r.id),
      createdAt: null,
      amountMinor: sumMinor([Math.abs(m(r.total, `refunds[${i}].total`))]),
      lines: [],
      state: 'completed' as const,
    })),
    issues: [...reconcileTotals(totals, inclusive), ...(known ? [] : [`unknown WooCommerce status "${order.status}", held as pending`])],
  }
}

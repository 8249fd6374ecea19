/**
 * Shopify order nodes (as ORDERS_PAGE / ORDER select them) -> ChannelOrder. Shopify has no
 * ship-by date. Amounts are MoneyBag shopMoney Decimal strings; `taxesIncluded` says whether
 * prices contain the tax (UK shops: yes).
 */
import { z } from 'zod'
import { ChannelError } from '../../channel-error.js'
import { parseMinor, sumMinor, unitPriceOf } from '../../money.js'
import { isoUtc, isoUtcOrNull, line, reconcileTotals } from '../../mapping-support.js'
import type { ChannelOrder, ChannelOrderLine, OrderStatus } from '../../order.js'

const Money = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) })

export const LineNode = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int(),
  originalUnitPriceSet: Money,
  totalDiscountSet: Money,
  taxLines: z.array(z.object({ priceSet: Money })),
})
export type LineNode = z.infer<typeof LineNode>

export const LinePage = z.object({
  nodes: z.array(LineNode),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable().optional() }),
})

const RefundNode = z.object({
  id: z.string(),
  createdAt: z.string(),
  totalRefundedSet: Money,
  refundLineItems: z.object({ nodes: z.array(z.object({ quantity: z.number().int(), lineItem: z.object({ id: z.string() }) })) }),
})

export const OrderNode = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  currencyCode: z.string(),
  taxesIncluded: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  shippingAddress: z.object({
    name: z.string().nullable(),
    company: z.string().nullable(),
    address1: z.string().nullable(),
    address2: z.string().nullable(),
    city: z.string().nullable(),
    province: z.string().nullable(),
    zip: z.string().nullable(),
    countryCodeV2: z.string().nullable(),
    phone: z.string().nullable(),
  }).nullable(),
  totalPriceSet: Money,
  totalTaxSet: Money,
  totalShippingPriceSet: Money,
  totalDiscountsSet: Money,
  totalRefundedSet: Money,
  shippingLine: z.object({ title: z.string() }).nullable(),
  lineItems: LinePage,
  refunds: z.array(RefundNode).optional(),
})
export type OrderNode = z.infer<typeof OrderNode>

/**
 * Shopify's two display statuses (plus cancelledAt) -> our status. Cancelled and refunded
 * win; then fulfilment progress; then payment: authorised counts as ready (captured on
 * fulfilment), pending / partially paid / on hold do not.
 */
export function shopifyStatus(financial: string | null, fulfillment: string, cancelled: boolean): OrderStatus {
  if (cancelled) return 'cancelled'
  if (financial === 'REFUNDED') return 'refunded'
  if (financial === 'VOIDED' || financial === 'EXPIRED' || fulfillment === 'RESTOCKED') return 'cancelled'
  if (fulfillment === 'FULFILLED') return 'shipped'
  if (fulfillment === 'PARTIALLY_FULFILLED') return 'partially_shipped'
  if (fulfillment === 'ON_HOLD' || financial === 'PENDING' || financial === 'PARTIALLY_PAID' || financial === null) return 'pending'
  return 'ready_to_ship'
}

export function mapShopifyOrder(node: OrderNode, lines: readonly LineNode[] = node.lineItems.nodes): ChannelOrder {
  const currency = node.currencyCode
  const money = (bag: z.infer<typeof Money>, field: string) => {
    if (bag.shopMoney.currencyCode !== currency) {
      throw new ChannelError('contract', 'shopify', `${field} is in ${bag.shopMoney.currencyCode}, order in ${currency}`, { field })
    }
    return parseMinor(bag.shopMoney.amount, currency, 'shopify', field)
  }
  const mapped: ChannelOrderLine[] = lines.map((l, i) => {
    const unit = money(l.originalUnitPriceSet, `lineItems[${i}].originalUnitPriceSet`)
    return line({
      channelLineId: l.id,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPriceMinor: unitPriceOf(unit * l.quantity, l.quantity),
      grossMinor: unit * l.quantity,
      discountMinor: money(l.totalDiscountSet, `lineItems[${i}].totalDiscountSet`),
      taxMinor: sumMinor(l.taxLines.map((t, j) => money(t.priceSet, `lineItems[${i}].taxLines[${j}]`))),
    })
  })
  const lineDiscounts = sumMinor(mapped.map((l) => l.discountMinor))
  const totals = {
    subtotalMinor: sumMinor(mapped.map((l) => l.totalMinor)),
    shippingMinor: money(node.totalShippingPriceSet, 'totalShippingPriceSet'),
    discountMinor: sumMinor([Math.max(0, money(node.totalDiscountsSet, 'totalDiscountsSet') - lineDiscounts)]),
    taxMinor: money(node.totalTaxSet, 'totalTaxSet'),
    totalMinor: money(node.totalPriceSet, 'totalPriceSet'),
  }
  const address = node.shippingAddress
  const refunds = (node.refunds ?? []).map((r, i) => ({
    channelRefundId: r.id,
    createdAt: isoUtc(r.createdAt, 'shopify', `refunds[${i}].createdAt`),
    amountMinor: money(r.totalRefundedSet, `refunds[${i}].totalRefundedSet`),
    lines: r.refundLineItems.nodes.map((n) => ({ channelLineId: n.lineItem.id, quantity: n.quantity })),
    state: 'completed' as const,
  }))
  return {
    channel: 'shopify',
    channelOrderId: node.id,
    orderNumber: node.name,
    status: shopifyStatus(node.displayFinancialStatus, node.displayFulfillmentStatus, node.cancelledAt !== null),
    channelStatus: `${node.displayFinancialStatus ?? 'NONE'}/${node.displayFulfillmentStatus}${node.cancelledAt ? '/CANCELLED' : ''}`,
    fulfilledBy: 'merchant',
    createdAt: isoUtc(node.createdAt, 'shopify', 'createdAt'),
    updatedAt: isoUtc(node.updatedAt, 'shopify', 'updatedAt'),
    currency,
    taxIncluded: node.taxesIncluded,
    customer: { name: address?.name ?? null, email: node.email, phone: node.phone ?? address?.phone ?? null },
    shippingAddress: address && {
      name: address.name,
      company: address.company,
      line1: address.address1,
      line2: address.address2,
      city: address.city,
      region: address.province,
      postcode: address.zip,
      country: address.countryCodeV2,
      phone: address.phone,
    },
    shippingMethod: node.shippingLine?.title ?? null,
    lines: mapped,
    totals,
    despatchBy: null,
    deliverBy: null,
    cancelledAt: isoUtcOrNull(node.cancelledAt, 'shopify', 'cancelledAt'),
    cancelReason: node.cancelReason,
    refunds,
    issues: reconcileTotals(totals, node.taxesIncluded),
  }
}

/** Whether a page node needs a full re-read (more lines than the page asked, or refunds). */
export function needsFullRead(node: OrderNode): boolean {
  return node.lineItems.pageInfo.hasNextPage || !/^0(\.0+)?$/.test(node.totalRefundedSet.shopMoney.amount)
}

/**
 * eBay Sell Fulfillment orders -> ChannelOrder. `lineItemCost` covers all units of a line
 * before discounts (`discountedLineItemCost` after); UK sellers' prices include VAT and eBay
 * states no VAT, while eBay-collected taxes (`taxes`, US sales tax, IOSS) come on top — so
 * `taxIncluded` is true exactly when no such taxes are listed. The ship-by deadline is the
 * earliest line's `lineItemFulfillmentInstructions.shipByDate`.
 */
import { z } from 'zod'
import { ChannelError } from '../../channel-error.js'
import { parseMinor, sumMinor, unitPriceOf } from '../../money.js'
import { isoUtc, isoUtcOrNull, line, reconcileTotals } from '../../mapping-support.js'
import type { ChannelOrder, OrderStatus } from '../../order.js'

const Amount = z.object({ value: z.string(), currency: z.string() })

export const EbayOrder = z.object({
  orderId: z.string(),
  creationDate: z.string(),
  lastModifiedDate: z.string(),
  orderFulfillmentStatus: z.string(),
  orderPaymentStatus: z.string(),
  buyer: z.object({ username: z.string().optional(), buyerRegistrationAddress: z.object({ fullName: z.string().optional(), email: z.string().optional() }).optional() }).optional(),
  pricingSummary: z.object({ priceSubtotal: Amount.optional(), priceDiscount: Amount.optional(), deliveryCost: Amount.optional(), deliveryDiscount: Amount.optional(), tax: Amount.optional(), total: Amount }),
  cancelStatus: z.object({ cancelState: z.string() }).optional(),
  paymentSummary: z.object({ refunds: z.array(z.object({ refundId: z.string().optional(), refundDate: z.string().optional(), amount: Amount, refundStatus: z.string() })).optional() }).optional(),
  fulfillmentStartInstructions: z.array(z.object({
    maxEstimatedDeliveryDate: z.string().optional(),
    shippingStep: z.object({
      shippingServiceCode: z.string().optional(),
      shipTo: z.object({
        fullName: z.string().optional(),
        contactAddress: z.object({ addressLine1: z.string().optional(), addressLine2: z.string().optional(), city: z.string().optional(), stateOrProvince: z.string().optional(), postalCode: z.string().optional(), countryCode: z.string().optional() }).optional(),
        primaryPhone: z.object({ phoneNumber: z.string().optional() }).optional(),
        email: z.string().optional(),
        companyName: z.string().optional(),
      }).optional(),
    }).optional(),
  })).optional(),
  lineItems: z.array(z.object({
    lineItemId: z.string(),
    sku: z.string().optional(),
    title: z.string(),
    quantity: z.number().int(),
    lineItemCost: Amount,
    discountedLineItemCost: Amount.optional(),
    taxes: z.array(z.object({ amount: Amount })).optional(),
    lineItemFulfillmentInstructions: z.object({ shipByDate: z.string().optional(), maxEstimatedDeliveryDate: z.string().optional() }).optional(),
  })),
})
export type EbayOrder = z.infer<typeof EbayOrder>

/** eBay keeps fulfilment, payment and cancellation apart; this folds them into one status. */
export function ebayStatus(fulfillment: string, payment: string, cancelState: string | undefined): OrderStatus {
  if (cancelState === 'CANCELED') return 'cancelled'
  if (payment === 'FULLY_REFUNDED') return 'refunded'
  if (fulfillment === 'FULFILLED') return 'shipped'
  if (fulfillment === 'IN_PROGRESS') return 'partially_shipped'
  if (payment === 'PENDING' || payment === 'FAILED') return 'pending'
  return 'ready_to_ship'
}

export function mapEbayOrder(order: EbayOrder): ChannelOrder {
  const currency = order.pricingSummary.total.currency
  const m = (amount: z.infer<typeof Amount> | undefined, field: string): number => {
    if (!amount) return 0
    if (amount.currency !== currency) throw new ChannelError('contract', 'ebay', `${field} is in ${amount.currency}, the order in ${currency}`, { field })
    return parseMinor(amount.value, currency, 'ebay', field)
  }
  const lines = order.lineItems.map((l, i) => {
    const gross = m(l.lineItemCost, `lineItems[${i}].lineItemCost`)
    const net = l.discountedLineItemCost ? m(l.discountedLineItemCost, `lineItems[${i}].discountedLineItemCost`) : gross
    return line({
      channelLineId: l.lineItemId,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPriceMinor: unitPriceOf(gross, l.quantity),
      grossMinor: gross,
      discountMinor: gross - net,
      taxMinor: sumMinor((l.taxes ?? []).map((t, j) => m(t.amount, `lineItems[${i}].taxes[${j}]`))),
    })
  })
  const lineTax = sumMinor(lines.map((l) => l.taxMinor))
  const taxIncluded = lineTax === 0 && !order.pricingSummary.tax
  const totals = {
    subtotalMinor: sumMinor(lines.map((l) => l.totalMinor)),
    shippingMinor: sumMinor([m(order.pricingSummary.deliveryCost, 'pricingSummary.deliveryCost') - Math.abs(m(order.pricingSummary.deliveryDiscount, 'pricingSummary.deliveryDiscount'))]),
    discountMinor: sumMinor([0]),
    taxMinor: order.pricingSummary.tax ? sumMinor([m(order.pricingSummary.tax, 'pricingSummary.tax')]) : lineTax,
    totalMinor: sumMinor([m(order.pricingSummary.total, 'pricingSummary.total')]),
  }
  const step = order.fulfillmentStartInstructions?.[0]?.shippingStep
  const shipTo = step?.shipTo
  const address = shipTo?.contactAddress
  const shipBy = order.lineItems.map((l) => l.lineItemFulfillmentInstructions?.shipByDate).filter((d): d is string => !!d).sort()[0]
  const deliverBy = order.fulfillmentStartInstructions?.[0]?.maxEstimatedDeliveryDate
  const status = ebayStatus(order.orderFulfillmentStatus, order.orderPaymentStatus, order.cancelStatus?.cancelState)
  return {
    channel: 'ebay',
    channelOrderId: order.orderId,
    orderNumber: order.orderId,
    status,
    channelStatus: `${order.orderFulfillmentStatus}/${order.orderPaymentStatus}${order.cancelStatus?.cancelState === 'CANCELED' ? '/CANCELED' : ''}`,
    fulfilledBy: 'merchant',
    createdAt: isoUtc(order.creationDate, 'ebay', 'creationDate'),
    updatedAt: isoUtc(order.lastModifiedDate, 'ebay', 'lastModifiedDate'),
    currency,
    taxIncluded,
    customer: { name: shipTo?.fullName ?? order.buyer?.buyerRegistrationAddress?.fullName ?? order.buyer?.username ?? null, email: shipTo?.email ?? order.buyer?.buyerRegistrationAddress?.email ?? null, phone: shipTo?.primaryPhone?.phoneNumber || null },
    shippingAddress: shipTo ? { name: shipTo.fullName ?? null, company: shipTo.companyName ?? null, line1: address?.addressLine1 ?? null, line2: address?.addressLine2 ?? null, city: address?.city ?? null, region: address?.stateOrProvince ?? null, postcode: address?.postalCode ?? null, country: address?.countryCode ?? null, phone: shipTo.primaryPhone?.phoneNumber || null } : null,
    shippingMethod: step?.shippingServiceCode ?? null,
    lines,
    totals,
    despatchBy: shipBy ? isoUtc(shipBy, 'ebay', 'shipByDate') : null,
    deliverBy: isoUtcOrNull(deliverBy, 'ebay', 'maxEstimatedDeliveryDate'),
    cancelledAt: status === 'cancelled' ? isoUtc(order.lastModifiedDate, 'ebay', 'lastModifiedDate') : null,
    cancelReason: status === 'cancelled' ? 'CANCELED' : null,
    refunds: (order.paymentSummary?.refunds ?? []).map((r, i) => ({
      channelRefundId: r.refundId ?? `refund-${i}`,
      createdAt: isoUtcOrNull(r.refundDate, 'ebay', `refunds[${i}].refundDate`),
      amountMinor: sumMinor([m(r.amount, `refunds[${i}].amount`)]),
      lines: [],
      state: r.refundStatus === 'REFUNDED' ? ('completed' as const) : r.refundStatus === 'FAILED' ? ('failed' as const) : ('pending' as const),
    })),
    issues: reconcileTotals(totals, taxIncluded),
  }
}

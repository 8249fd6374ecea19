/**
 * How the eBay simulator's orders look through the Sell Fulfillment API: `Amount{value,
 * currency}`, `lineItemCost` for all units of a line, `shipByDate` per line in
 * lineItemFulfillmentInstructions, cancelStatus, paymentSummary.refunds, and the ship-to in
 * fulfillmentStartInstructions[].shippingStep. UK sellers' prices include VAT and eBay lists
 * no tax; eBay-collected taxes (here: USD orders) appear in `taxes` on top of the price.
 */
import { addedTax, decimal, taxInclusive, type SimOrderSpec } from '../shared/catalogue.js'

export type EbayFulfillmentStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED'
export type EbayPaymentStatus = 'PENDING' | 'PAID' | 'FAILED' | 'PARTIALLY_REFUNDED' | 'FULLY_REFUNDED'

export interface EbayOrderRecord {
  id: string
  spec: SimOrderSpec
  createdAt: number
  modifiedAt: number
  payment: EbayPaymentStatus
  cancelState: 'NONE_REQUESTED' | 'CANCEL_REQUESTED' | 'CANCELED'
  lines: { id: string; shipped: number }[]
  fulfillments: { id: string; tracking: string; carrier: string; shippedDate: string; lines: { lineItemId: string; quantity: number }[] }[]
  refunds: { id: string; at: number; amountMinor: number; status: 'PENDING' | 'REFUNDED' }[]
}

const iso = (ms: number) => new Date(ms).toISOString()
const DAY = 86_400_000

export function fulfillmentStatus(order: EbayOrderRecord): EbayFulfillmentStatus {
  const shipped = order.lines.reduce((s, l) => s + l.shipped, 0)
  const total = order.spec.lines.reduce((s, l) => s + l.quantity, 0)
  return shipped === 0 ? 'NOT_STARTED' : shipped >= total ? 'FULFILLED' : 'IN_PROGRESS'
}

export function renderEbayOrder(order: EbayOrderRecord, sellerId: string): Record<string, unknown> {
  const { spec } = order
  const c = spec.currency
  const amount = (minor: number) => ({ value: decimal(minor, c), currency: c })
  const onTop = !taxInclusive(c)
  const lines = spec.lines.map((line, i) => {
    const gross = line.unitPriceMinor * line.quantity
    const discount = line.discountMinor ?? 0
    const tax = onTop ? addedTax(gross - discount, spec.taxRatePercent) : 0
    const shipping = i === 0 ? spec.shipping.priceMinor : 0
    const shippingTax = onTop && i === 0 ? addedTax(shipping, spec.taxRatePercent) : 0
    return { line, gross, discount, tax: tax + shippingTax, shipping, i }
  })
  const subtotal = lines.reduce((s, l) => s + l.gross, 0)
  const discount = lines.reduce((s, l) => s + l.discount, 0)
  const tax = lines.reduce((s, l) => s + l.tax, 0)
  const total = subtotal - discount + spec.shipping.priceMinor + tax
  const refunded = order.refunds.reduce((s, r) => s + r.amountMinor, 0)
  const shipBy = iso(order.createdAt + 2 * DAY)
  const shipTo = {
    fullName: spec.customer.name,
    contactAddress: { addressLine1: spec.address.line1, ...(spec.address.line2 ? { addressLine2: spec.address.line2 } : {}), city: spec.address.city, ...(spec.address.region ? { stateOrProvince: spec.address.region } : {}), postalCode: spec.address.postcode, countryCode: spec.address.country },
    primaryPhone: { phoneNumber: spec.customer.phone ?? '' },
    email: `${order.id.replace(/\W/g, '')}@members.ebay.co.uk`,
  }
  return {
    orderId: order.id,
    legacyOrderId: order.id.replace(/-/g, ''),
    creationDate: iso(order.createdAt),
    lastModifiedDate: iso(order.modifiedAt),
    orderFulfillmentStatus: fulfillmentStatus(order),
    orderPaymentStatus: order.payment,
    sellerId,
    buyer: { username: spec.customer.name.toLowerCase().replace(/\s+/g, '_'), buyerRegistrationAddress: { fullName: spec.customer.name, email: shipTo.email, primaryPhone: shipTo.primaryPhone } },
    pricingSummary: {
      priceSubtotal: amount(subtotal),
      ...(discount ? { priceDiscount: amount(-discount) } : {}),
      deliveryCost: amount(spec.shipping.priceMinor),
      ...(tax ? { tax: amount(tax) } : {}),
      total: amount(total),
    },
    cancelStatus: { cancelState: order.cancelState, cancelRequests: [] },
    paymentSummary: {
      totalDueSeller: amount(total - refunded),
      refunds: order.refunds.map((r) => ({ refundId: r.id, refundDate: iso(r.at), amount: amount(r.amountMinor), refundStatus: r.status })),
      payments: [{ paymentMethod: 'EBAY', paymentStatus: order.payment === 'PENDING' ? 'PENDING' : 'PAID', amount: amount(total) }],
    },
    fulfillmentStartInstructions: [{ fulfillmentInstructionsType: 'SHIP_TO', maxEstimatedDeliveryDate: iso(order.createdAt + 5 * DAY), minEstimatedDeliveryDate: iso(order.createdAt + 3 * DAY), shippingStep: { shipTo, shippingServiceCode: spec.shipping.method.replace(/\W+/g, '') } }],
    fulfillmentHrefs: order.fulfillments.map((f) => `/sell/fulfillment/v1/order/${order.id}/shipping_fulfillment/${f.id}`),
    lineItems: lines.map(({ line, gross, discount: d, tax: t, shipping, i }) => ({
      lineItemId: order.lines[i]?.id,
      legacyItemId: String(110_000_000_000 + i),
      sku: line.sku ?? undefined,
      title: line.title,
      lineItemCost: amount(gross),
      ...(d ? { discountedLineItemCost: amount(gross - d) } : {}),
      quantity: line.quantity,
      total: amount(gross - d + shipping + t),
      deliveryCost: { shippingCost: amount(shipping) },
      taxes: t ? [{ amount: amount(t), taxType: 'STATE_SALES_TAX' }] : [],
      lineItemFulfillmentStatus: (order.lines[i]?.shipped ?? 0) >= line.quantity ? 'FULFILLED' : (order.lines[i]?.shipped ?? 0) > 0 ? 'IN_PROGRESS' : 'NOT_STARTED',
      lineItemFulfillmentInstructions: { shipByDate: shipBy, guaranteedDelivery: false, minEstimatedDeliveryDate: iso(order.createdAt + 3 * DAY), maxEstimatedDeliveryDate: iso(order.createdAt + 5 * DAY) },
      refunds: [],
    })),
    salesRecordReference: order.id.slice(-4),
  }
}

/**
 * The normalised order every connector maps its channel's order into. Money is integer minor
 * units of `currency`; instants are ISO 8601 strings in UTC (`2025-03-01T10:15:00.000Z`).
 */
import type { Minor } from '../appliance/core/money.js'
import type { ChannelId } from './channel-id.js'

/**
 * Where an order stands, in the appliance's words. The channel's own wording is kept in
 * `ChannelOrder.channelStatus`. The order is the usual life: pending -> ready_to_ship ->
 * partially_shipped -> shipped, with cancelled and refunded as ends.
 */
export const OrderStatus = {
  /** Placed but not paid or authorised yet (Shopify pending, Woo pending/on-hold, Amazon Pending). */
  Pending: 'pending',
  /** Paid and waiting for us to pick, pack and ship. */
  ReadyToShip: 'ready_to_ship',
  /** Some lines shipped. */
  PartiallyShipped: 'partially_shipped',
  /** Everything shipped (or, for channel-fulfilled orders, handed over by the channel). */
  Shipped: 'shipped',
  /** Cancelled, voided, failed or unfulfillable: nothing to ship. */
  Cancelled: 'cancelled',
  /** The whole order was refunded. Partial refunds leave the status alone and show in `refunds`. */
  Refunded: 'refunded',
} as const
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus]

/**
 * How far along each status is. An importer never moves an order to a lower rank (webhooks
 * and pages arrive out of order); cancelled and refunded outrank everything.
 */
export const ORDER_STATUS_RANK: Readonly<Record<OrderStatus, number>> = Object.freeze({
  pending: 0, ready_to_ship: 1, partially_shipped: 2, shipped: 3, cancelled: 4, refunded: 5,
})

export interface ChannelAddress {
  name: string | null
  company: string | null
  line1: string | null
  line2: string | null
  city: string | null
  region: string | null
  postcode: string | null
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null
  phone: string | null
}

export interface ChannelCustomer {
  name: string | null
  email: string | null
  phone: string | null
}

export interface ChannelOrderLine {
  /** The channel's id for this line; shipment confirmations and refunds name lines by it. */
  channelLineId: string
  /** Our SKU as the channel knows it (Amazon SellerSKU). Null when the listing has none. */
  sku: string | null
  title: string
  quantity: number
  /**
   * Price of one unit before discounts, on the order's tax basis (`taxIncluded`). Rounded half
   * away from zero when the channel only states a line total that does not divide evenly.
   */
  unitPriceMinor: Minor
  /** The line before discounts, exactly as the channel states it (unit x quantity, or the line total). */
  grossMinor: Minor
  /** Discounts applied to this line. */
  discountMinor: Minor
  /** The line after discounts: `grossMinor - discountMinor`. */
  totalMinor: Minor
  /** Tax on the line after discounts. */
  taxMinor: Minor
}

export interface ChannelRefund {
  channelRefundId: string
  createdAt: string | null
  amountMinor: Minor
  lines: { channelLineId: string; quantity: number }[]
  /** Whether money has gone back yet (eBay refunds are asynchronous). */
  state: 'pending' | 'completed' | 'failed'
}

export interface ChannelOrderTotals {
  /** Sum of the lines' `totalMinor`. */
  subtotalMinor: Minor
  shippingMinor: Minor
  /** Order-level discounts not already in the lines. */
  discountMinor: Minor
  taxMinor: Minor
  /** What the customer paid, as the channel states it. */
  totalMinor: Minor
}

export interface ChannelOrder {
  channel: ChannelId
  /** The channel's order id (Shopify GID, Woo id, AmazonOrderId, eBay orderId). Opaque. */
  channelOrderId: string
  /** What staff and customers call the order: "#1001", "202-1234567-1234567". */
  orderNumber: string
  status: OrderStatus
  /** The channel's own status words, e.g. "PAID/UNFULFILLED", "processing", "Unshipped". */
  channelStatus: string
  /** `channel` when the marketplace ships it (Amazon FBA/AFN): never pick these in store. */
  fulfilledBy: 'merchant' | 'channel'
  createdAt: string
  updatedAt: string
  /** ISO 4217; we only import currencies with a known exponent. */
  currency: string
  /** True when line, shipping and total amounts already include `totals.taxMinor` (UK VAT). */
  taxIncluded: boolean
  customer: ChannelCustomer
  shippingAddress: ChannelAddress | null
  shippingMethod: string | null
  lines: ChannelOrderLine[]
  totals: ChannelOrderTotals
  /** Must be despatched by: Amazon LatestShipDate, eBay shipByDate (earliest line). */
  despatchBy: string | null
  /** Latest promised delivery, where the channel gives one. */
  deliverBy: string | null
  cancelledAt: string | null
  cancelReason: string | null
  refunds: ChannelRefund[]
  /**
   * Things the mapping noticed but did not refuse: totals that do not reconcile to the penny,
   * prices not yet known (Amazon Pending). Empty for a clean order.
   */
  issues: string[]
}

/** Row shapes of the order tables and their mapping to the app's records (shared by the store and the queries). */
import type { OrderStatus } from '../core/orders/order-status.js'
import type { AllocationRecord, OrderHeader, OrderLineState } from '../app/orders/ports.js'

export const HEADER_COLUMNS = `id, channel, account, channel_order_id, number, status, placed_at, customer_id, currency, total_minor, paid_minor,
  coalesce(refunded_minor, 0) AS refunded_minor, shipping_method, coalesce(fulfilled_by, 'merchant') AS fulfilled_by, channel_status,
  channel_updated_at, despatch_by, deliver_by, shipped_at, delivered_at, till_session_id, replacement_of,
  flags::VARCHAR AS flags, escalated::VARCHAR AS escalated`

export interface HeaderRow {
  id: string; channel: string; account: string | null; channel_order_id: string | null; number: string; status: string; placed_at: Date; customer_id: string | null
  currency: string; total_minor: number; paid_minor: number; refunded_minor: number; shipping_method: string | null; fulfilled_by: string
  channel_status: string | null; channel_updated_at: Date | null; despatch_by: Date | null; deliver_by: Date | null; shipped_at: Date | null
  delivered_at: Date | null; till_session_id: string | null; replacement_of: string | null; flags: string | null; escalated: string | null
}

export const jsonList = (text: string | null): string[] => {
  if (!text) return []
  const parsed: unknown = JSON.parse(text)
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : []
}

export const toHeader = (r: HeaderRow): OrderHeader => ({
  id: r.id, channel: r.channel, account: r.account ?? null, channelOrderId: r.channel_order_id, number: r.number, status: r.status as OrderStatus, placedAt: r.placed_at,
  customerId: r.customer_id, currency: r.currency, totalMinor: r.total_minor, paidMinor: r.paid_minor, refundedMinor: r.refunded_minor,
  shippingMethod: r.shipping_method, fulfilledBy: r.fulfilled_by === 'channel' ? 'channel' : 'merchant', channelStatus: r.channel_status,
  channelUpdatedAt: r.channel_updated_at, despatchBy: r.despatch_by, deliverBy: r.deliver_by, shippedAt: r.shipped_at, deliveredAt: r.delivered_at,
  tillSessionId: r.till_session_id, replacementOf: r.replacement_of, flags: jsonList(r.flags), escalated: jsonList(r.escalated),
})

export const LINE_COLUMNS = `line_no, kind, sku, name, quantity, unit_price_minor, total_minor, vat_rate_bp, vat_minor,
  coalesce(cancelled_quantity, 0) AS cancelled_quantity, coalesce(shipped_quantity, 0) AS shipped_quantity,
  coalesce(returned_quantity, 0) AS returned_quantity, coalesce(backordered, 0) AS backordered, location, channel_line_id,
  coalesce(known_sku, true) AS known_sku`

export interface LineRow {
  line_no: number; kind: string; sku: string; name: string; quantity: number; unit_price_minor: number; total_minor: number
  vat_rate_bp: number | null; vat_minor: number; cancelled_quantity: number; shipped_quantity: number; returned_quantity: number
  backordered: number; location: string | null; channel_line_id: string | null; known_sku: boolean
}

export const toLine = (r: LineRow): OrderLineState => ({
  lineNo: r.line_no, kind: r.kind === 'gift_card' ? 'gift_card' : 'goods', sku: r.sku, name: r.name, quantity: r.quantity,
  unitPriceMinor: r.unit_price_minor, totalMinor: r.total_minor, vatRateBp: r.vat_rate_bp, vatMinor: r.vat_minor,
  cancelledQuantity: r.cancelled_quantity, shippedQuantity: r.shipped_quantity, returnedQuantity: r.returned_quantity,
  backordered: r.backordered, location: r.location, channelLineId: r.channel_line_id, knownSku: r.known_sku,
})

export interface AllocationRow { line_no: number; sku: string; location: string; quantity: number }
export const toAllocation = (r: AllocationRow): AllocationRecord => ({ lineNo: r.line_no, sku: r.sku, location: r.location, quantity: r.quantity })

/** `?, ?, ?` for an IN list. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

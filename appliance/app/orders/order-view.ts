/**
 * An order as the detail screen and the returns desk see it: lines with their allocation,
 * fulfilment and what can still come back; customer, addresses, payments, shipments,
 * returns, refunds, notes, tags; and one timeline of everything that happened to it, with
 * who, when, where and why. A till sale written before the order book existed (or by the
 * till, which writes no timeline) starts its timeline with the sale itself.
 */
import { returnWindowLastDay } from '../../core/orders/index.js'
import type { OrderConfig } from './settings.js'
import { lightOf } from './list.js'
import type { AddressRecord, OrderDetailRows } from './ports.js'

export interface OrderLineView {
  lineNo: number
  kind: 'goods' | 'gift_card'
  sku: string
  name: string
  quantity: number
  unitPriceMinor: number
  totalMinor: number
  vatRatePercent: number | null
  allocated: number
  backordered: number
  shipped: number
  cancelled: number
  returned: number
  /** Units a return may still take. */
  returnable: number
  /** False: the channel sold a SKU our catalogue lacks. */
  knownSku: boolean
  location: string | null
  allocations: Array<{ location: string; quantity: number }>
}

export interface TimelineEntry {
  at: string
  kind: string
  summary: string
  staff: string | null
  staffName: string | null
  station: string | null
  reason: string | null
  details: unknown
}

/** `GET /api/orders/{id}`: the order with everything that happened to it. */
export interface OrderDetail {
  id: string
  channel: string
  /** The channel account it came from; null for our own orders. */
  account: string | null
  channelOrderId: string | null
  number: string
  status: string
  placedAt: string
  currency: string
  customer: { id: string; name: string | null; email: string | null; phone: string | null } | null
  totals: { grossMinor: number; discountMinor: number; shippingMinor: number; totalMinor: number; vatMinor: number; paidMinor: number; refundedMinor: number }
  shippingMethod: string | null
  fulfilledBy: 'merchant' | 'channel'
  channelStatus: string | null
  despatchBy: string | null
  deliverBy: string | null
  deadlineSource: string | null
  light: 'green' | 'amber' | 'red' | null
  shippedAt: string | null
  deliveredAt: string | null
  cancelledAt: string | null
  till: string | null
  station: string | null
  staff: string | null
  staffName: string | null
  note: string | null
  lines: OrderLineView[]
  payments: Array<{ method: string; amountMinor: number; appliedMinor: number; reference: string | null }>
  addresses: AddressRecord[]
  shipments: Array<{ id: string; status: string; carrier: string | null; service: string | null; trackingNumber: string | null; shippedAt: string; lines: Array<{ lineNo: number; sku: string; quantity: number }> }>
  returns: Array<{ id: string; number: string; kind: string; status: string; refundMinor: number; createdAt: string }>
  refunds: Array<{ returnId: string | null; method: string; amountMinor: number; reference: string | null; status: string; createdAt: string }>
  notes: Array<{ id: string; body: string; createdAt: string; staff: string | null; staffName: string | null; station: string | null }>
  tags: string[]
  flags: string[]
  replacementOf: string | null
  replacements: Array<{ id: string; number: string }>
  /** Last local date of the return window, and whether anything can still come back. */
  returnWindow: { lastDay: string; returnable: boolean }
  timeline: TimelineEntry[]
}

const RETURNABLE = new Set(['completed', 'partially_shipped', 'shipped', 'delivered', 'lost', 'partially_returned'])

export function orderDetail(rows: OrderDetailRows, config: OrderConfig, now: Date): OrderDetail {
  const h = rows.header
  const name = (id: string | null) => (id ? (rows.staffNames[id] ?? null) : null)
  const canReturn = RETURNABLE.has(h.status)
  const lines = rows.lines.map((l): OrderLineView => {
    const allocations = rows.allocations.filter((a) => a.lineNo === l.lineNo).map((a) => ({ location: a.location, quantity: a.quantity }))
    const sold = h.channel === 'store' ? l.quantity : l.shippedQuantity
    return {
      lineNo: l.lineNo, kind: l.kind, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, totalMinor: l.totalMinor,
      vatRatePercent: l.vatRateBp === null ? null : l.vatRateBp / 100, allocated: allocations.reduce((s, a) => s + a.quantity, 0), backordered: l.backordered,
      shipped: l.shippedQuantity, cancelled: l.cancelledQuantity, returned: l.returnedQuantity,
      returnable: canReturn && l.kind === 'goods' ? Math.max(0, sold - l.returnedQuantity) : 0, knownSku: l.knownSku, location: l.location, allocations,
    }
  })
  const timeline: TimelineEntry[] = rows.events.map((e) => ({
    at: e.occurredAt.toISOString(), kind: e.kind, summary: e.summary, staff: e.staffId, staffName: name(e.staffId), station: e.station, reason: e.reason, details: e.details,
  }))
  if (!rows.events.some((e) => e.kind === 'created' || e.kind === 'imported' || e.kind === 'replacement')) {
    timeline.unshift({
      at: h.placedAt.toISOString(), kind: 'created',
      summary: h.channel === 'store' ? `Sold at ${h.tillId ?? 'the till'} on receipt ${h.number}` : `Placed on ${h.channel}`,
      staff: h.staffId, staffName: name(h.staffId), station: h.station, reason: null, details: { totalMinor: h.totalMinor },
    })
  }
  return {
    id: h.id, channel: h.channel, account: h.account, channelOrderId: h.channelOrderId, number: h.number, status: h.status, placedAt: h.placedAt.toISOString(), currency: h.currency,
    customer: rows.customer,
    totals: { grossMinor: h.grossMinor, discountMinor: h.discountMinor, shippingMinor: h.shippingMinor, totalMinor: h.totalMinor, vatMinor: h.vatMinor, paidMinor: h.paidMinor, refundedMinor: h.refundedMinor },
    shippingMethod: h.shippingMethod, fulfilledBy: h.fulfilledBy, channelStatus: h.channelStatus,
    despatchBy: h.despatchBy?.toISOString() ?? null, deliverBy: h.deliverBy?.toISOString() ?? null, deadlineSource: h.deadlineSource,
    light: lightOf(h, now, config.timeZone), shippedAt: h.shippedAt?.toISOString() ?? null, deliveredAt: h.deliveredAt?.toISOString() ?? null,
    cancelledAt: h.cancelledAt?.toISOString() ?? null, till: h.tillId, station: h.station, staff: h.staffId, staffName: name(h.staffId), note: h.note,
    lines,
    payments: rows.payments.map((p) => ({ method: p.method, amountMinor: p.amountMinor, appliedMinor: p.appliedMinor, reference: p.reference })),
    addresses: rows.addresses,
    shipments: rows.shipments.map((s) => ({ id: s.id, status: s.status, carrier: s.carrier, service: s.service, trackingNumber: s.trackingNumber, shippedAt: s.shippedAt.toISOString(), lines: s.lines })),
    returns: rows.returns.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => ({ id: r.id, number: r.number, kind: r.kind, status: r.status, refundMinor: r.refundMinor, createdAt: r.createdAt.toISOString() })),
    refunds: rows.refunds.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => ({ returnId: r.returnId, method: r.method, amountMinor: r.amountMinor, reference: r.reference, status: r.status, createdAt: r.createdAt.toISOString() })),
    notes: rows.notes.map((n) => ({ id: n.id, body: n.body, createdAt: n.createdAt.toISOString(), staff: n.staffId, staffName: name(n.staffId), station: n.station })),
    tags: rows.tags,
    flags: h.flags,
    replacementOf: h.replacementOf,
    replacements: rows.replacements,
    returnWindow: { lastDay: returnWindowLastDay(config.returnPolicy, h), returnable: canReturn && lines.some((l) => l.returnable > 0) },
    timeline,
  }
}

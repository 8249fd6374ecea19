/**
 * Refunds a channel made itself (Shopify admin, eBay, WooCommerce), as an import reports
 * them on the order: each recorded once against the order (a refund row keyed by the
 * channel's refund id, so re-imports and out-of-order pages change nothing), the order's
 * `refunded_minor` raised, units the channel refunded before we sent them taken off the
 * order (their stock let go and other backorders refilled), and the timeline told.
 *
 * What each channel gives (sync/channels/<name>/mapping.ts): Shopify refunds with their
 * lines and quantities; WooCommerce and eBay the amounts only (money, no units); Amazon's
 * Orders API none at all (refunds live in its Finances API), so nothing arrives from it.
 *
 * A refund we pushed ourselves (a return at the desk, through the outbox) comes back in the
 * channel's list too. It is known by the id the channel answered with (refund-outcomes.ts
 * records it); while the push is still in flight, by its amount against our queued refund —
 * so it is never counted twice.
 */
import type { OrderStatus } from '../../core/orders/order-status.js'
import { canTransition } from '../../core/orders/index.js'
import type { TxStores } from '../ports.js'
import type { RefundRecord, RefundStatus } from '../returns/ports.js'
import { ALLOCATION_STATUSES, cancelUnits, reallocateSkus, unitsToShip } from './allocate.js'
import { notify } from './notify.js'
import type { OrderConfig } from './settings.js'
import { describeUnits, type Timeline } from './timeline.js'

/** sync's ChannelRefund (sync/order.ts). */
export interface ChannelRefundInput {
  channelRefundId: string
  createdAt: string | null
  amountMinor: number
  lines: ReadonlyArray<{ channelLineId: string; quantity: number }>
  state: 'pending' | 'completed' | 'failed'
}

/** Stages where the parcel is being made up: refunded units are taken out by a person, not by us. */
const IN_PACKING: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['picking', 'picked', 'packed'])

const pounds = (minor: number) => `£${(minor / 100).toFixed(2)}`

/**
 * Applies the channel's refunds to an order the import just created or updated. Reads
 * nothing unless the channel lists refunds. Returns the order's status afterwards.
 */
export async function applyChannelRefunds(
  s: TxStores, orderId: string, refunds: readonly ChannelRefundInput[] | undefined, config: OrderConfig, timeline: Timeline, now: Date,
): Promise<OrderStatus | null> {
  const listed = (refunds ?? []).filter((r) => r.channelRefundId && Number.isSafeInteger(r.amountMinor) && r.amountMinor > 0)
  if (listed.length === 0) return null
  const known = await s.returns.channelRefunds(orderId)
  const fresh: ChannelRefundInput[] = []
  for (const r of listed) {
    const seen = known.find((k) => k.channelRefundId === r.channelRefundId)
    if (seen) {
      const next: RefundStatus | null = seen.status === 'pending' && r.state === 'completed' ? 'completed' : null
      if (next) {
        await s.returns.setRefundStatus(seen.id, next)
        timeline.add(orderId, { kind: 'refunded', summary: `The channel's refund of ${pounds(r.amountMinor)} has reached the customer` })
      }
      continue
    }
    if (r.state === 'failed') continue
    // Ours, pushed but not known by the channel's id (still in flight, or the channel answered
    // without one): the channel's copy of it, known by its amount.
    const ours = known.find((k) => k.channelRefundId === null && k.amountMinor === r.amountMinor && (k.status === 'queued' || k.status === 'pending' || k.status === 'completed'))
    if (ours) {
      ours.channelRefundId = r.channelRefundId
      await s.returns.setRefundStatus(ours.id, ours.status, r.channelRefundId)
      continue
    }
    fresh.push(r)
  }
  if (fresh.length === 0) return null
  return record(s, orderId, fresh, config, timeline, now)
}

async function record(s: TxStores, orderId: string, fresh: readonly ChannelRefundInput[], config: OrderConfig, timeline: Timeline, now: Date): Promise<OrderStatus> {
  const order = await s.orders.header(orderId)
  if (!order) return 'pending'
  const lines = await s.orders.lines(orderId)
  const rows: RefundRecord[] = fresh.map((r) => ({
    id: `${orderId}:refund:${r.channelRefundId}`.slice(0, 200), returnId: null, orderId, method: 'channel', amountMinor: r.amountMinor,
    tenderSeq: order.paidMinor > 0 ? 1 : null, reference: order.channelOrderId, status: r.state === 'completed' ? 'completed' : 'pending',
    channelRefundId: r.channelRefundId, tillId: null, tillSessionId: null, staffId: null, station: null, createdAt: r.createdAt ? new Date(r.createdAt) : now,
  }))
  await s.returns.addRefunds(rows)
  const total = fresh.reduce((sum, r) => sum + r.amountMinor, 0)
  const room = Math.max(0, order.paidMinor - order.refundedMinor)
  const flags = [...order.flags]
  if (total > room) flags.push('review:the channel refunded more than was paid')

  // Units refunded before they left: not sent. Once picking has started a person takes them out.
  const cancel = new Map<number, number>()
  const described: Array<{ quantity: number; sku: string; name: string }> = []
  for (const r of fresh) {
    for (const rl of r.lines) {
      const line = lines.find((l) => l.channelLineId === rl.channelLineId)
      if (!line || !(rl.quantity > 0)) continue
      described.push({ quantity: rl.quantity, sku: line.sku, name: line.name })
      const open = unitsToShip(line) - (cancel.get(line.lineNo) ?? 0)
      const n = Math.min(open, rl.quantity)
      if (n > 0) cancel.set(line.lineNo, (cancel.get(line.lineNo) ?? 0) + n)
    }
  }
  let status = order.status
  let unitsNote = ''
  if (cancel.size && ALLOCATION_STATUSES.has(order.status)) {
    const units = [...cancel].map(([lineNo, quantity]) => ({ lineNo, quantity }))
    const { status: implied, freed } = await cancelUnits(s, orderId, units, now)
    const next: OrderStatus = implied === 'cancelled' ? 'cancelled' : implied
    if (next !== status && canTransition(status, next)) status = next
    await reallocateSkus(s, freed, config, timeline, now)
    unitsNote = `; ${units.reduce((n, u) => n + u.quantity, 0)} unit(s) will not be sent`
  } else if (cancel.size && IN_PACKING.has(order.status)) {
    flags.push('review:the channel refunded units being picked')
    unitsNote = '; take the refunded units out of the parcel'
    await notify(s, { audience: 'staff', kind: 'review', severity: 'warning', message: `${order.channel} order ${order.number}: ${describeUnits(described)} refunded while being picked — take them out of the parcel`, orderId, ruleKey: null }, now)
  }
  for (const r of fresh) {
    const units = r.lines.flatMap((rl) => {
      const line = lines.find((l) => l.channelLineId === rl.channelLineId)
      return line && rl.quantity > 0 ? [{ quantity: rl.quantity, sku: line.sku, name: line.name }] : []
    })
    timeline.add(orderId, {
      kind: 'refunded',
      summary: `${order.channel} refunded ${pounds(r.amountMinor)}${units.length ? ` for ${describeUnits(units)}` : ''}${r.state === 'pending' ? ' (on its way to the customer)' : ''}${unitsNote}`,
      details: { channelRefundId: r.channelRefundId, amountMinor: r.amountMinor, lines: r.lines },
    })
  }
  await s.orders.update(orderId, { refundedMinor: order.refundedMinor + Math.min(total, room), flags, ...(status !== order.status ? { status, ...(status === 'cancelled' ? { cancelledAt: now } : {}) } : {}) }, now)
  await s.audit.record({ action: 'order.channel_refund', actor: null, entity: 'order', entityId: orderId, occurredAt: now, details: { refunds: fresh.map((r) => ({ id: r.channelRefundId, amountMinor: r.amountMinor })), status } })
  return status
}

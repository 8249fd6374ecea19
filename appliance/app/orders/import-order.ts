/**
 * Importing a channel's order into the order book (the sync engine calls this for every
 * order a connector hands it, inside one transaction per order):
 *
 * - upsert on (channel, channel order id); a version no newer than the one held is stale
 *   and changes nothing (pages and webhooks arrive late and out of order);
 * - the status follows core's channel rules (`decideChannelStatus`): never backwards, never
 *   past our own warehouse stages, conflicts raised for a person (`review`);
 * - paid orders we fulfil are allocated (and deadlines computed) when they first become
 *   payable; a channel cancellation lets their stock go and refills other backorders;
 * - a SKU our catalogue lacks is kept on the order, flagged, and simply never allocated;
 * - refunds the channel lists are recorded once each (channel-refunds.ts): partial ones too;
 * - the order remembers the channel account it came from (`orders.account`), and an update
 *   finds its order by channel, channel order id and account (two shops on one channel).
 *
 * `ChannelOrderInput` mirrors sync's normalised `ChannelOrder` (sync/order.ts): app cannot
 * import the sync library, and a type test keeps the two in step.
 */
import { randomUUID } from 'node:crypto'
import { decideChannelStatus, normaliseEmail, normalisePhone, type ChannelOrderStatus } from '../../core/orders/index.js'
import type { OrderStatus } from '../../core/orders/order-status.js'
import type { Actor, TxStores } from '../ports.js'
import { allocateNewOrder, ALLOCATION_STATUSES, lineAllocations, reallocateSkus, releaseOrder } from './allocate.js'
import { applyChannelRefunds, type ChannelRefundInput } from './channel-refunds.js'
import { loadOrderConfig } from './config.js'
import { notify } from './notify.js'
import { deadlinesFor, placeOrder } from './place-order.js'
import type { AddressRecord, NewOrderLine, OrderHeader } from './ports.js'
import type { OrderConfig } from './settings.js'
import { Timeline } from './timeline.js'

export interface ChannelAddressInput {
  name: string | null; company: string | null; line1: string | null; line2: string | null; city: string | null
  region: string | null; postcode: string | null; country: string | null; phone: string | null
}

export interface ChannelOrderInput {
  channel: string
  channelOrderId: string
  orderNumber: string
  status: ChannelOrderStatus
  channelStatus: string
  fulfilledBy: 'merchant' | 'channel'
  createdAt: string
  updatedAt: string
  currency: string
  taxIncluded: boolean
  customer: { name: string | null; email: string | null; phone: string | null }
  shippingAddress: ChannelAddressInput | null
  shippingMethod: string | null
  lines: ReadonlyArray<{ channelLineId: string; sku: string | null; title: string; quantity: number; unitPriceMinor: number; grossMinor: number; discountMinor: number; totalMinor: number; taxMinor: number }>
  totals: { subtotalMinor: number; shippingMinor: number; discountMinor: number; taxMinor: number; totalMinor: number }
  despatchBy: string | null
  deliverBy: string | null
  cancelledAt: string | null
  cancelReason: string | null
  issues: readonly string[]
  /** Refunds the channel lists on the order (its own and ours); absent: none reported. */
  refunds?: readonly ChannelRefundInput[]
}

export type ImportAction = 'created' | 'updated' | 'unchanged' | 'stale'

export interface ImportResult {
  orderId: string
  action: ImportAction
  status: OrderStatus
}

export interface ImportOptions {
  /** Settings already loaded (a sweep imports many orders); read in the transaction when absent. */
  config?: OrderConfig
  /** Who imports: null for the sync engine. */
  actor?: Actor | null
  /** The channel account the order came from (orders.account); two shops on one channel are told apart by it. */
  account?: string | null
}

const date = (iso: string | null): Date | null => (iso ? new Date(iso) : null)
const UNKNOWN_SKU = (channelLineId: string) => `?${channelLineId}`.slice(0, 64)

/** Known VAT rates, guessed from a line's tax when the product is not in the catalogue. */
function vatRate(total: number, tax: number): number | null {
  if (tax <= 0 || total <= tax) return tax === 0 ? 0 : null
  const bp = Math.round((tax * 10_000) / (total - tax))
  return [2000, 500, 0].find((r) => Math.abs(r - bp) <= 50) ?? bp
}

async function draftLines(s: TxStores, order: ChannelOrderInput): Promise<{ lines: NewOrderLine[]; unknown: string[] }> {
  const unknown: string[] = []
  const lines: NewOrderLine[] = []
  for (const [i, l] of order.lines.entries()) {
    const known = l.sku !== null && (await s.catalogue.exists(l.sku))
    if (!known) unknown.push(l.sku ?? `(no SKU: ${l.title})`)
    lines.push({
      lineNo: i + 1, sku: l.sku ?? UNKNOWN_SKU(l.channelLineId), name: l.title || l.sku || 'Item', quantity: l.quantity, unitPriceMinor: l.unitPriceMinor,
      grossMinor: l.grossMinor, discountMinor: l.discountMinor, totalMinor: l.totalMinor, vatRateBp: vatRate(l.totalMinor, l.taxMinor),
      vatMinor: order.taxIncluded ? l.taxMinor : 0, channelLineId: l.channelLineId, knownSku: known, backordered: l.quantity,
      shippedQuantity: order.status === 'shipped' ? l.quantity : 0, cancelledQuantity: order.status === 'cancelled' ? l.quantity : 0,
    })
  }
  return { lines, unknown }
}

const address = (a: ChannelAddressInput): AddressRecord => ({ kind: 'shipping', ...a })

/** True when we pick and pack this order now: paid, and not sent by the channel. */
const weFulfil = (order: ChannelOrderInput): boolean => order.fulfilledBy === 'merchant' && order.status === 'ready_to_ship'

async function create(s: TxStores, order: ChannelOrderInput, account: string | null, config: OrderConfig, timeline: Timeline, now: Date): Promise<ImportResult> {
  const { lines, unknown } = await draftLines(s, order)
  const email = order.customer.email ? normaliseEmail(order.customer.email) : null
  const phoneKey = order.customer.phone ? normalisePhone(order.customer.phone) : null
  const customerId = order.customer.name || email || phoneKey
    ? await s.orders.customerFor({ name: order.customer.name, email, phone: order.customer.phone, phoneKey }, now)
    : null
  const decision = decideChannelStatus(null, order.status)
  const id = randomUUID()
  const paid = order.status === 'pending' ? 0 : order.totals.totalMinor
  const flags = [...unknown.map((sku) => `unknown_sku:${sku}`), ...order.issues.map((i) => `channel_issue:${i}`)]
  timeline.add(id, {
    kind: 'imported',
    summary: `Imported from ${order.channel} (${order.channelStatus})${unknown.length ? `; not in our catalogue: ${unknown.join(', ')}` : ''}`,
    details: { channelOrderId: order.channelOrderId, channelStatus: order.channelStatus, updatedAt: order.updatedAt, issues: order.issues },
  })
  const status = await placeOrder(s, {
    order: {
      id, channel: order.channel, account, channelOrderId: order.channelOrderId, number: order.orderNumber, status: decision.status,
      placedAt: new Date(order.createdAt), customerId, currency: order.currency,
      grossMinor: lines.reduce((sum, l) => sum + l.grossMinor, 0) + order.totals.shippingMinor,
      discountMinor: lines.reduce((sum, l) => sum + l.discountMinor, 0) + order.totals.discountMinor,
      totalMinor: order.totals.totalMinor, vatMinor: order.totals.taxMinor, paidMinor: paid, shippingMethod: order.shippingMethod,
      shippingMinor: order.totals.shippingMinor, fulfilledBy: order.fulfilledBy, channelStatus: order.channelStatus,
      channelUpdatedAt: new Date(order.updatedAt), shippedAt: order.status === 'shipped' ? new Date(order.updatedAt) : null,
      cancelledAt: date(order.cancelledAt), replacementOf: null, flags, station: null, staffId: null, note: null,
    },
    lines,
    payments: paid > 0 ? [{ seq: 1, method: 'channel', amountMinor: paid, appliedMinor: paid, reference: order.channelOrderId }] : [],
    addresses: order.shippingAddress ? [address(order.shippingAddress)] : [],
    allocate: weFulfil(order),
    channelDespatchBy: date(order.despatchBy),
    channelDeliverBy: date(order.deliverBy),
  }, config, timeline, now)
  if (unknown.length) await notify(s, { audience: 'managers', kind: 'review', severity: 'warning', message: `${order.channel} order ${order.orderNumber} has SKUs not in the catalogue: ${unknown.join(', ')}`, orderId: id, ruleKey: null }, now)
  return { orderId: id, action: 'created', status }
}

async function update(s: TxStores, current: OrderHeader, order: ChannelOrderInput, account: string | null, config: OrderConfig, timeline: Timeline, now: Date): Promise<ImportResult> {
  const updatedAt = new Date(order.updatedAt)
  if (current.channelUpdatedAt && updatedAt.getTime() <= current.channelUpdatedAt.getTime()) {
    return { orderId: current.id, action: 'stale', status: current.status }
  }
  const id = current.id
  let status = current.status
  const decision = decideChannelStatus(current.status, order.status)
  const patch: Parameters<TxStores['orders']['update']>[1] = { channelStatus: order.channelStatus, channelUpdatedAt: updatedAt }
  if (account !== null && current.account === null) patch.account = account // imported before orders knew their account
  if (current.status === 'pending' && weFulfil(order)) {
    // Paid since we last saw it: deadlines and allocation start now.
    patch.paidMinor = order.totals.totalMinor
    const { deadlines } = deadlinesFor({ placedAt: current.placedAt, channel: current.channel, shippingMethod: current.shippingMethod, channelDespatchBy: date(order.despatchBy), channelDeliverBy: date(order.deliverBy) }, config)
    if (deadlines) Object.assign(patch, { despatchBy: deadlines.despatchBy, deliverBy: deadlines.deliverBy, deadlineSource: deadlines.despatchSource })
    const lines = lineAllocations(await s.orders.lines(id), [])
    status = (await allocateNewOrder(s, id, lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity })), config, timeline, now)).status
    timeline.add(id, { kind: 'status', summary: `Paid on ${order.channel}: ready to pick` })
  } else if (decision.action === 'set') {
    status = decision.status
    const notSent = ALLOCATION_STATUSES.has(current.status) || current.status === 'picking' || current.status === 'picked' || current.status === 'packed'
    if (decision.status === 'cancelled' || (decision.status === 'refunded' && notSent)) {
      // Cancelled (or refunded in full before it left): nothing will be sent, so the stock goes back to the shelf's other orders.
      if (decision.status === 'cancelled') patch.cancelledAt = date(order.cancelledAt) ?? now
      const freed = notSent ? await releaseOrder(s, id, now) : []
      for (const line of await s.orders.lines(id)) await s.orders.updateLine(id, line.lineNo, { cancelledQuantity: line.quantity - line.shippedQuantity, backordered: 0 })
      await reallocateSkus(s, freed, config, timeline, now)
    }
    if (decision.status === 'shipped' && !current.shippedAt) patch.shippedAt = updatedAt
    timeline.add(id, { kind: 'status', summary: `${order.channel} says ${order.channelStatus}: ${current.status.replace('_', ' ')} → ${decision.status.replace('_', ' ')}`, reason: order.cancelReason })
  } else if (decision.action === 'review') {
    patch.flags = [...new Set([...current.flags, `review:${decision.reason}`])]
    timeline.add(id, { kind: 'review', summary: decision.reason, details: { channelStatus: order.channelStatus } })
    await notify(s, { audience: 'managers', kind: 'review', severity: 'warning', message: `${order.channel} order ${current.number}: ${decision.reason}`, orderId: id, ruleKey: null }, now)
  }
  if (status !== current.status) patch.status = status
  if (order.despatchBy && current.despatchBy?.toISOString() !== order.despatchBy && patch.despatchBy === undefined && ALLOCATION_STATUSES.has(status)) {
    patch.despatchBy = new Date(order.despatchBy)
    patch.deadlineSource = 'channel'
    timeline.add(id, { kind: 'deadline', summary: `${order.channel} moved the despatch deadline to ${order.despatchBy}` })
  }
  await s.orders.update(id, patch, now)
  return { orderId: id, action: status !== current.status || timeline.size > 0 ? 'updated' : 'unchanged', status }
}

/** Creates or updates the order from the channel's latest version (see the module notes). */
export async function upsertChannelOrder(s: TxStores, order: ChannelOrderInput, now: Date, options: ImportOptions = {}): Promise<ImportResult> {
  const config = options.config ?? (await loadOrderConfig(s))
  const actor = options.actor ?? null
  const timeline = new Timeline(actor, now)
  const account = options.account ?? null
  const current = await s.orders.byChannelId(order.channel, order.channelOrderId, account)
  let result = current ? await update(s, current, order, account, config, timeline, now) : await create(s, order, account, config, timeline, now)
  if (result.action !== 'stale') {
    const status = await applyChannelRefunds(s, result.orderId, order.refunds, config, timeline, now)
    if (status) result = { ...result, status, action: result.action === 'created' ? 'created' : 'updated' }
  }
  await timeline.write(s)
  if (result.action === 'created' || result.action === 'updated') {
    await s.audit.record({ action: `order.${result.action === 'created' ? 'imported' : 'import_updated'}`, actor, entity: 'order', entityId: result.orderId, occurredAt: now, details: { channel: order.channel, account, channelOrderId: order.channelOrderId, status: result.status } })
  }
  return result
}

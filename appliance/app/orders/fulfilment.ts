/**
 * After the parcel leaves: despatch (recorded at the desk), delivery, and a parcel lost in
 * transit — marked lost with, in the same action, a linked replacement order that enters
 * fulfilment (deadlines, allocation) at once; both timelines say so.
 *
 * Despatch here is the desk's record of a parcel that left: the allocated units leave
 * stock (a `sale` movement from each allocated location, the allocation let go in the same
 * transaction) and a channel order's shipment goes to the sync outbox. The packing bench
 * (a later issue) walks picking → picked → packed first; this shortcut goes straight to
 * `shipped`, which is why it checks the allocation itself rather than the transition table.
 */
import { randomUUID } from 'node:crypto'
import { conflict, invalid } from '../../core/errors.js'
import { transition } from '../../core/orders/index.js'
import { availableToSell, MovementKind } from '../../core/stock-ledger.js'
import type { Actor, TxStores } from '../ports.js'
import { requireOrder } from './actions.js'
import { applyDeltas, unitsToShip } from './allocate.js'
import { placeOrder } from './place-order.js'
import type { OrderHeader, ShipmentRecord } from './ports.js'
import type { OrderConfig } from './settings.js'
import { Timeline } from './timeline.js'

export interface ShipInput {
  carrier: string
  service?: string | undefined
  trackingNumber: string
}

const SHIPPABLE = new Set(['allocated', 'picking', 'picked', 'packed'])

export async function shipOrder(s: TxStores, orderId: string, input: ShipInput, actor: Actor, now: Date): Promise<ShipmentRecord> {
  const order = await requireOrder(s, orderId)
  if (!SHIPPABLE.has(order.status)) throw conflict(`Order ${order.number} is ${order.status.replace('_', ' ')}: only a fully allocated order can be despatched`, 'status')
  const lines = await s.orders.lines(orderId)
  const allocations = await s.orders.allocations(orderId)
  const shipped: ShipmentRecord['lines'] = []
  for (const line of lines.filter((l) => l.kind === 'goods' && unitsToShip(l) > 0)) {
    const held = allocations.filter((a) => a.lineNo === line.lineNo)
    if (held.reduce((sum, a) => sum + a.quantity, 0) < unitsToShip(line)) throw conflict(`Line ${line.lineNo} (${line.sku}) is not fully allocated`, 'status')
    for (const a of held) {
      const { level } = await s.stock.move({ sku: line.sku, location: a.location, quantity: -a.quantity, kind: MovementKind.Sale, reason: 'despatched', reference: order.number, actor, occurredAt: now })
      s.publish({ type: 'stock.changed', sku: line.sku, location: a.location, ...level, available: availableToSell(level) })
      shipped.push({ lineNo: line.lineNo, sku: line.sku, quantity: a.quantity, location: a.location })
    }
    await s.orders.updateLine(orderId, line.lineNo, { shippedQuantity: line.shippedQuantity + unitsToShip(line), backordered: 0, location: held[0]?.location ?? null })
  }
  await s.orders.saveAllocations(orderId, [], now)
  await applyDeltas(s, shipped.map((l) => ({ sku: l.sku, location: l.location ?? '', quantity: -l.quantity })), now)
  const shipment: ShipmentRecord = { id: randomUUID(), orderId, status: 'shipped', carrier: input.carrier, service: input.service ?? null, trackingNumber: input.trackingNumber, lines: shipped, shippedAt: now, staffId: actor.staffId }
  await s.orders.addShipment(shipment)
  await s.orders.update(orderId, { status: 'shipped', shippedAt: now }, now)
  if (order.channelOrderId && order.channel !== 'store') {
    await s.outbox.enqueue({
      channel: order.channel, account: order.account, kind: 'shipment', idempotencyKey: `shipment:${shipment.id}`, reference: orderId,
      payload: {
        // The connectors' carrier ids are snake_case names (royal_mail, dpd, evri); the name rides along for any other.
        channelOrderId: order.channelOrderId, carrier: input.carrier.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_'), carrierName: input.carrier,
        trackingNumber: input.trackingNumber, shippedAt: now.toISOString(),
        lines: shipped.flatMap((l) => { const id = lines.find((x) => x.lineNo === l.lineNo)?.channelLineId; return id ? [{ channelLineId: id, quantity: l.quantity }] : [] }),
      },
    }, now)
  }
  await new Timeline(actor, now).add(orderId, { kind: 'shipped', summary: `Despatched with ${input.carrier}${input.service ? ` ${input.service}` : ''}, tracking ${input.trackingNumber}`, details: { shipmentId: shipment.id, lines: shipped } }).write(s)
  await s.audit.record({ action: 'order.shipped', actor, entity: 'order', entityId: orderId, occurredAt: now, details: { shipmentId: shipment.id, trackingNumber: input.trackingNumber } })
  return shipment
}

export async function markDelivered(s: TxStores, orderId: string, actor: Actor, now: Date): Promise<OrderHeader> {
  const order = await requireOrder(s, orderId)
  const status = transition(order.status, 'delivered')
  for (const sh of await s.orders.shipments(orderId)) if (sh.status !== 'delivered') await s.orders.setShipmentStatus(sh.id, 'delivered', now)
  await s.orders.update(orderId, { status, deliveredAt: now }, now)
  await new Timeline(actor, now).add(orderId, { kind: 'delivered', summary: 'Delivered' }).write(s)
  await s.audit.record({ action: 'order.delivered', actor, entity: 'order', entityId: orderId, occurredAt: now })
  return { ...order, status, deliveredAt: now }
}

/** Marks a shipped order lost and, with `replace`, sends a linked replacement in the same transaction. */
export async function markLost(s: TxStores, orderId: string, input: { reason: string; replace: boolean }, actor: Actor, now: Date, config: OrderConfig): Promise<{ order: OrderHeader; replacement: { id: string; number: string; status: string } | null }> {
  const order = await requireOrder(s, orderId)
  if (!input.reason.trim()) throw invalid('Say what happened (the carrier\u2019s reference, the customer\u2019s call)', 'reason')
  if (order.status === 'lost') throw conflict(`Order ${order.number} is marked lost already`, 'status')
  const status = transition(order.status, 'lost')
  for (const sh of await s.orders.shipments(orderId)) if (sh.status === 'shipped') await s.orders.setShipmentStatus(sh.id, 'lost', now)
  await s.orders.update(orderId, { status }, now)
  const timeline = new Timeline(actor, now)
  let replacement: { id: string; number: string; status: string } | null = null
  if (input.replace) {
    const lines = (await s.orders.lines(orderId)).filter((l) => l.kind === 'goods' && l.shippedQuantity - l.returnedQuantity > 0)
    const id = randomUUID()
    const existing = (order.flags.filter((f) => f.startsWith('replaced_by:'))).length
    const number = `${order.number}-R${existing + 1}`
    timeline.add(id, { kind: 'replacement', summary: `Replacement for ${order.number}, lost in transit`, reason: input.reason, details: { replacementOf: orderId } })
    const replaced = await placeOrder(s, {
      order: {
        id, channel: order.channel, account: order.account, channelOrderId: null, number, status: 'pending', placedAt: now, customerId: order.customerId, currency: order.currency,
        grossMinor: 0, discountMinor: 0, totalMinor: 0, vatMinor: 0, paidMinor: 0, shippingMethod: order.shippingMethod, shippingMinor: 0,
        fulfilledBy: 'merchant', channelStatus: null, channelUpdatedAt: null, shippedAt: null, cancelledAt: null, replacementOf: orderId,
        flags: [], station: actor.station, staffId: actor.staffId, note: `Replacement for ${order.number}: ${input.reason}`,
      },
      lines: lines.map((l, i) => ({
        lineNo: i + 1, sku: l.sku, name: l.name, quantity: l.shippedQuantity - l.returnedQuantity, unitPriceMinor: 0, grossMinor: 0, discountMinor: 0,
        totalMinor: 0, vatRateBp: l.vatRateBp, vatMinor: 0, channelLineId: null, knownSku: l.knownSku, backordered: l.shippedQuantity - l.returnedQuantity,
        shippedQuantity: 0, cancelledQuantity: 0,
      })),
      payments: [],
      addresses: [],
      allocate: true,
    }, config, timeline, now)
    await s.orders.copyAddresses(orderId, id)
    await s.orders.update(orderId, { flags: [...order.flags, `replaced_by:${id}`] }, now)
    replacement = { id, number, status: replaced }
  }
  timeline.add(orderId, { kind: 'lost', summary: `Lost in transit${replacement ? `: replacement ${replacement.number} sent to fulfilment` : ''}`, reason: input.reason, details: { replacement } })
  await timeline.write(s)
  await s.audit.record({ action: 'order.lost', actor, entity: 'order', entityId: orderId, reason: input.reason, occurredAt: now, details: { replacement } })
  return { order: { ...order, status }, replacement }
}

/**
 * Small actions on an order, each one transaction, on the timeline and audited: tags, notes,
 * cancelling (its stock let go and other backorders refilled), saved views of the order
 * list, and reading notifications.
 */
import { randomUUID } from 'node:crypto'
import { conflict, invalid, notFound } from '../../core/errors.js'
import { transition } from '../../core/orders/index.js'
import type { Actor, TxStores } from '../ports.js'
import { reallocateSkus, releaseOrder } from './allocate.js'
import type { OrderHeader, SavedViewRecord } from './ports.js'
import type { OrderConfig } from './settings.js'
import { Timeline } from './timeline.js'

const TAG = /^[a-z0-9][a-z0-9_-]{0,39}$/

export function checkTag(tag: string, field = 'tag'): string {
  const t = tag.trim().toLowerCase()
  if (!TAG.test(t)) throw invalid('A tag is 1–40 lower-case letters, digits, - or _', field)
  return t
}

export async function requireOrder(s: TxStores, id: string): Promise<OrderHeader> {
  const order = await s.orders.header(id)
  if (!order) throw notFound(`There is no order ${id}`, 'id')
  return order
}

export async function tagOrder(s: TxStores, orderId: string, tag: string, actor: Actor, now: Date): Promise<boolean> {
  await requireOrder(s, orderId)
  const t = checkTag(tag)
  const added = await s.orders.addTag(orderId, t, actor, now)
  if (added) {
    await new Timeline(actor, now).add(orderId, { kind: 'tag', summary: `Tagged ${t}` }).write(s)
    await s.audit.record({ action: 'order.tagged', actor, entity: 'order', entityId: orderId, occurredAt: now, details: { tag: t } })
  }
  return added
}

export async function untagOrder(s: TxStores, orderId: string, tag: string, actor: Actor, now: Date): Promise<boolean> {
  await requireOrder(s, orderId)
  const t = checkTag(tag)
  const removed = await s.orders.removeTag(orderId, t)
  if (removed) {
    await new Timeline(actor, now).add(orderId, { kind: 'tag', summary: `Tag ${t} removed` }).write(s)
    await s.audit.record({ action: 'order.untagged', actor, entity: 'order', entityId: orderId, occurredAt: now, details: { tag: t } })
  }
  return removed
}

export async function addOrderNote(s: TxStores, orderId: string, body: string, actor: Actor, now: Date): Promise<string> {
  await requireOrder(s, orderId)
  const text = body.trim()
  if (!text) throw invalid('Write the note', 'body')
  const id = await s.orders.addNote(orderId, text, actor, now)
  await new Timeline(actor, now).add(orderId, { kind: 'note', summary: `Note: ${text.length > 120 ? `${text.slice(0, 117)}…` : text}`, details: { noteId: id } }).write(s)
  await s.audit.record({ action: 'order.noted', actor, entity: 'order', entityId: orderId, occurredAt: now, details: { noteId: id } })
  return id
}

/** Cancels an order that has not left the building: its stock is let go and refills other backorders. */
export async function cancelOrder(s: TxStores, orderId: string, reason: string, actor: Actor, now: Date, config: OrderConfig): Promise<OrderHeader> {
  const order = await requireOrder(s, orderId)
  if (order.status === 'cancelled') throw conflict(`Order ${order.number} is cancelled already`, 'status')
  const status = transition(order.status, 'cancelled')
  const timeline = new Timeline(actor, now)
  const freed = await releaseOrder(s, orderId, now)
  for (const line of await s.orders.lines(orderId)) {
    await s.orders.updateLine(orderId, line.lineNo, { cancelledQuantity: line.quantity - line.shippedQuantity, backordered: 0 })
  }
  await s.orders.update(orderId, { status, cancelledAt: now }, now)
  timeline.add(orderId, {
    kind: 'cancelled', summary: `Cancelled${freed.length ? `; stock let go: ${freed.join(', ')}` : ''}${order.paidMinor > order.refundedMinor ? `; ${order.paidMinor - order.refundedMinor} pence paid is still to refund` : ''}`,
    reason,
  })
  await reallocateSkus(s, freed, config, timeline, now)
  await timeline.write(s)
  await s.audit.record({ action: 'order.cancelled', actor, entity: 'order', entityId: orderId, reason, occurredAt: now, details: { was: order.status, freed } })
  return { ...order, status }
}

export async function saveView(s: TxStores, input: { name: string; filters: Record<string, unknown>; shared: boolean }, actor: Actor, now: Date): Promise<SavedViewRecord> {
  const view: SavedViewRecord = { id: randomUUID(), name: input.name.trim(), filters: input.filters, staffId: input.shared ? null : actor.staffId, createdAt: now }
  await s.orders.saveView(view)
  await s.audit.record({ action: 'order_view.saved', actor, entity: 'saved_view', entityId: view.id, occurredAt: now, details: { name: view.name, shared: input.shared } })
  return view
}

export async function deleteView(s: TxStores, id: string, actor: Actor, now: Date): Promise<void> {
  if (!(await s.orders.deleteView(id, actor.staffId))) throw notFound('There is no such saved view of yours', 'id')
  await s.audit.record({ action: 'order_view.deleted', actor, entity: 'saved_view', entityId: id, occurredAt: now })
}

/**
 * A pick exception: the picker cannot find the units (missing) or finds them damaged. In one
 * transaction: the stock is corrected with the reason (missing: an adjustment down at the
 * pick location; damaged: a transfer to quarantine), the order line lets go of those units
 * and is refilled from stock elsewhere when there is any (the reallocation policy decides),
 * the order goes back to the allocation stage (the one backward move the lifecycle allows)
 * and is flagged for customer contact, with a timeline entry and a notification. The pick
 * event is recorded as an error for the reports.
 */
import { conflict, invalid } from '../../core/errors.js'
import { remaining, taskStatus, type PickExceptionReason } from '../../core/fulfilment/index.js'
import { allocationStatus, canTransition } from '../../core/orders/index.js'
import { availableToSell, MovementKind } from '../../core/stock-ledger.js'
import type { Actor, MovementRecord, TxStores } from '../ports.js'
import { requireOrder } from '../orders/actions.js'
import { applyDeltas, lineAllocations, reallocateSkus } from '../orders/allocate.js'
import { notify } from '../orders/notify.js'
import type { OrderConfig } from '../orders/settings.js'
import { Timeline } from '../orders/timeline.js'
import { requireList, settlePickList, type PickListState } from './pick.js'

export interface PickExceptionInput {
  taskId: string
  reason: PickExceptionReason
  quantity: number
  note?: string | undefined
}

export async function reportPickException(s: TxStores, listId: string, input: PickExceptionInput, ctx: { actor: Actor; now: Date; config: OrderConfig }): Promise<PickListState & { reallocated: boolean }> {
  const { actor, now, config } = ctx
  const list = await requireList(s, listId)
  const tasks = await s.fulfilment.tasks(listId)
  const i = tasks.findIndex((t) => t.id === input.taskId)
  const task = tasks[i]
  if (!task) throw invalid(`Task ${input.taskId} is not on pick list ${list.number}`, 'taskId')
  const left = remaining(task)
  if (left === 0) throw conflict(`${task.name} for ${task.orderNumber} is done already: nothing left to report`, 'taskId')
  if (input.quantity > left) throw conflict(`Only ${left} × ${task.name} are still to pick: report at most ${left}`, 'quantity')
  const order = await requireOrder(s, task.orderId)
  const why = `pick exception: ${input.reason}${input.note ? ` (${input.note})` : ''}`

  // 1. Stock, with the reason.
  const moves: MovementRecord[] = input.reason === 'damaged'
    ? [
      { sku: task.sku, location: task.location, quantity: -input.quantity, kind: MovementKind.Transfer, reason: why, reference: order.number, actor, occurredAt: now },
      { sku: task.sku, location: config.returnPolicy.quarantineLocation, quantity: input.quantity, kind: MovementKind.Transfer, reason: why, reference: order.number, actor, occurredAt: now },
    ]
    : [{ sku: task.sku, location: task.location, quantity: -input.quantity, kind: MovementKind.Adjustment, reason: why, reference: order.number, actor, occurredAt: now }]
  const moved = await s.stock.moveMany(moves)
  moved.forEach(({ level }, n) => s.publish({ type: 'stock.changed', sku: moves[n]!.sku, location: moves[n]!.location, ...level, available: availableToSell(level) }))

  // 2. The task and the pick event (an error, for the reports).
  const shortQuantity = task.shortQuantity + input.quantity
  const status = taskStatus({ ...task, shortQuantity })
  await s.fulfilment.updateTask(task.id, { pickedQuantity: task.pickedQuantity, shortQuantity, status, exception: input.reason, tote: task.tote, pickedBy: actor.staffId, pickedAt: now })
  tasks[i] = { ...task, shortQuantity, status, exception: input.reason }
  await s.fulfilment.addPickEvents([{
    id: `${task.orderId}:${task.lineNo}:${list.number}.${task.seq}.x${shortQuantity}`, orderId: task.orderId, lineNo: task.lineNo, sku: task.sku, location: task.location,
    quantity: input.quantity, pickedQuantity: 0, error: input.reason === 'damaged' ? 'damaged' : 'not-found', staffId: actor.staffId, station: actor.station, pickListId: list.id, pickedAt: now,
  }])

  // 3. Let go of the units on the line; back to the allocation stage; refill from elsewhere.
  const lines = await s.orders.lines(order.id)
  const allocations = await s.orders.allocations(order.id)
  const kept = allocations.map((a) => (a.lineNo === task.lineNo && a.location === task.location ? { ...a, quantity: Math.max(0, a.quantity - input.quantity) } : a))
  await s.orders.saveAllocations(order.id, kept, now)
  await applyDeltas(s, [{ sku: task.sku, location: task.location, quantity: -input.quantity }], now)
  const line = lines.find((l) => l.lineNo === task.lineNo)!
  await s.orders.updateLine(order.id, task.lineNo, { backordered: line.backordered + input.quantity })
  const after = lineAllocations(lines.map((l) => (l.lineNo === task.lineNo ? { ...l, backordered: l.backordered + input.quantity } : l)), kept)
  const stage = allocationStatus(after)
  if (order.status !== stage && canTransition(order.status, stage)) await s.orders.update(order.id, { status: stage }, now)
  const timeline = new Timeline(actor, now)
  // Missing here means the count here is wrong: refill from the other locations when there are any.
  const elsewhere = config.fulfilmentLocations.filter((l) => l !== task.location)
  const refillFrom = input.reason === 'missing' && elsewhere.length ? { ...config, fulfilmentLocations: elsewhere } : config
  const changed = await reallocateSkus(s, [task.sku], refillFrom, timeline, now)
  const reallocated = changed.includes(order.id) && (await s.orders.lines(order.id)).find((l) => l.lineNo === task.lineNo)!.backordered < line.backordered + input.quantity

  // 4. Flag for customer contact: order flag, timeline, notification.
  const flag = `contact:pick-${input.reason}:${task.sku}`
  if (!order.flags.includes(flag)) await s.orders.update(order.id, { flags: [...order.flags, flag] }, now)
  const outcome = reallocated ? 'refilled from stock elsewhere: pick it again' : 'backordered'
  timeline.add(order.id, {
    kind: 'review', reason: why,
    summary: `Pick exception on ${list.number}: ${input.quantity} × ${task.name} ${input.reason} at ${task.bin ?? task.location}; ${outcome}. Contact the customer if it delays the order.`,
    details: { list: list.number, taskId: task.id, sku: task.sku, quantity: input.quantity, reason: input.reason, reallocated },
  })
  await timeline.write(s)
  await notify(s, {
    audience: 'managers', kind: 'pick-exception', severity: reallocated ? 'info' : 'warning', orderId: order.id, ruleKey: null,
    message: `${order.number}: ${input.quantity} × ${task.name} ${input.reason} when picking (${list.number}); ${outcome}${reallocated ? '' : ' — contact the customer'}`,
  }, now)
  await s.audit.record({ action: 'fulfilment.pick_exception', actor, entity: 'order', entityId: order.id, reason: why, occurredAt: now, details: { list: list.number, sku: task.sku, quantity: input.quantity, location: task.location } })

  const settled = await settlePickList(s, list, tasks.filter((t) => t.status === 'open').length, new Set([task.orderId]), actor, now)
  return { list: settled, tasks: await s.fulfilment.tasks(listId), reallocated }
}

/**
 * Allocation as use-case steps: reserve a new order's stock, refill backorders when stock
 * arrives or is released, and let go of what a cancelled order held. Core decides (pure
 * `allocateOrder`, `reallocate`, `releaseAll`); these functions load the state, write the
 * allocation rows, the lines' backorders and `stock_levels.allocated` in the caller's
 * transaction — so available-to-sell changes in the same commit — and publish
 * `stock.changed` after it.
 */
import {
  allocateOrder,
  allocationStatus,
  availabilityFromLevels,
  canTransition,
  reallocate,
  release,
  releaseAll,
  type AllocationDelta,
  type LineAllocation,
  type LineToAllocate,
  type OrderAllocation,
} from '../../core/orders/index.js'
import type { OrderStatus } from '../../core/orders/order-status.js'
import { availableToSell } from '../../core/stock-ledger.js'
import type { TxStores } from '../ports.js'
import type { OrderConfig } from './settings.js'
import type { AllocationRecord, OrderLineState } from './ports.js'
import { describeUnits, type Timeline } from './timeline.js'

/** Statuses in which an order's allocation may change. */
export const ALLOCATION_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['pending', 'backordered', 'partially_allocated', 'allocated'])

/** Most orders one reallocation run looks at; the rest wait for the next arrival or run. */
const MAX_ORDERS_PER_RUN = 200

/** Units of a line still to be sent. */
export const unitsToShip = (l: Pick<OrderLineState, 'quantity' | 'cancelledQuantity' | 'shippedQuantity'>): number =>
  Math.max(0, l.quantity - l.cancelledQuantity - l.shippedQuantity)

/** The order's allocation as core sees it (goods lines only). */
export function lineAllocations(lines: readonly OrderLineState[], rows: readonly AllocationRecord[]): LineAllocation[] {
  return lines
    .filter((l) => l.kind === 'goods')
    .map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      quantity: unitsToShip(l),
      allocations: rows.filter((r) => r.lineNo === l.lineNo && r.quantity > 0).map((r) => ({ location: r.location, quantity: r.quantity })),
      backordered: l.backordered,
    }))
}

const flatten = (lines: readonly LineAllocation[]): AllocationRecord[] =>
  lines.flatMap((l) => l.allocations.map((a) => ({ lineNo: l.lineNo, sku: l.sku, location: a.location, quantity: a.quantity })))

/** Adds the deltas to the levels and tells screens the new available-to-sell. */
export async function applyDeltas(s: TxStores, deltas: readonly AllocationDelta[], now: Date): Promise<void> {
  if (deltas.length === 0) return
  for (const level of await s.orders.applyAllocationDeltas(deltas, now)) {
    s.publish({ type: 'stock.changed', sku: level.sku, location: level.location, onHand: level.onHand, allocated: level.allocated, available: availableToSell(level) })
  }
}

/** Writes a new allocation state for an order whose lines changed. */
async function saveState(s: TxStores, orderId: string, before: readonly LineAllocation[], after: readonly LineAllocation[], now: Date): Promise<void> {
  const old = new Map(before.map((l) => [l.lineNo, l]))
  for (const line of after) {
    if (old.get(line.lineNo)?.backordered !== line.backordered) await s.orders.updateLine(orderId, line.lineNo, { backordered: line.backordered })
  }
  await s.orders.saveAllocations(orderId, flatten(after), now)
}

/**
 * Allocates a freshly inserted order (its lines written with everything backordered).
 * Returns the status the allocation implies.
 */
export async function allocateNewOrder(s: TxStores, orderId: string, lines: readonly LineToAllocate[], config: OrderConfig, timeline: Timeline, now: Date) {
  const skus = [...new Set(lines.map((l) => l.sku))]
  const levels = await s.orders.levels(skus, config.fulfilmentLocations)
  const result = allocateOrder(lines, availabilityFromLevels(levels), config.fulfilmentLocations)
  const before = lines.map((l) => ({ ...l, allocations: [], backordered: l.quantity }))
  await saveState(s, orderId, before, result.lines, now)
  await applyDeltas(s, result.deltas, now)
  const status = allocationStatus(result.lines)
  const waiting = [...new Set(result.lines.filter((l) => l.backordered > 0).map((l) => l.sku))]
  if (waiting.length) s.publish({ type: 'order.backordered', skus: waiting })
  const taken = result.lines.flatMap((l) => l.allocations.map((a) => ({ sku: l.sku, quantity: a.quantity, location: a.location })))
  const short = result.lines.filter((l) => l.backordered > 0).map((l) => ({ sku: l.sku, quantity: l.backordered }))
  timeline.add(orderId, {
    kind: 'allocated',
    summary: taken.length === 0 ? `Nothing in stock to allocate: ${describeUnits(short)} backordered`
      : `Allocated ${taken.map((t) => `${t.quantity} × ${t.sku} at ${t.location}`).join(', ')}${short.length ? `; backordered ${describeUnits(short)}` : ''}`,
    details: { allocations: taken, backordered: short },
  })
  return { lines: result.lines, status }
}

/** Lets go of everything an order holds (cancelled); returns the SKUs freed, for reallocation. */
export async function releaseOrder(s: TxStores, orderId: string, now: Date): Promise<string[]> {
  const before = lineAllocations(await s.orders.lines(orderId), await s.orders.allocations(orderId))
  const held = before.filter((l) => l.allocations.length > 0)
  if (held.length === 0) return []
  const released = releaseAll(before)
  // The lines' wanted quantity is recorded as cancelled by the caller; here only stock is let go.
  await s.orders.saveAllocations(orderId, [], now)
  await applyDeltas(s, released.deltas, now)
  return [...new Set(released.deltas.map((d) => d.sku))]
}

/**
 * Takes units off an order's lines that will not be sent after all (the channel refunded
 * them before despatch): backordered units go first, then allocated stock is let go. Returns
 * the status the allocation now implies (`cancelled` when nothing is left to send) and the
 * SKUs freed, for reallocation.
 */
export async function cancelUnits(s: TxStores, orderId: string, units: ReadonlyArray<{ lineNo: number; quantity: number }>, now: Date) {
  const lines = await s.orders.lines(orderId)
  const before = lineAllocations(lines, await s.orders.allocations(orderId))
  const result = release(before, units.map((u) => ({ kind: 'cancel' as const, lineNo: u.lineNo, quantity: u.quantity })))
  for (const u of units) {
    const line = lines.find((l) => l.lineNo === u.lineNo)
    const after = result.lines.find((l) => l.lineNo === u.lineNo)
    if (line && after) await s.orders.updateLine(orderId, u.lineNo, { cancelledQuantity: line.cancelledQuantity + u.quantity, backordered: after.backordered })
  }
  await s.orders.saveAllocations(orderId, flatten(result.lines), now)
  await applyDeltas(s, result.deltas, now)
  return { status: allocationStatus(result.lines), freed: [...new Set(result.deltas.map((d) => d.sku))] }
}

/**
 * Refills backorders of these SKUs from what is available now (stock arrived, or another
 * order let go of it), by the configured policy. Returns the orders that changed.
 */
export async function reallocateSkus(s: TxStores, skus: readonly string[], config: OrderConfig, timeline: Timeline, now: Date): Promise<string[]> {
  if (skus.length === 0) return []
  const waiting = (await s.orders.backorders(skus)).filter((o) => ALLOCATION_STATUSES.has(o.status)).slice(0, MAX_ORDERS_PER_RUN)
  if (waiting.length === 0) return []
  const orders: OrderAllocation[] = []
  const states = new Map<string, { lines: LineAllocation[]; status: OrderStatus }>()
  for (const o of waiting) {
    const lines = lineAllocations(await s.orders.lines(o.orderId), await s.orders.allocations(o.orderId))
    states.set(o.orderId, { lines, status: o.status })
    orders.push({ orderId: o.orderId, placedAt: o.placedAt, despatchBy: o.despatchBy, lines })
  }
  const allSkus = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))]
  const levels = await s.orders.levels(allSkus, config.fulfilmentLocations)
  const result = reallocate(orders, availabilityFromLevels(levels), config.fulfilmentLocations, config.settings.reallocation)
  for (const changed of result.orders) {
    const state = states.get(changed.orderId)
    if (!state) continue
    await saveState(s, changed.orderId, state.lines, changed.lines, now)
    const status = allocationStatus(changed.lines)
    if (status !== state.status && canTransition(state.status, status)) await s.orders.update(changed.orderId, { status }, now)
    const filled = changed.lines.map((l, i) => ({ sku: l.sku, quantity: (state.lines[i]?.backordered ?? 0) - l.backordered })).filter((u) => u.quantity > 0)
    timeline.add(changed.orderId, { kind: 'allocated', summary: `Backorder filled: ${describeUnits(filled)} allocated`, details: { filled, status } })
  }
  await applyDeltas(s, result.deltas, now)
  return result.orders.map((o) => o.orderId)
}

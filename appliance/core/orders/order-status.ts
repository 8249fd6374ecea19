/**
 * The order lifecycle, one for every channel (a till sale is an order too).
 *
 *   pending ─► backordered ⇄ partially_allocated ⇄ allocated ─► picking ─► picked ─► packed
 *     ─► partially_shipped ─► shipped ─► delivered | lost ─► partially_returned ─► returned
 *   till sales: written as completed ─► partially_returned ─► returned
 *   ends: cancelled (before anything ships), refunded (all money back, goods or not), returned
 *
 * Statuses have a rank (how far along the order is) and the transition table only ever
 * moves up, or sideways within a rank (allocation changes both ways as stock arrives or
 * is released; a lost parcel may turn up delivered). The one deliberate exception is the
 * *pick exception*: a picker who cannot find the stock sends the order from `picking` back
 * to the allocation stage; it is listed on its own (PICK_EXCEPTION_TRANSITIONS) so the rule
 * "never backwards" stays checkable, and a channel import can never use it. Channel imports
 * follow their own, narrower rules (channel-status.ts), which also let a `pending` order go
 * straight to `shipped` when the channel (Amazon FBA) or another system sent it.
 *
 * An order status is the whole order's; lines carry their own allocation and fulfilment. Once
 * `partially_shipped`, the order stays so while its remaining lines are allocated and picked,
 * until the last parcel leaves (`shipped`).
 *
 * `partially_shipped` and `refunded` are beyond the brief's list: channels report both
 * (sync's OrderStatus), and a split despatch of our own needs the first.
 */
import { conflict, invalid } from '../errors.js'

export const OrderStatus = {
  Pending: 'pending',
  Backordered: 'backordered',
  PartiallyAllocated: 'partially_allocated',
  Allocated: 'allocated',
  Picking: 'picking',
  Picked: 'picked',
  Packed: 'packed',
  PartiallyShipped: 'partially_shipped',
  Shipped: 'shipped',
  Delivered: 'delivered',
  Lost: 'lost',
  Completed: 'completed',
  PartiallyReturned: 'partially_returned',
  Returned: 'returned',
  Refunded: 'refunded',
  Cancelled: 'cancelled',
} as const
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus]
export const ORDER_STATUSES: readonly OrderStatus[] = Object.freeze(Object.values(OrderStatus))

/** How far along each status is. Equal ranks are one stage. */
export const ORDER_STATUS_RANK: Readonly<Record<OrderStatus, number>> = Object.freeze({
  pending: 0,
  backordered: 1, partially_allocated: 1, allocated: 1,
  picking: 2, picked: 3, packed: 4,
  partially_shipped: 5, shipped: 6,
  delivered: 7, lost: 7, completed: 7,
  partially_returned: 8,
  returned: 9, refunded: 9, cancelled: 9,
})

/** Statuses nothing moves on from. */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['returned', 'refunded', 'cancelled'])

/** The statuses an order is created in: a till sale `completed`, anything else `pending` (channel imports: see channel-status.ts). */
export const INITIAL_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['pending', 'completed'])

const ALLOCATION_STAGE = ['backordered', 'partially_allocated', 'allocated'] as const

/**
 * The forward transitions (and sideways ones within a stage) our own actions may make.
 * Cancelling is possible until the parcel leaves (`packed` at the latest; after that it is a
 * return); a whole-order refund (`refunded`: all money back, with or without the goods, e.g.
 * a lost parcel) from anything paid that is not over yet.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  pending: [...ALLOCATION_STAGE, 'cancelled', 'refunded'],
  backordered: ['partially_allocated', 'allocated', 'cancelled', 'refunded'],
  partially_allocated: ['backordered', 'allocated', 'picking', 'cancelled', 'refunded'],
  allocated: ['backordered', 'partially_allocated', 'picking', 'cancelled', 'refunded'],
  picking: ['picked', 'cancelled', 'refunded'],
  picked: ['packed', 'cancelled', 'refunded'],
  packed: ['partially_shipped', 'shipped', 'cancelled', 'refunded'],
  partially_shipped: ['shipped', 'partially_returned', 'refunded'],
  shipped: ['delivered', 'lost', 'partially_returned', 'returned', 'refunded'],
  delivered: ['partially_returned', 'returned', 'refunded'],
  lost: ['delivered', 'returned', 'refunded'],
  completed: ['partially_returned', 'returned', 'refunded'],
  partially_returned: ['returned', 'refunded'],
  returned: [],
  refunded: [],
  cancelled: [],
})

/** The only backward moves: a pick exception returns the order to the allocation stage. */
export const PICK_EXCEPTION_TRANSITIONS: Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>> = Object.freeze({
  picking: ALLOCATION_STAGE,
})

/** True when our own action may move an order from `from` to `to` (same status: false). */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to) || (PICK_EXCEPTION_TRANSITIONS[from]?.includes(to) ?? false)
}

export const isOrderStatus = (value: unknown): value is OrderStatus =>
  typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value)

/** Moves an order, or throws `conflict` on `status` naming both ends. Same status is a no-op. */
export function transition(from: OrderStatus, to: OrderStatus): OrderStatus {
  if (!isOrderStatus(to)) throw invalid(`"${String(to)}" is not an order status`, 'status')
  if (from === to) return from
  if (!canTransition(from, to)) throw conflict(`An order that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`, 'status')
  return to
}

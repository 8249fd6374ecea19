/**
 * What a channel import may do to an order's status.
 *
 * Connectors (sync/) normalise every channel's words into six statuses (sync's
 * `OrderStatus`, mirrored here as `ChannelOrderStatus` because core imports only core).
 * An import may only set the statuses a channel can know about — never our warehouse
 * stages (allocated, picking, picked, packed), a till's `completed`, or returns, which our
 * returns desk records. Pages and webhooks arrive late and out of order, so an import
 * never moves an order backwards (by rank) and never touches a finished one. Where the
 * channel and our own progress disagree in a way a person should look at (the channel
 * says shipped while we are still picking; cancelled after our parcel left), the decision
 * is `review`: keep our status and raise it with the staff.
 */
import { ORDER_STATUS_RANK, TERMINAL_STATUSES, type OrderStatus } from './order-status.js'

/** sync's normalised channel status (`ChannelOrder.status`). */
export type ChannelOrderStatus = 'pending' | 'ready_to_ship' | 'partially_shipped' | 'shipped' | 'cancelled' | 'refunded'

/** The statuses a channel import may set. */
export const CHANNEL_SETTABLE_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['pending', 'partially_shipped', 'shipped', 'cancelled', 'refunded'])

/**
 * The order status a channel status stands for. Unpaid (`pending`) and paid
 * (`ready_to_ship`) orders are both `pending` here: allocation is our decision, taken by the
 * import use case (which allocates only paid, merchant-fulfilled orders).
 */
export const STATUS_FROM_CHANNEL: Readonly<Record<ChannelOrderStatus, OrderStatus>> = Object.freeze({
  pending: 'pending',
  ready_to_ship: 'pending',
  partially_shipped: 'partially_shipped',
  shipped: 'shipped',
  cancelled: 'cancelled',
  refunded: 'refunded',
})

export type ChannelStatusDecision =
  /** A new order: create it in `status`. */
  | { readonly action: 'create'; readonly status: OrderStatus }
  /** Move the order to `status`. */
  | { readonly action: 'set'; readonly status: OrderStatus }
  /** Nothing to do: stale, same, or already further along. */
  | { readonly action: 'keep'; readonly status: OrderStatus }
  /** Keep `status` but show the conflict to staff. */
  | { readonly action: 'review'; readonly status: OrderStatus; readonly reason: string }

/** Where we have stock reserved or in hand for the order: a channel's "shipped" here means someone else sent it. */
const IN_OUR_HANDS: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['backordered', 'partially_allocated', 'allocated', 'picking', 'picked'])
/** A channel may cancel until the parcel has left; after that it is a return or a refund. */
const CANCELLABLE: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['pending', 'backordered', 'partially_allocated', 'allocated', 'picking', 'picked', 'packed'])

/** What to do with an order (`current`, or null when new) given the channel's latest status. */
export function decideChannelStatus(current: OrderStatus | null, channel: ChannelOrderStatus): ChannelStatusDecision {
  const target = STATUS_FROM_CHANNEL[channel]
  if (current === null) return { action: 'create', status: target }
  if (current === target || TERMINAL_STATUSES.has(current)) return { action: 'keep', status: current }
  if (target === 'refunded') return { action: 'set', status: target }
  if (target === 'cancelled') {
    return CANCELLABLE.has(current)
      ? { action: 'set', status: target }
      : { action: 'review', status: current, reason: `The channel cancelled an order that is already ${current.replace('_', ' ')}` }
  }
  if (ORDER_STATUS_RANK[target] <= ORDER_STATUS_RANK[current]) return { action: 'keep', status: current }
  if (IN_OUR_HANDS.has(current)) {
    return { action: 'review', status: current, reason: `The channel says ${target.replace('_', ' ')} while the order is ${current.replace('_', ' ')} here: was it sent another way?` }
  }
  return { action: 'set', status: target }
}

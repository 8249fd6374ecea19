/**
 * The shape of every connector's `fetchOrders`: decode the cursor, fetch one page at the
 * sweep's position, fold it into the sweep (dedupe, repeated pages, rollover), map only the
 * fresh orders, and set aside the ones that cannot be mapped so they never block the cursor.
 */
import { ChannelError } from '../channel-error.js'
import type { ChannelId } from '../channel-id.js'
import type { OrderPage, RejectedOrder } from '../connector.js'
import type { ChannelOrder } from '../order.js'
import { absorbPage, decodeCursor, encodeCursor, orderKey, type SweepOptions, type SweepState } from './sweep.js'

export interface FetchedPage<N> {
  nodes: N[]
  /** Position for the next request if this page was new. */
  nextPos: unknown
  /** Position to ask again if this page turns out to repeat the last one. */
  repeatPos: unknown
  last: boolean
  serverNow: string
}

export interface ImportSteps<N> {
  channel: ChannelId
  sweep: SweepOptions
  fetch(state: SweepState): Promise<FetchedPage<N>>
  identify(node: N): { id: string; updatedAt: string }
  /** Maps one fresh node; may call the channel for more (line items, order items). */
  map(node: N): Promise<ChannelOrder>
}

export async function importPage<N>(cursor: string | null, steps: ImportSteps<N>): Promise<OrderPage> {
  const state = decodeCursor(steps.channel, cursor)
  const page = await steps.fetch(state)
  const items = page.nodes.map((n) => steps.identify(n))
  const outcome = absorbPage(state, { items, nextPos: page.nextPos, repeatPos: page.repeatPos, last: page.last, serverNow: page.serverNow }, steps.sweep)
  const orders: ChannelOrder[] = []
  const rejected: RejectedOrder[] = []
  const handled: string[] = []
  for (const [i, node] of page.nodes.entries()) {
    if (!outcome.fresh[i]) continue
    const id = items[i]?.id ?? '?'
    try {
      orders.push(await steps.map(node))
    } catch (error) {
      if (error instanceof ChannelError && (error.kind === 'contract' || error.kind === 'invalid' || error.kind === 'not_found')) rejected.push({ channelOrderId: id, error })
      else if (error instanceof ChannelError) {
        // A call for one order failed part-way through the page (Amazon's order items, a
        // Shopify re-read). Keep what was mapped and stay on this page, remembering those as
        // delivered, so the next call maps only the rest: under a steady error rate a page of
        // a hundred orders would otherwise never get through. Nothing mapped: no progress, throw.
        if (handled.length === 0) throw error
        const seen = [...new Set([...state.seen, ...handled])].slice(-steps.sweep.maxSeen)
        return { orders, rejected, nextCursor: encodeCursor({ ...state, seen }), done: false }
      } else rejected.push({ channelOrderId: id, error: new ChannelError('contract', steps.channel, `order ${id} could not be mapped: ${String(error)}`, { cause: error }) })
    }
    handled.push(orderKey(id, items[i]?.updatedAt ?? ''))
  }
  return { orders, rejected, nextCursor: encodeCursor(outcome.state), done: outcome.done }
}

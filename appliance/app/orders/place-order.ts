/**
 * Writing a new order to be shipped, whatever its source (a phone order taken by staff, a
 * channel import, a replacement for a lost parcel): deadlines from the channel or the rules,
 * the order, lines, payments and address, the allocation of its stock and its first
 * timeline entries — all in the caller's transaction.
 */
import { computeDeadlines, type Deadlines } from '../../core/orders/index.js'
import type { OrderStatus } from '../../core/orders/order-status.js'
import { DomainError } from '../../core/errors.js'
import type { TxStores } from '../ports.js'
import type { PaymentRecord } from '../sale/ports.js'
import { allocateNewOrder } from './allocate.js'
import type { AddressRecord, NewOrderLine, NewOrderRecord } from './ports.js'
import type { OrderConfig } from './settings.js'
import type { Timeline } from './timeline.js'

export interface OrderDraft {
  order: Omit<NewOrderRecord, 'despatchBy' | 'deliverBy' | 'deadlineSource'>
  lines: NewOrderLine[]
  payments: PaymentRecord[]
  addresses: AddressRecord[]
  /** Reserve stock now (paid orders we fulfil). */
  allocate: boolean
  /** Deadlines the channel set, used as given. */
  channelDespatchBy?: Date | null
  channelDeliverBy?: Date | null
}

export interface DeadlineFacts {
  placedAt: Date
  channel: string
  shippingMethod: string | null
  channelDespatchBy?: Date | null
  channelDeliverBy?: Date | null
}

/** Deadlines for an order to be shipped, or null with the reason when no rule covers it. */
export function deadlinesFor(facts: DeadlineFacts, config: OrderConfig): { deadlines: Deadlines | null; problem: string | null } {
  try {
    const deadlines = computeDeadlines({
      placedAt: facts.placedAt, channel: facts.channel, shippingMethod: facts.shippingMethod,
      channelDespatchBy: facts.channelDespatchBy ?? null, channelDeliverBy: facts.channelDeliverBy ?? null,
    }, config.settings.shippingRules, config.calendar)
    return { deadlines, problem: null }
  } catch (error) {
    if (error instanceof DomainError) return { deadlines: null, problem: error.message }
    throw error
  }
}

const when = (d: Date, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d)

/** Inserts the order and allocates it; returns its status. */
export async function placeOrder(s: TxStores, draft: OrderDraft, config: OrderConfig, timeline: Timeline, now: Date): Promise<OrderStatus> {
  const toShip = draft.order.fulfilledBy === 'merchant' && ['pending', 'backordered', 'partially_allocated', 'allocated'].includes(draft.order.status)
  const { deadlines, problem } = toShip || draft.channelDespatchBy
    ? deadlinesFor({ ...draft.order, channelDespatchBy: draft.channelDespatchBy ?? null, channelDeliverBy: draft.channelDeliverBy ?? null }, config) : { deadlines: null, problem: null }
  const flags = [...draft.order.flags, ...(problem ? [`no_deadline: ${problem}`] : [])]
  const record: NewOrderRecord = {
    ...draft.order, flags,
    despatchBy: deadlines?.despatchBy ?? null, deliverBy: deadlines?.deliverBy ?? null, deadlineSource: deadlines?.despatchSource ?? null,
  }
  await s.orders.insert(record, draft.lines, draft.payments, draft.addresses, now)
  const id = record.id
  if (deadlines) {
    const zone = config.timeZone
    timeline.add(id, {
      kind: 'deadline',
      summary: `Despatch by ${when(deadlines.despatchBy, zone)}${deadlines.deliverBy ? `, deliver by ${when(deadlines.deliverBy, zone)}` : ''} (${deadlines.despatchSource === 'channel' ? `set by ${record.channel}` : 'shipping rules'})`,
      details: { despatchBy: deadlines.despatchBy.toISOString(), deliverBy: deadlines.deliverBy?.toISOString() ?? null, source: deadlines.despatchSource, rule: deadlines.rule },
    })
  } else if (problem) {
    timeline.add(id, { kind: 'deadline', summary: `No despatch deadline: ${problem}` })
  }
  if (!draft.allocate) return record.status
  const goods = draft.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity - l.cancelledQuantity - l.shippedQuantity }))
  const { status } = await allocateNewOrder(s, id, goods, config, timeline, now)
  if (status !== record.status) await s.orders.update(id, { status }, now)
  return status
}

/**
 * An order's timeline is written as it happens, in the same transaction as the change it
 * records: who (staff), when, where (station), what and why. The order detail reads it back
 * in one query. Events are published after commit so open screens refresh the order.
 */
import type { Actor, TxStores } from '../ports.js'
import type { OrderEventRecord } from './ports.js'

export const OrderEventKind = {
  Created: 'created',
  Imported: 'imported',
  Updated: 'updated',
  Allocated: 'allocated',
  Released: 'released',
  Status: 'status',
  Deadline: 'deadline',
  Review: 'review',
  Shipped: 'shipped',
  Delivered: 'delivered',
  Lost: 'lost',
  Replacement: 'replacement',
  Cancelled: 'cancelled',
  Returned: 'returned',
  ReturnAuthorised: 'return_authorised',
  Refunded: 'refunded',
  Exchanged: 'exchanged',
  Note: 'note',
  Tag: 'tag',
  Escalated: 'escalated',
} as const
export type OrderEventKind = (typeof OrderEventKind)[keyof typeof OrderEventKind]

export interface EventInput {
  kind: OrderEventKind
  summary: string
  reason?: string | null
  details?: Record<string, unknown>
}

/** Collects an action's events and writes them together (one append). */
export class Timeline {
  private readonly events: OrderEventRecord[] = []
  private readonly orders = new Set<string>()

  constructor(
    private readonly actor: Actor | null,
    private readonly now: Date,
  ) {}

  add(orderId: string, event: EventInput): this {
    this.events.push({ orderId, actor: this.actor, occurredAt: this.now, ...event })
    this.orders.add(orderId)
    return this
  }

  get size(): number {
    return this.events.length
  }

  /** Writes the events and tells open screens which orders changed (after commit). */
  async write(s: TxStores): Promise<void> {
    if (this.events.length === 0) return
    await s.orders.addEvents(this.events)
    for (const orderId of this.orders) s.publish({ type: 'order.changed', orderId })
  }
}

/** "2 × Oak Mug" lists for timeline sentences. */
export function describeUnits(units: ReadonlyArray<{ quantity: number; sku: string; name?: string }>): string {
  return units.map((u) => `${u.quantity} × ${u.name ?? u.sku}`).join(', ')
}

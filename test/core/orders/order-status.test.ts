import { describe, expect, it } from 'vitest'
import {
  INITIAL_STATUSES, ORDER_STATUSES, ORDER_STATUS_RANK, ORDER_TRANSITIONS, PICK_EXCEPTION_TRANSITIONS, TERMINAL_STATUSES,
  canTransition, transition, type OrderStatus,
} from '../../../appliance/core/orders/order-status.js'

/*
 * The specification, written out by hand: for each status, every status our own actions
 * may move it to. Anything not listed is refused. (`!` marks the pick-exception moves back.)
 */
const SPEC: Record<OrderStatus, string> = {
  pending: 'backordered partially_allocated allocated cancelled refunded',
  backordered: 'partially_allocated allocated cancelled refunded',
  partially_allocated: 'backordered allocated picking cancelled refunded',
  allocated: 'backordered partially_allocated picking cancelled refunded',
  picking: 'picked cancelled refunded !backordered !partially_allocated !allocated',
  picked: 'packed cancelled refunded',
  packed: 'partially_shipped shipped cancelled refunded',
  partially_shipped: 'shipped partially_returned refunded',
  shipped: 'delivered lost partially_returned returned refunded',
  delivered: 'partially_returned returned refunded',
  lost: 'delivered returned refunded',
  completed: 'partially_returned returned refunded',
  partially_returned: 'returned refunded',
  returned: '',
  refunded: '',
  cancelled: '',
}
const allowed = (from: OrderStatus) => new Set(SPEC[from].split(' ').filter(Boolean).map((s) => s.replace('!', '')))
const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const))

describe('order lifecycle', () => {
  it('the spec covers every status', () => {
    expect(Object.keys(SPEC).sort()).toEqual([...ORDER_STATUSES].sort())
  })

  it.each(pairs)('%s → %s', (from, to) => {
    const ok = allowed(from).has(to)
    expect(canTransition(from, to)).toBe(ok)
    if (from === to) expect(transition(from, to)).toBe(from) // staying put is a no-op
    else if (ok) expect(transition(from, to)).toBe(to)
    else expect(() => transition(from, to)).toThrow(expect.objectContaining({ code: 'conflict', field: 'status' }))
  })

  it('never moves backwards by rank, except the listed pick-exception moves', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_TRANSITIONS[from]) expect(ORDER_STATUS_RANK[to], `${from} → ${to}`).toBeGreaterThanOrEqual(ORDER_STATUS_RANK[from])
      for (const to of PICK_EXCEPTION_TRANSITIONS[from] ?? []) {
        expect(ORDER_STATUS_RANK[to]).toBeLessThan(ORDER_STATUS_RANK[from])
        expect(SPEC[from]).toContain(`!${to}`)
      }
    }
  })

  it('terminal statuses have no way out, and every status can be reached from a start', () => {
    for (const s of TERMINAL_STATUSES) expect(ORDER_TRANSITIONS[s]).toEqual([])
    const reached = new Set<OrderStatus>(INITIAL_STATUSES)
    const queue = [...INITIAL_STATUSES]
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const to of ORDER_TRANSITIONS[s].filter((t) => !reached.has(t))) {
        queue.push(to)
        reached.add(to)
      }
    }
    expect([...reached].sort()).toEqual([...ORDER_STATUSES].sort())
  })

  it('refuses a status that is not one', () => {
    expect(() => transition('pending', 'teleported' as OrderStatus)).toThrow(expect.objectContaining({ code: 'invalid_input', field: 'status' }))
  })
})

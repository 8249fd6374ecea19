import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  allocateOrder, allocationStatus, reallocate, release, releaseAll,
  type AllocationDelta, type LineAllocation, type OrderAllocation, type StockAvailability,
} from '../../../appliance/core/orders/allocation.js'
import { availabilityFromLevels } from '../../../appliance/core/orders/availability.js'

const LOCATIONS = ['warehouse', 'backroom', 'shop-floor']
const stock = (rows: [string, string, number][]): StockAvailability[] => rows.map(([sku, location, available]) => ({ sku, location, available }))
const line = (lineNo: number, sku: string, quantity: number) => ({ lineNo, sku, quantity })

describe('allocating an order', () => {
  it('takes a whole line from the first location in priority order that has enough', () => {
    const r = allocateOrder([line(1, 'MUG', 3)], stock([['MUG', 'warehouse', 2], ['MUG', 'backroom', 5], ['MUG', 'shop-floor', 9]]), LOCATIONS)
    expect(r.lines).toEqual([{ lineNo: 1, sku: 'MUG', quantity: 3, allocations: [{ location: 'backroom', quantity: 3 }], backordered: 0 }])
    expect(r.deltas).toEqual([{ sku: 'MUG', location: 'backroom', quantity: 3 }])
  })

  it('splits across locations in priority order when none has enough alone', () => {
    const r = allocateOrder([line(1, 'MUG', 6)], stock([['MUG', 'warehouse', 2], ['MUG', 'backroom', 3], ['MUG', 'shop-floor', 4]]), LOCATIONS)
    expect(r.lines[0]?.allocations).toEqual([{ location: 'warehouse', quantity: 2 }, { location: 'backroom', quantity: 3 }, { location: 'shop-floor', quantity: 1 }])
    expect(r.lines[0]?.backordered).toBe(0)
  })

  it('allocates what there is and backorders the rest', () => {
    const r = allocateOrder([line(1, 'MUG', 5), line(2, 'TEA', 2)], stock([['MUG', 'backroom', 3]]), LOCATIONS)
    expect(r.lines.map((l) => [l.allocations, l.backordered])).toEqual([[[{ location: 'backroom', quantity: 3 }], 2], [[], 2]])
    expect(allocationStatus(r.lines)).toBe('partially_allocated')
  })

  it('never takes stock from a location that does not fulfil online orders', () => {
    const r = allocateOrder([line(1, 'MUG', 2)], stock([['MUG', 'till-1', 50]]), LOCATIONS)
    expect(r.lines[0]?.backordered).toBe(2)
    expect(r.deltas).toEqual([])
    expect(allocationStatus(r.lines)).toBe('backordered')
  })

  it('two lines of one SKU draw on the same stock', () => {
    const r = allocateOrder([line(1, 'MUG', 2), line(2, 'MUG', 2)], stock([['MUG', 'warehouse', 3]]), LOCATIONS)
    expect(r.lines.map((l) => l.backordered)).toEqual([0, 1])
    expect(r.deltas).toEqual([{ sku: 'MUG', location: 'warehouse', quantity: 3 }])
  })

  it.each([
    [[line(1, 'MUG', -1)], stock([]), LOCATIONS, 'lines.0.quantity'],
    [[line(1, 'MUG', 1), line(1, 'TEA', 1)], stock([]), LOCATIONS, 'lines.1.lineNo'],
    [[line(1, '', 1)], stock([]), LOCATIONS, 'lines.0.sku'],
    [[line(1, 'MUG', 1)], stock([['MUG', 'warehouse', -2]]), LOCATIONS, 'available.0.available'],
    [[line(1, 'MUG', 1)], stock([['MUG', 'warehouse', 1], ['MUG', 'warehouse', 1]]), LOCATIONS, 'available.1.location'],
    [[line(1, 'MUG', 1)], stock([]), [], 'locations'],
    [[line(1, 'MUG', 1)], stock([]), ['a', 'a'], 'locations.1'],
  ])('refuses bad input (%#)', (lines, available, locations, field) => {
    expect(() => allocateOrder(lines, available, locations)).toThrow(expect.objectContaining({ code: 'invalid_input', field }))
  })
})

const order = (orderId: string, placedAt: string, lines: LineAllocation[], despatchBy: string | null = null): OrderAllocation =>
  ({ orderId, placedAt: new Date(placedAt), despatchBy: despatchBy ? new Date(despatchBy) : null, lines })
const backordered = (lineNo: number, sku: string, quantity: number, allocations: { location: string; quantity: number }[] = []): LineAllocation =>
  ({ lineNo, sku, quantity, allocations, backordered: quantity - allocations.reduce((s, a) => s + a.quantity, 0) })

describe('reallocating when stock arrives', () => {
  const a = order('A', '2025-03-03T09:00:00Z', [backordered(1, 'MUG', 2)], '2025-03-05T14:00:00Z')
  const b = order('B', '2025-03-03T10:00:00Z', [backordered(1, 'MUG', 2)], '2025-03-04T14:00:00Z')

  it('fills the oldest order first', () => {
    const r = reallocate([b, a], stock([['MUG', 'warehouse', 3]]), LOCATIONS, 'placed')
    expect(r.orders.map((o) => [o.orderId, o.lines[0]?.backordered])).toEqual([['A', 0], ['B', 1]])
    expect(r.deltas).toEqual([{ sku: 'MUG', location: 'warehouse', quantity: 3 }])
  })

  it('or the one due out first', () => {
    const r = reallocate([a, b], stock([['MUG', 'warehouse', 3]]), LOCATIONS, 'despatch-by')
    expect(r.orders.map((o) => [o.orderId, o.lines[0]?.backordered])).toEqual([['B', 0], ['A', 1]])
  })

  it('tops a part-allocated line up where it already has stock, so it ships as one parcel', () => {
    const part = order('C', '2025-03-03T09:00:00Z', [backordered(1, 'MUG', 4, [{ location: 'shop-floor', quantity: 1 }])])
    const r = reallocate([part], stock([['MUG', 'warehouse', 5], ['MUG', 'shop-floor', 3]]), LOCATIONS)
    expect(r.orders[0]?.lines[0]).toMatchObject({ allocations: [{ location: 'shop-floor', quantity: 4 }], backordered: 0 })
  })

  it('returns only the orders that changed', () => {
    const r = reallocate([a, order('D', '2025-03-01T09:00:00Z', [backordered(1, 'TEA', 1)])], stock([['MUG', 'warehouse', 1]]), LOCATIONS)
    expect(r.orders.map((o) => o.orderId)).toEqual(['A'])
  })

  it('refuses lines whose allocation does not add up', () => {
    const bad = order('E', '2025-03-01T09:00:00Z', [{ lineNo: 1, sku: 'MUG', quantity: 3, allocations: [{ location: 'warehouse', quantity: 1 }], backordered: 1 }])
    expect(() => reallocate([bad], [], LOCATIONS)).toThrow(expect.objectContaining({ field: 'orders.0.lines.0.allocations' }))
  })
})

describe('releasing stock', () => {
  const lines = allocateOrder([line(1, 'MUG', 6), line(2, 'TEA', 1)], stock([['MUG', 'warehouse', 2], ['MUG', 'backroom', 3], ['TEA', 'warehouse', 1]]), LOCATIONS).lines

  it('a cancel lets go of the backorder first, then the last allocation taken', () => {
    const r = release(lines, [{ kind: 'cancel', lineNo: 1, quantity: 3 }])
    expect(r.lines[0]).toEqual({ lineNo: 1, sku: 'MUG', quantity: 3, allocations: [{ location: 'warehouse', quantity: 2 }, { location: 'backroom', quantity: 1 }], backordered: 0 })
    expect(r.deltas).toEqual([{ sku: 'MUG', location: 'backroom', quantity: -2 }])
  })

  it('a pick shortage turns the allocation at that location into a backorder', () => {
    const r = release(lines, [{ kind: 'shortage', lineNo: 1, location: 'warehouse', quantity: 2 }])
    expect(r.lines[0]).toMatchObject({ quantity: 6, allocations: [{ location: 'backroom', quantity: 3 }], backordered: 3 })
    expect(r.deltas).toEqual([{ sku: 'MUG', location: 'warehouse', quantity: -2 }])
    expect(allocationStatus(r.lines)).toBe('partially_allocated')
  })

  it('cancelling the order releases everything it holds', () => {
    const r = releaseAll(lines)
    expect(r.deltas).toEqual([
      { sku: 'MUG', location: 'backroom', quantity: -3 },
      { sku: 'MUG', location: 'warehouse', quantity: -2 },
      { sku: 'TEA', location: 'warehouse', quantity: -1 },
    ])
    expect(allocationStatus(r.lines)).toBe('cancelled')
  })

  it.each([
    [{ kind: 'cancel', lineNo: 9, quantity: 1 }, 'releases.0.lineNo'],
    [{ kind: 'cancel', lineNo: 1, quantity: 7 }, 'releases.0.quantity'],
    [{ kind: 'cancel', lineNo: 1, quantity: 0 }, 'releases.0.quantity'],
    [{ kind: 'shortage', lineNo: 1, location: 'warehouse', quantity: 3 }, 'releases.0.quantity'],
    [{ kind: 'shortage', lineNo: 1, location: 'shop-floor', quantity: 1 }, 'releases.0.quantity'],
  ] as const)('refuses %o', (req, field) => {
    expect(() => release(lines, [req])).toThrow(expect.objectContaining({ code: 'invalid_input', field }))
  })
})

// --- properties -------------------------------------------------------------------------

const SKUS = ['A', 'B', 'C']
const availabilityArb = fc.array(fc.tuple(fc.constantFrom(...SKUS), fc.constantFrom(...LOCATIONS, 'till-1'), fc.nat({ max: 12 })), { maxLength: 10 })
  .map((rows) => {
    const seen = new Map<string, StockAvailability>()
    for (const [sku, location, available] of rows) seen.set(`${sku}/${location}`, { sku, location, available })
    return [...seen.values()]
  })
const linesArb = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom(...SKUS), fc.integer({ min: 1, max: 15 })), { selector: (t) => t[0], maxLength: 5 })
  .map((rows) => rows.map(([lineNo, sku, quantity]) => line(lineNo, sku, quantity)))

const sumBy = (deltas: readonly AllocationDelta[]) => {
  const m = new Map<string, number>()
  for (const d of deltas) m.set(`${d.sku}/${d.location}`, (m.get(`${d.sku}/${d.location}`) ?? 0) + d.quantity)
  return m
}
const availableOf = (rows: readonly StockAvailability[], key: string) =>
  LOCATIONS.some((l) => key.endsWith(`/${l}`)) ? rows.find((r) => `${r.sku}/${r.location}` === key)?.available ?? 0 : 0
const consistent = (l: LineAllocation) => l.allocations.reduce((s, a) => s + a.quantity, 0) + l.backordered === l.quantity
/** Availability after applying deltas to `allocated` (available = on hand − allocated). */
const after = (rows: readonly StockAvailability[], deltas: readonly AllocationDelta[]): StockAvailability[] => {
  const change = sumBy(deltas)
  const out = rows.map((r) => ({ ...r, available: r.available - (change.get(`${r.sku}/${r.location}`) ?? 0) }))
  for (const [key, q] of change) {
    if (!rows.some((r) => `${r.sku}/${r.location}` === key)) {
      const [sku = '', location = ''] = key.split('/')
      out.push({ sku, location, available: -q })
    }
  }
  return out
}

describe('allocation properties', () => {
  it('never allocates more than is available; allocated + backordered = ordered on every line', () => {
    fc.assert(fc.property(linesArb, availabilityArb, (lines, available) => {
      const r = allocateOrder(lines, available, LOCATIONS)
      for (const [key, q] of sumBy(r.deltas)) {
        expect(q).toBeGreaterThan(0)
        expect(q).toBeLessThanOrEqual(availableOf(available, key))
      }
      r.lines.forEach((l, i) => {
        expect(consistent(l)).toBe(true)
        expect(l.quantity).toBe(lines[i]?.quantity)
      })
      // Deltas are exactly what the lines hold.
      const held = new Map<string, number>()
      for (const l of r.lines) for (const a of l.allocations) held.set(`${l.sku}/${a.location}`, (held.get(`${l.sku}/${a.location}`) ?? 0) + a.quantity)
      expect(held).toEqual(sumBy(r.deltas))
      // Nothing is backordered while its SKU still has stock at a fulfilment location.
      const left = after(available, r.deltas)
      for (const l of r.lines) {
        if (l.backordered > 0) expect(left.filter((s) => s.sku === l.sku && LOCATIONS.includes(s.location)).every((s) => s.available === 0)).toBe(true)
      }
    }))
  })

  it('releasing then reallocating is consistent: the stock goes back and is taken again, never more', () => {
    fc.assert(fc.property(linesArb, availabilityArb, fc.nat(), (lines, available, pick) => {
      const first = allocateOrder(lines, available, LOCATIONS)
      const stockAfterFirst = after(available, first.deltas)
      // Every picker comes back short: every allocation becomes a backorder.
      const shortages = first.lines.flatMap((l) => l.allocations.map((a) => ({ kind: 'shortage' as const, lineNo: l.lineNo, location: a.location, quantity: a.quantity })))
      const released = release(first.lines, shortages)
      released.lines.forEach((l, i) => {
        expect(consistent(l)).toBe(true)
        expect(l.backordered).toBe(first.lines[i]?.quantity)
      })
      const stockAfterRelease = after(stockAfterFirst, released.deltas)
      expect(stockAfterRelease.filter((s) => s.available !== 0 || available.some((r) => r.sku === s.sku && r.location === s.location)))
        .toEqual(available.map((r) => ({ ...r })))
      const again = reallocate([{ orderId: 'X', placedAt: new Date(0), despatchBy: null, lines: released.lines }], stockAfterRelease, LOCATIONS)
      const lines2 = again.orders[0]?.lines ?? released.lines
      lines2.forEach((l, i) => {
        expect(consistent(l)).toBe(true)
        expect(l.backordered).toBe(first.lines[i]?.backordered) // as much allocated as the first time
      })
      for (const [key, q] of sumBy(again.deltas)) expect(q).toBeLessThanOrEqual(availableOf(stockAfterRelease, key))
      // And cancelling some of a line afterwards keeps every line consistent.
      const target = lines2[pick % Math.max(1, lines2.length)]
      if (target && target.quantity > 0) {
        const cancelled = release(lines2, [{ kind: 'cancel', lineNo: target.lineNo, quantity: 1 + (pick % target.quantity) }])
        expect(cancelled.lines.every(consistent)).toBe(true)
        expect(cancelled.deltas.every((d) => d.quantity < 0)).toBe(true)
      }
    }))
  })

  it('reallocating many orders never hands out more than arrived', () => {
    const ordersArb = fc.array(linesArb, { minLength: 1, maxLength: 4 })
    fc.assert(fc.property(ordersArb, availabilityArb, fc.constantFrom('placed' as const, 'despatch-by' as const), (orderLines, available, policy) => {
      const orders = orderLines.map((ls, i) => order(`O${i}`, new Date(Date.UTC(2025, 0, 1 + i)).toISOString(), ls.map((l) => backordered(l.lineNo, l.sku, l.quantity)), i % 2 ? null : '2025-02-01T00:00:00Z'))
      const r = reallocate(orders, available, LOCATIONS, policy)
      for (const [key, q] of sumBy(r.deltas)) expect(q).toBeLessThanOrEqual(availableOf(available, key))
      for (const o of r.orders) expect(o.lines.every(consistent)).toBe(true)
    }))
  })
})

describe('availability from stock levels', () => {
  it('is on hand less allocated less the buffer, never below zero', () => {
    expect(availabilityFromLevels([
      { sku: 'MUG', location: 'warehouse', onHand: 10, allocated: 3, buffer: 2 },
      { sku: 'MUG', location: 'backroom', onHand: 1, allocated: 3 },
    ])).toEqual([{ sku: 'MUG', location: 'warehouse', available: 5 }, { sku: 'MUG', location: 'backroom', available: 0 }])
  })
})

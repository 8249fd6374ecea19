import { describe, expect, it } from 'vitest'
import { assignPickers, balance, planWave, prioritise, serpentineOrder, sortByWalk, zoneOfBin, type PickItem, type WaveOrder } from '../../../appliance/core/fulfilment/index.js'

const item = (orderId: string, sku: string, bin: string | null, binWalk: number | null, quantity = 1, location = 'floor', locationWalk = 1): PickItem =>
  ({ orderId, lineNo: 1, sku, quantity, location, locationWalk, bin, binWalk, zone: bin ? zoneOfBin(bin) : null })
const order = (orderId: string, items: PickItem[], extra: Partial<WaveOrder> = {}): WaveOrder =>
  ({ orderId, light: null, despatchBy: null, placedAt: new Date('2026-06-01T10:00:00Z'), items, ...extra })

describe('prioritise', () => {
  it('takes red first, then the earliest despatch deadline, then the oldest order', () => {
    const d = (h: number) => new Date(Date.UTC(2026, 5, 15, h))
    const orders = [
      order('green-late', [], { light: 'green', despatchBy: d(18) }),
      order('none', [], {}),
      order('red', [], { light: 'red', despatchBy: d(9) }),
      order('amber', [], { light: 'amber', despatchBy: d(14) }),
      order('green-early', [], { light: 'green', despatchBy: d(12) }),
    ]
    expect(prioritise(orders).map((o) => o.orderId)).toEqual(['red', 'amber', 'green-early', 'green-late', 'none'])
  })
})

describe('the walk route', () => {
  it('walks the floor before the backroom, bins in walk order, unbinned items last', () => {
    const stops = [item('o', 'B', 'R-01-1', 1, 1, 'backroom', 2), item('o', 'X', null, null), item('o', 'A', 'A-01-2', 5), item('o', 'C', 'A-01-1', 2)]
    expect(sortByWalk(stops).map((s) => s.sku)).toEqual(['C', 'A', 'X', 'B'])
  })

  it('orders bins as a serpentine: up the first aisle, down the next', () => {
    const walk = serpentineOrder(['B-01-1', 'A-02-1', 'A-01-1', 'B-02-1', 'A-01-2'])
    expect([...walk.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual(['A-01-1', 'A-01-2', 'A-02-1', 'B-02-1', 'B-01-1'])
    expect(zoneOfBin('c-10-3')).toBe('C')
  })
})

describe('planning a wave', () => {
  const orders = Array.from({ length: 7 }, (_, i) => order(`o${i}`, [item(`o${i}`, `S${i}`, `${i % 2 ? 'B' : 'A'}-0${i}-1`, i, i + 1)]))

  it('single: one list per order', () => {
    expect(planWave({ method: 'single', orders, pickers: [] }).map((l) => l.orders)).toEqual([1, 1, 1, 1, 1, 1, 1])
  })

  it('batch: N orders per list', () => {
    expect(planWave({ method: 'batch', orders, pickers: ['p'], batchSize: 3 }).map((l) => l.orders)).toEqual([3, 3, 1])
  })

  it('zone: one list per aisle prefix', () => {
    const lists = planWave({ method: 'zone', orders, pickers: [] })
    expect(lists.map((l) => [l.zone, l.orders])).toEqual([['A', 4], ['B', 3]])
  })

  it('wave: the orders split across the pickers by units, each picker one list', () => {
    const lists = planWave({ method: 'wave', orders, pickers: ['ann', 'bob'] })
    expect(lists).toHaveLength(2)
    expect(lists.map((l) => l.picker).sort()).toEqual(['ann', 'bob'])
    expect(lists.map((l) => l.units).sort()).toEqual([14, 14])
    expect(lists.flatMap((l) => l.items.map((i) => i.orderId)).sort()).toEqual(orders.map((o) => o.orderId))
  })

  it('refuses an empty queue and a silly batch size', () => {
    expect(() => planWave({ method: 'single', orders: [], pickers: [] })).toThrow(/no allocated orders/)
    expect(() => planWave({ method: 'batch', orders, pickers: [], batchSize: 0 })).toThrow(/batch/)
  })
})

describe('load balancing', () => {
  it('keeps whole things together and evens the load (largest first)', () => {
    const parts = balance([5, 4, 3, 3, 2, 1], 2, (n) => n)
    expect(parts.map((p) => p.reduce((s, n) => s + n, 0)).sort()).toEqual([9, 9])
  })

  it('gives each list to the least loaded picker', () => {
    const lists = [10, 1, 1, 1, 9].map((units) => ({ zone: null, picker: null as string | null, items: [], units, orders: 1 }))
    assignPickers(lists, ['ann', 'bob'])
    const load = (p: string) => lists.filter((l) => l.picker === p).reduce((s, l) => s + l.units, 0)
    expect([load('ann'), load('bob')].sort()).toEqual([11, 11])
  })
})

/**
 * Cutting pick work from allocated orders, by the shop's method:
 * - `single`: one list per order;
 * - `batch`: N orders per list (one picker walks the route once for all of them);
 * - `zone`: one list per zone (aisle prefix), every order's items in that zone;
 * - `wave`: all zones at once, the orders split across the pickers, consolidated at the bench.
 * Orders are taken red first, then by despatch deadline; lists go to pickers by load
 * (units to pick), each list to the least loaded picker, largest lists first (LPT), which
 * keeps the busiest picker within one list of the average.
 */
import { invalid } from '../errors.js'
import { TRAFFIC_LIGHT_RANK, type TrafficLight } from '../orders/traffic-light.js'
import { sortByWalk, type WalkStop } from './walk.js'

export const PickMethod = { Single: 'single', Batch: 'batch', Zone: 'zone', Wave: 'wave' } as const
export type PickMethod = (typeof PickMethod)[keyof typeof PickMethod]
export const PICK_METHODS: readonly PickMethod[] = Object.values(PickMethod)

/** One allocation of an order line at a location, with the bin it is picked from. */
export interface PickItem extends WalkStop {
  orderId: string
  lineNo: number
  sku: string
  quantity: number
  zone: string | null
}

export interface WaveOrder {
  orderId: string
  light: TrafficLight | null
  despatchBy: Date | null
  placedAt: Date
  items: PickItem[]
}

export interface PlannedList {
  zone: string | null
  picker: string | null
  /** In walk order. */
  items: PickItem[]
  units: number
  orders: number
}

/** Red first (then amber, green, none), then the earliest despatch deadline, then the oldest order. */
export function prioritise<T extends Pick<WaveOrder, 'light' | 'despatchBy' | 'placedAt'> & { orderId: string }>(orders: readonly T[]): T[] {
  const rank = (l: TrafficLight | null) => (l ? TRAFFIC_LIGHT_RANK[l] : -1)
  const time = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY)
  return [...orders].sort((a, b) => rank(b.light) - rank(a.light) || time(a.despatchBy) - time(b.despatchBy) || a.placedAt.getTime() - b.placedAt.getTime() || a.orderId.localeCompare(b.orderId))
}

const unitsOf = (items: readonly PickItem[]) => items.reduce((sum, i) => sum + i.quantity, 0)

function list(items: PickItem[], zone: string | null): PlannedList {
  return { zone, picker: null, items: sortByWalk(items), units: unitsOf(items), orders: new Set(items.map((i) => i.orderId)).size }
}

/** Splits groups of orders into `parts` bins of similar units (LPT); keeps each order whole. */
export function balance<T>(things: readonly T[], parts: number, weight: (t: T) => number): T[][] {
  const bins = Array.from({ length: Math.max(1, parts) }, () => ({ load: 0, items: [] as T[] }))
  for (const t of [...things].sort((a, b) => weight(b) - weight(a))) {
    const target = bins.reduce((best, bin) => (bin.load < best.load ? bin : best))
    target.items.push(t)
    target.load += weight(t)
  }
  return bins.filter((b) => b.items.length > 0).map((b) => b.items)
}

/** Assigns each list to the least loaded picker (largest lists first). Pickers in the given order break ties. */
export function assignPickers(lists: PlannedList[], pickers: readonly string[]): PlannedList[] {
  if (pickers.length === 0) return lists
  const load = new Map(pickers.map((p) => [p, 0]))
  const order = lists.map((l, i) => ({ l, i })).sort((a, b) => b.l.units - a.l.units || a.i - b.i)
  for (const { l } of order) {
    let best = pickers[0]!
    for (const p of pickers) if (load.get(p)! < load.get(best)!) best = p
    l.picker = best
    load.set(best, load.get(best)! + l.units)
  }
  return lists
}

export interface WavePlanInput {
  method: PickMethod
  orders: readonly WaveOrder[]
  pickers: readonly string[]
  /** batch: orders per list. */
  batchSize?: number
  /** zone: only this zone's items (others stay for another wave). */
  zone?: string
}

/** Plans the lists of one wave: which items, in which walk order, for which picker. */
export function planWave(input: WavePlanInput): PlannedList[] {
  const { method, pickers } = input
  const orders = prioritise(input.orders.filter((o) => o.items.length > 0))
  if (orders.length === 0) throw invalid('There are no allocated orders to pick', 'orders')
  const batchSize = input.batchSize ?? 10
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) throw invalid('A batch is 1 to 100 orders', 'batchSize')
  let lists: PlannedList[]
  switch (method) {
    case 'single':
      lists = orders.map((o) => list(o.items, null))
      break
    case 'batch': {
      lists = []
      for (let i = 0; i < orders.length; i += batchSize) lists.push(list(orders.slice(i, i + batchSize).flatMap((o) => o.items), null))
      break
    }
    case 'zone': {
      const byZone = new Map<string, PickItem[]>()
      for (const item of orders.flatMap((o) => o.items)) {
        const zone = item.zone ?? 'unbinned'
        if (input.zone && zone !== input.zone) continue
        byZone.set(zone, [...(byZone.get(zone) ?? []), item])
      }
      if (byZone.size === 0) throw invalid(`Nothing to pick in zone ${input.zone}`, 'zone')
      lists = [...byZone.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([zone, items]) => list(items, zone))
      break
    }
    case 'wave':
      lists = balance(orders, Math.max(1, pickers.length), (o) => unitsOf(o.items)).map((group) => list(group.flatMap((o) => o.items), null))
      break
    default:
      throw invalid(`Choose a pick method: ${PICK_METHODS.join(', ')}`, 'method')
  }
  return assignPickers(lists, pickers)
}

/**
 * Allocation: reserving stock for an order's lines at the locations that fulfil online
 * orders, so two orders never count on the same unit.
 *
 * Rules, per line, against available-to-sell (on hand − allocated − buffer, see
 * `availableToSell` in stock-ledger.ts) at the fulfilment locations:
 * 1. the whole line from one location if any has enough — the first in the configured
 *    priority order (a location already holding part of the line comes first, so a
 *    top-up lands in the same parcel);
 * 2. otherwise split: take what each location has, in priority order;
 * 3. what is still missing is backordered; the line keeps what it got (partial allocation).
 * Lines are allocated in line order, and one order's lines and one run's orders draw on
 * the same shrinking pool, so nothing is ever allocated twice.
 *
 * Functions return new line states and *deltas*: signed changes to `stock_levels.allocated`
 * per (sku, location) that the store applies in the same transaction. Invariant on every
 * line: Σ allocations + backordered = quantity.
 */
import { invalid } from '../errors.js'
import { MAX_QUANTITY } from '../stock-ledger.js'
import type { OrderStatus } from './order-status.js'

export interface LineToAllocate {
  /** The order line's number (1-based), unique within the order. */
  readonly lineNo: number
  readonly sku: string
  readonly quantity: number
}

export interface LocationQuantity {
  readonly location: string
  readonly quantity: number
}

/** Where a line's stock is reserved. Σ allocations.quantity + backordered = quantity. */
export interface LineAllocation extends LineToAllocate {
  /** At most one entry per location, each quantity > 0, in the order they were taken. */
  readonly allocations: readonly LocationQuantity[]
  readonly backordered: number
}

/** One order's allocation, as `reallocate` sees it. */
export interface OrderAllocation {
  readonly orderId: string
  readonly placedAt: Date
  /** Used by the `despatch-by` policy; null sorts last. */
  readonly despatchBy: Date | null
  readonly lines: readonly LineAllocation[]
}

/** Available to sell at one location (already net of allocated and buffer; ≥ 0). */
export interface StockAvailability {
  readonly sku: string
  readonly location: string
  readonly available: number
}

/** A signed change to `allocated` for one (sku, location). */
export interface AllocationDelta {
  readonly sku: string
  readonly location: string
  readonly quantity: number
}

export interface LinesAllocated {
  readonly lines: LineAllocation[]
  readonly deltas: AllocationDelta[]
}

/** Which orders get new stock first. */
export type ReallocationPolicy = 'placed' | 'despatch-by'

const keyOf = (sku: string, location: string) => `${sku}\u0000${location}`

/** Available stock per (sku, location) that shrinks as it is allocated; records the deltas. */
class Pool {
  private readonly free = new Map<string, number>()
  private readonly changes = new Map<string, AllocationDelta>()

  constructor(readonly locations: readonly string[], available: readonly StockAvailability[]) {
    checkLocations(locations)
    const fulfils = new Set(locations)
    available.forEach((row, i) => {
      const at = `available.${i}`
      if (typeof row.sku !== 'string' || row.sku === '') throw invalid('Name the SKU', `${at}.sku`)
      if (typeof row.location !== 'string' || row.location === '') throw invalid('Name the location', `${at}.location`)
      if (!Number.isSafeInteger(row.available) || row.available < 0) throw invalid('Available stock is a whole number, zero or more', `${at}.available`)
      const key = keyOf(row.sku, row.location)
      if (this.free.has(key)) throw invalid('This SKU and location are listed twice', `${at}.location`)
      if (fulfils.has(row.location)) this.free.set(key, row.available)
    })
  }

  available = (sku: string, location: string): number => this.free.get(keyOf(sku, location)) ?? 0

  move(sku: string, location: string, quantity: number): void {
    const key = keyOf(sku, location)
    this.free.set(key, this.available(sku, location) - quantity)
    const before = this.changes.get(key)?.quantity ?? 0
    this.changes.set(key, { sku, location, quantity: before + quantity })
  }

  deltas(): AllocationDelta[] {
    return [...this.changes.values()]
      .filter((d) => d.quantity !== 0)
      .sort((a, b) => (a.sku === b.sku ? a.location.localeCompare(b.location) : a.sku.localeCompare(b.sku)))
  }
}

function checkLocations(locations: readonly string[]): void {
  if (locations.length === 0) throw invalid('Choose at least one location that fulfils online orders', 'locations')
  const seen = new Set<string>()
  locations.forEach((l, i) => {
    if (typeof l !== 'string' || l === '' || seen.has(l)) throw invalid('Fulfilment locations are named once each', `locations.${i}`)
    seen.add(l)
  })
}

function checkLines(lines: readonly LineToAllocate[]): void {
  const seen = new Set<number>()
  lines.forEach((line, i) => {
    const at = `lines.${i}`
    if (!Number.isInteger(line.lineNo) || line.lineNo < 1 || seen.has(line.lineNo)) throw invalid('Line numbers are whole numbers from 1, each used once', `${at}.lineNo`)
    seen.add(line.lineNo)
    if (typeof line.sku !== 'string' || line.sku === '') throw invalid('Name the SKU', `${at}.sku`)
    if (!Number.isInteger(line.quantity) || line.quantity < 0 || line.quantity > MAX_QUANTITY) throw invalid(`Quantity is a whole number from 0 to ${MAX_QUANTITY}`, `${at}.quantity`)
  })
}

/** Takes up to `need` units of `sku` from the pool by the rules in the module notes. */
function take(pool: Pool, sku: string, need: number, already: readonly LocationQuantity[]): LocationQuantity[] {
  if (need <= 0) return []
  const held = new Set(already.map((a) => a.location))
  const order = [...pool.locations.filter((l) => held.has(l)), ...pool.locations.filter((l) => !held.has(l))]
  const whole = order.find((l) => pool.available(sku, l) >= need)
  const taken: LocationQuantity[] = []
  let missing = need
  for (const location of whole === undefined ? order : [whole]) {
    const quantity = Math.min(missing, pool.available(sku, location))
    if (quantity <= 0) continue
    pool.move(sku, location, quantity)
    taken.push({ location, quantity })
    missing -= quantity
    if (missing === 0) break
  }
  return taken
}

function merge(a: readonly LocationQuantity[], b: readonly LocationQuantity[]): LocationQuantity[] {
  const out = a.map((x) => ({ ...x }))
  for (const add of b) {
    const existing = out.find((x) => x.location === add.location)
    if (existing) existing.quantity += add.quantity
    else out.push({ ...add })
  }
  return out.filter((x) => x.quantity > 0)
}

const allocatedOf = (line: Pick<LineAllocation, 'allocations'>): number => line.allocations.reduce((s, a) => s + a.quantity, 0)

function fill(pool: Pool, line: LineAllocation): LineAllocation {
  const got = take(pool, line.sku, line.backordered, line.allocations)
  if (got.length === 0) return line
  const allocations = merge(line.allocations, got)
  return { ...line, allocations, backordered: line.quantity - allocatedOf({ allocations }) }
}

/**
 * Allocates a new order's lines. `locations` are the fulfilment locations in priority
 * order; stock elsewhere is never taken.
 */
export function allocateOrder(lines: readonly LineToAllocate[], available: readonly StockAvailability[], locations: readonly string[]): LinesAllocated {
  checkLines(lines)
  const pool = new Pool(locations, available)
  const out = lines.map((line) => fill(pool, { lineNo: line.lineNo, sku: line.sku, quantity: line.quantity, allocations: [], backordered: line.quantity }))
  return { lines: out, deltas: pool.deltas() }
}

function checkAllocations(lines: readonly LineAllocation[], field: string): void {
  checkLines(lines)
  lines.forEach((line, i) => {
    const sum = allocatedOf(line)
    if (line.allocations.some((a) => !Number.isInteger(a.quantity) || a.quantity <= 0) || !Number.isInteger(line.backordered) || line.backordered < 0 || sum + line.backordered !== line.quantity) {
      throw invalid('A line\u2019s allocations and backorder must add up to its quantity', `${field}.${i}.allocations`)
    }
  })
}

function byPolicy(policy: ReallocationPolicy) {
  const placed = (a: OrderAllocation, b: OrderAllocation) =>
    a.placedAt.getTime() - b.placedAt.getTime() || a.orderId.localeCompare(b.orderId)
  if (policy === 'placed') return placed
  return (a: OrderAllocation, b: OrderAllocation) => {
    const da = a.despatchBy?.getTime() ?? Number.POSITIVE_INFINITY
    const db = b.despatchBy?.getTime() ?? Number.POSITIVE_INFINITY
    return da === db ? placed(a, b) : da < db ? -1 : 1
  }
}

/**
 * Fills backorders from `available` (stock has arrived, or been released), one order at a
 * time: oldest placed first (`placed`) or earliest despatch deadline first (`despatch-by`,
 * then oldest). Returns only the orders whose allocation changed, and the deltas.
 */
export function reallocate(
  orders: readonly OrderAllocation[],
  available: readonly StockAvailability[],
  locations: readonly string[],
  policy: ReallocationPolicy = 'placed',
): { orders: OrderAllocation[]; deltas: AllocationDelta[] } {
  orders.forEach((o, i) => checkAllocations(o.lines, `orders.${i}.lines`))
  const pool = new Pool(locations, available)
  const changed: OrderAllocation[] = []
  for (const order of [...orders].sort(byPolicy(policy))) {
    const lines = order.lines.map((line) => fill(pool, line))
    if (lines.some((line, i) => line !== order.lines[i])) changed.push({ ...order, lines })
  }
  return { orders: changed, deltas: pool.deltas() }
}

/**
 * Why stock is let go:
 * - `cancel`: the customer no longer wants `quantity` of the line. The backordered part goes
 *   first, then the allocations last taken; the line's quantity drops.
 * - `shortage`: a picker could not find `quantity` at `location` (pick exception). That
 *   allocation is released and the quantity becomes backordered. Record the stock count
 *   first, so the `reallocate` that follows does not send the picker back to the empty shelf.
 */
export type ReleaseRequest =
  | { readonly kind: 'cancel'; readonly lineNo: number; readonly quantity: number }
  | { readonly kind: 'shortage'; readonly lineNo: number; readonly location: string; readonly quantity: number }

/** Applies releases to an order's lines; deltas are negative. Throws `invalid_input` naming `releases.N.field`. */
export function release(lines: readonly LineAllocation[], requests: readonly ReleaseRequest[]): LinesAllocated {
  checkAllocations(lines, 'lines')
  const state = new Map(lines.map((l) => [l.lineNo, l]))
  const deltas = new Map<string, AllocationDelta>()
  const free = (sku: string, location: string, quantity: number) => {
    const key = keyOf(sku, location)
    deltas.set(key, { sku, location, quantity: (deltas.get(key)?.quantity ?? 0) - quantity })
  }
  requests.forEach((req, i) => {
    const at = `releases.${i}`
    const line = state.get(req.lineNo)
    if (!line) throw invalid(`The order has no line ${req.lineNo}`, `${at}.lineNo`)
    if (!Number.isInteger(req.quantity) || req.quantity <= 0) throw invalid('Quantity must be a whole number more than zero', `${at}.quantity`)
    state.set(line.lineNo, req.kind === 'cancel' ? cancelPart(line, req.quantity, at, free) : shortPart(line, req.location, req.quantity, at, free))
  })
  const out = lines.map((l) => state.get(l.lineNo) ?? l)
  return { lines: out, deltas: [...deltas.values()].filter((d) => d.quantity !== 0) }
}

type Free = (sku: string, location: string, quantity: number) => void

function cancelPart(line: LineAllocation, quantity: number, at: string, free: Free): LineAllocation {
  if (quantity > line.quantity) throw invalid(`Only ${line.quantity} left on this line to cancel`, `${at}.quantity`)
  const fromBackorder = Math.min(quantity, line.backordered)
  let toFree = quantity - fromBackorder
  const allocations = line.allocations.map((a) => ({ ...a }))
  for (let k = allocations.length - 1; k >= 0 && toFree > 0; k--) {
    const a = allocations[k]
    if (!a) continue
    const n = Math.min(toFree, a.quantity)
    a.quantity -= n
    toFree -= n
    free(line.sku, a.location, n)
  }
  return { ...line, quantity: line.quantity - quantity, backordered: line.backordered - fromBackorder, allocations: allocations.filter((a) => a.quantity > 0) }
}

function shortPart(line: LineAllocation, location: string, quantity: number, at: string, free: Free): LineAllocation {
  const held = line.allocations.find((a) => a.location === location)?.quantity ?? 0
  if (quantity > held) throw invalid(`Only ${held} of this line is allocated at ${location}`, `${at}.quantity`)
  free(line.sku, location, quantity)
  const allocations = line.allocations.map((a) => (a.location === location ? { ...a, quantity: a.quantity - quantity } : a)).filter((a) => a.quantity > 0)
  return { ...line, allocations, backordered: line.backordered + quantity }
}

/** Releases everything an order holds (the order is cancelled). */
export function releaseAll(lines: readonly LineAllocation[]): LinesAllocated {
  return release(lines, lines.filter((l) => l.quantity > 0).map((l) => ({ kind: 'cancel', lineNo: l.lineNo, quantity: l.quantity })))
}

/** The order status its allocation implies (`cancelled` when nothing is wanted any more). */
export function allocationStatus(lines: readonly LineAllocation[]): Extract<OrderStatus, 'allocated' | 'partially_allocated' | 'backordered' | 'cancelled'> {
  const wanted = lines.reduce((s, l) => s + l.quantity, 0)
  const short = lines.reduce((s, l) => s + l.backordered, 0)
  if (wanted === 0) return 'cancelled'
  if (short === 0) return 'allocated'
  return short === wanted ? 'backordered' : 'partially_allocated'
}

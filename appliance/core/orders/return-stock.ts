/**
 * Where returned goods go. Every returned unit is accounted for exactly once:
 * - `sellable`: back on hand at a sellable location (the one chosen, else the location the
 *   line left from if that is sellable, else the policy's first) — available to sell again;
 * - `damaged`: on hand at the quarantine location, for inspection (not available to sell);
 * - `write-off`: no stock comes back; the quantity is recorded as written off.
 * Movements are the stock ledger's `return` kind, one per returned line entry.
 */
import { invalid } from '../errors.js'
import { MovementKind, type MovementPlan } from '../stock-ledger.js'
import type { ReturnCondition, ReturnPolicy } from './return-policy.js'

/** A ledger movement for a returned line: `MovementPlan` plus what moved. */
export interface ReturnMovement extends MovementPlan {
  readonly sku: string
  /** The order line (absent for a return without a receipt). */
  readonly lineNo: number | null
}

export interface WrittenOff {
  readonly sku: string
  readonly lineNo: number | null
  readonly quantity: number
}

export interface ReturnedUnits {
  readonly sku: string
  readonly lineNo: number | null
  readonly quantity: number
  readonly condition: ReturnCondition
  /** Requested location for sellable goods. */
  readonly location?: string | null
  /** Where the goods left from, the default for sellable goods. */
  readonly soldFrom?: string | null
}

/** The location returned units go to, or null for a write-off. Throws `invalid_input` on `field`. */
export function returnLocation(policy: ReturnPolicy, units: ReturnedUnits, field: string): string | null {
  if (units.condition === 'write-off') return null
  if (units.condition === 'damaged') return policy.quarantineLocation
  if (units.condition !== 'sellable') throw invalid('A returned item is sellable, damaged or a write-off', `${field}.condition`)
  const sellable = policy.sellableLocations
  const chosen = units.location ?? (units.soldFrom && sellable.includes(units.soldFrom) ? units.soldFrom : sellable[0])
  if (chosen === undefined || !sellable.includes(chosen)) throw invalid(`Sellable returns go back to ${sellable.join(' or ')}`, `${field}.location`)
  return chosen
}

export interface ReturnStockPlan {
  readonly movements: ReturnMovement[]
  readonly writtenOff: WrittenOff[]
  /** Per item, in order: where it went (null: written off). */
  readonly locations: (string | null)[]
}

/** The stock side of a return: one movement or one write-off per item. */
export function planReturnStock(policy: ReturnPolicy, items: readonly ReturnedUnits[], fieldOf: (i: number) => string): ReturnStockPlan {
  const movements: ReturnMovement[] = []
  const writtenOff: WrittenOff[] = []
  const locations = items.map((units, i) => returnLocation(policy, units, fieldOf(i)))
  items.forEach((units, i) => {
    const location = locations[i] ?? null
    if (location === null) writtenOff.push({ sku: units.sku, lineNo: units.lineNo, quantity: units.quantity })
    else movements.push({ sku: units.sku, lineNo: units.lineNo, location, quantity: units.quantity, kind: MovementKind.Return })
  })
  return { movements, writtenOff, locations }
}

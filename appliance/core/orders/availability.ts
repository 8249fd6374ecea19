/**
 * Available-to-sell rows for allocation, from stock levels: on hand − allocated − the
 * channel buffer, never below zero (`availableToSell` in stock-ledger.ts, the one rule).
 */
import { availableToSell, type StockLevel } from '../stock-ledger.js'
import type { StockAvailability } from './allocation.js'

export interface LocationStockLevel extends StockLevel {
  readonly sku: string
  readonly location: string
  /** Units held back from online channels (safety stock); 0 when absent. */
  readonly buffer?: number
}

export function availabilityFromLevels(levels: readonly LocationStockLevel[]): StockAvailability[] {
  return levels.map((l) => ({ sku: l.sku, location: l.location, available: availableToSell(l, l.buffer ?? 0) }))
}

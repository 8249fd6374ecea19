/**
 * Stock is a ledger: every change is an append-only movement, and a level (on hand,
 * allocated) per SKU and location is kept equal to the sum of its movements. These
 * pure functions decide which movements an operation makes; db/ writes them and the
 * levels in one transaction.
 */
import { DomainError, ErrorCode, invalid } from './errors.js'

export const MovementKind = {
  Receipt: 'receipt',
  Sale: 'sale',
  Return: 'return',
  Adjustment: 'adjustment',
  Transfer: 'transfer',
  Count: 'count',
} as const
export type MovementKind = (typeof MovementKind)[keyof typeof MovementKind]

/** Largest quantity one operation may move; anything bigger is a typo. */
export const MAX_QUANTITY = 100_000

export interface StockLevel {
  readonly onHand: number
  readonly allocated: number
}
export const EMPTY_LEVEL: StockLevel = { onHand: 0, allocated: 0 }

/** One ledger row to write: a signed change of on-hand at one location. */
export interface MovementPlan {
  readonly location: string
  readonly quantity: number
  readonly kind: MovementKind
}

/** Available to sell = on hand − allocated − buffer, never below zero. */
export const availableToSell = (level: StockLevel, buffer = 0): number =>
  Math.max(0, level.onHand - level.allocated - buffer)

function checkQuantity(quantity: number, field = 'quantity', signed = false): void {
  if (!Number.isInteger(quantity)) throw invalid('Quantity must be a whole number', field)
  if (quantity === 0 && signed) throw invalid('Quantity cannot be zero', field)
  if (!signed && quantity <= 0) throw invalid('Quantity must be more than zero', field)
  if (Math.abs(quantity) > MAX_QUANTITY) throw invalid(`Quantity cannot be over ${MAX_QUANTITY.toLocaleString('en-GB')}`, field)
}

function checkNotBelowZero(level: StockLevel, change: number, location: string): void {
  if (level.onHand + change < 0) {
    throw new DomainError(
      ErrorCode.InsufficientStock,
      `Only ${level.onHand} on hand at ${location}: count the stock there instead of adjusting below zero`,
      'quantity',
    )
  }
}

/**
 * A signed correction with a reason ("damaged", "found", …). Never takes on-hand below zero.
 * Pass `null` for the level when the writer checks afterwards with `checkAdjustedLevel`.
 */
export function planAdjustment(level: StockLevel | null, location: string, quantity: number): MovementPlan[] {
  checkQuantity(quantity, 'quantity', true)
  if (level) checkNotBelowZero(level, quantity, location)
  return [{ location, quantity, kind: MovementKind.Adjustment }]
}

/**
 * The adjustment rule checked on the level the adjustment produced: the writer applies the
 * movement and checks the level its UPDATE returned (one read fewer per adjustment); a
 * refusal throws and the transaction takes the movement back.
 */
export function checkAdjustedLevel(after: StockLevel, location: string, quantity: number): void {
  checkNotBelowZero({ onHand: after.onHand - quantity, allocated: after.allocated }, quantity, location)
}

/** Goods arriving from a supplier. */
export function planReceipt(location: string, quantity: number): MovementPlan[] {
  checkQuantity(quantity)
  return [{ location, quantity, kind: MovementKind.Receipt }]
}

/** Moves stock between two locations: two movements that sum to zero. */
export function planTransfer(fromLevel: StockLevel, from: string, to: string, quantity: number): MovementPlan[] {
  checkQuantity(quantity)
  if (from === to) throw invalid('Choose two different locations for a transfer', 'to')
  checkNotBelowZero(fromLevel, -quantity, from)
  return [
    { location: from, quantity: -quantity, kind: MovementKind.Transfer },
    { location: to, quantity, kind: MovementKind.Transfer },
  ]
}

/** A stock count sets on-hand to what was counted; the movement is the difference (none if equal). */
export function planCount(level: StockLevel, location: string, counted: number): MovementPlan[] {
  if (!Number.isInteger(counted) || counted < 0) throw invalid('A count is a whole number, zero or more', 'counted')
  if (counted > MAX_QUANTITY) throw invalid(`A count cannot be over ${MAX_QUANTITY.toLocaleString('en-GB')}`, 'counted')
  const difference = counted - level.onHand
  return difference === 0 ? [] : [{ location, quantity: difference, kind: MovementKind.Count }]
}

/** Applies movements to levels: the rule the database must always agree with. */
export function applyMovements(levels: ReadonlyMap<string, StockLevel>, moves: readonly MovementPlan[]): Map<string, StockLevel> {
  const next = new Map(levels)
  for (const m of moves) {
    const level = next.get(m.location) ?? EMPTY_LEVEL
    next.set(m.location, { ...level, onHand: level.onHand + m.quantity })
  }
  return next
}

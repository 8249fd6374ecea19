/**
 * Which price changes an assistant may make alone and which need a manager's PIN.
 *
 * Every reduction is judged against its limits twice — as an amount and as a share of
 * what it applies to — and needs approval if it is over either:
 * - a line discount, against the line's gross (at the charged price);
 * - a basket discount, against what was left of the basket when it was applied;
 * - a price override that lowers the price, against the line at its list price
 *   (raising a price never needs approval);
 * - all of them together, against the basket at list prices, so that several small
 *   discounts cannot add up to a large one unnoticed (reported only when no single
 *   reduction already needs approval: one manager's PIN covers the sale).
 */
import { DomainError, ErrorCode, invalid } from '../errors.js'
import type { Minor } from '../money.js'
import type { PricedBasket } from './pricing.js'
import { BP_WHOLE } from './rounding.js'

export interface ApprovalLimits {
  /** The largest share an assistant may take off alone, in basis points (1000 = 10 %). */
  readonly maxPercentBp: number
  /** The largest amount an assistant may take off alone, in pence. */
  readonly maxAmountMinor: Minor
}

export interface ApprovalNeed {
  /** The input field that needs approval: `lines.2.discount`, `lines.0.priceOverride`, `discounts.1`, or `discounts` for the total. */
  readonly field: string
  readonly amountMinor: Minor
  readonly baseMinor: Minor
  /** A sentence for the approval prompt. */
  readonly reason: string
}

export function checkApprovalLimits(limits: ApprovalLimits): void {
  if (!Number.isInteger(limits.maxPercentBp) || limits.maxPercentBp < 0 || limits.maxPercentBp > BP_WHOLE) {
    throw invalid('The discount limit is a whole number of basis points from 0 to 10000', 'maxPercentBp')
  }
  if (!Number.isSafeInteger(limits.maxAmountMinor) || limits.maxAmountMinor < 0) {
    throw invalid('The discount amount limit is a whole number of pence, zero or more', 'maxAmountMinor')
  }
}

/**
 * True when taking `amountMinor` off `baseMinor` is over either limit. The share is
 * compared exactly (amount × 10 000 > limit × base), never as a rounded percentage.
 */
export function reductionNeedsApproval(amountMinor: Minor, baseMinor: Minor, limits: ApprovalLimits): boolean {
  if (amountMinor <= 0) return false
  if (amountMinor > limits.maxAmountMinor) return true
  return BigInt(amountMinor) * BigInt(BP_WHOLE) > BigInt(limits.maxPercentBp) * BigInt(baseMinor)
}

/** Lists every reduction in a priced basket that is over the limits (empty: none needed). */
export function approvalsNeeded(basket: PricedBasket, limits: ApprovalLimits): ApprovalNeed[] {
  checkApprovalLimits(limits)
  const needs: ApprovalNeed[] = []
  const check = (field: string, amountMinor: number, baseMinor: number, reason: string) => {
    if (reductionNeedsApproval(amountMinor as Minor, baseMinor as Minor, limits)) {
      needs.push({ field, amountMinor: amountMinor as Minor, baseMinor: baseMinor as Minor, reason })
    }
  }
  let listTotal = 0
  let reductions = 0
  for (const line of basket.lines) {
    const listGross = line.listUnitPriceMinor * line.quantity
    const overrideCut = Math.max(0, listGross - line.grossMinor)
    listTotal += listGross
    reductions += overrideCut + line.lineDiscountMinor
    check(`lines.${line.index}.priceOverride`, overrideCut, listGross, `Price of ${line.name} lowered`)
    check(`lines.${line.index}.discount`, line.lineDiscountMinor, line.grossMinor, `Discount on ${line.name}`)
  }
  for (const d of basket.discounts) {
    reductions += d.amountMinor
    check(`discounts.${d.index}`, d.amountMinor, d.baseMinor, 'Discount on the basket')
  }
  if (needs.length === 0) check('discounts', reductions, listTotal, 'Discounts on this sale add up to more than the limit')
  return needs
}

/** Throws `approval_required` (with the needs in `details`) unless nothing needs approval or a manager approved. */
export function requireApproval(needs: readonly ApprovalNeed[], approved: boolean): void {
  if (needs.length === 0 || approved) return
  const first = needs[0]
  throw new DomainError(
    ErrorCode.ApprovalRequired,
    `${first?.reason ?? 'This change'} needs a manager's approval`,
    first?.field,
    { needs },
  )
}

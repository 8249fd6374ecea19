/**
 * Prices a basket: override → line discount → basket discounts → VAT, all in integer pence.
 *
 * - A line's gross is `unitPrice × quantity` (the override's unit price when there is one).
 * - A line discount of p % is `round-half-up(gross × p / 100)`; an amount discount is taken
 *   as is. Either may be at most the line's gross (never a negative line).
 * - Basket discounts are applied in order. Each is worked out on what is left of the basket
 *   (a percentage rounds half up) and must not exceed it; it is then shared across the lines
 *   in proportion to what is left of each line, by largest remainder (see `apportion`), so
 *   the shares add up exactly to the discount and no line goes below zero.
 * - VAT follows the rule in `vat.ts`: per rate, on the discounted VAT-inclusive totals.
 *
 * Invariants (property-tested): Σ line totals = total; Σ per-rate (net + vat) = total;
 * Σ line VAT per rate = that rate's VAT; gross − discounts = total.
 */
import { invalid } from '../errors.js'
import { MAX_MINOR, type Minor } from '../money.js'
import { MAX_LINES, checkDiscount, lineBasis, type BasketInput, type Discount } from './basket.js'
import { apportion, percentOf } from './rounding.js'
import { analyseVat, type VatRateSummary } from './vat.js'

export interface PricedLine {
  /** Position in `BasketInput.lines`. */
  readonly index: number
  readonly sku: string
  readonly name: string
  readonly quantity: number
  readonly weightGrams: number | null
  readonly pricePerKgMinor: Minor | null
  readonly listUnitPriceMinor: Minor
  readonly unitPriceMinor: Minor
  readonly overrideReason: string | null
  /** unitPrice × quantity, VAT-inclusive, before discounts. */
  readonly grossMinor: Minor
  readonly lineDiscountMinor: Minor
  /** This line's share of the basket discounts. */
  readonly basketDiscountMinor: Minor
  /** lineDiscount + basketDiscount. */
  readonly discountMinor: Minor
  /** gross − discount: what the customer pays for the line, VAT-inclusive. */
  readonly totalMinor: Minor
  readonly vatRateBp: number
  /** This line's share of its rate's VAT. */
  readonly vatMinor: Minor
  /** total − vat: the line's value excluding VAT. */
  readonly netMinor: Minor
}

/** A basket discount as applied: what it came to and what it was worked out on. */
export interface AppliedDiscount {
  readonly index: number
  readonly discount: Discount
  /** What was left of the basket when this discount was applied. */
  readonly baseMinor: Minor
  readonly amountMinor: Minor
  /** The discount's share on each line, by line index; sums to amountMinor. */
  readonly shares: readonly Minor[]
}

export interface PricedBasket {
  readonly lines: readonly PricedLine[]
  readonly discounts: readonly AppliedDiscount[]
  /** One entry per VAT rate in the basket, highest first. */
  readonly vat: readonly VatRateSummary[]
  /** Σ line gross, before any discount. */
  readonly grossMinor: Minor
  /** Σ line and basket discounts. */
  readonly discountTotalMinor: Minor
  /** What the customer pays. */
  readonly totalMinor: Minor
  readonly vatTotalMinor: Minor
  readonly netTotalMinor: Minor
}

const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0)

/** What a discount comes to on `base`, refusing one that would take it below zero. */
export function discountAmount(discount: Discount, baseMinor: Minor, field: string): Minor {
  checkDiscount(discount, field)
  if (discount.kind === 'percent') return percentOf(baseMinor, discount.percentBp) as Minor
  if (discount.amountMinor > baseMinor) {
    throw invalid(`A discount cannot be more than the ${baseMinor} pence it applies to`, `${field}.amountMinor`)
  }
  return discount.amountMinor
}

/**
 * Applies basket discounts in order to the lines' running totals (`remaining`, changed in
 * place) and returns each as applied.
 */
function applyBasketDiscounts(discounts: readonly Discount[], remaining: number[]): AppliedDiscount[] {
  return discounts.map((discount, d) => {
    const baseMinor = sum(remaining) as Minor
    const amountMinor = discountAmount(discount, baseMinor, `discounts.${d}`)
    const shares = apportion(amountMinor, remaining) as Minor[]
    shares.forEach((share, i) => {
      remaining[i] = (remaining[i] ?? 0) - share
    })
    return { index: d, discount, baseMinor, amountMinor, shares }
  })
}

/** Prices a basket by the rules above. Throws `invalid_input` naming the field at fault. */
export function priceBasket(input: BasketInput): PricedBasket {
  if (!Array.isArray(input.lines)) throw invalid('A basket has a list of lines', 'lines')
  if (input.lines.length > MAX_LINES) throw invalid(`A basket can have at most ${MAX_LINES} lines`, 'lines')
  const entries = input.lines.map((line, i) => ({ line, basis: lineBasis(line, `lines.${i}`) }))
  const gross = entries.map(({ basis }) => basis.unitPriceMinor * basis.quantity)
  if (sum(gross) > MAX_MINOR) throw invalid('The basket comes to more than the till accepts', 'lines')
  const lineDiscounts = entries.map(({ line }, i) =>
    line.discount === undefined ? 0 : discountAmount(line.discount, (gross[i] ?? 0) as Minor, `lines.${i}.discount`),
  )
  const remaining = gross.map((g, i) => g - (lineDiscounts[i] ?? 0))
  const applied = applyBasketDiscounts(input.discounts ?? [], remaining)
  const { rates, lineVat } = analyseVat(entries.map(({ line }, i) => ({ vatRateBp: line.vatRateBp, totalMinor: (remaining[i] ?? 0) as Minor })))

  const lines = entries.map(({ line, basis }, i): PricedLine => {
    const lineDiscountMinor = (lineDiscounts[i] ?? 0) as Minor
    const totalMinor = (remaining[i] ?? 0) as Minor
    const discountMinor = ((gross[i] ?? 0) - totalMinor) as Minor
    const vatMinor = lineVat[i] ?? (0 as Minor)
    return {
      index: i,
      sku: line.sku,
      name: line.name,
      ...basis,
      overrideReason: line.priceOverride?.reason ?? null,
      grossMinor: (gross[i] ?? 0) as Minor,
      lineDiscountMinor,
      basketDiscountMinor: (discountMinor - lineDiscountMinor) as Minor,
      discountMinor,
      totalMinor,
      vatRateBp: line.vatRateBp,
      vatMinor,
      netMinor: (totalMinor - vatMinor) as Minor,
    }
  })
  const totalMinor = sum(remaining) as Minor
  const vatTotalMinor = sum(rates.map((r) => r.vatMinor)) as Minor
  return {
    lines,
    discounts: applied,
    vat: rates,
    grossMinor: sum(gross) as Minor,
    discountTotalMinor: sum(lines.map((l) => l.discountMinor)) as Minor,
    totalMinor,
    vatTotalMinor,
    netTotalMinor: (totalMinor - vatTotalMinor) as Minor,
  }
}

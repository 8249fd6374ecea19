/**
 * VAT on VAT-inclusive prices.
 *
 * THE ROUNDING RULE. Shelf prices include VAT. VAT is worked out once per rate, on the
 * sum of the VAT-inclusive line totals (after every discount) at that rate:
 *
 *     vat(rate) = round-half-up( gross(rate) × rateBp / (10 000 + rateBp) )
 *     net(rate) = gross(rate) − vat(rate)
 *
 * in integer (bigint) arithmetic. Because net is what is left of gross, every rate's
 * `net + vat` equals its gross and the rates add up to the basket total to the penny.
 * The VAT shown on each line is that rate's VAT shared across its lines in proportion to
 * their totals by largest remainder (see `apportion`), so the lines' VAT also adds up
 * exactly to the rate's VAT. The per-rate figure is the one that counts (it is what a
 * VAT receipt and the VAT return show); the per-line split is for reports and refunds.
 *
 * Why per rate and not per line: rounding each line separately lets 1p errors pile up on
 * long baskets (ten 1p items at 20% would each round to 0p VAT, yet 10p holds 2p), while
 * applying the VAT fraction (1/6 at 20%, 1/21 at 5%) to the VAT-inclusive total per rate
 * is the usual retail method and gives one figure per rate that a receipt can show.
 */
import { invalid } from '../errors.js'
import type { Minor } from '../money.js'
import { BP_WHOLE, apportion, divRoundHalfUp } from './rounding.js'

/** UK rates in basis points: standard 20 %, reduced 5 %, zero 0 %. */
export const VatRate = { Standard: 2000, Reduced: 500, Zero: 0 } as const

/** One line of the VAT analysis on a receipt. */
export interface VatRateSummary {
  /** The rate in basis points (2000 = 20 %): exact, use this for lookups. */
  readonly rateBp: number
  /** The rate as a percentage for display (20, 5, 0, 17.5). Not money: a float is fine. */
  readonly ratePercent: number
  /** VAT-inclusive total of the lines at this rate, after discounts. */
  readonly grossMinor: Minor
  readonly netMinor: Minor
  readonly vatMinor: Minor
}

/** A VAT rate is a whole number of basis points from 0 to 10 000 (0 %–100 %). */
export function checkVatRate(rateBp: number, field = 'vatRateBp'): void {
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > BP_WHOLE) {
    throw invalid('VAT rate must be a whole number of basis points from 0 to 10000 (2000 = 20%)', field)
  }
}

/** The VAT inside a VAT-inclusive amount: round-half-up(gross × rate / (100 % + rate)). */
export function vatFromGross(grossMinor: Minor, rateBp: number): Minor {
  checkVatRate(rateBp)
  return Number(divRoundHalfUp(BigInt(grossMinor) * BigInt(rateBp), BigInt(BP_WHOLE + rateBp))) as Minor
}

/** What the VAT analysis needs to know about a line. */
export interface VatableLine {
  readonly vatRateBp: number
  /** The line's VAT-inclusive total after discounts (≥ 0). */
  readonly totalMinor: Minor
}

export interface VatAnalysis {
  /** One entry per rate present, highest rate first. */
  readonly rates: VatRateSummary[]
  /** The VAT on each line, in the order given; sums per rate to that rate's `vatMinor`. */
  readonly lineVat: Minor[]
}

/** Applies the rounding rule above to a basket's lines. */
export function analyseVat(lines: readonly VatableLine[]): VatAnalysis {
  const byRate = new Map<number, number[]>()
  lines.forEach((line, i) => {
    checkVatRate(line.vatRateBp)
    byRate.set(line.vatRateBp, [...(byRate.get(line.vatRateBp) ?? []), i])
  })
  const lineVat: Minor[] = lines.map(() => 0 as Minor)
  const rates: VatRateSummary[] = []
  for (const rateBp of [...byRate.keys()].sort((a, b) => b - a)) {
    const indexes = byRate.get(rateBp) ?? []
    const totals = indexes.map((i): number => lines[i]?.totalMinor ?? 0)
    const grossMinor = totals.reduce((s, t) => s + t, 0) as Minor
    const vatMinor = vatFromGross(grossMinor, rateBp)
    apportion(vatMinor, totals).forEach((share, k) => {
      lineVat[indexes[k] ?? 0] = share as Minor
    })
    rates.push({ rateBp, ratePercent: rateBp / 100, grossMinor, netMinor: (grossMinor - vatMinor) as Minor, vatMinor })
  }
  return { rates, lineVat }
}

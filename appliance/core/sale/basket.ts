/**
 * What the till sends to be priced: lines, each with an optional price override and an
 * optional line discount, and optional basket discounts. Every price is VAT-inclusive
 * and in pence. `pricing.ts` turns a `BasketInput` into a `PricedBasket`.
 *
 * Two kinds of line share one shape:
 * - a counted line has `unitPriceMinor` and `quantity` (a whole number, 1–100 000);
 * - a weighed line has `weight: { grams, pricePerKgMinor }` instead and is always one
 *   item: its unit price is `round-half-up(grams × pricePerKgMinor / 1000)`.
 * A price-embedded label (the scale already printed the price) is a counted line of
 * quantity 1 at the label's price; a weight-embedded label becomes a weighed line.
 */
import { invalid } from '../errors.js'
import { MAX_MINOR, type Minor } from '../money.js'
import { MAX_QUANTITY } from '../stock-ledger.js'
import { BP_WHOLE, divRoundHalfUp } from './rounding.js'
import { checkVatRate } from './vat.js'

/** A percentage off, in basis points (1 000 = 10 %), with the reason shown to a manager. */
export interface PercentDiscount {
  readonly kind: 'percent'
  readonly percentBp: number
  readonly reason: string
}
/** A fixed amount off, in pence. */
export interface AmountDiscount {
  readonly kind: 'amount'
  readonly amountMinor: Minor
  readonly reason: string
}
export type Discount = PercentDiscount | AmountDiscount

/** Replaces the unit price (for a weighed line: the price of the weighed item). */
export interface PriceOverride {
  readonly unitPriceMinor: Minor
  readonly reason: string
}

export interface Weighing {
  readonly grams: number
  readonly pricePerKgMinor: Minor
}

interface LineInputBase {
  readonly sku: string
  readonly name: string
  /** 2000 = 20 %, 500 = 5 %, 0 = zero-rated. */
  readonly vatRateBp: number
  readonly priceOverride?: PriceOverride
  readonly discount?: Discount
}
export interface CountedLineInput extends LineInputBase {
  readonly unitPriceMinor: Minor
  readonly quantity: number
  readonly weight?: undefined
}
export interface WeighedLineInput extends LineInputBase {
  readonly weight: Weighing
  readonly unitPriceMinor?: undefined
  readonly quantity?: 1
}
export type SaleLineInput = CountedLineInput | WeighedLineInput

export interface BasketInput {
  readonly lines: readonly SaleLineInput[]
  /** Applied in order, each to what is left after line discounts and earlier basket discounts. */
  readonly discounts?: readonly Discount[]
}

export const MAX_LINES = 500
export const MAX_WEIGHT_GRAMS = 100_000
export const MAX_REASON_LENGTH = 200

/** The price of a weighed item: round-half-up(grams × price per kg / 1000). */
export function weighedPrice(grams: number, pricePerKgMinor: Minor): Minor {
  return Number(divRoundHalfUp(BigInt(grams) * BigInt(pricePerKgMinor), 1000n)) as Minor
}

export function checkPrice(value: number, field: string): void {
  if (!Number.isSafeInteger(value)) throw invalid('A price must be a whole number of pence', field)
  if (value < 0) throw invalid('A price cannot be negative', field)
  if (value > MAX_MINOR) throw invalid('That price is too large', field)
}

function checkText(value: unknown, field: string, what: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${what} is required`, field)
  if (value.length > max) throw invalid(`${what} can be at most ${max} characters`, field)
}

/** Checks a discount's own figures; whether it fits what it applies to is pricing's job. */
export function checkDiscount(discount: Discount, field: string): void {
  checkText(discount.reason, `${field}.reason`, 'A discount reason', MAX_REASON_LENGTH)
  if (discount.kind === 'percent') {
    const f = `${field}.percentBp`
    if (!Number.isInteger(discount.percentBp)) throw invalid('A percentage discount is a whole number of basis points (1000 = 10%)', f)
    if (discount.percentBp <= 0) throw invalid('A percentage discount must be more than zero', f)
    if (discount.percentBp > BP_WHOLE) throw invalid('A discount cannot be more than 100%', f)
  } else if (discount.kind === 'amount') {
    const f = `${field}.amountMinor`
    if (!Number.isSafeInteger(discount.amountMinor)) throw invalid('A discount amount must be a whole number of pence', f)
    if (discount.amountMinor <= 0) throw invalid('A discount amount must be more than zero', f)
    if (discount.amountMinor > MAX_MINOR) throw invalid('That discount is too large', f)
  } else {
    throw invalid("A discount's kind is 'percent' or 'amount'", `${field}.kind`)
  }
}

/** The line as priced before any discount: its list and charged unit price and quantity. */
export interface LineBasis {
  readonly quantity: number
  readonly weightGrams: number | null
  readonly pricePerKgMinor: Minor | null
  /** The catalogue (or weighed) unit price, before any override. */
  readonly listUnitPriceMinor: Minor
  /** The unit price charged: the override's when there is one. */
  readonly unitPriceMinor: Minor
}

/** Validates one line and works out its unit price and quantity. */
export function lineBasis(line: SaleLineInput, field: string): LineBasis {
  checkText(line.sku, `${field}.sku`, 'A SKU', 64)
  checkText(line.name, `${field}.name`, 'An item name', 200)
  checkVatRate(line.vatRateBp, `${field}.vatRateBp`)
  let basis: LineBasis
  if (line.weight !== undefined && line.weight !== null) {
    const { grams, pricePerKgMinor } = line.weight
    if (!Number.isInteger(grams) || grams <= 0) throw invalid('A weight is a whole number of grams, more than zero', `${field}.weight.grams`)
    if (grams > MAX_WEIGHT_GRAMS) throw invalid(`A weight cannot be over ${MAX_WEIGHT_GRAMS / 1000} kg`, `${field}.weight.grams`)
    checkPrice(pricePerKgMinor, `${field}.weight.pricePerKgMinor`)
    if (line.quantity !== undefined && line.quantity !== 1) throw invalid('A weighed item has a quantity of 1: weigh it again for more', `${field}.quantity`)
    const price = weighedPrice(grams, pricePerKgMinor)
    checkPrice(price, `${field}.weight.grams`)
    basis = { quantity: 1, weightGrams: grams, pricePerKgMinor, listUnitPriceMinor: price, unitPriceMinor: price }
  } else {
    checkPrice(line.unitPriceMinor, `${field}.unitPriceMinor`)
    const q = line.quantity
    if (!Number.isInteger(q) || q < 1) throw invalid('Quantity must be a whole number, at least 1', `${field}.quantity`)
    if (q > MAX_QUANTITY) throw invalid(`Quantity cannot be over ${MAX_QUANTITY.toLocaleString('en-GB')}`, `${field}.quantity`)
    basis = { quantity: q, weightGrams: null, pricePerKgMinor: null, listUnitPriceMinor: line.unitPriceMinor, unitPriceMinor: line.unitPriceMinor }
  }
  if (line.priceOverride !== undefined) {
    checkPrice(line.priceOverride.unitPriceMinor, `${field}.priceOverride.unitPriceMinor`)
    checkText(line.priceOverride.reason, `${field}.priceOverride.reason`, 'A price override reason', MAX_REASON_LENGTH)
    basis = { ...basis, unitPriceMinor: line.priceOverride.unitPriceMinor }
  }
  if (basis.unitPriceMinor * basis.quantity > MAX_MINOR) throw invalid('That line comes to more than the till accepts', `${field}.quantity`)
  if (line.discount !== undefined) checkDiscount(line.discount, `${field}.discount`)
  return basis
}

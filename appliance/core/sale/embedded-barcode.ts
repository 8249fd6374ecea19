/**
 * Price- and weight-embedded EAN-13 barcodes (GS1 restricted circulation numbers), as
 * printed by a shop's scales and label printers.
 *
 * An EAN-13 starting with 20–29 (or 02, the UPC number system 2 written as EAN-13) is not
 * a product's GTIN: its meaning is set by the shop. A layout reads it left to right as
 *
 *     prefix | item code | [value check digit] | value | EAN-13 check digit
 *
 * and the widths must add up to 13. The default, the common UK layout, is
 * `2F IIIII VVVVV C`: "2", a flag digit (0–9, so prefixes 20–29), a 5-digit item code,
 * the price in pence as 5 digits (up to £999.99) and the check digit, e.g.
 * `2112345012995` = item 12345 at £12.99. Scales that print a weight instead use
 * `kind: 'weight'` (grams); some add a GS1 price check digit before a 4-digit value
 * (`valueCheckDigit: true`), which catches a misprinted price the EAN check digit alone
 * could miss on a re-keyed code.
 */
import { invalid } from '../errors.js'
import { ean13, gs1CheckDigit, isValidGtin } from '../barcode.js'
import type { Minor } from '../money.js'

export interface EmbeddedLayout {
  /** The leading digits that mark this layout, e.g. ['20', …, '29'] or ['02']; all the same length. */
  readonly prefixes: readonly string[]
  readonly itemDigits: number
  /** 4 or 5 digits; with a value check digit, 4 or 5 (GS1 defines both). */
  readonly valueDigits: number
  /** A GS1 price/weight check digit sits just before the value. */
  readonly valueCheckDigit: boolean
  readonly kind: 'price' | 'weight'
  /** Pence (price) or grams (weight) per unit of the encoded value; 1 unless the scale prints e.g. 10 g units. */
  readonly valueScale?: number
}

export type EmbeddedBarcode =
  | { readonly kind: 'price'; readonly prefix: string; readonly itemCode: string; readonly priceMinor: Minor }
  | { readonly kind: 'weight'; readonly prefix: string; readonly itemCode: string; readonly weightGrams: number }

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

/** The common UK layout: 2F IIIII PPPPP C, price in pence. */
export const UK_PRICE_LAYOUT: EmbeddedLayout = { prefixes: range(20, 29), itemDigits: 5, valueDigits: 5, valueCheckDigit: false, kind: 'price' }
/** The same shape with a weight in grams, for scales set to print weights. */
export const UK_WEIGHT_LAYOUT: EmbeddedLayout = { ...UK_PRICE_LAYOUT, kind: 'weight' }
/** UPC-style 02 IIIII K PPPP C: item code, price check digit, 4-digit price in pence. */
export const UPC_PRICE_LAYOUT: EmbeddedLayout = { prefixes: ['02'], itemDigits: 5, valueDigits: 4, valueCheckDigit: true, kind: 'price' }

/** Throws a plain Error for a layout that cannot describe 13 digits: a configuration bug. */
export function checkLayout(layout: EmbeddedLayout): void {
  const first = layout.prefixes[0]
  if (first === undefined || !layout.prefixes.every((p) => /^\d+$/.test(p) && p.length === first.length)) {
    throw new Error('embedded barcode layout: prefixes must be digit strings of one length')
  }
  if (![4, 5].includes(layout.valueDigits)) throw new Error('embedded barcode layout: valueDigits must be 4 or 5')
  if (!Number.isInteger(layout.itemDigits) || layout.itemDigits < 1) throw new Error('embedded barcode layout: itemDigits must be at least 1')
  const width = first.length + layout.itemDigits + (layout.valueCheckDigit ? 1 : 0) + layout.valueDigits + 1
  if (width !== 13) throw new Error(`embedded barcode layout: widths add up to ${width}, not 13`)
  const scale = layout.valueScale ?? 1
  if (!Number.isInteger(scale) || scale < 1) throw new Error('embedded barcode layout: valueScale must be a positive whole number')
}

// GS1 General Specifications 7.9.3: weighting-factor tables for the price/weight check digit.
const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7]
const THREE = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7]
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9]
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1]

const weighted = (tables: readonly (readonly number[])[], digits: string) =>
  tables.reduce((sum, table, i) => sum + (table[digits.charCodeAt(i) - 48] ?? 0), 0)

/**
 * The GS1 price/weight check digit of a 4- or 5-digit value. Four digits: weights 2-, 2-, 3, 5-,
 * sum × 3 mod 10. Five digits: weights 5+, 2-, 5-, 5+, 2-, and the check digit is the digit
 * whose 5- product makes the sum a multiple of 10.
 */
export function priceCheckDigit(value: string): number {
  if (/^\d{4}$/.test(value)) return (weighted([TWO_MINUS, TWO_MINUS, THREE, FIVE_MINUS], value) * 3) % 10
  if (/^\d{5}$/.test(value)) {
    const needed = (10 - (weighted([FIVE_PLUS, TWO_MINUS, FIVE_MINUS, FIVE_PLUS, TWO_MINUS], value) % 10)) % 10
    return FIVE_MINUS.indexOf(needed)
  }
  throw new RangeError('a price check digit is for 4 or 5 digits')
}

/**
 * Reads an embedded barcode with the first layout whose prefix it starts with. Returns
 * undefined when no layout claims it (an ordinary product barcode: look it up by GTIN).
 * Throws `invalid_input` (field `barcode`) when a layout claims it but a check digit is wrong.
 */
export function parseEmbeddedBarcode(code: string, layouts: readonly EmbeddedLayout[] = [UK_PRICE_LAYOUT]): EmbeddedBarcode | undefined {
  if (!/^\d{13}$/.test(code)) return undefined
  const layout = layouts.find((l) => l.prefixes.some((p) => code.startsWith(p)))
  if (layout === undefined) return undefined
  checkLayout(layout)
  if (!isValidGtin(code)) {
    throw invalid(`Barcode ${code} did not scan correctly (check digit should be ${gs1CheckDigit(code.slice(0, 12))}): scan it again`, 'barcode')
  }
  const prefix = code.slice(0, layout.prefixes[0]?.length ?? 0)
  const itemEnd = prefix.length + layout.itemDigits
  const itemCode = code.slice(prefix.length, itemEnd)
  const valueStart = itemEnd + (layout.valueCheckDigit ? 1 : 0)
  const value = code.slice(valueStart, 12)
  if (layout.valueCheckDigit && priceCheckDigit(value) !== Number(code[itemEnd])) {
    throw invalid(`The ${layout.kind} in barcode ${code} fails its check digit: key the ${layout.kind} in by hand`, 'barcode')
  }
  const amount = Number(value) * (layout.valueScale ?? 1)
  return layout.kind === 'price'
    ? { kind: 'price', prefix, itemCode, priceMinor: amount as Minor }
    : { kind: 'weight', prefix, itemCode, weightGrams: amount }
}

/** Builds the barcode a scale would print (for label printing and tests). */
export function encodeEmbeddedBarcode(layout: EmbeddedLayout, prefix: string, itemCode: string, amount: number): string {
  checkLayout(layout)
  if (!layout.prefixes.includes(prefix)) throw new RangeError(`prefix ${prefix} is not one of this layout's`)
  if (!new RegExp(`^\\d{${layout.itemDigits}}$`).test(itemCode)) throw new RangeError(`item code must be ${layout.itemDigits} digits`)
  const scale = layout.valueScale ?? 1
  const units = Number.isSafeInteger(amount) && amount % scale === 0 ? amount / scale : -1
  if (units < 0 || units >= 10 ** layout.valueDigits) {
    throw new RangeError(`${amount} does not fit in ${layout.valueDigits} digits of ${scale}`)
  }
  const value = String(units).padStart(layout.valueDigits, '0')
  return ean13(prefix + itemCode + (layout.valueCheckDigit ? String(priceCheckDigit(value)) : '') + value)
}

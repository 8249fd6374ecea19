/**
 * Label documents: a shelf-edge price label and a 4x6 in shipping or returns label.
 * Money is integer minor units; barcodes are validated before any command is built.
 */
import { gs1CheckDigit } from '../../../appliance/core/barcode.js'
import { InvalidDocumentError, InvalidOptionsError } from '../../errors.js'
import type { CurrencyFormat, CurrencyPreset } from '../money-format.js'

export interface ShelfLabel {
  name: string
  priceMinor: number
  /** Unit price where the law asks for it, e.g. { amountMinor: 260, unit: 'kg' } → "£2.60 per kg". */
  pricePerUnit?: { amountMinor: number; unit: string }
  /** EAN-13: 13 digits with a valid check digit, or the 12-digit body. */
  ean13: string
  sku?: string
  currency?: CurrencyPreset | CurrencyFormat
}

export interface PostalAddress {
  name: string
  company?: string
  lines: readonly string[]
  postcode: string
  country?: string
}

export interface ShippingLabel {
  from: PostalAddress
  to: PostalAddress
  /** "Royal Mail", "DPD", "Evri". */
  carrier: string
  /** "Tracked 48", "Next Day". */
  service: string
  /** Printed as Code 128 (ASCII letters and digits). */
  trackingNumber: string
  /** Our order or return number. */
  reference: string
  weightGrams?: number
}

export interface LabelSize {
  widthDots: number
  heightDots: number
  dpi: 203 | 300
}

/** 58 x 40 mm at 203 dpi (8 dots/mm): the common shelf-edge label. */
export const SHELF_LABEL_SIZE: LabelSize = { widthDots: 464, heightDots: 320, dpi: 203 }
/** 4 x 6 in at 203 dpi: `^PW812^LL1218`. */
export const SHIPPING_LABEL_SIZE: LabelSize = { widthDots: 812, heightDots: 1218, dpi: 203 }

export function checkSize(size: LabelSize, min: { widthDots: number; heightDots: number }): LabelSize {
  const ok = (n: number, lo: number) => Number.isInteger(n) && n >= lo && n <= 3000
  if (!ok(size.widthDots, min.widthDots) || !ok(size.heightDots, min.heightDots) || (size.dpi !== 203 && size.dpi !== 300)) {
    throw new InvalidOptionsError(`label size must be at least ${min.widthDots}x${min.heightDots} dots at 203 or 300 dpi`)
  }
  return size
}

/** Returns the 12-digit body of a valid EAN-13 (printers add the check digit themselves). */
export function ean13Body(code: string): string {
  if (/^\d{12}$/.test(code)) return code
  if (/^\d{13}$/.test(code) && gs1CheckDigit(code.slice(0, 12)) === Number(code[12])) return code.slice(0, 12)
  throw new InvalidDocumentError([`ean13 "${code}" is not a valid EAN-13`])
}

export function validateShelfLabel(label: ShelfLabel): void {
  const problems: string[] = []
  if (!label.name?.trim()) problems.push('name is required')
  if (!Number.isSafeInteger(label.priceMinor) || label.priceMinor < 0) problems.push('priceMinor must be whole minor units ≥ 0')
  if (label.pricePerUnit && (!Number.isSafeInteger(label.pricePerUnit.amountMinor) || !label.pricePerUnit.unit?.trim())) {
    problems.push('pricePerUnit needs whole minor units and a unit')
  }
  if (problems.length > 0) throw new InvalidDocumentError(problems)
  ean13Body(label.ean13)
}

export function validateShippingLabel(label: ShippingLabel): void {
  const problems: string[] = []
  for (const side of ['from', 'to'] as const) {
    const a = label[side]
    if (!a?.name?.trim()) problems.push(`${side}.name is required`)
    if (!a?.postcode?.trim()) problems.push(`${side}.postcode is required`)
    if (!Array.isArray(a?.lines)) problems.push(`${side}.lines must be a list`)
  }
  if (!/^[\x21-\x7e]{4,40}$/.test(label.trackingNumber ?? '')) problems.push('trackingNumber must be 4-40 printable ASCII characters without spaces')
  if (!label.carrier?.trim()) problems.push('carrier is required')
  if (!label.service?.trim()) problems.push('service is required')
  if (!label.reference?.trim()) problems.push('reference is required')
  if (label.weightGrams !== undefined && (!Number.isInteger(label.weightGrams) || label.weightGrams <= 0)) problems.push('weightGrams must be a positive whole number')
  if (problems.length > 0) throw new InvalidDocumentError(problems)
}

/** Address as printed lines, top to bottom. */
export function addressLines(a: PostalAddress): string[] {
  return [a.name, ...(a.company ? [a.company] : []), ...a.lines, a.postcode, ...(a.country ? [a.country] : [])].filter((l) => l.trim())
}

export function formatWeight(grams: number): string {
  return grams >= 1000 ? `${(grams / 1000).toFixed(2)} kg` : `${grams} g`
}

/** Code 128 module width that fits `widthDots` (11 modules per char + start/check/stop + quiet zones). */
export function code128Module(value: string, widthDots: number, max = 3): number {
  const modules = 11 * value.length + 55
  for (let m = max; m >= 1; m--) if (modules * m <= widthDots) return m
  throw new InvalidDocumentError([`"${value}" is too long for a Code 128 ${widthDots} dots wide`])
}

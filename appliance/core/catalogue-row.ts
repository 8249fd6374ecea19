/**
 * One row of a catalogue CSV in Shopify's product columns (plus "Tax rate" and
 * "Additional Barcodes") turned into a product, or into the reason it can't be.
 */
import { barcodeProblem } from './barcode.js'
import { parseMajorUnits } from './money.js'

export const CSV_COLUMNS = [
  'Handle', 'Title', 'Variant SKU', 'Variant Barcode', 'Additional Barcodes',
  'Variant Price', 'Cost per item', 'Product Category', 'Type', 'Tax rate',
] as const

export interface CatalogueProduct {
  sku: string
  handle: string
  name: string
  category: string
  priceMinor: number
  costMinor: number
  vatRateBp: number
  barcodes: string[]
}

export type RowResult = { ok: true; product: CatalogueProduct } | { ok: false; field: string; reason: string }

/** What earlier rows of the same Handle said: Shopify leaves Title and Type blank on variant rows. */
export interface HandleDefaults {
  title?: string
  category?: string
}

const fail = (field: string, reason: string): RowResult => ({ ok: false, field, reason })

function parseTaxRate(text: string): number | undefined {
  const match = /^(\d{1,2}(?:\.\d{1,2})?|100)\s*%?$/.exec(text.trim())
  if (!match) return undefined
  return Math.round(Number(match[1]) * 100)
}

export function parseCatalogueRow(row: Record<string, string | undefined>, defaults: HandleDefaults = {}): RowResult {
  const get = (column: string) => (row[column] ?? '').trim()
  const handle = get('Handle')
  if (!handle) return fail('Handle', 'Handle is empty')
  const sku = get('Variant SKU')
  if (!sku) return fail('Variant SKU', 'Variant SKU is empty')
  if (sku.length > 64 || !/^[A-Za-z0-9._/-]+$/.test(sku)) return fail('Variant SKU', `SKU "${sku.slice(0, 70)}" must be up to 64 letters, digits, dots, dashes, slashes or underscores`)
  const name = get('Title') || defaults.title || ''
  if (!name) return fail('Title', 'Title is empty')
  if (name.length > 200) return fail('Title', 'Title is longer than 200 characters')
  const category = get('Product Category') || get('Type') || defaults.category || 'Uncategorised'
  if (category.length > 100) return fail('Product Category', 'Category is longer than 100 characters')

  const priceText = get('Variant Price')
  const priceMinor = parseMajorUnits(priceText)
  if (priceMinor === undefined) return fail('Variant Price', `Price "${priceText}" is not an amount like 12.99 (no negatives, at most 2 decimals)`)
  const costText = get('Cost per item')
  const costMinor = costText === '' ? 0 : parseMajorUnits(costText)
  if (costMinor === undefined) return fail('Cost per item', `Cost "${costText}" is not an amount like 4.50`)

  const taxText = get('Tax rate')
  const vatRateBp = taxText === '' ? 2000 : parseTaxRate(taxText)
  if (vatRateBp === undefined || vatRateBp > 10000) return fail('Tax rate', `Tax rate "${taxText}" is not a percentage like 20, 5 or 0`)

  const barcodes = [get('Variant Barcode'), ...get('Additional Barcodes').split(/[\s;,]+/)].filter((b) => b !== '')
  for (const barcode of barcodes) {
    const problem = barcodeProblem(barcode)
    if (problem) return fail('Variant Barcode', `Barcode ${barcode}: ${problem}`)
  }
  if (new Set(barcodes).size !== barcodes.length) return fail('Variant Barcode', 'The same barcode is listed twice')
  return { ok: true, product: { sku, handle, name, category, priceMinor, costMinor, vatRateBp, barcodes } }
}

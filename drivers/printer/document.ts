/**
 * The receipt document: everything a till receipt shows, already decided by the
 * appliance (prices, VAT, totals). Drivers only lay it out; they never recompute
 * money, so what prints is exactly what the sale recorded.
 *
 * All money is integer minor units (pence). Text is plain Unicode; characters the
 * printer's code page lacks print as "?".
 */
import { InvalidDocumentError } from '../errors.js'
import type { CurrencyFormat, CurrencyPreset } from './money-format.js'

/** Pixels for a logo: RGBA, 4 bytes per pixel, row-major (what pngjs decodes to). */
export interface RasterImage {
  width: number
  height: number
  data: Uint8Array | Uint8ClampedArray
}

export interface ShopHeader {
  name: string
  addressLines: readonly string[]
  vatNumber?: string
  phone?: string
}

export interface ReceiptLine {
  /** Units sold; a decimal for weighed goods (0.452 with unit "kg"). Negative for a refund line. */
  qty: number
  unit?: string
  name: string
  unitPriceMinor: number
  lineTotalMinor: number
  /** Short VAT code printed beside the line and explained in the VAT summary, e.g. "A". */
  vatCode: string
  /** Extra line under the item, e.g. "Price override by Sam". */
  note?: string
}

export interface ReceiptDiscount {
  label: string
  /** Positive amount taken off, e.g. 200 for "-£2.00". */
  amountMinor: number
}

export interface VatSummaryRow {
  code: string
  /** As printed, e.g. "20%" or "0% (zero-rated)". */
  rateLabel: string
  netMinor: number
  vatMinor: number
  grossMinor: number
}

export interface ReceiptTotals {
  /** Before basket discounts; omitted when there are none. */
  subtotalMinor?: number
  totalMinor: number
  /** Total VAT included, printed as "of which VAT". */
  vatMinor?: number
}

export interface ReceiptTender {
  /** "Cash", "Card ****1234", "Gift card". */
  label: string
  amountMinor: number
}

export interface ReceiptDocument {
  shop: ShopHeader
  logo?: RasterImage
  /** Printed as text and as a Code 128 barcode (ASCII only, so a scanner can find the sale). */
  receiptNumber: string
  /** Already formatted in the store's time zone, e.g. "14/03/2025 16:05". */
  dateTime: string
  cashier?: string
  station?: string
  lines: readonly ReceiptLine[]
  discounts?: readonly ReceiptDiscount[]
  vat: readonly VatSummaryRow[]
  totals: ReceiptTotals
  tenders: readonly ReceiptTender[]
  changeMinor?: number
  /** Payload of an optional QR code (e.g. a returns or survey URL). */
  qr?: string
  footer?: readonly string[]
  /** A reprint: prints "COPY" prominently at the top and bottom. */
  copy?: boolean
  /** Currency of every amount; defaults to GBP. */
  currency?: CurrencyPreset | CurrencyFormat
}

const isMoney = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value)

/** Checks a document, throwing one `InvalidDocumentError` that lists every problem. */
export function validateReceipt(doc: ReceiptDocument): void {
  const problems: string[] = []
  const money = (value: unknown, field: string) => {
    if (!isMoney(value)) problems.push(`${field} must be whole minor units`)
  }
  if (!doc.shop?.name?.trim()) problems.push('shop.name is required')
  if (!Array.isArray(doc.shop?.addressLines)) problems.push('shop.addressLines must be a list')
  if (!/^[\x20-\x7e]{1,40}$/.test(doc.receiptNumber ?? '')) problems.push('receiptNumber must be 1-40 printable ASCII characters (it is a Code 128 barcode)')
  if (!doc.dateTime?.trim()) problems.push('dateTime is required')
  if (!Array.isArray(doc.lines) || doc.lines.length === 0) problems.push('a receipt needs at least one line')
  doc.lines?.forEach((line, i) => {
    if (!line.name?.trim()) problems.push(`lines[${i}].name is required`)
    if (typeof line.qty !== 'number' || !Number.isFinite(line.qty) || line.qty === 0) problems.push(`lines[${i}].qty must be a non-zero number`)
    money(line.unitPriceMinor, `lines[${i}].unitPriceMinor`)
    money(line.lineTotalMinor, `lines[${i}].lineTotalMinor`)
    if (!line.vatCode?.trim()) problems.push(`lines[${i}].vatCode is required`)
  })
  if (!Array.isArray(doc.vat)) problems.push('vat must be a list (empty when nothing is taxed)')
  if (!Array.isArray(doc.tenders)) problems.push('tenders must be a list')
  doc.discounts?.forEach((d, i) => money(d.amountMinor, `discounts[${i}].amountMinor`))
  doc.vat?.forEach((row, i) => {
    money(row.netMinor, `vat[${i}].netMinor`)
    money(row.vatMinor, `vat[${i}].vatMinor`)
    money(row.grossMinor, `vat[${i}].grossMinor`)
  })
  money(doc.totals?.totalMinor, 'totals.totalMinor')
  if (doc.totals?.subtotalMinor !== undefined) money(doc.totals.subtotalMinor, 'totals.subtotalMinor')
  if (doc.totals?.vatMinor !== undefined) money(doc.totals.vatMinor, 'totals.vatMinor')
  doc.tenders?.forEach((t, i) => money(t.amountMinor, `tenders[${i}].amountMinor`))
  if (doc.changeMinor !== undefined) money(doc.changeMinor, 'changeMinor')
  if (doc.qr !== undefined && (doc.qr.length === 0 || doc.qr.length > 500)) problems.push('qr must be 1-500 characters')
  if (doc.logo) validateImage(doc.logo, problems)
  if (problems.length > 0) throw new InvalidDocumentError(problems)
}

function validateImage(image: RasterImage, problems: string[]): void {
  const { width, height, data } = image
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    problems.push('logo width and height must be positive whole numbers')
  } else if (data.length !== width * height * 4) {
    problems.push(`logo data must be RGBA: ${width * height * 4} bytes, got ${data.length}`)
  }
}

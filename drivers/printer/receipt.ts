/**
 * Receipt template: `ReceiptDocument` + `PrinterProfile` → printer bytes. Pure: the
 * same input gives the same bytes (golden tests in test/golden rely on it).
 */
import { InvalidDocumentError } from '../errors.js'
import { validateReceipt, type ReceiptDocument, type ReceiptLine } from './document.js'
import { formatMoney, resolveCurrency, type CurrencyFormat } from './money-format.js'
import type { PrinterProfile } from './profile.js'
import { ReceiptWriter } from './receipt-writer.js'
import { leftRight, textWidth, wrap } from './text-layout.js'

/** Printed words, English by default; override for a Welsh or Irish shop. */
export interface ReceiptLabels {
  receipt: string
  servedBy: string
  subtotal: string
  total: string
  vatIncluded: string
  change: string
  vatHeader: [code: string, rate: string, net: string, vat: string, gross: string]
  vatNumber: string
  copy: string
}

export const DEFAULT_RECEIPT_LABELS: ReceiptLabels = {
  receipt: 'Receipt',
  servedBy: 'Served by',
  subtotal: 'Subtotal',
  total: 'TOTAL',
  vatIncluded: 'of which VAT',
  change: 'Change',
  vatHeader: ['VAT', 'Rate', 'Net', 'VAT', 'Gross'],
  vatNumber: 'VAT No.',
  copy: 'COPY',
}

export interface ReceiptOptions {
  /** Kick the cash drawer at the start of the job, so it opens while the receipt prints. */
  openDrawer?: boolean
  labels?: Partial<ReceiptLabels>
}

interface Context {
  w: ReceiptWriter
  doc: ReceiptDocument
  profile: PrinterProfile
  money: (minor: number) => string
  labels: ReceiptLabels
}

/** Lays out and encodes a receipt. Throws `InvalidDocumentError` listing every problem. */
export function encodeReceipt(doc: ReceiptDocument, profile: PrinterProfile, options: ReceiptOptions = {}): Uint8Array {
  validateReceipt(doc)
  const currency: CurrencyFormat = resolveCurrency(doc.currency)
  const ctx: Context = {
    w: new ReceiptWriter(profile),
    doc,
    profile,
    money: (minor) => formatMoney(minor, currency),
    labels: { ...DEFAULT_RECEIPT_LABELS, ...options.labels },
  }
  const barcodeModule = code128ModuleWidth(doc.receiptNumber, profile)
  if (options.openDrawer) ctx.w.pulse(profile.drawer.pin, profile.drawer.onMs, profile.drawer.offMs)
  header(ctx)
  if (doc.copy) copyBanner(ctx)
  items(ctx)
  totals(ctx)
  vatSummary(ctx)
  ctx.w.blank().barcode(doc.receiptNumber, 'code128', barcodeModule, 60)
  if (doc.qr) ctx.w.blank().qr(doc.qr, profile.columns >= 42 ? 6 : 5)
  for (const line of doc.footer ?? []) for (const part of wrap(line, profile.columns)) ctx.w.line(part, 'center')
  if (doc.copy) copyBanner(ctx)
  if (profile.cutter.type !== 'none') ctx.w.cut(profile.cutter.type)
  else ctx.w.blank(profile.cutter.feedLines)
  return ctx.w.bytes()
}

function header({ w, doc, profile, labels }: Context): void {
  if (doc.logo) w.image(doc.logo, Math.min(doc.logo.width, profile.printableWidthDots)).blank()
  const name = doc.shop.name.trim()
  // Double size only when the name fits at half the columns; otherwise bold is enough.
  const big = textWidth(name) * 2 <= w.columns
  for (const part of wrap(name, big ? Math.floor(w.columns / 2) : w.columns)) {
    w.line([{ text: part, style: big ? { bold: true, width: 2, height: 2 } : { bold: true } }], 'center')
  }
  const lines = [...doc.shop.addressLines, ...(doc.shop.phone ? [doc.shop.phone] : [])]
  if (doc.shop.vatNumber) lines.push(`${labels.vatNumber} ${doc.shop.vatNumber}`)
  for (const line of lines) for (const part of wrap(line, w.columns)) w.line(part, 'center')
  w.blank()
  pair(w, `${labels.receipt} ${doc.receiptNumber}`, doc.dateTime)
  const who = doc.cashier ? `${labels.servedBy} ${doc.cashier}` : ''
  if (who || doc.station) pair(w, who, doc.station ?? '')
}

/** Two facts on one line when they fit (narrow paper: one above the other, second right-aligned). */
function pair(w: ReceiptWriter, left: string, right: string): void {
  if (textWidth(left) + 1 + textWidth(right) <= w.columns) for (const l of leftRight(left, right, w.columns)) w.line(l)
  else {
    for (const l of wrap(left, w.columns)) w.line(l)
    for (const l of wrap(right, w.columns)) w.line(l, 'right')
  }
}

function copyBanner({ w, labels }: Context): void {
  w.line([{ text: ` ${labels.copy} `, style: { bold: true, invert: true, width: 2, height: 2 } }], 'center')
}

function items(ctx: Context): void {
  const { w, doc, money } = ctx
  w.rule()
  for (const line of doc.lines) {
    for (const l of leftRight(line.name, `${money(line.lineTotalMinor)} ${line.vatCode}`, w.columns)) w.line(l)
    if (!isSingleUnit(line)) w.line(`  ${quantityText(line)} x ${money(line.unitPriceMinor)}`)
    if (line.note) for (const l of wrap(line.note, w.columns - 2)) w.line(`  ${l}`)
  }
  for (const discount of doc.discounts ?? []) {
    for (const l of leftRight(discount.label, `${money(-discount.amountMinor)}  `, w.columns)) w.line(l)
  }
  w.rule()
}

const isSingleUnit = (line: ReceiptLine) => line.qty === 1 && !line.unit

function quantityText(line: ReceiptLine): string {
  const qty = Number.isInteger(line.qty) ? String(line.qty) : String(Number(line.qty.toFixed(3)))
  return line.unit ? `${qty} ${line.unit}` : qty
}

function totals({ w, doc, money, labels }: Context): void {
  if (doc.totals.subtotalMinor !== undefined) for (const l of leftRight(labels.subtotal, money(doc.totals.subtotalMinor), w.columns)) w.line(l)
  const total = money(doc.totals.totalMinor)
  const half = Math.floor(w.columns / 2)
  const wide = textWidth(labels.total) + 1 + textWidth(total) <= half
  const totalLine = leftRight(labels.total, total, wide ? half : w.columns).at(-1) ?? ''
  w.line([{ text: totalLine, style: { bold: true, width: wide ? 2 : 1, height: 2 } }])
  if (doc.totals.vatMinor !== undefined) for (const l of leftRight(labels.vatIncluded, money(doc.totals.vatMinor), w.columns)) w.line(l)
  w.blank()
  for (const tender of doc.tenders) for (const l of leftRight(tender.label, money(tender.amountMinor), w.columns)) w.line(l)
  if (doc.changeMinor !== undefined) {
    for (const l of leftRight(labels.change, money(doc.changeMinor), w.columns)) w.line([{ text: l, style: { bold: true } }])
  }
}

/** VAT per rate as a table; on narrow paper each rate takes two lines. */
function vatSummary({ w, doc, money, labels }: Context): void {
  if (doc.vat.length === 0) return
  w.rule()
  const rows = doc.vat.map((r) => [r.code, r.rateLabel, money(r.netMinor), money(r.vatMinor), money(r.grossMinor)])
  const [hCode, hRate, ...hMoney] = labels.vatHeader
  const moneyWidth = Math.max(...[...rows.flatMap((r) => r.slice(2)), ...hMoney].map(textWidth)) + 1
  const codeWidth = Math.max(...[hCode, ...rows.map((r) => r[0] ?? '')].map(textWidth)) + 1
  const rateWidth = w.columns - codeWidth - 3 * moneyWidth
  const widest = Math.max(...[hRate, ...rows.map((r) => r[1] ?? '')].map(textWidth))
  const format = (cells: string[]) => {
    const [code = '', rate = '', ...amounts] = cells
    const right = amounts.map((a) => a.padStart(moneyWidth)).join('')
    if (rateWidth >= widest) return [code.padEnd(codeWidth) + rate.padEnd(rateWidth) + right]
    return [`${code} ${rate}`, right.padStart(w.columns)]
  }
  for (const l of format([hCode, hRate, ...hMoney])) w.line(l)
  for (const row of rows) for (const l of format(row)) w.line(l)
}

/**
 * Code 128 (set B) is 11 modules per character plus 35 for start, check and stop, and
 * needs a 10-module quiet zone each side. The encoder's width option n prints modules
 * of n + 1 dots on ESC/POS; we take the widest that fits the paper.
 */
export function code128ModuleWidth(value: string, profile: PrinterProfile): 1 | 2 {
  const modules = 11 * value.length + 35 + 20
  if (modules * 3 <= profile.printableWidthDots) return 2
  if (modules * 2 <= profile.printableWidthDots) return 1
  throw new InvalidDocumentError([`receiptNumber "${value}" is too long for a Code 128 on ${profile.paperWidthMm} mm paper`])
}

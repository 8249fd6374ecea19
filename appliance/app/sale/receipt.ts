/**
 * A stored sale → the receipt document the drivers lay out (drivers/printer/document.ts).
 * Pure: every figure comes from the sale as written, so the receipt, its reprint and the
 * Z report can never disagree. The Code 128 barcode carries the compact receipt number
 * (`S0100000123`), which the returns desk scans to find the sale.
 *
 * VAT codes are fixed per rate so a regular customer learns them: A = 20 %, B = 5 %,
 * Z = 0 %, other rates C, D, … in falling order, and N for lines outside the scope of VAT
 * (gift cards: a voucher is money, and its VAT is due when it is spent on goods).
 */
import { compactReceiptNumber, formatVoucherCode, parseReceiptNumber } from '../../core/sale/index.js'
import { formatMajorUnits, type Minor } from '../../core/money.js'
import type { ReceiptDocument, ReceiptLine, ReceiptTender } from '../../../drivers/printer/document.js'
import { receiptTime } from '../till/business-day.js'
import type { ShopDetails } from '../till/settings.js'
import type { OrderLineRecord, PaymentRecord, SaleRows } from './ports.js'
import { vatSummary } from './sale-view.js'

const FIXED_CODES: Record<number, string> = { 2000: 'A', 500: 'B', 0: 'Z' }
export const OUTSIDE_VAT_CODE = 'N'

const pounds = (minor: number) => `£${formatMajorUnits(minor as Minor)}`

/** Letters for the rates present: fixed ones first, then C, D, … for any other rate, highest first. */
export function vatCodes(ratesBp: readonly number[]): Map<number, string> {
  const codes = new Map<number, string>()
  const spare = 'CDEFGHJKLM'.split('')
  for (const rate of [...new Set(ratesBp)].sort((a, b) => b - a)) codes.set(rate, FIXED_CODES[rate] ?? spare.shift() ?? '?')
  return codes
}

function receiptLine(l: OrderLineRecord, codes: Map<number, string>): ReceiptLine {
  const notes: string[] = []
  if (l.overrideReason) notes.push(`Price changed from ${pounds(l.listUnitPriceMinor)}: ${l.overrideReason}`)
  if (l.lineDiscountMinor > 0) notes.push(`Discount -${pounds(l.lineDiscountMinor)}${l.lineDiscountReason ? `: ${l.lineDiscountReason}` : ''}`)
  if (l.voucherCode) notes.push(formatVoucherCode(l.voucherCode))
  const weighed = l.weightGrams !== null && l.pricePerKgMinor !== null
  return {
    qty: weighed ? l.weightGrams! / 1000 : l.quantity,
    ...(weighed ? { unit: 'kg' } : {}),
    name: l.name,
    unitPriceMinor: weighed ? l.pricePerKgMinor! : l.unitPriceMinor,
    lineTotalMinor: l.grossMinor - l.lineDiscountMinor,
    vatCode: l.vatRateBp === null ? OUTSIDE_VAT_CODE : (codes.get(l.vatRateBp) ?? '?'),
    ...(notes.length ? { note: notes.join('; ') } : {}),
  }
}

function tenderLabel(p: PaymentRecord): string {
  const ref = p.reference ? p.reference.slice(-12) : ''
  if (p.method === 'cash') return 'Cash'
  if (p.method === 'card') return ref ? `Card (ref ${ref})` : 'Card'
  if (p.method === 'voucher') return `Gift card ****${(p.reference ?? '').slice(-4)}`
  return p.method
}

export function saleReceipt(rows: SaleRows, shop: ShopDetails, timeZone: string, options: { copy?: boolean } = {}): ReceiptDocument {
  const { order } = rows
  const vat = vatSummary(rows.lines)
  const codes = vatCodes(vat.map((r) => r.rateBp))
  const lines = rows.lines.map((l) => receiptLine(l, codes))
  const basketDiscounts = order.discounts.map((d) => ({
    label: d.kind === 'percent' && d.percentBp !== null ? `${d.percentBp / 100}% off: ${d.reason}` : `Discount: ${d.reason}`,
    amountMinor: d.amountMinor,
  }))
  const subtotal = lines.reduce((s, l) => s + l.lineTotalMinor, 0)
  const tenders: ReceiptTender[] = rows.payments.map((p) => ({ label: tenderLabel(p), amountMinor: p.amountMinor }))
  const parsed = parseReceiptNumber(order.number)
  const footer = [
    ...rows.vouchersIssued.map((v) => `Gift card ${formatVoucherCode(v.code)}: ${pounds(v.amountMinor)}${v.expiresAt ? `, use by ${receiptTime(v.expiresAt, timeZone).slice(0, 10)}` : ''}`),
    ...(rows.lines.some((l) => l.vatRateBp === null) ? [`${OUTSIDE_VAT_CODE} = outside the scope of VAT`] : []),
    `Receipt ${order.number}: keep it for returns`,
    'Thank you for shopping with us',
  ]
  return {
    shop: { name: shop.name, addressLines: shop.address, ...(shop.vatNumber ? { vatNumber: shop.vatNumber } : {}), ...(shop.phone ? { phone: shop.phone } : {}) },
    receiptNumber: parsed ? compactReceiptNumber(parsed) : order.number,
    dateTime: receiptTime(order.placedAt, timeZone),
    ...(rows.staffName ? { cashier: rows.staffName } : {}),
    ...(rows.tillName ? { station: rows.tillName } : {}),
    lines,
    ...(basketDiscounts.length ? { discounts: basketDiscounts } : {}),
    vat: vat.map((r) => ({ code: codes.get(r.rateBp) ?? '?', rateLabel: `${r.ratePercent}%`, netMinor: r.netMinor, vatMinor: r.vatMinor, grossMinor: r.grossMinor })),
    totals: { ...(basketDiscounts.length ? { subtotalMinor: subtotal } : {}), totalMinor: order.totalMinor, vatMinor: order.vatMinor },
    tenders,
    ...(rows.payments.some((p) => p.method === 'cash') ? { changeMinor: order.changeMinor } : {}),
    footer,
    ...(options.copy ? { copy: true } : {}),
    currency: 'GBP',
  }
}

/**
 * A stored sale as the API answers it (and as the receipt is printed from): the same
 * function serves the answer to `POST /api/sales` and `GET /api/sales/{receiptNumber}`,
 * so a reprint shows exactly what the first receipt showed.
 */
import { compactReceiptNumber, formatVoucherCode, parseReceiptNumber } from '../../core/sale/index.js'
import type { ReceiptDocument } from '../../../drivers/printer/document.js'
import { businessDay as dayOf } from '../till/business-day.js'
import type { ShopDetails } from '../till/settings.js'
import type { OrderLineRecord, SaleRows } from './ports.js'
import { saleReceipt } from './receipt.js'

export interface SaleLineSummary {
  lineNo: number
  kind: 'goods' | 'gift_card'
  sku: string
  name: string
  barcode: string | null
  quantity: number
  weightGrams: number | null
  /** Weighed items: the price per kg the weight was charged at. */
  pricePerKgMinor: number | null
  unitPriceMinor: number
  listUnitPriceMinor: number
  grossMinor: number
  discountMinor: number
  totalMinor: number
  /** Null for gift cards (outside the scope of VAT). */
  vatRatePercent: number | null
  vatMinor: number
  overrideReason: string | null
  discountReason: string | null
}

/** VAT per rate: net + vat = gross for each rate, and the rates add up to the goods total. */
export interface VatLineSummary {
  ratePercent: number
  rateBp: number
  grossMinor: number
  netMinor: number
  vatMinor: number
}

export interface SaleSummary {
  id: string
  /** `S-01-000123`: till 01, its 123rd sale. */
  receiptNumber: string
  /** `S0100000123`: the Code 128 printed on the receipt (scan it at the returns desk). */
  receiptBarcode: string
  status: string
  till: string | null
  tillName: string | null
  station: string | null
  staff: string | null
  staffName: string | null
  placedAt: string
  /** The business day (store time zone) whose Z report holds the sale. */
  businessDay: string | null
  grossMinor: number
  discountMinor: number
  totalMinor: number
  vatMinor: number
  paidMinor: number
  changeMinor: number
  vat: VatLineSummary[]
  lines: SaleLineSummary[]
  discounts: Array<{ kind: 'percent' | 'amount'; percent: number | null; amountMinor: number; reason: string }>
  tenders: Array<{ method: string; amountMinor: number; appliedMinor: number; reference: string | null }>
  vouchersIssued: Array<{ code: string; formatted: string; amountMinor: number; expiresAt: string | null }>
  customer: { name: string | null; email: string | null; phone: string | null } | null
  approvedBy: string | null
  /** The receipt as the printer drivers lay it out. */
  receipt: ReceiptDocument
}

export function lineSummary(l: OrderLineRecord): SaleLineSummary {
  return {
    lineNo: l.lineNo, kind: l.kind, sku: l.sku, name: l.name, barcode: l.barcode, quantity: l.quantity, weightGrams: l.weightGrams, pricePerKgMinor: l.pricePerKgMinor,
    unitPriceMinor: l.unitPriceMinor, listUnitPriceMinor: l.listUnitPriceMinor, grossMinor: l.grossMinor,
    discountMinor: l.lineDiscountMinor + l.basketDiscountMinor, totalMinor: l.totalMinor,
    vatRatePercent: l.vatRateBp === null ? null : l.vatRateBp / 100, vatMinor: l.vatMinor,
    overrideReason: l.overrideReason, discountReason: l.lineDiscountReason,
  }
}

/**
 * VAT per rate, from the lines: each line carries its share of its rate's VAT (shares add
 * up exactly to the rate's figure, see core/sale/vat.ts), so summing them gives back the
 * per-rate VAT the sale was priced with. Highest rate first; gift cards are left out.
 */
export function vatSummary(lines: readonly OrderLineRecord[]): VatLineSummary[] {
  const byRate = new Map<number, { gross: number; vat: number }>()
  for (const l of lines) {
    if (l.vatRateBp === null) continue
    const rate = byRate.get(l.vatRateBp) ?? { gross: 0, vat: 0 }
    rate.gross += l.totalMinor
    rate.vat += l.vatMinor
    byRate.set(l.vatRateBp, rate)
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, r]) => ({ ratePercent: rateBp / 100, rateBp, grossMinor: r.gross, netMinor: r.gross - r.vat, vatMinor: r.vat }))
}

/** The sale as answered by the API, with its receipt document. */
export function saleSummary(rows: SaleRows, shop: ShopDetails, timeZone: string, options: { copy?: boolean } = {}): SaleSummary {
  const { order } = rows
  const parsed = parseReceiptNumber(order.number)
  const summary: Omit<SaleSummary, 'receipt'> = {
    id: order.id,
    receiptNumber: order.number,
    receiptBarcode: parsed ? compactReceiptNumber(parsed) : order.number,
    status: order.status,
    till: order.tillId,
    tillName: rows.tillName,
    station: order.station,
    staff: order.staffId,
    staffName: rows.staffName,
    placedAt: order.placedAt.toISOString(),
    businessDay: order.businessDay ?? dayOf(order.placedAt, timeZone),
    grossMinor: order.grossMinor,
    discountMinor: order.discountMinor,
    totalMinor: order.totalMinor,
    vatMinor: order.vatMinor,
    paidMinor: order.paidMinor,
    changeMinor: order.changeMinor,
    vat: vatSummary(rows.lines),
    lines: rows.lines.map(lineSummary),
    discounts: order.discounts.map((d) => ({ kind: d.kind, percent: d.percentBp === null ? null : d.percentBp / 100, amountMinor: d.amountMinor, reason: d.reason })),
    tenders: rows.payments.map((p) => ({ method: p.method, amountMinor: p.amountMinor, appliedMinor: p.appliedMinor, reference: p.reference })),
    vouchersIssued: rows.vouchersIssued.map((v) => ({ code: v.code, formatted: formatVoucherCode(v.code), amountMinor: v.amountMinor, expiresAt: v.expiresAt?.toISOString() ?? null })),
    customer: rows.customer,
    approvedBy: order.approvedBy,
  }
  return { ...summary, receipt: saleReceipt(rows, shop, timeZone, options) }
}

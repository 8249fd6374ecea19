/**
 * The receipt printed for a return: the items back (negative quantities), where the money
 * or credit went, the store-credit code and the exchange's receipt number. Its barcode is
 * the return number, so a reprint or an audit finds it.
 */
import type { ReceiptDocument, ReceiptTender } from '../../../drivers/printer/document.js'
import { formatMajorUnits, type Minor } from '../../core/money.js'
import { formatVoucherCode } from '../../core/sale/voucher.js'
import { vatCodes } from '../sale/receipt.js'
import { receiptTime } from '../till/business-day.js'
import type { ShopDetails } from '../till/settings.js'
import type { RefundRecord } from './ports.js'

const LABEL: Record<RefundRecord['method'], string> = {
  cash: 'Cash refund', card: 'Refund to card', voucher: 'Back onto gift card', channel: 'Refund via the website',
  'store-credit': 'Store credit', exchange: 'Towards exchange',
}

export interface RefundReceiptInput {
  number: string
  orderNumber: string | null
  lines: ReadonlyArray<{ name: string; quantity: number; valueMinor: number; vatRateBp: number | null }>
  refunds: readonly RefundRecord[]
  creditedMinor: number
  exchangeNumber: string | null
  staffName: string
  station: string
  at: Date
}

export function refundReceipt(input: RefundReceiptInput, shop: ShopDetails, timeZone: string): ReceiptDocument {
  const codes = vatCodes(input.lines.flatMap((l) => (l.vatRateBp === null ? [] : [l.vatRateBp])))
  const tenders: ReceiptTender[] = input.refunds.map((r) => ({
    label: `${LABEL[r.method]}${r.method === 'card' && r.reference ? ` (ref ${r.reference.slice(-12)})` : ''}${r.method === 'voucher' && r.reference ? ` ****${r.reference.slice(-4)}` : ''}`,
    amountMinor: -r.amountMinor,
  }))
  const credit = input.refunds.find((r) => r.method === 'store-credit')
  return {
    shop: { name: shop.name, addressLines: shop.address, ...(shop.vatNumber ? { vatNumber: shop.vatNumber } : {}), ...(shop.phone ? { phone: shop.phone } : {}) },
    receiptNumber: input.number,
    dateTime: receiptTime(input.at, timeZone),
    cashier: input.staffName,
    station: input.station,
    lines: input.lines.map((l) => ({
      qty: -l.quantity, name: l.name, unitPriceMinor: Math.round(l.valueMinor / Math.max(1, l.quantity)), lineTotalMinor: -l.valueMinor,
      vatCode: l.vatRateBp === null ? 'N' : (codes.get(l.vatRateBp) ?? '?'),
    })),
    vat: [],
    totals: { totalMinor: -input.creditedMinor },
    tenders,
    footer: [
      `RETURN ${input.number}${input.orderNumber ? ` against ${input.orderNumber}` : ' (no receipt)'}`,
      ...(credit?.reference ? [`Store credit ${formatVoucherCode(credit.reference)}: £${formatMajorUnits(credit.amountMinor as Minor)}`] : []),
      ...(input.exchangeNumber ? [`Exchange: new items on receipt ${input.exchangeNumber}`] : []),
      'Thank you',
    ],
    currency: 'GBP',
  }
}

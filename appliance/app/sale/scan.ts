/**
 * What a scan at the till means. One code can be a product's GTIN, a scale's price or
 * weight label, a voucher (16 Crockford characters), a receipt (its Code 128, for a
 * return) or a SKU printed on a shelf label; this tells them apart in that order of
 * cheapness and answers what the till should do. Unknown codes are `not_found`, so the
 * screen can sound its error tone and leave the basket alone.
 */
import { notFound } from '../../core/errors.js'
import type { Minor } from '../../core/money.js'
import { formatReceiptNumber, parseReceiptNumber, parseVoucherCode, weighedPrice, type EmbeddedBarcode, type EmbeddedLayout } from '../../core/sale/index.js'
import type { ProductRecord } from '../ports.js'
import { readEmbedded, type ProductLookup } from './basket.js'
import type { SaleQueries } from './ports.js'
import { voucherView, type VoucherView } from './vouchers.js'

export type ScanResult =
  | {
      kind: 'product'
      code: string
      product: ProductRecord
      /** Send the line as `{barcode}` (labels must be read again by the appliance) or as `{sku}`. */
      line: { sku: string } | { barcode: string }
      embedded: EmbeddedBarcode | null
      /** What one scan adds: the label's price, the weighed price, or the catalogue price. */
      unitPriceMinor: number
    }
  | { kind: 'voucher'; code: string; voucher: VoucherView }
  | { kind: 'receipt'; code: string; receiptNumber: string }

export async function describeScan(code: string, deps: { catalogue: ProductLookup; sales: SaleQueries; layouts: readonly EmbeddedLayout[]; now: Date }): Promise<ScanResult> {
  const text = code.trim()
  const receipt = /^[A-Za-z]/.test(text) ? parseReceiptNumber(text) : undefined
  if (receipt) return { kind: 'receipt', code: text, receiptNumber: formatReceiptNumber(receipt) }
  if (!/^\d+$/.test(text)) {
    const voucherCode = parseVoucherCode(text)
    const voucher = voucherCode ? await deps.sales.voucher(voucherCode) : undefined
    if (voucher) return { kind: 'voucher', code: text, voucher: voucherView(voucher, deps.now) }
  }
  const read = readEmbedded(text, deps.layouts, 'code')
  if (read) {
    const product = await deps.catalogue.byBarcode(read.baseBarcode)
    if (!product) throw notFound(`No product is set up for the scale label ${text}`, 'code')
    const e = read.embedded
    const unitPriceMinor = e.kind === 'price' ? e.priceMinor : weighedPrice(e.weightGrams, product.priceMinor as Minor)
    return { kind: 'product', code: text, product, line: { barcode: text }, embedded: e, unitPriceMinor }
  }
  const product = (await deps.catalogue.byBarcode(text)) ?? (/^\d+$/.test(text) ? undefined : await deps.catalogue.bySku(text))
  if (!product) throw notFound(`${text} is not in the catalogue`, 'code')
  return { kind: 'product', code: text, product, line: { sku: product.sku }, embedded: null, unitPriceMinor: product.priceMinor }
}

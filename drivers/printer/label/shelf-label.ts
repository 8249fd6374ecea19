/**
 * Shelf-edge price label: product name (two lines at most), the price large, the
 * unit price where set, and the EAN-13 so staff can scan the shelf.
 */
import { formatMoney, resolveCurrency } from '../money-format.js'
import { wrap } from '../text-layout.js'
import { checkSize, ean13Body, SHELF_LABEL_SIZE, validateShelfLabel, type LabelSize, type ShelfLabel } from './label-types.js'
import { tsplFit, tsplHeader, tsplText, tsplToBytes } from './tspl.js'
import { fitText, zplText } from './zpl.js'

const MIN = { widthDots: 320, heightDots: 240 }
const MARGIN = 16

function texts(label: ShelfLabel) {
  const currency = resolveCurrency(label.currency)
  const price = formatMoney(label.priceMinor, currency)
  const perUnit = label.pricePerUnit ? `${formatMoney(label.pricePerUnit.amountMinor, currency)} per ${label.pricePerUnit.unit}` : undefined
  return { price, perUnit }
}

/** ZPL II shelf label (default 58 x 40 mm at 203 dpi). */
export function shelfLabelZpl(label: ShelfLabel, size: LabelSize = SHELF_LABEL_SIZE): string {
  validateShelfLabel(label)
  const { widthDots: w, heightDots: h } = checkSize(size, MIN)
  const { price, perUnit } = texts(label)
  const inner = w - 2 * MARGIN
  const nameHeight = 30
  const charsPerLine = Math.floor(inner / (nameHeight * 0.9 * 0.6))
  const nameLines = wrap(label.name, charsPerLine).slice(0, 2)
  const barcodeHeight = Math.round(h * 0.2)
  const barcodeY = h - barcodeHeight - 34
  const fields = [
    ...nameLines.map((line, i) => zplText({ x: MARGIN, y: 12 + i * (nameHeight + 4), height: nameHeight, text: fitText(line, inner, nameHeight * 0.9) })),
    zplText({ x: MARGIN, y: 84, height: 80, text: price }),
    ...(perUnit ? [zplText({ x: MARGIN, y: 170, height: 22, text: perUnit })] : []),
    ...(label.sku ? [zplText({ x: MARGIN, y: 170, height: 22, text: label.sku, blockWidth: inner, align: 'R' as const })] : []),
    // ^BE takes the 12-digit body and prints its own check digit; ^BY2 = 2-dot modules (190 dots).
    `^FO${MARGIN + 16},${barcodeY}^BY2^BEN,${barcodeHeight},Y,N^FD${ean13Body(label.ean13)}^FS`,
  ]
  return ['^XA', '^CI28', `^PW${w}`, `^LL${h}`, '^LH0,0', ...fields, '^PQ1', '^XZ'].join('\n') + '\n'
}

/** TSPL shelf label: the same layout with bitmap fonts. Returns Windows-1252 bytes. */
export function shelfLabelTspl(label: ShelfLabel, size: LabelSize = SHELF_LABEL_SIZE): Uint8Array {
  validateShelfLabel(label)
  const { widthDots: w, heightDots: h } = checkSize(size, MIN)
  const { price, perUnit } = texts(label)
  const inner = w - 2 * MARGIN
  const nameLines = wrap(label.name, Math.floor(inner / 16)).slice(0, 2)
  const barcodeHeight = Math.round(h * 0.2)
  const lines = [
    ...tsplHeader(size),
    ...nameLines.map((line, i) => tsplText(MARGIN, 12 + i * 28, '3', 1, tsplFit(line, inner, '3', 1))),
    // Never cut a price: drop to single size when double does not fit.
    tsplText(MARGIN, 76, '5', [...price].length * 64 <= inner ? 2 : 1, price),
    ...(perUnit ? [tsplText(MARGIN, 176, '2', 1, perUnit)] : []),
    `BARCODE ${MARGIN + 16},${h - barcodeHeight - 34},"EAN13",${barcodeHeight},1,0,2,2,"${ean13Body(label.ean13)}"`,
    'PRINT 1,1',
  ]
  return tsplToBytes(lines)
}

/**
 * 4 x 6 in shipping and returns labels: sender, recipient (large), carrier and
 * service, the tracking number as Code 128 and our reference. A returns label is the
 * same layout with a reversed "RETURN" banner; the caller passes the shop as `to`.
 */
import {
  addressLines, checkSize, code128Module, formatWeight, SHIPPING_LABEL_SIZE, validateShippingLabel,
  type LabelSize, type ShippingLabel,
} from './label-types.js'
import { tsplFit, tsplHeader, tsplString, tsplText, tsplToBytes } from './tspl.js'
import { fitText, zplBox, zplText } from './zpl.js'

const MIN = { widthDots: 600, heightDots: 900 }
const M = 30

export type ShippingLabelKind = 'shipping' | 'return'

/** ZPL II, 203 dpi 4x6 in by default: `^PW812^LL1218`, UTF-8 via `^CI28`. */
export function shippingLabelZpl(label: ShippingLabel, size: LabelSize = SHIPPING_LABEL_SIZE, kind: ShippingLabelKind = 'shipping'): string {
  validateShippingLabel(label)
  const { widthDots: w, heightDots: h } = checkSize(size, MIN)
  const inner = w - 2 * M
  const side = Math.round(inner * 0.3)
  const fromWidth = inner - side - 20
  const barcodeY = Math.round(h * 0.62)
  const barcodeHeight = Math.round(h * 0.16)
  const module = code128Module(label.trackingNumber, inner)
  const fields = [
    zplText({ x: M, y: M, height: 24, text: 'FROM' }),
    ...addressLines(label.from).slice(0, 6).map((line, i) => zplText({ x: M, y: M + 32 + i * 30, height: 26, text: fitText(line, fromWidth, 23) })),
    zplText({ x: w - M - side, y: M, height: 40, text: fitText(label.carrier, side, 36), blockWidth: side, align: 'R' }),
    zplText({ x: w - M - side, y: M + 50, height: 28, text: fitText(label.service, side, 25), blockWidth: side, align: 'R' }),
    ...(kind === 'return'
      ? [zplBox(w - M - side, M + 100, side, 64, 64), zplText({ x: w - M - side, y: M + 110, height: 48, text: 'RETURN', blockWidth: side, align: 'C', reverse: true })]
      : []),
    zplBox(M, M + 230, inner, 4, 4),
    zplText({ x: M, y: M + 250, height: 28, text: 'TO' }),
    ...addressLines(label.to).slice(0, 7).map((line, i) => zplText({ x: M, y: M + 290 + i * 56, height: 50, text: fitText(line, inner, 45) })),
    zplBox(M, barcodeY - 30, inner, 4, 4),
    // Mode A lets the printer switch Code 128 subsets (digit pairs in subset C).
    `^FO${M},${barcodeY}^BY${module}^BCN,${barcodeHeight},Y,N,N,A^FD${label.trackingNumber}^FS`,
    zplBox(M, h - 150, inner, 4, 4),
    zplText({ x: M, y: h - 125, height: 32, text: fitText(`Ref: ${label.reference}`, inner, 29) }),
    ...(label.weightGrams ? [zplText({ x: M, y: h - 125, height: 32, text: formatWeight(label.weightGrams), blockWidth: inner, align: 'R' })] : []),
  ]
  return ['^XA', '^CI28', `^PW${w}`, `^LL${h}`, '^LH0,0', ...fields, '^PQ1', '^XZ'].join('\n') + '\n'
}

export function returnsLabelZpl(label: ShippingLabel, size: LabelSize = SHIPPING_LABEL_SIZE): string {
  return shippingLabelZpl(label, size, 'return')
}

/** TSPL variant of the same layout (Windows-1252 bytes). */
export function shippingLabelTspl(label: ShippingLabel, size: LabelSize = SHIPPING_LABEL_SIZE, kind: ShippingLabelKind = 'shipping'): Uint8Array {
  validateShippingLabel(label)
  const { widthDots: w, heightDots: h } = checkSize(size, MIN)
  const inner = w - 2 * M
  const side = Math.round(inner * 0.3)
  const barcodeY = Math.round(h * 0.62)
  const module = code128Module(label.trackingNumber, inner)
  const lines = [
    ...tsplHeader(size),
    tsplText(M, M, '2', 1, 'FROM'),
    ...addressLines(label.from).slice(0, 6).map((line, i) => tsplText(M, M + 28 + i * 28, '3', 1, tsplFit(line, inner - side - 20, '3', 1))),
    tsplText(w - M - side, M, '3', 1, tsplFit(label.carrier, side, '3', 1)),
    tsplText(w - M - side, M + 32, '2', 1, tsplFit(label.service, side, '2', 1)),
    ...(kind === 'return' ? [tsplText(w - M - side + 8, M + 110, '4', 2, 'RETURN'), `REVERSE ${w - M - side},${M + 100},${side},84`] : []),
    `BAR ${M},${M + 230},${inner},4`,
    tsplText(M, M + 250, '2', 1, 'TO'),
    ...addressLines(label.to).slice(0, 7).map((line, i) => tsplText(M, M + 290 + i * 56, '4', 1, tsplFit(line, inner, '4', 1))),
    `BAR ${M},${barcodeY - 30},${inner},4`,
    `BARCODE ${M},${barcodeY},"128",${Math.round(h * 0.16)},2,0,${module},${module},${tsplString(label.trackingNumber)}`,
    `BAR ${M},${h - 150},${inner},4`,
    tsplText(M, h - 125, '3', 1, tsplFit(`Ref: ${label.reference}`, inner, '3', 1)),
    ...(label.weightGrams ? [tsplText(w - M - 200, h - 125, '3', 1, formatWeight(label.weightGrams))] : []),
    'PRINT 1,1',
  ]
  return tsplToBytes(lines)
}

export function returnsLabelTspl(label: ShippingLabel, size: LabelSize = SHIPPING_LABEL_SIZE): Uint8Array {
  return shippingLabelTspl(label, size, 'return')
}

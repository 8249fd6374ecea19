/** The PNG preview: paper-sized, text in 12x24 cells, bars for barcodes, modules for QR. */
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { printerProfile } from '../../../drivers/printer/profile.js'
import { encodeReceipt } from '../../../drivers/printer/receipt.js'
import type { DecodedReceipt, TextSpan } from '../../../drivers/virtual/decoded-receipt.js'
import { decodeEscPos } from '../../../drivers/virtual/escpos-decoder.js'
import { renderReceiptPng } from '../../../drivers/virtual/render-png.js'
import { sampleReceipt } from '../support/sample-documents.js'

const span = (text: string, extra: Partial<TextSpan> = {}): TextSpan =>
  ({ text, bold: false, underline: false, invert: false, italic: false, width: 1, height: 1, font: 'A', ...extra })

function inkIn(png: PNG, x0: number, y0: number, w: number, h: number): number {
  let ink = 0
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if ((png.data[(y * png.width + x) * 4] ?? 255) < 128) ink++
  return ink
}

describe('renderReceiptPng', () => {
  it('draws text lines in font-A cells, with a margin', () => {
    const receipt: DecodedReceipt = { elements: [{ kind: 'text', align: 'left', spans: [span('H')] }, { kind: 'text', align: 'right', spans: [span('é', { invert: true })] }], events: [], warnings: [] }
    const png = PNG.sync.read(renderReceiptPng(receipt, { widthDots: 96, columns: 8, margin: 4 }))
    expect([png.width, png.height]).toEqual([104, 4 + 30 + 30 + 4])
    expect(inkIn(png, 4, 4, 12, 24)).toBeGreaterThan(20) // H in the first cell
    expect(inkIn(png, 16, 4, 84, 24)).toBe(0)
    expect(inkIn(png, 88, 34, 12, 24)).toBeGreaterThan(200) // inverted é: a black cell at the right
  })

  it('renders a whole receipt: barcode bars under the totals, QR modules, a cut line', () => {
    const profile = printerProfile('epson-tm-t88vi')
    const receipt = decodeEscPos(encodeReceipt(sampleReceipt, profile))
    const png = PNG.sync.read(renderReceiptPng(receipt, { widthDots: profile.printableWidthDots, columns: profile.columns }))
    expect(png.width).toBe(504 + 32)
    // Find the barcode rows: a row crossed by many bar edges.
    let barcodeRows = 0
    for (let y = 0; y < png.height; y++) {
      let edges = 0
      for (let x = 1; x < png.width; x++) {
        const a = (png.data[(y * png.width + x - 1) * 4] ?? 255) < 128
        const b = (png.data[(y * png.width + x) * 4] ?? 255) < 128
        if (a !== b) edges++
      }
      if (edges > 40) barcodeRows++
    }
    expect(barcodeRows).toBeGreaterThan(60) // 60-dot bars + QR rows
  })

  it('draws a labelled box for a barcode it cannot build', () => {
    const receipt: DecodedReceipt = {
      elements: [{ kind: 'barcode', symbology: 'ean13', data: 'not digits', hri: 'none', heightDots: 40, moduleDots: 2, align: 'left' }],
      events: [], warnings: [],
    }
    const png = PNG.sync.read(renderReceiptPng(receipt, { widthDots: 200, columns: 16, margin: 0 }))
    expect(inkIn(png, 0, 0, 200, 2)).toBe(400) // the box's top edge
  })
})

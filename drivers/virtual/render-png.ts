/**
 * A decoded receipt as a PNG that looks like the paper: the printable width in dots,
 * text in a 12x24 cell per character (font A), barcodes as bars, QR codes as
 * modules, images dot for dot, a dashed line where the cutter cuts. The drawer kick
 * prints nothing, so it is shown in grey.
 */
import { linearModules, qrModules } from './barcode-modules.js'
import { Canvas, CELL_HEIGHT, CELL_WIDTH } from './canvas.js'
import type { Align, DecodedReceipt, PrintedElement, TextSpan } from './decoded-receipt.js'

export interface RenderOptions {
  /** Printable width in dots (576 for 80 mm at 203 dpi, 504 on a TM-T88, 416 for 58 mm). */
  widthDots?: number
  /** Characters per line of font A: the cell is widthDots / columns (12 dots as a rule). */
  columns?: number
  /** White paper around the print area. */
  margin?: number
}

interface Layout {
  cell: number
  scale: number
  width: number
  margin: number
}

const GREY = 140
const LINE_GAP = 6

export function renderReceiptPng(receipt: DecodedReceipt, { widthDots = 576, columns = 48, margin = 16 }: RenderOptions = {}): Buffer {
  const cell = Math.max(CELL_WIDTH, Math.floor(widthDots / columns))
  // 12-dot cells (font A) give a 2x glyph; other cell widths round to the nearest scale.
  const layout: Layout = { cell, scale: Math.max(1, Math.round(cell / CELL_WIDTH)), width: widthDots, margin }
  const heights = receipt.elements.map((e) => elementHeight(e, layout))
  const canvas = new Canvas(widthDots + 2 * margin, heights.reduce((a, b) => a + b, 0) + 2 * margin)
  let y = margin
  receipt.elements.forEach((element, i) => {
    drawElement(canvas, element, y, layout)
    y += heights[i] ?? 0
  })
  return canvas.toPng()
}

function lineHeight(spans: TextSpan[], scale: number): number {
  const tallest = spans.reduce((h, s) => Math.max(h, s.height), 1)
  return CELL_HEIGHT * scale * tallest + LINE_GAP
}

function elementHeight(e: PrintedElement, l: Layout): number {
  switch (e.kind) {
    case 'text': return lineHeight(e.spans, l.scale)
    case 'feed': return e.dots
    case 'barcode': return e.heightDots + (e.hri === 'none' ? 0 : CELL_HEIGHT * l.scale) * (e.hri === 'both' ? 2 : 1) + LINE_GAP
    case 'qr': return (qrModules(e.data, e.errorLevel)?.size ?? 21) * e.moduleDots + LINE_GAP
    case 'pdf417': return 80
    case 'image': return e.height
    case 'cut': return 24
    case 'pulse': return CELL_HEIGHT * l.scale + LINE_GAP
  }
}

function alignX(align: Align, contentWidth: number, l: Layout): number {
  const free = Math.max(0, l.width - contentWidth)
  return l.margin + (align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0)
}

function drawElement(c: Canvas, e: PrintedElement, y: number, l: Layout): void {
  switch (e.kind) {
    case 'text': return drawText(c, e.spans, e.align, y, l)
    case 'feed': return
    case 'barcode': return drawBarcode(c, e, y, l)
    case 'qr': return drawQr(c, e, y, l)
    case 'pdf417': return drawBox(c, `PDF417 ${e.data}`, alignX(e.align, l.width, l), y, l.width, 72, l)
    case 'image': return c.bitmap(alignX(e.align, e.width, l), y, e.width, e.height, e.bits)
    case 'cut':
      for (let x = 0; x < c.width; x += 12) c.fill(x, y + 11, e.partial && x > c.width - 48 ? 0 : 6, 2, e.partial && x > c.width - 48 ? 255 : 0)
      return
    case 'pulse':
      c.text(l.margin, y, `[drawer kick pin ${e.pin}]`, { scaleX: l.scale, scaleY: l.scale, advance: l.cell, ink: GREY })
      return
  }
}

function drawText(c: Canvas, spans: TextSpan[], align: Align, y: number, l: Layout): void {
  const width = spans.reduce((n, s) => n + [...s.text].length * s.width * l.cell, 0)
  const tallest = spans.reduce((h, s) => Math.max(h, s.height), 1)
  let x = alignX(align, width, l)
  for (const s of spans) {
    // Spans on one line share a baseline: shorter text sits at the bottom of the line.
    const top = y + (tallest - s.height) * CELL_HEIGHT * l.scale
    x = c.text(x, top, s.text, { scaleX: l.scale * s.width, scaleY: l.scale * s.height, advance: l.cell * s.width, bold: s.bold, underline: s.underline, invert: s.invert })
  }
}

function drawBarcode(c: Canvas, e: Extract<PrintedElement, { kind: 'barcode' }>, y: number, l: Layout): void {
  const bars = linearModules(e.symbology, e.data)
  const hriHeight = CELL_HEIGHT * l.scale
  const barsTop = y + (e.hri === 'above' || e.hri === 'both' ? hriHeight : 0)
  if (!bars) {
    drawBox(c, `${e.symbology} ${e.data}`, alignX(e.align, l.width, l), barsTop, l.width, e.heightDots, l)
    return
  }
  const total = bars.reduce((a, b) => a + b, 0) * e.moduleDots
  let x = alignX(e.align, total, l)
  bars.forEach((w, i) => {
    if (i % 2 === 0) c.fill(x, barsTop, w * e.moduleDots, e.heightDots)
    x += w * e.moduleDots
  })
  const textWidth = [...e.data].length * l.cell
  const textX = alignX(e.align, textWidth, l)
  const hri = e.data.replaceAll('\x1d', ' ')
  const font = { scaleX: l.scale, scaleY: l.scale, advance: l.cell }
  if (e.hri === 'above' || e.hri === 'both') c.text(textX, y, hri, font)
  if (e.hri === 'below' || e.hri === 'both') c.text(textX, barsTop + e.heightDots, hri, font)
}

function drawQr(c: Canvas, e: Extract<PrintedElement, { kind: 'qr' }>, y: number, l: Layout): void {
  const matrix = qrModules(e.data, e.errorLevel)
  if (!matrix) return drawBox(c, `QR ${e.data}`, l.margin, y, l.width, 21 * e.moduleDots, l)
  const x0 = alignX(e.align, matrix.size * e.moduleDots, l)
  matrix.modules.forEach((dark, i) => {
    if (dark) c.fill(x0 + (i % matrix.size) * e.moduleDots, y + Math.floor(i / matrix.size) * e.moduleDots, e.moduleDots, e.moduleDots)
  })
}

function drawBox(c: Canvas, label: string, x: number, y: number, w: number, h: number, l: Layout): void {
  c.fill(x, y, w, 2)
  c.fill(x, y + h - 2, w, 2)
  c.fill(x, y, 2, h)
  c.fill(x + w - 2, y, 2, h)
  const max = Math.floor((w - 16) / l.cell)
  c.text(x + 8, y + Math.max(2, Math.floor(h / 2) - 12), [...label].slice(0, max).join(''), { scaleX: l.scale, scaleY: l.scale, advance: l.cell })
}

/**
 * An 8-bit grayscale canvas (255 = paper, 0 = ink) with just what a receipt preview
 * needs: rectangles, 1-bit bitmaps and the 5x9 bitmap font in a 6x12 cell.
 */
import { PNG } from 'pngjs'
import { GLYPHS, MARKS } from './bitmap-font.js'

export const CELL_WIDTH = 6
export const CELL_HEIGHT = 12
/** Glyph body starts 2 rows down, leaving room for accents on capitals. */
const BODY_TOP = 2

export interface GlyphStyle {
  /** Pixels per font pixel horizontally and vertically. */
  scaleX: number
  scaleY: number
  /** Pixels from one character to the next; defaults to the cell at scaleX. */
  advance?: number
  bold?: boolean
  underline?: boolean
  invert?: boolean
  ink?: number
}

export class Canvas {
  readonly data: Uint8Array

  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height).fill(255)
  }

  fill(x: number, y: number, w: number, h: number, value = 0): void {
    const x0 = Math.max(0, Math.floor(x))
    const x1 = Math.min(this.width, Math.floor(x + w))
    const y1 = Math.min(this.height, Math.floor(y + h))
    for (let row = Math.max(0, Math.floor(y)); row < y1; row++) this.data.fill(value, row * this.width + x0, row * this.width + x1)
  }

  /** Draws a packed 1-bit bitmap (MSB first), black where bits are set. */
  bitmap(x: number, y: number, width: number, height: number, bits: Uint8Array, scale = 1): void {
    const rowBytes = Math.ceil(width / 8)
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        if ((bits[row * rowBytes + (col >> 3)] ?? 0) & (0x80 >> (col & 7))) this.fill(x + col * scale, y + row * scale, scale, scale)
      }
    }
  }

  /** Draws text in the bitmap font; returns the x after the last character. */
  text(x: number, y: number, text: string, style: GlyphStyle): number {
    const cellW = style.advance ?? CELL_WIDTH * style.scaleX
    const ink = style.ink ?? 0
    for (const char of text.normalize('NFC')) {
      if (style.invert) this.fill(x, y, cellW, CELL_HEIGHT * style.scaleY, 0)
      this.#glyph(x, y, char, style, style.invert ? 255 : ink)
      if (style.underline) this.fill(x, y + (CELL_HEIGHT - 1) * style.scaleY, cellW, style.scaleY, style.invert ? 255 : ink)
      x += cellW
    }
    return x
  }

  #glyph(x: number, y: number, char: string, style: GlyphStyle, ink: number): void {
    const [base = '?', ...marks] = [...char.normalize('NFD')]
    const hasAbove = marks.some((m) => MARKS[m] && !MARKS[m].below)
    // An accent replaces the dot of i and j.
    const letter = hasAbove && base === 'i' ? 'ı' : base
    const rows = GLYPHS[letter] ?? GLYPHS['?'] ?? []
    this.#rows(x, y, BODY_TOP, rows, style, ink)
    const tall = (rows[0] ?? 0) !== 0 || (rows[1] ?? 0) !== 0
    for (const mark of marks) {
      const m = MARKS[mark]
      if (!m) continue
      // Capitals: accent in the two spare rows on top. Lower case: one row clear of the x-height.
      const top = m.below ? BODY_TOP + 7 : tall ? 0 : BODY_TOP - 1
      this.#rows(x, y, top, m.rows, style, ink)
    }
  }

  #rows(x: number, y: number, top: number, rows: readonly number[], style: GlyphStyle, ink: number): void {
    const { scaleX: sx, scaleY: sy } = style
    rows.forEach((bits, r) => {
      for (let c = 0; c < 5; c++) {
        if (!(bits & (0x10 >> c))) continue
        // Bold: each pixel one device dot wider, as thermal printers do it.
        this.fill(x + c * sx, y + (top + r) * sy, sx + (style.bold ? Math.max(1, sx >> 1) : 0), sy, ink)
      }
    })
  }

  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height, colorType: 0, inputColorType: 0, bitDepth: 8 })
    png.data = Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength)
    return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 })
  }
}

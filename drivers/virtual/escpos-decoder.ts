/**
 * The virtual printer's interpreter: ESC/POS tokens → printed elements. It keeps the
 * printer state a real one keeps (code page, styles, alignment, barcode settings,
 * the QR symbol store) and ends a text line where the printer would: LF, ESC d,
 * ESC J, FF, or before a barcode, image or cut. CR is ignored (the encoder sends
 * LF CR; with auto line feed off, printers ignore the CR).
 */
import { codepageByNumber, decodeText, type CodepageTable } from '../printer/codepages.js'
import type { Align, DecodedReceipt, PrintedElement, TextSpan } from './decoded-receipt.js'
import { decodeBarcode, decodeColumnImage, decodeRaster, decodeSymbolFunction, stackBitmaps, type Bitmap } from './escpos-payloads.js'
import { tokenize, type EscPosToken } from './escpos-tokenizer.js'

export interface DecoderOptions {
  /** How ESC t n numbers code pages; default Epson's. */
  codepageTable?: CodepageTable
}

type Style = Omit<TextSpan, 'text'>
const DEFAULT_STYLE: Style = { bold: false, underline: false, invert: false, italic: false, width: 1, height: 1, font: 'A' }
const HRI = ['none', 'above', 'below', 'both'] as const
const ALIGN: Align[] = ['left', 'center', 'right']

export class EscPosDecoder {
  readonly #table: CodepageTable
  readonly #out: DecodedReceipt = { elements: [], events: [], warnings: [] }
  #style: Style = { ...DEFAULT_STYLE }
  #align: Align = 'left'
  #codepage = 'cp437'
  #barcode = { heightDots: 162, moduleDots: 3, hri: 'none' as (typeof HRI)[number] }
  #qr = { moduleDots: 3, errorLevel: 'L', data: '' }
  #pdf417 = ''
  #line: TextSpan[] = []
  #lineAlign: Align | undefined
  #stripOnLine = false
  #column = 0
  #lastImage: (Bitmap & { kind: 'image'; align: Align }) | undefined

  constructor(options: DecoderOptions = {}) {
    this.#table = options.codepageTable ?? 'epson'
  }

  feed(tokens: Iterable<EscPosToken>): this {
    for (const token of tokens) this.#token(token)
    return this
  }

  /** Flushes an unterminated last line (a real printer would hold it) and returns the result. */
  finish(): DecodedReceipt {
    if (this.#line.length > 0) this.#endLine()
    return this.#out
  }

  #token(token: EscPosToken): void {
    if (token.kind === 'text') return this.#text(decodeText(token.bytes, this.#codepage))
    if (token.kind === 'control') return this.#control(token.byte)
    if (token.kind === 'unknown') {
      const hex = [...token.bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')
      this.#out.events.push({ kind: 'unknown', bytes: [...token.bytes], offset: token.offset })
      this.#out.warnings.push(`unknown command ${hex} at byte ${token.offset}`)
      return
    }
    this.#command(token.name, token.bytes, token.offset)
  }

  #text(text: string): void {
    this.#lineAlign ??= this.#align
    this.#column += [...text].length * this.#style.width
    const last = this.#line.at(-1)
    if (last && sameStyle(last, this.#style)) last.text += text
    else this.#line.push({ text, ...this.#style })
  }

  #control(byte: number): void {
    if (byte === 0x0a || byte === 0x0c) {
      // A LF after a column-image strip only advances past it: no blank line.
      if (this.#stripOnLine && this.#line.length === 0) this.#stripOnLine = false
      else this.#endLine()
    } else if (byte === 0x09) {
      this.#text(' '.repeat(8 - (this.#column % 8)))
    }
  }

  #endLine(): void {
    this.#push({ kind: 'text', align: this.#lineAlign ?? this.#align, spans: this.#line })
    this.#line = []
    this.#lineAlign = undefined
    this.#column = 0
    this.#stripOnLine = false
  }

  #endPendingLine(): void {
    if (this.#line.length > 0) this.#endLine()
  }

  #push(element: PrintedElement): void {
    this.#out.elements.push(element)
    this.#lastImage = undefined
  }

  #image(bitmap: Bitmap): void {
    this.#endPendingLine()
    const last = this.#lastImage
    if (last && last.width === bitmap.width && this.#out.elements.at(-1) === last) {
      // Encoders send tall images in chunks (255 rows, or 24-dot strips): join them.
      Object.assign(last, stackBitmaps(last, bitmap))
      return
    }
    const element = { kind: 'image' as const, align: this.#align, ...bitmap }
    this.#push(element)
    this.#lastImage = element
  }

  #command(name: string, b: Uint8Array, offset: number): void {
    const n = b[2] ?? 0
    switch (name) {
      case 'initialize':
        this.#style = { ...DEFAULT_STYLE }
        this.#align = 'left'
        this.#codepage = 'cp437'
        this.#out.events.push({ kind: 'initialize', offset })
        return
      case 'codepage': return this.#selectCodepage(n, offset)
      case 'print-mode':
        this.#style = { ...this.#style, font: n & 1 ? 'B' : 'A', bold: !!(n & 8), height: n & 16 ? 2 : 1, width: n & 32 ? 2 : 1, underline: !!(n & 128) }
        return
      case 'font': this.#style = { ...this.#style, font: n & 1 ? 'B' : 'A' }; return
      case 'bold': this.#style = { ...this.#style, bold: !!(n & 1) }; return
      case 'underline': this.#style = { ...this.#style, underline: (n & 3) !== 0 }; return
      case 'italic': this.#style = { ...this.#style, italic: !!(n & 1) }; return
      case 'invert': this.#style = { ...this.#style, invert: !!(n & 1) }; return
      case 'size': this.#style = { ...this.#style, width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 }; return
      case 'align': this.#align = ALIGN[n % 48] ?? 'left'; return
      case 'feed-lines': return this.#feedLines(n)
      case 'feed-dots': this.#endPendingLine(); this.#push({ kind: 'feed', dots: n }); return
      case 'barcode-height': this.#barcode.heightDots = n; return
      case 'barcode-width': this.#barcode.moduleDots = n; return
      case 'hri-position': this.#barcode.hri = HRI[n % 48] ?? 'none'; return
      case 'barcode': return this.#printBarcode(b)
      case 'function': return this.#symbolFunction(b, offset)
      case 'raster-image': return this.#image(decodeRaster(b))
      case 'bit-image':
        this.#image(decodeColumnImage(b))
        this.#stripOnLine = true
        return
      case 'cut': case 'cut-legacy-full': case 'cut-legacy-partial':
        this.#endPendingLine()
        this.#push({ kind: 'cut', partial: name === 'cut-legacy-partial' || (name === 'cut' && [1, 49, 66, 98, 104].includes(n)) })
        return
      case 'pulse':
        this.#push({ kind: 'pulse', pin: n & 1 ? 5 : 2, onMs: (b[3] ?? 0) * 2, offMs: (b[4] ?? 0) * 2, realtime: false })
        return
      case 'realtime-command':
        if (n === 1) this.#push({ kind: 'pulse', pin: (b[3] ?? 0) & 1 ? 5 : 2, onMs: (b[4] ?? 0) * 100, offMs: (b[4] ?? 0) * 100, realtime: true })
        return
      case 'status-request': this.#out.events.push({ kind: 'status-request', n, offset }); return
      case 'asb': this.#out.events.push({ kind: 'asb', n, offset }); return
      case 'graphics': this.#out.warnings.push(`GS 8 L graphics at byte ${offset} are not rendered`); return
      default: return // state the virtual printer does not draw (spacing, margins, kanji off, …)
    }
  }

  #selectCodepage(n: number, offset: number): void {
    const name = codepageByNumber(this.#table, n)
    if (!name) this.#out.warnings.push(`code page ${n} (${this.#table}) is not known; decoding as cp437`)
    this.#codepage = name ?? 'cp437'
    this.#out.events.push({ kind: 'codepage', number: n, name: this.#codepage, offset })
  }

  /** ESC d n: print the line and feed n lines in all (an empty buffer feeds n blank lines). */
  #feedLines(n: number): void {
    let blanks = n
    if (this.#line.length > 0) {
      this.#endLine()
      blanks--
    }
    for (let i = 0; i < blanks; i++) this.#push({ kind: 'text', align: this.#align, spans: [] })
  }

  #printBarcode(bytes: Uint8Array): void {
    this.#endPendingLine()
    const { symbology, data } = decodeBarcode(bytes)
    this.#push({ kind: 'barcode', symbology, data, align: this.#align, ...this.#barcode })
  }

  #symbolFunction(bytes: Uint8Array, offset: number): void {
    const f = decodeSymbolFunction(bytes)
    if (!f) {
      if (bytes[2] === 0x4c) this.#out.warnings.push(`GS ( L graphics at byte ${offset} are not rendered`)
      return
    }
    if (f.fn === 'size') this.#qr.moduleDots = f.moduleDots
    else if (f.fn === 'error-level') this.#qr.errorLevel = f.level
    else if (f.fn === 'store') {
      if (f.symbol === 'qr') this.#qr.data = f.data
      else this.#pdf417 = f.data
    } else if (f.fn === 'print') {
      this.#endPendingLine()
      if (f.symbol === 'qr') this.#push({ kind: 'qr', data: this.#qr.data, moduleDots: this.#qr.moduleDots, errorLevel: this.#qr.errorLevel, align: this.#align })
      else this.#push({ kind: 'pdf417', data: this.#pdf417, align: this.#align })
    }
  }
}

function sameStyle(a: Style, b: Style): boolean {
  return a.bold === b.bold && a.underline === b.underline && a.invert === b.invert && a.italic === b.italic &&
    a.width === b.width && a.height === b.height && a.font === b.font
}

/** Decodes a whole ESC/POS job. */
export function decodeEscPos(bytes: Uint8Array, options: DecoderOptions = {}): DecodedReceipt {
  return new EscPosDecoder(options).feed(tokenize(bytes)).finish()
}

/**
 * A thin, line-oriented wrapper over @point-of-sale/receipt-printer-encoder: the only
 * module that talks to the encoder. The encoder owns the printer language (ESC/POS vs
 * StarPRNT styles, barcodes, QR, raster images, cut, drawer pulse); this class owns
 * the layout (we pad and wrap ourselves) and the text bytes (see codepages.ts).
 */
import ReceiptPrinterEncoder, { type ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder'
import { InvalidOptionsError } from '../errors.js'
import { encodeText } from './codepages.js'
import type { RasterImage } from './document.js'
import type { PrinterProfile } from './profile.js'
import { textWidth } from './text-layout.js'

export interface TextStyle {
  bold?: boolean
  underline?: boolean
  invert?: boolean
  /** Character magnification, 1-8 (2 = double). */
  width?: number
  height?: number
}

export interface Segment {
  text: string
  style?: TextStyle
}

/** The encoder's line end ('\n\r', its default for every language and model we ship). */
const NEWLINE = [0x0a, 0x0d]

export class ReceiptWriter {
  readonly columns: number
  readonly #encoder: ReceiptPrinterEncoder
  readonly #profile: PrinterProfile
  /**
   * Plain text bytes (with their LF CR) not yet handed to the encoder. Unstyled lines
   * go to it as one raw block: per-line encoder items made a 30-line receipt several
   * times slower, for the same bytes.
   */
  #pending: number[] = []

  constructor(profile: PrinterProfile) {
    this.#profile = profile
    this.columns = profile.columns
    const options: ReceiptPrinterEncoderOptions = {
      printerModel: profile.encoderModel as ReceiptPrinterEncoderOptions['printerModel'],
      language: profile.language,
      columns: profile.columns,
      imageMode: profile.imageMode,
      feedBeforeCut: profile.cutter.feedLines,
      // Strict: an unsupported barcode or QR must throw, not print a console warning.
      errors: 'strict',
    }
    try {
      this.#encoder = new ReceiptPrinterEncoder(options)
    } catch (cause) {
      throw new InvalidOptionsError(`printer profile ${profile.id} is not accepted by the encoder`, { cause })
    }
    this.#encoder.initialize()
    // Select the code page once; every text byte after this is in it.
    this.#encoder.raw(codepageCommand(profile))
  }

  /** One printed line made of styled segments, aligned as a whole. */
  line(segments: Segment[] | string, align: 'left' | 'center' | 'right' = 'left'): this {
    const parts = typeof segments === 'string' ? [{ text: segments }] : segments
    const used = parts.reduce((sum, s) => sum + textWidth(s.text) * (s.style?.width ?? 1), 0)
    const free = Math.max(0, this.columns - used)
    const padding = align === 'left' ? 0 : align === 'right' ? free : Math.floor(free / 2)
    let plain = ' '.repeat(padding)
    for (const segment of parts) {
      if (!isStyled(segment.style)) {
        plain += segment.text
        continue
      }
      this.#plain(plain)
      plain = ''
      this.#flush()
      this.#styled(segment.text, segment.style ?? {})
    }
    this.#plain(plain)
    this.#pending.push(...NEWLINE)
    return this
  }

  blank(count = 1): this {
    for (let i = 0; i < count; i++) this.#pending.push(...NEWLINE)
    return this
  }

  rule(char = '-'): this {
    return this.line(char.repeat(this.columns))
  }

  image(image: RasterImage, widthDots: number): this {
    this.#flush()
    const width = Math.min(widthDots, this.#profile.printableWidthDots)
    const height = Math.max(1, Math.round((image.height * width) / image.width))
    this.#encoder.align('center').image(image, { width, height, algorithm: 'threshold' }).align('left')
    return this
  }

  barcode(value: string, symbology: 'code128' | 'ean13', moduleWidth: 1 | 2 | 3, heightDots: number): this {
    this.#flush()
    // ESC/POS Code 128 data starts with its code set ("{B"); a literal "{" is written "{{".
    const data = symbology === 'code128' ? `{B${value.replaceAll('{', '{{')}` : value
    this.#encoder.align('center').barcode(data, symbology, { height: heightDots, width: moduleWidth, text: 'below' }).align('left')
    return this
  }

  qr(value: string, moduleSize: number): this {
    this.#flush()
    this.#encoder.align('center').qrcode(value, { model: 2, size: moduleSize, errorlevel: 'm' }).align('left')
    return this
  }

  pulse(pin: 2 | 5, onMs: number, offMs: number): this {
    this.#flush()
    this.#encoder.pulse(pin === 2 ? 0 : 1, onMs, offMs)
    return this
  }

  cut(type: 'full' | 'partial'): this {
    this.#flush()
    this.#encoder.cut(type)
    return this
  }

  bytes(): Uint8Array {
    this.#flush()
    const bytes = this.#encoder.encode()
    // The encoder ends a cut with a line feed, which would print as a blank line at the
    // top of the next receipt: drop it.
    const n = bytes.length
    const cut = this.#profile.language === 'esc-pos' ? bytes[n - 5] === 0x1d && bytes[n - 4] === 0x56 : bytes[n - 5] === 0x1b && bytes[n - 4] === 0x64
    return cut && bytes[n - 2] === 0x0a && bytes[n - 1] === 0x0d ? bytes.subarray(0, n - 2) : bytes
  }

  #plain(text: string): void {
    if (text) for (const b of encodeText(text, this.#profile.codepage.name)) this.#pending.push(b)
  }

  /** Hands pending plain bytes to the encoder (raw data: it adds nothing to them). */
  #flush(): void {
    if (this.#pending.length === 0) return
    this.#encoder.raw(this.#pending)
    this.#pending = []
  }

  #styled(text: string, style: TextStyle): void {
    const e = this.#encoder
    const sized = (style.width ?? 1) !== 1 || (style.height ?? 1) !== 1
    if (style.bold) e.bold(true)
    if (style.underline) e.underline(true)
    if (style.invert) e.invert(true)
    if (sized) e.size(style.width ?? 1, style.height ?? 1)
    e.raw(encodeText(text, this.#profile.codepage.name))
    if (sized) e.size(1, 1)
    if (style.invert) e.invert(false)
    if (style.underline) e.underline(false)
    if (style.bold) e.bold(false)
  }
}

const isStyled = (s: TextStyle | undefined): boolean =>
  !!s && (!!s.bold || !!s.underline || !!s.invert || (s.width ?? 1) !== 1 || (s.height ?? 1) !== 1)

/** ESC t n (ESC/POS) or ESC GS t n (StarPRNT / Star Line). */
export function codepageCommand(profile: Pick<PrinterProfile, 'language' | 'codepage'>): number[] {
  const n = profile.codepage.number
  return profile.language === 'esc-pos' ? [0x1b, 0x74, n] : [0x1b, 0x1d, 0x74, n]
}

/**
 * Decoding the payload of graphic commands: barcode data, QR/PDF417 functions and
 * bit images. Pure functions over one command's bytes.
 */

const BARCODE_SYMBOLOGIES: Readonly<Record<number, string>> = {
  0: 'upca', 1: 'upce', 2: 'ean13', 3: 'ean8', 4: 'code39', 5: 'itf', 6: 'codabar',
  65: 'upca', 66: 'upce', 67: 'ean13', 68: 'ean8', 69: 'code39', 70: 'itf', 71: 'codabar', 72: 'code93',
  73: 'code128', 74: 'gs1-128', 75: 'gs1-databar-omni', 76: 'gs1-databar-truncated', 77: 'gs1-databar-limited',
  78: 'gs1-databar-expanded', 79: 'code128-auto',
}

/** GS k m …: symbology and the human data (Code 128 code-set switches removed). */
export function decodeBarcode(bytes: Uint8Array): { symbology: string; data: string } {
  const m = bytes[2] ?? 0
  const symbology = BARCODE_SYMBOLOGIES[m] ?? `unknown-${m}`
  const payload = m <= 6 ? bytes.subarray(3, bytes.length - 1) : bytes.subarray(4)
  const data = symbology === 'code128' ? decodeCode128(payload) : latin1(payload)
  return { symbology, data }
}

/**
 * ESC/POS Code 128 data: "{A", "{B", "{C" switch code set, "{1" is FNC1 (shown as the
 * GS character, as a scanner transmits it), "{{" is a literal brace; in set C each
 * byte is a pair of digits.
 */
export function decodeCode128(payload: Uint8Array): string {
  let set: 'A' | 'B' | 'C' = 'B'
  let out = ''
  for (let i = 0; i < payload.length; i++) {
    const b = payload[i] as number
    if (b === 0x7b && i + 1 < payload.length) {
      const next = String.fromCharCode(payload[++i] as number)
      if (next === 'A' || next === 'B' || next === 'C') set = next
      else if (next === '1') out += '\x1d'
      else if (next === '{') out += '{'
      continue
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b)
  }
  return out
}

export type SymbolFunction =
  | { symbol: 'qr' | 'pdf417'; fn: 'store'; data: string }
  | { symbol: 'qr' | 'pdf417'; fn: 'print' }
  | { symbol: 'qr'; fn: 'size'; moduleDots: number }
  | { symbol: 'qr'; fn: 'error-level'; level: string }
  | { symbol: 'qr' | 'pdf417'; fn: 'other' }

/** GS ( k pL pH cn fn …: cn 0x31 is QR, 0x30 PDF417. Undefined for other GS ( functions. */
export function decodeSymbolFunction(bytes: Uint8Array): SymbolFunction | undefined {
  if (bytes[2] !== 0x6b) return undefined
  const cn = bytes[5]
  const fn = bytes[6]
  const symbol = cn === 0x31 ? 'qr' : cn === 0x30 ? 'pdf417' : undefined
  if (!symbol) return undefined
  if (fn === 0x50) return { symbol, fn: 'store', data: latin1(bytes.subarray(8)) }
  if (fn === 0x51) return { symbol, fn: 'print' }
  if (symbol === 'qr' && fn === 0x43) return { symbol, fn: 'size', moduleDots: bytes[7] ?? 3 }
  if (symbol === 'qr' && fn === 0x45) return { symbol, fn: 'error-level', level: ['L', 'M', 'Q', 'H'][(bytes[7] ?? 49) - 48] ?? 'M' }
  return { symbol, fn: 'other' }
}

export interface Bitmap {
  width: number
  height: number
  /** Row-major, MSB first, `Math.ceil(width / 8)` bytes per row, 1 = black. */
  bits: Uint8Array
}

/** GS v 0 m xL xH yL yH d…: already row-major 1-bit. */
export function decodeRaster(bytes: Uint8Array): Bitmap {
  const xBytes = (bytes[4] ?? 0) + (bytes[5] ?? 0) * 256
  const height = (bytes[6] ?? 0) + (bytes[7] ?? 0) * 256
  return { width: xBytes * 8, height, bits: bytes.slice(8, 8 + xBytes * height) }
}

/** ESC * m nL nH d…: column format (8 or 24 dots high), turned into rows. */
export function decodeColumnImage(bytes: Uint8Array): Bitmap {
  const m = bytes[2] ?? 0
  const width = (bytes[3] ?? 0) + (bytes[4] ?? 0) * 256
  const bytesPerColumn = m >= 32 ? 3 : 1
  const height = bytesPerColumn * 8
  const rowBytes = Math.ceil(width / 8)
  const bits = new Uint8Array(rowBytes * height)
  for (let x = 0; x < width; x++) {
    for (let c = 0; c < bytesPerColumn; c++) {
      const column = bytes[5 + x * bytesPerColumn + c] ?? 0
      for (let b = 0; b < 8; b++) {
        if (column & (0x80 >> b)) {
          const y = c * 8 + b
          bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7)
        }
      }
    }
  }
  return { width, height, bits }
}

/** Stacks two bitmaps of the same width (a logo sent in 255-row raster chunks). */
export function stackBitmaps(top: Bitmap, bottom: Bitmap): Bitmap {
  const bits = new Uint8Array(top.bits.length + bottom.bits.length)
  bits.set(top.bits)
  bits.set(bottom.bits, top.bits.length)
  return { width: top.width, height: top.height + bottom.height, bits }
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

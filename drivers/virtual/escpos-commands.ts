/**
 * The ESC/POS command table: for each command, its name and how many bytes it spans.
 * Lengths come from the Epson ESC/POS reference. A length function returns
 * `undefined` when more bytes are needed to know (streaming input), and a total
 * length (prefix included) otherwise.
 */

export type LengthFn = (buf: Uint8Array, at: number) => number | undefined

export interface CommandSpec {
  name: string
  length: number | LengthFn
}

const byteAt = (buf: Uint8Array, i: number): number | undefined => buf[i]
const word = (buf: Uint8Array, i: number): number | undefined => {
  const lo = buf[i]
  const hi = buf[i + 1]
  return lo === undefined || hi === undefined ? undefined : lo + hi * 256
}

/** `prefix pL pH` followed by pL + pH*256 bytes (GS ( x, the "function" commands). */
const lengthPrefixed = (prefixLength: number): LengthFn => (buf, at) => {
  const n = word(buf, at + prefixLength)
  return n === undefined ? undefined : prefixLength + 2 + n
}

/** Bytes up to and including a NUL, starting after `skip` bytes. */
const nulTerminated = (skip: number, max = 256): LengthFn => (buf, at) => {
  for (let i = at + skip; i < buf.length && i < at + skip + max; i++) if (buf[i] === 0) return i - at + 1
  return buf.length - at - skip >= max ? skip + max : undefined
}

/** ESC * m nL nH d…: m 0/1 is 8-dot columns (1 byte each), m 32/33 is 24-dot (3 bytes). */
const escStar: LengthFn = (buf, at) => {
  const m = byteAt(buf, at + 2)
  const k = word(buf, at + 3)
  if (m === undefined || k === undefined) return undefined
  return 5 + k * (m >= 32 ? 3 : 1)
}

/** GS v 0 m xL xH yL yH d…: raster image, (xL + xH*256) bytes per row. */
const gsV0: LengthFn = (buf, at) => {
  const x = word(buf, at + 4)
  const y = word(buf, at + 6)
  return x === undefined || y === undefined ? undefined : 8 + x * y
}

/** GS k m …: m 0-6 is NUL-terminated (function A), m ≥ 65 has a length byte (function B). */
const gsK: LengthFn = (buf, at) => {
  const m = byteAt(buf, at + 2)
  if (m === undefined) return undefined
  if (m <= 6) return nulTerminated(3)(buf, at)
  const n = byteAt(buf, at + 3)
  return n === undefined ? undefined : 4 + n
}

/** GS V m [n]: n only for m = 65, 66, 97, 98, 103, 104 (cut after feeding n). */
const gsV: LengthFn = (buf, at) => {
  const m = byteAt(buf, at + 2)
  if (m === undefined) return undefined
  return [65, 66, 97, 98, 103, 104].includes(m) ? 4 : 3
}

/** GS 8 L p1 p2 p3 p4 …: graphics with a 4-byte length. */
const gs8L: LengthFn = (buf, at) => {
  if (buf.length < at + 7) return undefined
  const n = (buf[at + 3] ?? 0) + (buf[at + 4] ?? 0) * 256 + (buf[at + 5] ?? 0) * 65536 + (buf[at + 6] ?? 0) * 16777216
  return 7 + n
}

/** DLE DC4 fn …: fn 1 (pulse) m t; fn 2 power-off a b; fn 7/8 have 1 and 7 bytes. */
const dleDc4: LengthFn = (buf, at) => {
  const fn = byteAt(buf, at + 2)
  if (fn === undefined) return undefined
  return 3 + ({ 1: 2, 2: 2, 7: 1, 8: 7 }[fn] ?? 2)
}

/** DLE EOT n [a]: n 7 and 8 carry one more byte. */
const dleEot: LengthFn = (buf, at) => {
  const n = byteAt(buf, at + 2)
  if (n === undefined) return undefined
  return n === 7 || n === 8 ? 4 : 3
}

const fixed = (name: string, params: number): CommandSpec => ({ name, length: 2 + params })

export const ESC_COMMANDS: Readonly<Record<number, CommandSpec>> = {
  0x20: fixed('right-spacing', 1), 0x21: fixed('print-mode', 1), 0x24: fixed('absolute-position', 2),
  0x25: fixed('user-chars', 1), 0x2a: { name: 'bit-image', length: escStar }, 0x2d: fixed('underline', 1),
  0x32: fixed('line-spacing-default', 0), 0x33: fixed('line-spacing', 1), 0x34: fixed('italic', 1),
  0x3d: fixed('peripheral', 1), 0x3f: fixed('cancel-user-char', 1), 0x40: fixed('initialize', 0),
  0x44: { name: 'tab-positions', length: nulTerminated(2, 33) }, 0x45: fixed('bold', 1), 0x47: fixed('double-strike', 1),
  0x4a: fixed('feed-dots', 1), 0x4b: fixed('reverse-feed-dots', 1), 0x4c: fixed('page-mode', 0), 0x4d: fixed('font', 1),
  0x52: fixed('international', 1), 0x53: fixed('standard-mode', 0), 0x54: fixed('page-direction', 1),
  0x56: fixed('rotate', 1), 0x57: fixed('page-area', 8), 0x5c: fixed('relative-position', 2), 0x61: fixed('align', 1),
  0x63: fixed('panel-sensors', 2), 0x64: fixed('feed-lines', 1), 0x65: fixed('reverse-feed-lines', 1),
  0x69: fixed('cut-legacy-full', 0), 0x6d: fixed('cut-legacy-partial', 0), 0x70: fixed('pulse', 3),
  0x72: fixed('colour', 1), 0x74: fixed('codepage', 1), 0x75: fixed('peripheral-status', 1),
  0x76: fixed('paper-status', 0), 0x7b: fixed('upside-down', 1),
}

export const GS_COMMANDS: Readonly<Record<number, CommandSpec>> = {
  0x21: fixed('size', 1), 0x24: fixed('vertical-position', 2), 0x28: { name: 'function', length: lengthPrefixed(3) },
  0x2f: fixed('print-downloaded-image', 1), 0x38: { name: 'graphics', length: gs8L }, 0x3a: fixed('macro', 0),
  0x42: fixed('invert', 1), 0x48: fixed('hri-position', 1), 0x49: fixed('printer-id', 1), 0x4c: fixed('left-margin', 2),
  0x50: fixed('motion-units', 2), 0x54: fixed('line-start', 1), 0x56: { name: 'cut', length: gsV },
  0x57: fixed('print-width', 2), 0x5c: fixed('relative-vertical', 2), 0x5e: fixed('run-macro', 3),
  0x61: fixed('asb', 1), 0x62: fixed('smoothing', 1), 0x66: fixed('hri-font', 1), 0x68: fixed('barcode-height', 1),
  0x6b: { name: 'barcode', length: gsK }, 0x72: fixed('transmit-status', 1),
  0x76: { name: 'raster-image', length: gsV0 }, 0x77: fixed('barcode-width', 1),
}

export const FS_COMMANDS: Readonly<Record<number, CommandSpec>> = {
  0x21: fixed('kanji-mode', 1), 0x26: fixed('kanji-on', 0), 0x2d: fixed('kanji-underline', 1), 0x2e: fixed('kanji-off', 0),
  0x43: fixed('kanji-code', 1), 0x53: fixed('kanji-spacing', 2), 0x57: fixed('kanji-quad', 1), 0x70: fixed('print-nv-image', 2),
}

export const DLE_COMMANDS: Readonly<Record<number, CommandSpec>> = {
  0x04: { name: 'status-request', length: dleEot }, 0x05: fixed('realtime-request', 1), 0x14: { name: 'realtime-command', length: dleDc4 },
}

export const PREFIXES: Readonly<Record<number, Readonly<Record<number, CommandSpec>>>> = {
  0x1b: ESC_COMMANDS, 0x1d: GS_COMMANDS, 0x1c: FS_COMMANDS, 0x10: DLE_COMMANDS,
}

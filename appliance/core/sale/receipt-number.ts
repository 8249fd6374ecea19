/**
 * Receipt numbers: a kind letter, the till (station) number and that till's sequence.
 *
 * - Human form, printed as text and read over the phone: `S-02-000123` (station two digits,
 *   sequence at least six, more once it passes 999 999).
 * - Compact form, printed as a Code 128 barcode at the foot of the receipt: `S0200000123`,
 *   the letter then exactly 10 digits (2 station + 8 sequence). After the letter the digits
 *   pack two to a symbol in Code 128's set C, so it stays short enough for a 58 mm roll, and
 *   the leading letter keeps it apart from product EAN-13s and voucher codes at the scanner.
 *
 * Code 128 carries its own check symbol, so the compact form needs no check digit of ours.
 * `S` is a sale; other letters (say `R` for a refund) are free for other documents.
 */
import { invalid } from '../errors.js'

export interface ReceiptNumber {
  /** One capital letter: `S` for a sale. */
  readonly kind: string
  /** The till, 1–99. */
  readonly station: number
  /** That till's running number, 1–99 999 999. */
  readonly seq: number
}

export const MAX_STATION = 99
export const MAX_SEQ = 99_999_999

function check(r: ReceiptNumber): void {
  if (!/^[A-Z]$/.test(r.kind)) throw invalid('A receipt kind is one capital letter', 'kind')
  if (!Number.isInteger(r.station) || r.station < 1 || r.station > MAX_STATION) throw invalid(`A station number is 1 to ${MAX_STATION}`, 'station')
  if (!Number.isInteger(r.seq) || r.seq < 1 || r.seq > MAX_SEQ) throw invalid(`A receipt sequence is 1 to ${MAX_SEQ}`, 'seq')
}

/** `S-02-000123`. */
export function formatReceiptNumber(r: ReceiptNumber): string {
  check(r)
  return `${r.kind}-${String(r.station).padStart(2, '0')}-${String(r.seq).padStart(6, '0')}`
}

/** `S0200000123`, for the receipt's Code 128 barcode. */
export function compactReceiptNumber(r: ReceiptNumber): string {
  check(r)
  return `${r.kind}${String(r.station).padStart(2, '0')}${String(r.seq).padStart(8, '0')}`
}

const HUMAN = /^([A-Z])-(\d{1,2})-(\d{1,8})$/
const COMPACT = /^([A-Z])(\d{2})(\d{8})$/

/**
 * Reads either form back, forgiving case and surrounding spaces (`s-2-123` reads as
 * `S-02-000123`). Returns undefined for anything else, so a scan can be tried as other codes.
 */
export function parseReceiptNumber(text: string): ReceiptNumber | undefined {
  const t = text.trim().toUpperCase()
  const m = HUMAN.exec(t) ?? COMPACT.exec(t)
  if (!m) return undefined
  const r = { kind: m[1] ?? '', station: Number(m[2]), seq: Number(m[3]) }
  if (r.station < 1 || r.seq < 1) return undefined
  return r
}

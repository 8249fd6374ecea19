/**
 * Gift vouchers and gift cards: codes people read out and type, and balance arithmetic.
 *
 * A code is 16 characters of Crockford base 32 (`0-9 A-Z` without I, L, O, U), shown as
 * four groups of four: `7K2M-Q9XD-4HRT-B0C8`. The first 15 carry 75 random bits; the last
 * is a Luhn mod 32 check character, which catches every single mistyped character and
 * every swap of two neighbours except `0`↔`Z`. Reading is forgiving the way Crockford
 * intends: case, spaces and hyphens are ignored and I/L read as 1, O as 0.
 *
 * Randomness is passed in (`crypto.getRandomValues` in the app, a fixed sequence in tests):
 * core never reaches for a global random source.
 */
import { invalid } from '../errors.js'
import { MAX_MINOR, type Minor } from '../money.js'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const N = ALPHABET.length
const BODY_LENGTH = 15
export const VOUCHER_CODE_LENGTH = BODY_LENGTH + 1

/** Returns `count` random bytes; e.g. `(n) => crypto.getRandomValues(new Uint8Array(n))`. */
export type RandomBytes = (count: number) => Uint8Array

const valueOf = (char: string): number => ALPHABET.indexOf(char)

/** Luhn mod N over the alphabet: the character that makes the code's Luhn sum a multiple of 32. */
export function voucherCheckCharacter(body: string): string {
  let factor = 2
  let sum = 0
  for (let i = body.length - 1; i >= 0; i--) {
    const value = valueOf(body[i] ?? '')
    if (value < 0) throw new RangeError(`"${body[i]}" is not a voucher code character`)
    const addend = factor * value
    sum += Math.floor(addend / N) + (addend % N)
    factor = factor === 2 ? 1 : 2
  }
  return ALPHABET[(N - (sum % N)) % N] ?? '0'
}

/** Draws a new code from `randomBytes`. Each byte's low 5 bits pick a character (256 is a multiple of 32, so no bias). */
export function generateVoucherCode(randomBytes: RandomBytes): string {
  const bytes = randomBytes(BODY_LENGTH)
  if (bytes.length < BODY_LENGTH) throw new RangeError(`randomBytes returned ${bytes.length} bytes, not ${BODY_LENGTH}`)
  let body = ''
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[(bytes[i] ?? 0) & 31]
  return body + voucherCheckCharacter(body)
}

/** Formats a canonical code in groups of four for printing: `7K2M-Q9XD-4HRT-B0C8`. */
export const formatVoucherCode = (code: string): string => code.match(/.{1,4}/g)?.join('-') ?? code

/** Reads what a person typed or a scanner sent into the canonical 16 characters, or explains why not. */
export function readVoucherCode(text: string): { code: string } | { problem: string } {
  const cleaned = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
  if (cleaned.length !== VOUCHER_CODE_LENGTH) return { problem: `A voucher code has ${VOUCHER_CODE_LENGTH} characters` }
  const bad = [...cleaned].find((c) => valueOf(c) < 0)
  if (bad !== undefined) return { problem: `"${bad}" is not used in voucher codes` }
  if (voucherCheckCharacter(cleaned.slice(0, BODY_LENGTH)) !== cleaned.slice(BODY_LENGTH)) {
    return { problem: 'That voucher code has a typo: check it and enter it again' }
  }
  return { code: cleaned }
}

/** The canonical code, or undefined when the text is not a valid voucher code (e.g. to route a scan). */
export function parseVoucherCode(text: string): string | undefined {
  const read = readVoucherCode(text)
  return 'code' in read ? read.code : undefined
}

/** The canonical code, or `invalid_input` on `field` with what is wrong. */
export function normalizeVoucherCode(text: string, field = 'code'): string {
  const read = readVoucherCode(text)
  if ('problem' in read) throw invalid(read.problem, field)
  return read.code
}

export interface VoucherBalance {
  readonly balanceMinor: Minor
  /** The voucher cannot be used at or after this instant; null: it never expires. */
  readonly expiresAt: Date | null
}

export interface Redemption {
  readonly redeemMinor: Minor
  readonly balanceAfterMinor: Minor
}

/**
 * How much of a voucher to use towards `dueMinor`: all of `requestedMinor` when given,
 * otherwise as much as covers the amount due (a partial redemption leaves the rest on the
 * voucher). The balance never goes below zero and a voucher never pays more than is due.
 */
export function planRedemption(voucher: VoucherBalance, dueMinor: Minor, now: Date, requestedMinor?: Minor): Redemption {
  if (voucher.expiresAt !== null && now.getTime() >= voucher.expiresAt.getTime()) {
    throw invalid(`This voucher expired on ${voucher.expiresAt.toISOString().slice(0, 10)}`, 'code')
  }
  if (voucher.balanceMinor <= 0) throw invalid('This voucher has nothing left on it', 'code')
  if (!Number.isSafeInteger(dueMinor) || dueMinor <= 0) throw invalid('There is nothing to pay', 'amountMinor')
  const redeem = requestedMinor ?? Math.min(voucher.balanceMinor, dueMinor)
  if (!Number.isSafeInteger(redeem) || redeem <= 0) throw invalid('Use a whole number of pence, more than zero', 'amountMinor')
  if (redeem > voucher.balanceMinor) throw invalid(`The voucher only has ${voucher.balanceMinor} pence left`, 'amountMinor')
  if (redeem > dueMinor) throw invalid("Voucher payments can't be more than the amount due", 'amountMinor')
  return { redeemMinor: redeem as Minor, balanceAfterMinor: (voucher.balanceMinor - redeem) as Minor }
}

/** Adds value to a voucher (sale of a gift card, top-up, or a refund back onto it). */
export function creditVoucher(balanceMinor: Minor, amountMinor: Minor): Minor {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw invalid('Add a whole number of pence, more than zero', 'amountMinor')
  const next = balanceMinor + amountMinor
  if (next > MAX_MINOR) throw invalid('That would put too much on one voucher', 'amountMinor')
  return next as Minor
}

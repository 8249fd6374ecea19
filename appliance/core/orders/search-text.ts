/**
 * Normalising what staff type or scan into the order search, so one box finds an order by
 * any of its handles. The same functions normalise the stored side when it is written
 * (customers.email lower-cased, customers.phone in E.164), so a search is plain equality.
 *
 * - Receipt numbers in either form (`S-01-000123`, the compact barcode `S0100000123`,
 *   forgiving case and spaces): read with the till's `parseReceiptNumber` and given in the
 *   printed form, which is what `orders.number` holds for till sales.
 * - Channel order numbers: `#1001` (Shopify), `1001`, `202-1234567-1234567` (Amazon): the
 *   text as typed, plus without a leading `#` and with one, since channels differ.
 * - Emails: trimmed, lower-cased.
 * - UK phone numbers: `07700 900123`, `+44 (0)7700 900123`, `0044 7700 900123`,
 *   `447700900123` → `+447700900123`. Numbers with another country code are kept as `+…`.
 */
import { formatReceiptNumber, parseReceiptNumber } from '../sale/receipt-number.js'

export interface SearchKeys {
  /** The input, trimmed: match against names and free text. */
  readonly text: string
  /** The printed receipt number, when the input is one. */
  readonly receiptNumber: string | null
  /** Order numbers to compare with `orders.number` (and channel order ids). */
  readonly orderNumbers: string[]
  readonly email: string | null
  readonly phone: string | null
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A lower-cased, trimmed email address, or null when it does not look like one. */
export function normaliseEmail(text: string): string | null {
  const t = text.trim().toLowerCase()
  return EMAIL.test(t) ? t : null
}

/**
 * A phone number in E.164 (`+447700900123`), UK numbers assumed when there is no country
 * code; null when it is not a phone number (too short, letters, two plus signs).
 */
export function normalisePhone(text: string): string | null {
  const t = text.trim()
  if (!/^\+?[\d\s().-]+$/.test(t)) return null
  let digits = t.replace(/\(0\)/g, '').replace(/\D/g, '')
  const international = t.startsWith('+') || digits.startsWith('00')
  if (digits.startsWith('00')) digits = digits.slice(2)
  if (!international && digits.startsWith('0')) digits = `44${digits.slice(1)}`
  else if (!international && !digits.startsWith('44')) return null
  if (digits.startsWith('44')) {
    // UK: 44 then 9 or 10 digits (the trunk 0 dropped); a stray 0 after 44 is the usual slip.
    if (digits[2] === '0') digits = `44${digits.slice(3)}`
    return /^44\d{9,10}$/.test(digits) ? `+${digits}` : null
  }
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null
}

/** Everything the search box's input could be. */
export function searchKeys(input: string): SearchKeys {
  const text = input.trim()
  const receipt = parseReceiptNumber(text)
  const receiptNumber = receipt ? formatReceiptNumber(receipt) : null
  const orderNumbers = new Set<string>()
  if (/^#?[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(text)) {
    const bare = text.replace(/^#/, '')
    orderNumbers.add(text).add(bare).add(`#${bare}`)
  }
  if (receiptNumber) orderNumbers.add(receiptNumber)
  return { text, receiptNumber, orderNumbers: [...orderNumbers], email: normaliseEmail(text), phone: normalisePhone(text) }
}

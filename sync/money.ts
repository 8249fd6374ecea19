/**
 * Channel amounts arrive as decimal strings in major units ("12.99", "10.0", "1200") in a
 * named currency. They become integer minor units here, by string arithmetic only (never
 * through a float), using the currency's ISO 4217 exponent. A currency we have no exponent
 * for is a contract problem: we refuse to guess whether "1200" means £12.00 or ¥1200.
 */
import type { Minor } from '../appliance/core/money.js'
import { ChannelError } from './channel-error.js'
import type { ChannelId } from './channel-id.js'

/** ISO 4217 minor-unit exponents for the currencies a UK shop meets on its channels. */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  GBP: 2, EUR: 2, USD: 2, CAD: 2, AUD: 2, NZD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2,
  HUF: 2, RON: 2, TRY: 2, MXN: 2, SGD: 2, HKD: 2, AED: 2, SAR: 2, INR: 2, ZAR: 2, BRL: 2, CNY: 2,
  JPY: 0, KRW: 0, ISK: 0,
  BHD: 3, KWD: 3, JOD: 3, OMR: 3,
})

/** The largest amount accepted from a channel, in minor units (matches core's MAX_MINOR). */
export const MAX_CHANNEL_MINOR = 1_000_000_000

/** The exponent for `currency`, or a `contract` ChannelError when we do not know it. */
export function currencyExponent(currency: string, channel: ChannelId | 'sync' = 'sync', field = 'currency'): number {
  const exponent = CURRENCY_EXPONENTS[currency]
  if (exponent === undefined) {
    throw new ChannelError('contract', channel, `unknown currency "${currency}"`, { code: 'unknown_currency', field })
  }
  return exponent
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/

/**
 * Parses a decimal string ("12.99", "-5.00", "10.0", "1200") into integer minor units of
 * `currency`. Digits past the exponent must be zeros ("10.50" JPY is refused, "1200.0" JPY is
 * 1200). Throws a `contract` ChannelError on anything else, naming `field`.
 */
export function parseMinor(text: string, currency: string, channel: ChannelId | 'sync' = 'sync', field = 'amount'): Minor {
  const exponent = currencyExponent(currency, channel, field)
  const match = DECIMAL.exec(text.trim())
  if (!match) throw contract(channel, `"${text}" is not a decimal amount`, field)
  const [, sign = '', whole = '', fraction = ''] = match
  const kept = fraction.slice(0, exponent)
  if (/[^0]/.test(fraction.slice(exponent))) {
    throw contract(channel, `"${text}" has more than ${exponent} decimals for ${currency}`, field)
  }
  const digits = (whole + kept.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '')
  if (digits.length > 15) throw contract(channel, `"${text}" is too large`, field)
  const value = Number(digits) * (sign === '-' ? -1 : 1)
  if (Math.abs(value) > MAX_CHANNEL_MINOR) throw contract(channel, `"${text}" is too large`, field)
  return (value === 0 ? 0 : value) as Minor
}

/** Formats minor units as the plain decimal string channels expect in requests ("12.99", "1200"). */
export function formatMinor(value: number, currency: string): string {
  if (!Number.isSafeInteger(value)) throw new ChannelError('invalid', 'sync', `amount ${value} is not whole minor units`)
  const exponent = currencyExponent(currency)
  const sign = value < 0 ? '-' : ''
  const digits = String(Math.abs(value)).padStart(exponent + 1, '0')
  if (exponent === 0) return `${sign}${digits}`
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
}

/**
 * Splits `total` minor units over `quantity` units: the rounded unit price, for display. The
 * line's total stays authoritative; unit x quantity may differ from it by the rounding.
 * Rounds half away from zero.
 */
export function unitPriceOf(total: number, quantity: number): Minor {
  if (quantity <= 0) return 0 as Minor
  const sign = total < 0 ? -1 : 1
  const abs = Math.abs(total)
  const unit = Math.floor((abs * 2 + quantity) / (2 * quantity))
  return (sign * unit || 0) as Minor
}

const contract = (channel: ChannelId | 'sync', message: string, field: string) =>
  new ChannelError('contract', channel, message, { code: 'bad_amount', field })

export const sumMinor = (values: readonly number[]): Minor => values.reduce((s, v) => s + v, 0) as Minor

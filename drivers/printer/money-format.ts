/**
 * Money on paper. Amounts arrive as integer minor units (pence, cents); this is the
 * one place drivers turn them into text.
 *
 * Why not `Intl.NumberFormat`: its output depends on the ICU data of the Node build
 * (e.g. narrow no-break spaces in "12,99 €"), which would make golden bytes differ
 * between machines, and a thermal printer's code page may not hold those spaces.
 * A receipt needs a fixed, printable format, so it is data here.
 */
import { InvalidOptionsError } from '../errors.js'

export interface CurrencyFormat {
  /** Printed symbol, e.g. "£" or "€". Must exist in the printer's code page. */
  symbol: string
  /** "before" → £12.99, "after" → 12,99 € (with `spaceBeforeSymbol`). */
  position: 'before' | 'after'
  decimalSeparator: string
  thousandsSeparator: string
  /** Minor units per major unit as a power of ten (2 for pence and cents). */
  decimals: number
  spaceBeforeSymbol?: boolean
}

export const CURRENCY_FORMATS = {
  GBP: { symbol: '£', position: 'before', decimalSeparator: '.', thousandsSeparator: ',', decimals: 2 },
  EUR: { symbol: '€', position: 'before', decimalSeparator: '.', thousandsSeparator: ',', decimals: 2 },
  'EUR-continental': {
    symbol: '€', position: 'after', decimalSeparator: ',', thousandsSeparator: '.', decimals: 2, spaceBeforeSymbol: true,
  },
  USD: { symbol: '$', position: 'before', decimalSeparator: '.', thousandsSeparator: ',', decimals: 2 },
} as const satisfies Record<string, CurrencyFormat>
export type CurrencyPreset = keyof typeof CURRENCY_FORMATS

/** Resolves a preset name or a custom format, checking it once. */
export function resolveCurrency(currency: CurrencyPreset | CurrencyFormat = 'GBP'): CurrencyFormat {
  const format: CurrencyFormat | undefined = typeof currency === 'string' ? CURRENCY_FORMATS[currency] : currency
  if (!format) throw new InvalidOptionsError(`unknown currency preset "${String(currency)}"`)
  if (!Number.isInteger(format.decimals) || format.decimals < 0 || format.decimals > 4) {
    throw new InvalidOptionsError('currency decimals must be a whole number from 0 to 4')
  }
  return format
}

/** Formats integer minor units: 1299 → "£12.99", -200 → "-£2.00", 123456 → "£1,234.56". */
export function formatMoney(amountMinor: number, format: CurrencyFormat): string {
  if (!Number.isSafeInteger(amountMinor)) throw new InvalidOptionsError(`money must be whole minor units, got ${amountMinor}`)
  const sign = amountMinor < 0 ? '-' : ''
  const abs = Math.abs(amountMinor)
  const scale = 10 ** format.decimals
  const major = String(Math.floor(abs / scale)).replace(/\B(?=(\d{3})+(?!\d))/g, format.thousandsSeparator)
  const minorPart = format.decimals > 0 ? format.decimalSeparator + String(abs % scale).padStart(format.decimals, '0') : ''
  const number = major + minorPart
  if (format.position === 'before') return `${sign}${format.symbol}${number}`
  return `${sign}${number}${format.spaceBeforeSymbol ? ' ' : ''}${format.symbol}`
}

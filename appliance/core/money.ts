/**
 * Money is integer minor units (pence). The brand stops a price being added to a
 * quantity by accident; `minor()` is the only way in and checks the value is safe.
 */
import { invalid } from './errors.js'

export type Minor = number & { readonly __brand: 'Minor' }

/** Largest amount we accept anywhere: £10 million, far beyond any shop basket. */
export const MAX_MINOR = 1_000_000_000

export function minor(value: number | bigint, field = 'amountMinor'): Minor {
  const n = typeof value === 'bigint' ? Number(value) : value
  if (!Number.isSafeInteger(n)) throw invalid(`${field} must be a whole number of pence`, field)
  if (Math.abs(n) > MAX_MINOR) throw invalid(`${field} is too large`, field)
  return n as Minor
}

export const addMinor = (a: Minor, b: Minor): Minor => (a + b) as Minor
export const sumMinor = (values: readonly Minor[]): Minor => values.reduce<number>((s, v) => s + v, 0) as Minor

/**
 * Parses a decimal string in major units ("12.99", "12", "12.5") into pence without
 * going through floating point. Returns undefined for anything else (commas, signs, 3 decimals).
 */
export function parseMajorUnits(text: string): Minor | undefined {
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!match) return undefined
  const pounds = Number(match[1])
  const pence = Number((match[2] ?? '').padEnd(2, '0'))
  return (pounds * 100 + pence) as Minor
}

/** Formats pence as a plain decimal ("12.99"), for CSV files; the UI formats with Intl. */
export function formatMajorUnits(value: Minor): string {
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

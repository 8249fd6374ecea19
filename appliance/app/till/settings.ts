/**
 * The till's shop-wide settings, kept as one JSON value under the `till` key of the
 * `settings` table. Anything not stored takes its default, so a new shop works at once
 * and a later version can add settings without a migration.
 */
import { checkApprovalLimits, checkLayout, UK_NOTES, type ApprovalLimits, type EmbeddedLayout } from '../../core/sale/index.js'
import { invalid } from '../../core/errors.js'
import type { Minor } from '../../core/money.js'

export const NegativeStock = { Allow: 'allow', Refuse: 'refuse' } as const
export type NegativeStock = (typeof NegativeStock)[keyof typeof NegativeStock]

export interface ScannerSettings {
  /** Longest gap between the keys of one scan: scanners range from ~10 to ~80 ms per key. */
  maxInterKeyMs: number
  /** Fewest characters a scan can have. */
  minLength: number
  /** Keys that end a scan (KeyboardEvent.key values). */
  suffixKeys: string[]
}

export interface TillSettings {
  /** What an assistant may take off alone; beyond either figure a manager's PIN is needed. */
  approvalLimits: ApprovalLimits
  /**
   * `allow`: a sale may take a level below zero — the goods are in the customer's hand — and
   * the level is flagged for a count. `refuse`: such a sale is refused.
   */
  negativeStock: NegativeStock
  scanner: ScannerSettings
  /** Price- and weight-embedded barcode layouts, tried in order. */
  embeddedBarcodes: EmbeddedLayout[]
  /** Closing with cash over or short by more than this needs a manager. */
  discrepancyThresholdMinor: number
  /** IANA zone that decides the business day (which Z report a sale belongs to). */
  timeZone: string
  /** Note values offered as quick-cash buttons. */
  quickCashMinor: number[]
  /** Coins and notes counted at close, in pence. */
  denominationsMinor: number[]
  /** How long a gift card or store credit lasts from issue; null: no expiry. */
  voucherValidityDays: number | null
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

export function defaultTillSettings(timeZone = 'Europe/London'): TillSettings {
  return {
    approvalLimits: { maxPercentBp: 1000, maxAmountMinor: 500 as Minor },
    negativeStock: NegativeStock.Allow,
    scanner: { maxInterKeyMs: 50, minLength: 4, suffixKeys: ['Enter', 'Tab'] },
    embeddedBarcodes: [
      { prefixes: range(20, 24), itemDigits: 5, valueDigits: 5, valueCheckDigit: false, kind: 'price' },
      { prefixes: range(25, 29), itemDigits: 5, valueDigits: 5, valueCheckDigit: false, kind: 'weight' },
    ],
    discrepancyThresholdMinor: 500,
    timeZone,
    quickCashMinor: [...UK_NOTES],
    denominationsMinor: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
    voucherValidityDays: 730,
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Checks what the shape cannot: limits in range, layouts that describe 13 digits, a real zone. */
export function checkTillSettings(s: TillSettings): void {
  checkApprovalLimits(s.approvalLimits)
  s.embeddedBarcodes.forEach((layout, i) => {
    try {
      checkLayout(layout)
    } catch (error) {
      throw invalid((error as Error).message, `embeddedBarcodes.${i}`)
    }
  })
  if (!isTimeZone(s.timeZone)) throw invalid(`"${s.timeZone}" is not an IANA time zone (e.g. Europe/London)`, 'timeZone')
}

/** Stored JSON over the defaults, one level deep (so `{scanner: {maxInterKeyMs: 80}}` keeps the other scanner fields). */
export function mergeTillSettings(base: TillSettings, stored: unknown): TillSettings {
  if (!stored || typeof stored !== 'object') return base
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
    if (!(key in base) || value === undefined) continue
    const current = out[key]
    const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v)
    out[key] = isPlainObject(current) && isPlainObject(value) ? { ...(current as object), ...(value as object) } : value
  }
  return out as unknown as TillSettings
}

export interface ShopDetails {
  name: string
  address: string[]
  vatNumber?: string
  phone?: string
}

/** The shop header printed on receipts (the `shop` setting). */
export function readShopDetails(stored: unknown): ShopDetails {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof ShopDetails, unknown>>
  return {
    name: typeof s.name === 'string' && s.name.trim() ? s.name : 'Our shop',
    address: Array.isArray(s.address) ? s.address.filter((l): l is string => typeof l === 'string') : [],
    ...(typeof s.vatNumber === 'string' ? { vatNumber: s.vatNumber } : {}),
    ...(typeof s.phone === 'string' ? { phone: s.phone } : {}),
  }
}

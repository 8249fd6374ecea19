/**
 * The store's returns policy as data: which reasons staff may pick, how long each channel's
 * customers have, where returned stock goes, and the limit on returns without a receipt.
 * Validated once when settings are saved (`checkReturnPolicy`); the planners trust it.
 */
import { DomainError, ErrorCode, invalid } from '../errors.js'
import { MAX_MINOR, type Minor } from '../money.js'
import { addDays, checkInstant, checkTimeZone, localDate } from './zoned-time.js'

export const ReturnCondition = { Sellable: 'sellable', Damaged: 'damaged', WriteOff: 'write-off' } as const
export type ReturnCondition = (typeof ReturnCondition)[keyof typeof ReturnCondition]
export const RETURN_CONDITIONS: readonly ReturnCondition[] = Object.freeze(Object.values(ReturnCondition))

export interface ReturnWindow {
  /** Calendar days; the window closes at the end of the last day, local. */
  readonly days: number
  /** Counted from the delivery date (online) or the sale date (till). */
  readonly from: 'delivery' | 'sale'
}

export interface ReturnPolicy {
  /** Reason codes staff pick from (`faulty`, `changed-mind`, …). */
  readonly reasons: readonly string[]
  /** Per channel (`store`, `shopify`, …), with `*` for every other channel. */
  readonly windows: Readonly<Record<string, ReturnWindow>>
  /** Locations sellable returns may go back to; the first is the default. */
  readonly sellableLocations: readonly string[]
  /** Where damaged returns wait for inspection (not available to sell). */
  readonly quarantineLocation: string
  /** The most a return without a receipt may give back (as store credit). */
  readonly noReceiptLimitMinor: Minor
  /** The store's IANA zone: windows end at local midnight. */
  readonly timeZone: string
}

export const DEFAULT_RETURN_REASONS: readonly string[] = Object.freeze([
  'changed-mind', 'faulty', 'damaged-in-transit', 'wrong-item', 'not-as-described', 'wrong-size', 'arrived-late', 'other',
])

/**
 * 28 days from the sale in the shop; 30 days from delivery online (more than the 14 + 14
 * days the Consumer Contracts Regulations require for distance sales).
 */
export const DEFAULT_RETURN_WINDOWS: Readonly<Record<string, ReturnWindow>> = Object.freeze({
  store: { days: 28, from: 'sale' },
  '*': { days: 30, from: 'delivery' },
})

/** Longest window accepted: a typo guard. */
export const MAX_WINDOW_DAYS = 3650

export function checkReturnPolicy(policy: ReturnPolicy): void {
  if (policy.reasons.length === 0) throw invalid('List at least one return reason', 'reasons')
  policy.reasons.forEach((r, i) => {
    if (typeof r !== 'string' || r.trim() === '' || policy.reasons.indexOf(r) !== i) throw invalid('Return reasons are named once each', `reasons.${i}`)
  })
  for (const [channel, w] of Object.entries(policy.windows)) {
    if (!Number.isInteger(w.days) || w.days < 0 || w.days > MAX_WINDOW_DAYS) throw invalid(`A return window is 0 to ${MAX_WINDOW_DAYS} days`, `windows.${channel}.days`)
    if (w.from !== 'delivery' && w.from !== 'sale') throw invalid('A return window counts from delivery or sale', `windows.${channel}.from`)
  }
  if (policy.windows['*'] === undefined) throw invalid('Give a return window for every other channel (*)', 'windows')
  if (policy.sellableLocations.length === 0) throw invalid('Choose at least one location for sellable returns', 'sellableLocations')
  policy.sellableLocations.forEach((l, i) => {
    if (typeof l !== 'string' || l === '' || l === policy.quarantineLocation) throw invalid('A sellable location is named, and is not the quarantine', `sellableLocations.${i}`)
  })
  if (typeof policy.quarantineLocation !== 'string' || policy.quarantineLocation === '') throw invalid('Choose the quarantine location', 'quarantineLocation')
  if (!Number.isSafeInteger(policy.noReceiptLimitMinor) || policy.noReceiptLimitMinor < 0 || policy.noReceiptLimitMinor > MAX_MINOR) {
    throw invalid('The no-receipt limit is a whole number of pence, zero or more', 'noReceiptLimitMinor')
  }
  checkTimeZone(policy.timeZone)
}

/** Throws `invalid_input` on `field` unless `reason` is one of the policy's reasons. */
export function checkReason(policy: ReturnPolicy, reason: string, field: string): void {
  if (!policy.reasons.includes(reason)) throw invalid(`Choose a return reason: ${policy.reasons.join(', ')}`, field)
}

/** The last local date a return is accepted for an order (the window's own day count, inclusive). */
export function returnWindowLastDay(policy: ReturnPolicy, order: { channel: string; placedAt: Date; deliveredAt: Date | null }): string {
  const window = policy.windows[order.channel] ?? policy.windows['*'] ?? DEFAULT_RETURN_WINDOWS['*']
  if (!window) throw invalid('No return window configured', 'windows')
  // Not yet marked delivered (or a channel that never tells us): count from the sale, which is
  // never later than delivery, so we err towards refusing and a manager can override.
  const start = window.from === 'delivery' && order.deliveredAt ? order.deliveredAt : order.placedAt
  return addDays(localDate(start, policy.timeZone), window.days)
}

/**
 * Whether `at` is inside the window. Outside it, a return needs `overrideWindow` (a
 * manager's decision, asked for as an approval); without it this throws `conflict` on
 * `overrideWindow` with the last day in `details`.
 */
export function checkReturnWindow(
  policy: ReturnPolicy,
  order: { channel: string; placedAt: Date; deliveredAt: Date | null },
  at: Date,
  overrideWindow: boolean,
): { lastDay: string; inside: boolean } {
  checkInstant(at, 'at')
  const lastDay = returnWindowLastDay(policy, order)
  const inside = localDate(at, policy.timeZone) <= lastDay
  if (!inside && !overrideWindow) {
    throw new DomainError(ErrorCode.Conflict, `The return window for this order closed on ${lastDay}: a manager can override it`, 'overrideWindow', { lastDay })
  }
  return { lastDay, inside }
}

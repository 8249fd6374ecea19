/**
 * Wall-clock time in the store's IANA time zone, through `Intl.DateTimeFormat` only (the
 * platform's ICU data knows every clock change; we ship no tables and no library).
 *
 * Instants are `Date`s (UTC). Local calendar dates are ISO strings `YYYY-MM-DD`; local
 * times of day are `HH:MM` (24-hour). Converting a local date and time back to an instant
 * follows the `compatible` rule of Temporal (and of most calendars):
 * - a time that happens twice (the hour repeated when clocks go back in October) is the
 *   earlier of the two;
 * - a time that never happens (the hour skipped when clocks go forward in March) moves
 *   forward by the length of the gap (01:30 on that Sunday in London is 02:30 BST).
 *
 * The till's business day and receipt times (app/till/business-day.ts) use it too.
 */
import { invalid } from '../errors.js'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

/** The default store zone. */
export const DEFAULT_TIME_ZONE = 'Europe/London'

/** A local wall-clock reading. `weekday` is 0 = Sunday … 6 = Saturday, like `Date#getUTCDay`. */
export interface LocalDateTime {
  readonly date: string
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly weekday: number
  /** Minutes since local midnight (0–1439). */
  readonly minutes: number
}

const formats = new Map<string, Intl.DateTimeFormat>()

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    })
    formats.set(zone, format)
  }
  return format
}

/** True when `zone` is an IANA zone this platform knows. */
export function isTimeZone(zone: string): boolean {
  try {
    formatFor(zone)
    return true
  } catch {
    return false
  }
}

/** Throws `invalid_input` on `field` unless `zone` is a known IANA zone. */
export function checkTimeZone(zone: string, field = 'timeZone'): void {
  if (typeof zone !== 'string' || !isTimeZone(zone)) throw invalid(`"${String(zone)}" is not an IANA time zone (e.g. Europe/London)`, field)
}

/** Throws `invalid_input` on `field` unless `instant` is a valid Date. */
export function checkInstant(instant: Date, field: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw invalid('Give a valid date and time', field)
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** The wall clock in `zone` at `instant`. */
export function localDateTime(instant: Date, zone: string): LocalDateTime {
  const parts = formatFor(zone).formatToParts(instant)
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const year = get('year')
  const month = get('month')
  const day = get('day')
  // Some ICU builds print midnight as 24 even with h23; it is still the same day's 00.
  const hour = get('hour') % 24
  const minute = get('minute')
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`
  return { date, year, month, day, hour, minute, second: get('second'), weekday: weekdayOf(date), minutes: hour * 60 + minute }
}

/** The local calendar date (`YYYY-MM-DD`) in `zone` at `instant`. */
export const localDate = (instant: Date, zone: string): string => localDateTime(instant, zone).date

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Parses `YYYY-MM-DD` into a UTC-midnight epoch (ms), or undefined when it is not a real date. */
function dateEpoch(date: string): number | undefined {
  const m = ISO_DATE.exec(date)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const epoch = Date.UTC(y, mo - 1, d)
  const back = new Date(epoch)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined
  return epoch
}

/** True for a real calendar date written `YYYY-MM-DD` (2025-02-29 is not). */
export const isIsoDate = (date: string): boolean => typeof date === 'string' && dateEpoch(date) !== undefined

function requireDate(date: string): number {
  const epoch = dateEpoch(date)
  if (epoch === undefined) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`)
  return epoch
}

/** 0 = Sunday … 6 = Saturday for a `YYYY-MM-DD` date (no zone involved: a date is a date). */
export const weekdayOf = (date: string): number => new Date(requireDate(date)).getUTCDay()

/** The date `days` calendar days after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(requireDate(date) + days * DAY_MS).toISOString().slice(0, 10)
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/

/** `HH:MM` (00:00–23:59) as minutes since midnight, or undefined. */
export function parseClock(text: string): number | undefined {
  const m = typeof text === 'string' ? CLOCK.exec(text) : null
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined
}

/** Offset of `zone` from UTC at `epochMs`, in whole minutes (Europe/London: 0 or 60). */
function offsetMinutes(epochMs: number, zone: string): number {
  const l = localDateTime(new Date(epochMs), zone)
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute)
  return Math.round((asUtc - Math.floor(epochMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS)
}

/**
 * The instant at which the wall clock in `zone` reads `minutes` past midnight on `date`
 * (see the module notes for repeated and skipped times). `minutes` may be 1440 (the next
 * midnight), which is how "end of day" is built.
 */
export function zonedInstant(date: string, minutes: number, zone: string): Date {
  const wall = requireDate(date) + minutes * MINUTE_MS
  // A zone changes offset at most once in any two days, so the offsets a day either side
  // are the only candidates.
  const before = offsetMinutes(wall - DAY_MS, zone)
  const after = offsetMinutes(wall + DAY_MS, zone)
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((t) => offsetMinutes(t, zone) * MINUTE_MS === wall - t)
    .sort((a, b) => a - b)
  const first = candidates[0]
  // No candidate: the time falls in a gap; read it with the offset in force before the gap.
  return new Date(first ?? wall - before * MINUTE_MS)
}

/** The first instant of `date` in `zone`. */
export const startOfLocalDay = (date: string, zone: string): Date => zonedInstant(date, 0, zone)

/** The last millisecond of `date` in `zone` (23:59:59.999 local, whatever the day's length). */
export const endOfLocalDay = (date: string, zone: string): Date => new Date(zonedInstant(addDays(date, 1), 0, zone).getTime() - 1)

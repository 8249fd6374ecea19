/**
 * The business day: the calendar date in the store's time zone at an instant. A till
 * session belongs to the day it was opened on, and every sale it takes belongs to that
 * session's Z report. Instants stay UTC everywhere else; only this and receipt times
 * look at the zone (core/orders/zoned-time.ts, through Intl, so British Summer Time is
 * handled by the platform).
 */
import { localDateTime } from '../../core/orders/zoned-time.js'

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-03-29` for any instant of that date in `timeZone`. */
export function businessDay(instant: Date, timeZone: string): string {
  return localDateTime(instant, timeZone).date
}

/** `29/03/2026 16:05` in `timeZone`: how a receipt prints its time. */
export function receiptTime(instant: Date, timeZone: string): string {
  const t = localDateTime(instant, timeZone)
  return `${pad(t.day)}/${pad(t.month)}/${t.year} ${pad(t.hour)}:${pad(t.minute)}`
}

/**
 * The business day: the calendar date in the store's time zone at an instant. A till
 * session belongs to the day it was opened on, and every sale it takes belongs to that
 * session's Z report. Instants stay UTC everywhere else; only this and receipt times
 * look at the zone (through Intl, so British Summer Time is handled by the platform).
 */

const dayFormats = new Map<string, Intl.DateTimeFormat>()
const stampFormats = new Map<string, Intl.DateTimeFormat>()

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = map.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options })
    map.set(zone, format)
  }
  return format
}

/** `2026-03-29` for any instant of that date in `timeZone`. */
export function businessDay(instant: Date, timeZone: string): string {
  const parts = cached(dayFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** `29/03/2026 16:05` in `timeZone`: how a receipt prints its time. */
export function receiptTime(instant: Date, timeZone: string): string {
  const parts = cached(stampFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`
}

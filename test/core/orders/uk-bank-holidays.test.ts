import { describe, expect, it } from 'vitest'
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../../../appliance/core/orders/uk-bank-holidays.js'
import { addDays, weekdayOf } from '../../../appliance/core/orders/zoned-time.js'

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const firstMonday = (year: number, month: number) => {
  let d = `${year}-${String(month).padStart(2, '0')}-01`
  while (weekdayOf(d) !== 1) d = addDays(d, 1)
  return d
}
const lastMonday = (year: number, month: number) => {
  let d = addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`, -1)
  while (weekdayOf(d) !== 1) d = addDays(d, -1)
  return d
}
/** Moves fixed-date holidays off weekends onto the next weekdays not already taken. */
function substituted(dates: string[]): string[] {
  const taken = new Set<string>()
  return dates.map((date) => {
    let d = date
    while (weekdayOf(d) === 0 || weekdayOf(d) === 6 || taken.has(d)) d = addDays(d, 1)
    taken.add(d)
    return d
  })
}

/** The England & Wales rules (no special one-off holidays in 2025–2028). */
function expectedHolidays(year: number): string[] {
  const easter = easterSunday(year)
  const [newYear] = substituted([`${year}-01-01`])
  const christmas = substituted([`${year}-12-25`, `${year}-12-26`])
  return [newYear ?? '', addDays(easter, -2), addDays(easter, 1), firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8), ...christmas]
}

describe('England & Wales bank holidays 2025–2028', () => {
  it.each([2025, 2026, 2027, 2028])('%i follows the rules (Easter, first/last Mondays, substitute days)', (year) => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((d) => d.startsWith(`${year}-`))).toEqual(expectedHolidays(year))
  })

  it('every one is a weekday', () => {
    for (const d of ENGLAND_AND_WALES_BANK_HOLIDAYS) expect([1, 2, 3, 4, 5]).toContain(weekdayOf(d))
  })

  it('knows the substitute days', () => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS).toEqual(expect.arrayContaining(['2026-12-28', '2027-12-27', '2027-12-28', '2028-01-03']))
  })
})

/**
 * The store's working calendar: which local dates it despatches on. A working day is one
 * of the configured weekdays (Monday–Friday unless told otherwise) that is not a bank
 * holiday. Built once from settings (validated there), then asked many times.
 */
import { invalid } from '../errors.js'
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './uk-bank-holidays.js'
import { DEFAULT_TIME_ZONE, addDays, checkTimeZone, isIsoDate, weekdayOf } from './zoned-time.js'

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6
export const MONDAY_TO_FRIDAY: readonly Weekday[] = Object.freeze([1, 2, 3, 4, 5] as const)

export interface WorkingCalendarSettings {
  /** The store's IANA zone; local dates and cut-offs are read in it. Default Europe/London. */
  readonly timeZone?: string
  /** The weekdays the store despatches on. Default Monday–Friday. */
  readonly workingDays?: readonly number[]
  /** Local dates (`YYYY-MM-DD`) that are not working days. Default England & Wales 2025–2028. */
  readonly bankHolidays?: readonly string[]
}

export interface WorkingCalendar {
  readonly timeZone: string
  readonly workingDays: ReadonlySet<number>
  readonly bankHolidays: ReadonlySet<string>
}

/**
 * Longest run of non-working days we walk through looking for a working one: a year and
 * a bit. A calendar with no working day in that span is a configuration mistake.
 */
const MAX_SEARCH_DAYS = 400

/** Validates the settings and builds the calendar. Throws `invalid_input` naming the setting. */
export function workingCalendar(settings: WorkingCalendarSettings = {}): WorkingCalendar {
  const {
    timeZone = DEFAULT_TIME_ZONE,
    workingDays = MONDAY_TO_FRIDAY,
    bankHolidays = ENGLAND_AND_WALES_BANK_HOLIDAYS,
  } = settings
  checkTimeZone(timeZone)
  if (!Array.isArray(workingDays) || workingDays.length === 0) throw invalid('Choose at least one working day', 'workingDays')
  workingDays.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0 || d > 6) throw invalid('A working day is 0 (Sunday) to 6 (Saturday)', `workingDays.${i}`)
  })
  bankHolidays.forEach((d, i) => {
    if (!isIsoDate(d)) throw invalid('A bank holiday is a date written YYYY-MM-DD', `bankHolidays.${i}`)
  })
  return { timeZone, workingDays: new Set(workingDays), bankHolidays: new Set(bankHolidays) }
}

/** True when the store despatches on local date `date`. */
export const isWorkingDay = (calendar: WorkingCalendar, date: string): boolean =>
  calendar.workingDays.has(weekdayOf(date)) && !calendar.bankHolidays.has(date)

/** The first working day on or after `date`. */
export function nextWorkingDay(calendar: WorkingCalendar, date: string): string {
  let day = date
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    if (isWorkingDay(calendar, day)) return day
    day = addDays(day, 1)
  }
  throw invalid(`No working day within ${MAX_SEARCH_DAYS} days of ${date}: check the working days and bank holidays`, 'bankHolidays')
}

/** The working day `count` working days after working day `date` (`count` = 0: `date` itself). */
export function addWorkingDays(calendar: WorkingCalendar, date: string, count: number): string {
  let day = nextWorkingDay(calendar, date)
  for (let i = 0; i < count; i++) day = nextWorkingDay(calendar, addDays(day, 1))
  return day
}

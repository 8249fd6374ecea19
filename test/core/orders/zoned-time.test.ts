import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addDays, endOfLocalDay, isIsoDate, localDateTime, parseClock, startOfLocalDay, weekdayOf, zonedInstant,
} from '../../../appliance/core/orders/zoned-time.js'

const LONDON = 'Europe/London'
const iso = (d: Date) => d.toISOString()

describe('local wall-clock time through Intl', () => {
  it.each([
    ['winter (GMT)', '2025-01-15T12:00:00Z', '2025-01-15', 12 * 60],
    ['summer (BST)', '2025-07-15T12:00:00Z', '2025-07-15', 13 * 60],
    ['23:30 UTC in summer is the next local day', '2025-06-01T23:30:00Z', '2025-06-02', 30],
    ['the last GMT minute before clocks go forward', '2025-03-30T00:59:00Z', '2025-03-30', 59],
    ['the first BST minute', '2025-03-30T01:00:00Z', '2025-03-30', 2 * 60],
    ['the first 01:30 as clocks go back (BST)', '2025-10-26T00:30:00Z', '2025-10-26', 90],
    ['the second 01:30 (GMT)', '2025-10-26T01:30:00Z', '2025-10-26', 90],
  ])('%s', (_name, instant, date, minutes) => {
    const l = localDateTime(new Date(instant), LONDON)
    expect(l.date).toBe(date)
    expect(l.minutes).toBe(minutes)
  })

  it.each([
    ['an ordinary winter time', '2025-01-15', '12:00', '2025-01-15T12:00:00.000Z'],
    ['an ordinary summer time', '2025-07-15', '14:00', '2025-07-15T13:00:00.000Z'],
    ['a time skipped when clocks go forward moves on by the gap', '2025-03-30', '01:30', '2025-03-30T01:30:00.000Z'],
    ['a time repeated when clocks go back is the earlier', '2025-10-26', '01:30', '2025-10-26T00:30:00.000Z'],
    ['the day after clocks go forward', '2025-03-31', '14:00', '2025-03-31T13:00:00.000Z'],
    ['the day after clocks go back', '2025-10-27', '14:00', '2025-10-27T14:00:00.000Z'],
  ])('local → instant: %s', (_name, date, clock, expected) => {
    expect(iso(zonedInstant(date, parseClock(clock) ?? -1, LONDON))).toBe(expected)
  })

  it('ends of days know how long the day was (23 h in March, 25 h in October)', () => {
    expect(iso(startOfLocalDay('2025-03-30', LONDON))).toBe('2025-03-30T00:00:00.000Z')
    expect(iso(endOfLocalDay('2025-03-30', LONDON))).toBe('2025-03-30T22:59:59.999Z')
    expect(iso(startOfLocalDay('2025-10-26', LONDON))).toBe('2025-10-25T23:00:00.000Z')
    expect(iso(endOfLocalDay('2025-10-26', LONDON))).toBe('2025-10-26T23:59:59.999Z')
  })

  it('other zones: New York, Sydney, Kolkata', () => {
    expect(iso(zonedInstant('2025-03-09', 150, 'America/New_York'))).toBe('2025-03-09T07:30:00.000Z') // 02:30 skipped → 03:30 EDT
    expect(iso(zonedInstant('2025-04-06', 150, 'Australia/Sydney'))).toBe('2025-04-05T15:30:00.000Z') // 02:30 twice → AEDT one
    expect(iso(zonedInstant('2025-01-01', 0, 'Asia/Kolkata'))).toBe('2024-12-31T18:30:00.000Z')
  })

  it('a wall time read back from an instant converts to an instant with the same wall time', () => {
    const zones = fc.constantFrom(LONDON, 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC')
    const minute = fc.integer({ min: Date.UTC(2024, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 })
    fc.assert(fc.property(zones, minute, (zone, m) => {
      const instant = new Date(m * 60_000)
      const l = localDateTime(instant, zone)
      const back = zonedInstant(l.date, l.minutes, zone)
      const again = localDateTime(back, zone)
      expect([again.date, again.minutes]).toEqual([l.date, l.minutes])
      expect(back.getTime()).toBeLessThanOrEqual(instant.getTime()) // the earlier of a repeated time
    }), { numRuns: 300 })
  })

  it('dates, weekdays and clocks', () => {
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31')
    expect(weekdayOf('2025-10-25')).toBe(6)
    expect(weekdayOf('2025-03-30')).toBe(0)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('2025-2-1')).toBe(false)
    expect(parseClock('23:59')).toBe(1439)
    expect(parseClock('24:00')).toBeUndefined()
    expect(parseClock('9:00')).toBeUndefined()
  })
})

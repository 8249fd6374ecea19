/** The business day follows the store's zone, through British Summer Time. */
import { describe, expect, it } from 'vitest'
import { businessDay, receiptTime } from '../../appliance/app/till/business-day.js'

describe('businessDay', () => {
  it.each([
    ['2026-06-15T22:59:59Z', 'Europe/London', '2026-06-15'], // 23:59:59 BST
    ['2026-06-15T23:00:00Z', 'Europe/London', '2026-06-16'], // midnight BST: UTC still says the 15th
    ['2026-01-15T23:30:00Z', 'Europe/London', '2026-01-15'], // GMT: the zone is UTC
    ['2026-03-29T00:59:59Z', 'Europe/London', '2026-03-29'], // just before the clocks go forward
    ['2026-10-25T00:30:00Z', 'Europe/London', '2026-10-25'], // 01:30 BST, the first of two 01:30s
    ['2026-10-25T01:30:00Z', 'Europe/London', '2026-10-25'], // 01:30 GMT, the second
    ['2026-06-15T22:30:00Z', 'Europe/Dublin', '2026-06-15'],
    ['2026-06-15T13:00:00Z', 'Pacific/Auckland', '2026-06-16'],
  ])('%s in %s is %s', (instant, zone, day) => {
    expect(businessDay(new Date(instant), zone)).toBe(day)
  })
})

describe('receiptTime', () => {
  it('prints local time, 24-hour', () => {
    expect(receiptTime(new Date('2026-06-15T15:05:00Z'), 'Europe/London')).toBe('15/06/2026 16:05')
    expect(receiptTime(new Date('2026-01-15T00:05:00Z'), 'Europe/London')).toBe('15/01/2026 00:05')
  })
})

import { describe, expect, it } from 'vitest'
import { DomainError } from '../../../appliance/core/errors.js'
import {
  checkShippingRules, computeDeadlines, findShippingRule, type ShippingRule,
} from '../../../appliance/core/orders/deadlines.js'
import { workingCalendar } from '../../../appliance/core/orders/working-calendar.js'

const RULES: ShippingRule[] = [
  { channel: '*', method: '*', cutOff: '14:00', handlingDays: 0, transitDays: 1 },
  { channel: 'shopify', method: 'Standard', cutOff: '12:00', handlingDays: 1, transitDays: 2 },
  { channel: 'ebay', method: '*', cutOff: '15:30', handlingDays: 0, transitDays: 2 },
]
const calendar = workingCalendar()
const iso = (d: Date | null) => d?.toISOString() ?? null
const deadlines = (placedAt: string, channel = 'woocommerce', method: string | null = 'Royal Mail 1st Class') =>
  computeDeadlines({ placedAt: new Date(placedAt), channel, shippingMethod: method }, RULES, calendar)

describe('despatch and delivery deadlines (Europe/London, cut-off 14:00, same-day despatch, next-day delivery)', () => {
  it.each([
    // name, placed (UTC), despatch-by (UTC), deliver-by (UTC)
    ['Monday morning, before the cut-off: out today', '2025-03-03T10:00:00Z', '2025-03-03T14:00:00.000Z', '2025-03-04T23:59:59.999Z'],
    ['one second before the cut-off still counts today', '2025-03-03T13:59:59Z', '2025-03-03T14:00:00.000Z', '2025-03-04T23:59:59.999Z'],
    ['at the cut-off it is tomorrow\u2019s', '2025-03-03T14:00:00Z', '2025-03-04T14:00:00.000Z', '2025-03-05T23:59:59.999Z'],
    ['Friday after the cut-off: Monday', '2025-03-07T15:00:00Z', '2025-03-10T14:00:00.000Z', '2025-03-11T23:59:59.999Z'],
    ['Saturday: Monday', '2025-03-08T09:00:00Z', '2025-03-10T14:00:00.000Z', '2025-03-11T23:59:59.999Z'],
    ['summer: the cut-off is 14:00 BST = 13:00 UTC', '2025-07-15T09:00:00Z', '2025-07-15T13:00:00.000Z', '2025-07-16T22:59:59.999Z'],
    ['summer: 13:30 UTC is 14:30 BST, after the cut-off', '2025-07-15T13:30:00Z', '2025-07-16T13:00:00.000Z', '2025-07-17T22:59:59.999Z'],
    ['00:30 BST Monday is 23:30 UTC Sunday: it is Monday\u2019s order', '2025-06-01T23:30:00Z', '2025-06-02T13:00:00.000Z', '2025-06-03T22:59:59.999Z'],
    // Clocks go back at 02:00 BST on Sunday 26 October 2025.
    ['Saturday 25 Oct 2025 (BST) → Monday 27 Oct, now GMT', '2025-10-25T10:00:00Z', '2025-10-27T14:00:00.000Z', '2025-10-28T23:59:59.999Z'],
    ['Sunday 26 Oct 2025 in the repeated hour → Monday (GMT)', '2025-10-26T01:15:00Z', '2025-10-27T14:00:00.000Z', '2025-10-28T23:59:59.999Z'],
    ['Friday 24 Oct 2025 (BST): delivery day Monday is GMT', '2025-10-24T09:00:00Z', '2025-10-24T13:00:00.000Z', '2025-10-27T23:59:59.999Z'],
    // Clocks go forward at 01:00 GMT on Sunday 30 March 2025.
    ['Sunday 30 Mar 2025 before the change → Monday 31 Mar, BST', '2025-03-30T00:30:00Z', '2025-03-31T13:00:00.000Z', '2025-04-01T22:59:59.999Z'],
    ['Sunday 30 Mar 2025 after the change → Monday 31 Mar, BST', '2025-03-30T12:00:00Z', '2025-03-31T13:00:00.000Z', '2025-04-01T22:59:59.999Z'],
    ['Friday 28 Mar 2025 after the cut-off (GMT) → Monday (BST)', '2025-03-28T15:00:00Z', '2025-03-31T13:00:00.000Z', '2025-04-01T22:59:59.999Z'],
    // Easter 2025: Good Friday 18 April, Easter Monday 21 April.
    ['Thursday before Easter after the cut-off → Tuesday', '2025-04-17T14:30:00Z', '2025-04-22T13:00:00.000Z', '2025-04-23T22:59:59.999Z'],
    ['Thursday before Easter in time: out Thursday, delivered Tuesday', '2025-04-17T09:00:00Z', '2025-04-17T13:00:00.000Z', '2025-04-22T22:59:59.999Z'],
    ['Good Friday → Tuesday', '2025-04-18T09:00:00Z', '2025-04-22T13:00:00.000Z', '2025-04-23T22:59:59.999Z'],
    // Christmas: 2025 plain, 2026 Boxing Day substitute, 2027 both substitute, 2028 New Year substitute.
    ['Christmas Eve 2025 late → Monday 29 Dec', '2025-12-24T15:00:00Z', '2025-12-29T14:00:00.000Z', '2025-12-30T23:59:59.999Z'],
    ['Christmas Eve 2026 late → Tuesday 29 Dec (Mon 28 is Boxing Day\u2019s substitute)', '2026-12-24T15:00:00Z', '2026-12-29T14:00:00.000Z', '2026-12-30T23:59:59.999Z'],
    ['Christmas Eve 2027 late → Wednesday 29 Dec (27 and 28 are substitutes)', '2027-12-24T15:00:00Z', '2027-12-29T14:00:00.000Z', '2027-12-30T23:59:59.999Z'],
    ['New Year\u2019s Eve 2027 late → Tuesday 4 Jan 2028 (3 Jan is the substitute)', '2027-12-31T15:00:00Z', '2028-01-04T14:00:00.000Z', '2028-01-05T23:59:59.999Z'],
    ['delivery skips a bank holiday too', '2025-05-02T09:00:00Z', '2025-05-02T13:00:00.000Z', '2025-05-06T22:59:59.999Z'],
  ])('%s', (_name, placed, despatch, deliver) => {
    const d = deadlines(placed)
    expect([iso(d.despatchBy), iso(d.deliverBy)]).toEqual([despatch, deliver])
    expect([d.despatchSource, d.deliverySource]).toEqual(['rules', 'rules'])
  })

  it('handling days count working days after the receipt day', () => {
    // Shopify Standard: cut-off 12:00, 1 handling day, 2 transit days.
    const d = deadlines('2025-03-06T11:00:00Z', 'shopify', ' standard ') // Thursday, in time
    expect([iso(d.despatchBy), iso(d.deliverBy)]).toEqual(['2025-03-07T12:00:00.000Z', '2025-03-11T23:59:59.999Z'])
    const late = deadlines('2025-03-06T12:00:00Z', 'shopify', 'Standard') // at the cut-off → Friday is day 0
    expect([iso(late.despatchBy), iso(late.deliverBy)]).toEqual(['2025-03-10T12:00:00.000Z', '2025-03-12T23:59:59.999Z'])
  })

  it('a shop that despatches on Saturdays', () => {
    const sat = workingCalendar({ workingDays: [1, 2, 3, 4, 5, 6] })
    const d = computeDeadlines({ placedAt: new Date('2025-10-25T09:00:00Z'), channel: 'store', shippingMethod: null }, RULES, sat)
    expect([iso(d.despatchBy), iso(d.deliverBy)]).toEqual(['2025-10-25T13:00:00.000Z', '2025-10-27T23:59:59.999Z'])
  })

  it('a shop in another zone reads cut-offs in its own zone', () => {
    const ny = workingCalendar({ timeZone: 'America/New_York', bankHolidays: [] })
    const d = computeDeadlines({ placedAt: new Date('2025-03-07T18:00:00Z'), channel: 'store', shippingMethod: null }, RULES, ny)
    // Friday 13:00 EST is before 14:00: out today at 19:00 UTC; delivered Monday 10 March (EDT from the 9th).
    expect([iso(d.despatchBy), iso(d.deliverBy)]).toEqual(['2025-03-07T19:00:00.000Z', '2025-03-11T03:59:59.999Z'])
  })

  it('a marketplace\u2019s own deadlines are used as they are', () => {
    const amazon = computeDeadlines({
      placedAt: new Date('2025-10-25T10:00:00Z'), channel: 'amazon', shippingMethod: 'Std UK Dom_1',
      channelDespatchBy: new Date('2025-10-27T22:59:59Z'), channelDeliverBy: new Date('2025-10-29T22:59:59Z'),
    }, RULES, calendar)
    expect([iso(amazon.despatchBy), iso(amazon.deliverBy), amazon.despatchSource, amazon.deliverySource])
      .toEqual(['2025-10-27T22:59:59.000Z', '2025-10-29T22:59:59.000Z', 'channel', 'channel'])
    // eBay gives shipByDate only: delivery follows our eBay rule (2 working days) from that day.
    const ebay = computeDeadlines({
      placedAt: new Date('2025-10-24T10:00:00Z'), channel: 'ebay', shippingMethod: 'UK_RoyalMailSecondClass',
      channelDespatchBy: new Date('2025-10-27T23:59:59Z'),
    }, RULES, calendar)
    expect([iso(ebay.despatchBy), iso(ebay.deliverBy), ebay.deliverySource]).toEqual(['2025-10-27T23:59:59.000Z', '2025-10-29T23:59:59.999Z', 'rules'])
    // No rule at all: delivery unknown rather than invented.
    const bare = computeDeadlines({ placedAt: new Date('2025-10-24T10:00:00Z'), channel: 'ebay', shippingMethod: null, channelDespatchBy: new Date('2025-10-27T23:59:59Z') }, [], calendar)
    expect([bare.deliverBy, bare.deliverySource]).toEqual([null, null])
  })

  it('picks the most specific rule', () => {
    expect(findShippingRule(RULES, 'shopify', 'STANDARD')?.cutOff).toBe('12:00')
    expect(findShippingRule(RULES, 'shopify', 'Express')?.cutOff).toBe('14:00')
    expect(findShippingRule(RULES, 'ebay', 'anything')?.cutOff).toBe('15:30')
    expect(findShippingRule([], 'ebay', 'anything')).toBeUndefined()
  })

  it('refuses an order no rule covers, naming the field', () => {
    const e = (() => {
      try {
        computeDeadlines({ placedAt: new Date('2025-03-03T10:00:00Z'), channel: 'shopify', shippingMethod: 'Express' }, [], calendar)
      } catch (error) {
        return error
      }
    })()
    expect(e).toBeInstanceOf(DomainError)
    expect(e).toMatchObject({ code: 'invalid_input', field: 'shippingMethod' })
    expect(() => deadlines('not a date')).toThrow(expect.objectContaining({ field: 'placedAt' }))
  })

  it.each([
    [{ cutOff: '25:00' }, 'rules.0.cutOff'],
    [{ handlingDays: -1 }, 'rules.0.handlingDays'],
    [{ transitDays: 1.5 }, 'rules.0.transitDays'],
    [{ channel: '' }, 'rules.0.channel'],
  ])('validates rules: %o', (patch, field) => {
    expect(() => checkShippingRules([{ ...RULES[0]!, ...patch }])).toThrow(expect.objectContaining({ code: 'invalid_input', field }))
  })

  it('validates the calendar', () => {
    expect(() => workingCalendar({ timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ field: 'timeZone' }))
    expect(() => workingCalendar({ workingDays: [] })).toThrow(expect.objectContaining({ field: 'workingDays' }))
    expect(() => workingCalendar({ workingDays: [7] })).toThrow(expect.objectContaining({ field: 'workingDays.0' }))
    expect(() => workingCalendar({ bankHolidays: ['25/12/2025'] })).toThrow(expect.objectContaining({ field: 'bankHolidays.0' }))
    expect(() => checkShippingRules([RULES[0]!, { ...RULES[0]! }])).toThrow(expect.objectContaining({ field: 'rules.1.method' }))
  })
})

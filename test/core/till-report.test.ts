/** Counting the drawer and the X/Z report arithmetic. */
import { describe, expect, it } from 'vitest'
import type { TillFigures } from '../../appliance/app/till/ports.js'
import { buildTillReport, countCash, expectedCash } from '../../appliance/app/till/report.js'
import { defaultTillSettings } from '../../appliance/app/till/settings.js'
import { DomainError } from '../../appliance/core/errors.js'

const UK = defaultTillSettings().denominationsMinor

const figures = (cash: Partial<TillFigures['cash']>): TillFigures => ({
  sales: { count: 2, grossMinor: 1000, discountMinor: 0, totalMinor: 1000, vatMinor: 100 },
  tenders: [], vatRates: [], refunds: { count: 0, amountMinor: 0 },
  voids: { lineCount: 0, lineMinor: 0, basketCount: 0, basketMinor: 0 }, discounts: { count: 0, amountMinor: 0 },
  priceOverrides: { count: 0 }, giftCardsSold: { count: 0, amountMinor: 0 },
  cash: { salesMinor: 0, refundsMinor: 0, paidInMinor: 0, paidOutMinor: 0, bankDropMinor: 0, ...cash },
})

describe('countCash', () => {
  it('adds denominations up, largest first, leaving out zero counts', () => {
    expect(countCash({ denominations: { '1': 3, '2000': 2, '50': 0 } }, UK)).toEqual({
      countedMinor: 4003,
      denominations: [{ denominationMinor: 2000, count: 2, amountMinor: 4000 }, { denominationMinor: 1, count: 3, amountMinor: 3 }],
    })
  })

  it('takes a plain total, and checks a total against the denominations', () => {
    expect(countCash({ countedMinor: 1234 }, UK)).toEqual({ countedMinor: 1234, denominations: null })
    expect(() => countCash({ denominations: { '100': 2 }, countedMinor: 201 }, UK)).toThrow(/add up to 200/)
  })

  it.each([
    [{ denominations: { '300': 1 } }, 'denominations.300'],
    [{ denominations: { '100': -1 } }, 'denominations.100'],
    [{ denominations: { '100': 1.5 } }, 'denominations.100'],
    [{}, 'denominations'],
  ])('refuses %j', (count, field) => {
    try {
      countCash(count, UK)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError)
      expect((error as DomainError).field).toBe(field)
    }
  })
})

describe('expected cash and over/short', () => {
  it('is the float plus every signed change of the drawer', () => {
    expect(expectedCash(10000, figures({ salesMinor: 5000, refundsMinor: -700, paidInMinor: 100, paidOutMinor: -250, bankDropMinor: -4000 }).cash)).toBe(10150)
  })

  it('reports over/short only once counted', () => {
    const till = { id: 'till-1', name: 'Till 1', number: 1, location: 'floor', active: true, sessionId: 's' }
    const session = { id: 's', tillId: 'till-1', businessDay: '2026-06-15', openedAt: new Date('2026-06-15T08:00:00Z'), openedBy: 'ash', floatMinor: 10000, closedAt: null, closedBy: null, expectedCashMinor: null, countedCashMinor: null, countedDenominations: null, approvedBy: null }
    const f = figures({ salesMinor: 2500 })
    const x = buildTillReport('X', { till, session, figures: f, now: new Date('2026-06-15T12:00:00Z') })
    expect(x.cash).toMatchObject({ expectedMinor: 12500, countedMinor: null, overShortMinor: null })
    expect(x.closedAt).toBeNull()
    const z = buildTillReport('Z', { till, session, figures: f, now: new Date('2026-06-15T18:00:00Z'), zNumber: 7, count: countCash({ countedMinor: 12490 }, UK) })
    expect(z).toMatchObject({ kind: 'Z', zNumber: 7, closedAt: '2026-06-15T18:00:00.000Z', cash: { countedMinor: 12490, overShortMinor: -10 } })
  })
})

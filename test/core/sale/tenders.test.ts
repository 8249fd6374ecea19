import { describe, expect, it } from 'vitest'
import type { Minor } from '../../../appliance/core/money.js'
import { quickCashAmounts, settleTenders, tenderState, type Tender } from '../../../appliance/core/sale/index.js'

const m = (n: number) => n as Minor
const cash = (n: number): Tender => ({ kind: 'cash', amountMinor: m(n) })
const card = (n: number): Tender => ({ kind: 'card', amountMinor: m(n), reference: 'AUTH123' })
const voucher = (n: number): Tender => ({ kind: 'voucher', amountMinor: m(n), reference: '7K2M-Q9XD-4HRT-B0C8' })

describe('settleTenders', () => {
  it.each<[string, number, Tender[], { paidMinor: number; changeMinor: number }]>([
    ['exact cash', 1234, [cash(1234)], { paidMinor: 1234, changeMinor: 0 }],
    ['cash with change', 1234, [cash(2000)], { paidMinor: 2000, changeMinor: 766 }],
    ['exact card', 1234, [card(1234)], { paidMinor: 1234, changeMinor: 0 }],
    ['voucher then card', 5000, [voucher(2500), card(2500)], { paidMinor: 5000, changeMinor: 0 }],
    ['card then cash with change', 5000, [card(3000), cash(2500)], { paidMinor: 5500, changeMinor: 500 }],
    ['two cash tenders', 1500, [cash(1000), cash(1000)], { paidMinor: 2000, changeMinor: 500 }],
    ['voucher, card, cash', 10_000, [voucher(1999), card(5000), cash(5000)], { paidMinor: 11_999, changeMinor: 1999 }],
    ['a free sale needs no tender', 0, [], { paidMinor: 0, changeMinor: 0 }],
  ])('%s', (_name, total, tenders, expected) => {
    expect(settleTenders(m(total), tenders)).toEqual(expected)
  })

  it.each<[string, number, Tender[], string, string]>([
    ['card overpays', 1000, [cash(500), card(600)], "Card payments can't be more than the amount due", 'tenders.1.amountMinor'],
    ['voucher overpays', 1000, [voucher(1001)], "Voucher payments can't be more than the amount due", 'tenders.0.amountMinor'],
    ['tender after paid in full', 1000, [cash(2000), card(100)], 'The sale is already paid in full', 'tenders.1.amountMinor'],
    ['not fully paid', 1000, [card(999)], 'The sale is not fully paid: 1 pence still due', 'tenders'],
    ['zero tender', 1000, [cash(0)], 'A payment must be more than zero', 'tenders.0.amountMinor'],
    ['negative tender', 1000, [card(-5)], 'A payment must be more than zero', 'tenders.0.amountMinor'],
    ['fractional tender', 1000, [cash(10.5)], 'A payment is a whole number of pence', 'tenders.0.amountMinor'],
    ['voucher without a code', 1000, [{ kind: 'voucher', amountMinor: m(1000) }], 'Enter or scan the voucher code', 'tenders.0.reference'],
    ['unknown kind', 1000, [{ kind: 'cheque' as 'cash', amountMinor: m(1000) }], 'A payment is cash, card or voucher', 'tenders.0.kind'],
  ])('refuses: %s', (_name, total, tenders, message, field) => {
    expect(() => settleTenders(m(total), tenders)).toThrow(expect.objectContaining({ code: 'invalid_input', message, field }))
  })
})

describe('tenderState', () => {
  it('shows what is still due while a split payment is under way', () => {
    expect(tenderState(m(5000), [voucher(1500)])).toEqual({
      totalMinor: 5000, paidMinor: 1500, remainingMinor: 3500, changeMinor: 0, complete: false,
    })
  })
})

describe('quickCashAmounts', () => {
  it.each([
    [1234, [1234, 1500, 2000, 5000]],
    [2000, [2000, 5000]],
    [500, [500, 1000, 2000, 5000]],
    [1, [1, 500, 1000, 2000, 5000]],
    [7321, [7321, 7500, 8000, 10_000]],
    [0, []],
  ])('£%i pence → %j', (due, expected) => expect(quickCashAmounts(m(due))).toEqual(expected))
  it('takes other denominations', () => expect(quickCashAmounts(m(1234), [m(100), m(1000)])).toEqual([1234, 1300, 2000]))
})

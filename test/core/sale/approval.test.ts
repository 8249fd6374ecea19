import { describe, expect, it } from 'vitest'
import type { Minor } from '../../../appliance/core/money.js'
import {
  approvalsNeeded,
  priceBasket,
  reductionNeedsApproval,
  requireApproval,
  type ApprovalLimits,
  type BasketInput,
  type SaleLineInput,
} from '../../../appliance/core/sale/index.js'

const m = (n: number) => n as Minor
const limits: ApprovalLimits = { maxPercentBp: 1000, maxAmountMinor: m(500) } // 10 % or £5
const item = (price: number, over: Partial<SaleLineInput> = {}) =>
  ({ sku: 'A', name: 'Kettle', unitPriceMinor: m(price), quantity: 1, vatRateBp: 2000, ...over }) as SaleLineInput

describe('reductionNeedsApproval', () => {
  it.each([
    [100, 1000, false], // exactly 10 %
    [101, 1000, true], // just over 10 %
    [500, 5000, false], // exactly £5 and 10 %
    [501, 10_000, true], // over £5 though only 5 %
    [0, 0, false],
  ])('%i off %i → %s', (amount, base, expected) => expect(reductionNeedsApproval(m(amount), m(base), limits)).toBe(expected))
})

describe('approvalsNeeded', () => {
  const fields = (input: BasketInput) => approvalsNeeded(priceBasket(input), limits).map((n) => n.field)
  it.each<[string, BasketInput, string[]]>([
    ['no discounts', { lines: [item(1000)] }, []],
    ['a 10 % line discount', { lines: [item(1000, { discount: { kind: 'percent', percentBp: 1000, reason: 'scuffed' } })] }, []],
    ['a 15 % line discount', { lines: [item(1000, { discount: { kind: 'percent', percentBp: 1500, reason: 'scuffed' } })] }, ['lines.0.discount']],
    ['an override lowering the price 20 %', { lines: [item(1000, { priceOverride: { unitPriceMinor: m(800), reason: 'match' } })] }, ['lines.0.priceOverride']],
    ['an override raising the price', { lines: [item(1000, { priceOverride: { unitPriceMinor: m(5000), reason: 'wrong label' } })] }, []],
    ['a £6 basket discount', { lines: [item(10_000)], discounts: [{ kind: 'amount', amountMinor: m(600), reason: 'loyal' }] }, ['discounts.0']],
    ['small discounts adding up past the limit', {
      lines: [item(1000, { discount: { kind: 'percent', percentBp: 1000, reason: 'a' } }), item(1000)],
      discounts: [{ kind: 'percent', percentBp: 1000, reason: 'b' }],
    }, ['discounts']],
  ])('%s', (_name, input, expected) => expect(fields(input)).toEqual(expected))

  it('refuses nonsense limits', () => {
    expect(() => approvalsNeeded(priceBasket({ lines: [] }), { maxPercentBp: -1, maxAmountMinor: m(0) })).toThrow(/basis points/)
  })
})

describe('requireApproval', () => {
  const needs = approvalsNeeded(priceBasket({ lines: [item(1000, { discount: { kind: 'percent', percentBp: 5000, reason: 'x' } })] }), limits)
  it('throws approval_required naming the field unless approved', () => {
    expect(() => requireApproval(needs, false)).toThrow(
      expect.objectContaining({ code: 'approval_required', field: 'lines.0.discount', message: "Discount on Kettle needs a manager's approval" }),
    )
    expect(() => requireApproval(needs, true)).not.toThrow()
    expect(() => requireApproval([], false)).not.toThrow()
  })
})

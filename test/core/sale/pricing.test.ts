import { describe, expect, it } from 'vitest'
import { DomainError } from '../../../appliance/core/errors.js'
import type { Minor } from '../../../appliance/core/money.js'
import { priceBasket, weighedPrice, type BasketInput, type SaleLineInput } from '../../../appliance/core/sale/index.js'

const m = (n: number) => n as Minor
const line = (over: Partial<SaleLineInput> = {}): SaleLineInput =>
  ({ sku: 'TEA-01', name: 'Tea', unitPriceMinor: m(250), quantity: 2, vatRateBp: 2000, ...over }) as SaleLineInput

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError && e.code === 'invalid_input') return e.field
    throw e
  }
  throw new Error('expected a DomainError')
}

describe('priceBasket: line details', () => {
  it('prices an empty basket at zero', () => {
    const p = priceBasket({ lines: [] })
    expect(p).toMatchObject({ totalMinor: 0, vatTotalMinor: 0, netTotalMinor: 0, vat: [], lines: [] })
  })

  it('keeps the list price, the charged price and the override reason', () => {
    const p = priceBasket({ lines: [line({ priceOverride: { unitPriceMinor: m(200), reason: 'damaged box' } })] })
    expect(p.lines[0]).toMatchObject({
      listUnitPriceMinor: 250, unitPriceMinor: 200, overrideReason: 'damaged box', grossMinor: 400, totalMinor: 400, quantity: 2,
    })
  })

  it('a weighed line is one item priced from its weight, half up', () => {
    expect(weighedPrice(250, m(198))).toBe(50) // 49.5p
    expect(weighedPrice(249, m(198))).toBe(49) // 49.302p
    const p = priceBasket({ lines: [{ sku: 'CHZ', name: 'Cheddar', weight: { grams: 455, pricePerKgMinor: m(1299) }, vatRateBp: 0 }] })
    expect(p.lines[0]).toMatchObject({ quantity: 1, weightGrams: 455, pricePerKgMinor: 1299, unitPriceMinor: 591, totalMinor: 591 })
  })

  it('reports each basket discount with its base and per-line shares', () => {
    const p = priceBasket({
      lines: [line({ quantity: 1, unitPriceMinor: m(100) }), line({ quantity: 1, unitPriceMinor: m(200), vatRateBp: 0 })],
      discounts: [{ kind: 'amount', amountMinor: m(31), reason: 'loyalty' }],
    })
    expect(p.discounts).toEqual([
      { index: 0, discount: { kind: 'amount', amountMinor: 31, reason: 'loyalty' }, baseMinor: 300, amountMinor: 31, shares: [10, 21] },
    ])
    expect(p.lines.map((l) => [l.lineDiscountMinor, l.basketDiscountMinor, l.discountMinor])).toEqual([[0, 10, 10], [0, 21, 21]])
  })

  it('lists VAT rates highest first, with the percentage for display', () => {
    const p = priceBasket({ lines: [line({ vatRateBp: 0 }), line({ vatRateBp: 2000 }), line({ vatRateBp: 500 })] })
    expect(p.vat.map((v) => [v.rateBp, v.ratePercent])).toEqual([[2000, 20], [500, 5], [0, 0]])
  })
})

describe('priceBasket: refuses bad input, naming the field', () => {
  const cases: [string, BasketInput, string][] = [
    ['discount over 100%', { lines: [line()], discounts: [{ kind: 'percent', percentBp: 10001, reason: 'x' }] }, 'discounts.0.percentBp'],
    ['zero percent', { lines: [line()], discounts: [{ kind: 'percent', percentBp: 0, reason: 'x' }] }, 'discounts.0.percentBp'],
    ['fractional percent', { lines: [line()], discounts: [{ kind: 'percent', percentBp: 12.5, reason: 'x' }] }, 'discounts.0.percentBp'],
    ['basket amount beyond the basket', { lines: [line()], discounts: [{ kind: 'amount', amountMinor: m(501), reason: 'x' }] }, 'discounts.0.amountMinor'],
    ['second basket discount beyond what is left', {
      lines: [line()],
      discounts: [{ kind: 'percent', percentBp: 9000, reason: 'x' }, { kind: 'amount', amountMinor: m(51), reason: 'y' }],
    }, 'discounts.1.amountMinor'],
    ['negative discount amount', { lines: [line()], discounts: [{ kind: 'amount', amountMinor: m(-1), reason: 'x' }] }, 'discounts.0.amountMinor'],
    ['discount without reason', { lines: [line()], discounts: [{ kind: 'percent', percentBp: 100, reason: '  ' }] }, 'discounts.0.reason'],
    ['line discount making the line negative', { lines: [line({ discount: { kind: 'amount', amountMinor: m(501), reason: 'x' } })] }, 'lines.0.discount.amountMinor'],
    ['line discount over 100%', { lines: [line(), line({ discount: { kind: 'percent', percentBp: 20000, reason: 'x' } })] }, 'lines.1.discount.percentBp'],
    ['quantity zero', { lines: [line({ quantity: 0 })] }, 'lines.0.quantity'],
    ['fractional quantity', { lines: [line({ quantity: 1.5 })] }, 'lines.0.quantity'],
    ['quantity over 100 000', { lines: [line({ quantity: 100_001, unitPriceMinor: m(1) })] }, 'lines.0.quantity'],
    ['negative price', { lines: [line({ unitPriceMinor: m(-5) })] }, 'lines.0.unitPriceMinor'],
    ['fractional price', { lines: [line({ unitPriceMinor: m(2.5) })] }, 'lines.0.unitPriceMinor'],
    ['bad VAT rate', { lines: [line({ vatRateBp: 20 * 1.5 + 0.1 })] }, 'lines.0.vatRateBp'],
    ['VAT rate over 100%', { lines: [line({ vatRateBp: 10001 })] }, 'lines.0.vatRateBp'],
    ['missing sku', { lines: [line({ sku: '' })] }, 'lines.0.sku'],
    ['override without reason', { lines: [line({ priceOverride: { unitPriceMinor: m(1), reason: '' } })] }, 'lines.0.priceOverride.reason'],
    ['negative override', { lines: [line({ priceOverride: { unitPriceMinor: m(-1), reason: 'x' } })] }, 'lines.0.priceOverride.unitPriceMinor'],
    ['line total too large', { lines: [line({ unitPriceMinor: m(100_000_000), quantity: 11 })] }, 'lines.0.quantity'],
    ['basket total too large', { lines: [line({ unitPriceMinor: m(600_000_000), quantity: 1 }), line({ unitPriceMinor: m(600_000_000), quantity: 1 })] }, 'lines'],
    ['weighed line with a quantity', { lines: [{ sku: 'a', name: 'b', vatRateBp: 0, weight: { grams: 10, pricePerKgMinor: m(100) }, quantity: 2 as 1 }] }, 'lines.0.quantity'],
    ['zero weight', { lines: [{ sku: 'a', name: 'b', vatRateBp: 0, weight: { grams: 0, pricePerKgMinor: m(100) } }] }, 'lines.0.weight.grams'],
    ['negative price per kg', { lines: [{ sku: 'a', name: 'b', vatRateBp: 0, weight: { grams: 10, pricePerKgMinor: m(-1) } }] }, 'lines.0.weight.pricePerKgMinor'],
    ['unknown discount kind', { lines: [line()], discounts: [{ kind: 'bogof', reason: 'x' } as never] }, 'discounts.0.kind'],
  ]
  it.each(cases)('%s', (_name, input, field) => {
    expect(fieldOf(() => priceBasket(input))).toBe(field)
  })

  it('says so in words a shop assistant can act on', () => {
    expect(() => priceBasket({ lines: [line()], discounts: [{ kind: 'percent', percentBp: 10001, reason: 'x' }] })).toThrow(
      'A discount cannot be more than 100%',
    )
  })
})

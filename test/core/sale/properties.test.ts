/** Property tests: whatever the basket, the books balance to the penny. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Minor } from '../../../appliance/core/money.js'
import {
  apportion,
  priceBasket,
  tenderState,
  type Discount,
  type SaleLineInput,
  type Tender,
} from '../../../appliance/core/sale/index.js'
import { DomainError } from '../../../appliance/core/errors.js'

const m = (n: number) => n as Minor
const RUNS = { numRuns: 300 }

const rate = fc.constantFrom(2000, 2000, 500, 0, 1750)
const reason = fc.constant('because')
const lineDiscount = (gross: number): fc.Arbitrary<Discount | undefined> =>
  gross === 0
    ? fc.constant(undefined)
    : fc.oneof(
        fc.constant(undefined),
        fc.record({ kind: fc.constant('percent' as const), percentBp: fc.integer({ min: 1, max: 10_000 }), reason }),
        fc.record({ kind: fc.constant('amount' as const), amountMinor: fc.integer({ min: 1, max: gross }).map(m), reason }),
      )

/** Everyday lines, and long runs of cheap items; both keep a 25-line basket inside MAX_MINOR. */
const countedWith = (maxPrice: number, maxQuantity: number) =>
  fc.record({
    price: fc.integer({ min: 0, max: maxPrice }),
    quantity: fc.integer({ min: 1, max: maxQuantity }),
    vatRateBp: rate,
    override: fc.option(fc.integer({ min: 0, max: maxPrice }), { nil: undefined }),
  })
const counted = fc.oneof(countedWith(200_000, 12), countedWith(500, 5_000))
const weighed = fc.record({ grams: fc.integer({ min: 1, max: 20_000 }), perKg: fc.integer({ min: 0, max: 9_999 }), vatRateBp: rate })

const line: fc.Arbitrary<SaleLineInput> = fc.oneof(
  counted.chain((c) => {
    const unit = c.override ?? c.price
    return lineDiscount(unit * c.quantity).map(
      (discount): SaleLineInput => ({
        sku: 'S', name: 'N', unitPriceMinor: m(c.price), quantity: c.quantity, vatRateBp: c.vatRateBp,
        ...(c.override === undefined ? {} : { priceOverride: { unitPriceMinor: m(c.override), reason: 'r' } }),
        ...(discount === undefined ? {} : { discount }),
      }),
    )
  }),
  weighed.map((w): SaleLineInput => ({ sku: 'W', name: 'N', weight: { grams: w.grams, pricePerKgMinor: m(w.perKg) }, vatRateBp: w.vatRateBp })),
)

/** Baskets whose basket discounts always fit: percentages up to 50 %, amounts up to an eighth of the total. */
const basket = fc.array(line, { minLength: 1, maxLength: 25 }).chain((lines) => {
  const total = priceBasket({ lines }).totalMinor
  const percent = fc.record({ kind: fc.constant('percent' as const), percentBp: fc.integer({ min: 1, max: 5_000 }), reason })
  const amount = fc.record({ kind: fc.constant('amount' as const), amountMinor: fc.integer({ min: 1, max: Math.max(1, Math.floor(total / 8)) }).map(m), reason })
  const discount: fc.Arbitrary<Discount> = total >= 8 ? fc.oneof(percent, amount) : percent
  return fc.array(discount, { maxLength: 3 }).map((discounts) => ({ lines, discounts }))
})

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0)

describe('priceBasket properties', () => {
  it('totals reconcile to the penny', () => {
    fc.assert(
      fc.property(basket, (input) => {
        const p = priceBasket(input)
        expect(sum(p.lines.map((l) => l.totalMinor))).toBe(p.totalMinor)
        expect(sum(p.vat.map((v) => v.netMinor + v.vatMinor))).toBe(p.totalMinor)
        expect(sum(p.vat.map((v) => v.grossMinor))).toBe(p.totalMinor)
        expect(p.grossMinor - p.discountTotalMinor).toBe(p.totalMinor)
        expect(p.netTotalMinor + p.vatTotalMinor).toBe(p.totalMinor)
        for (const l of p.lines) {
          expect(l.totalMinor).toBe(l.grossMinor - l.discountMinor)
          expect(l.discountMinor).toBe(l.lineDiscountMinor + l.basketDiscountMinor)
          expect(l.netMinor).toBe(l.totalMinor - l.vatMinor)
          expect(l.totalMinor).toBeGreaterThanOrEqual(0)
          expect(l.vatMinor).toBeGreaterThanOrEqual(0)
          expect(l.netMinor).toBeGreaterThanOrEqual(0)
        }
      }),
      RUNS,
    )
  })

  it('each basket discount is shared out exactly, never more than a line has', () => {
    fc.assert(
      fc.property(basket, (input) => {
        const p = priceBasket(input)
        for (const d of p.discounts) expect(sum(d.shares)).toBe(d.amountMinor)
        expect(sum(p.lines.map((l) => l.basketDiscountMinor))).toBe(sum(p.discounts.map((d) => d.amountMinor)))
      }),
      RUNS,
    )
  })

  it('VAT per rate is the exact figure rounded half up, and the lines at that rate add up to it', () => {
    fc.assert(
      fc.property(basket, (input) => {
        const p = priceBasket(input)
        for (const v of p.vat) {
          const denominator = BigInt(10_000 + v.rateBp)
          // |vat − gross × r / (1 + r)| ≤ ½, with a half always going up
          const error = BigInt(v.vatMinor) * denominator - BigInt(v.grossMinor) * BigInt(v.rateBp)
          expect(2n * error <= denominator && -2n * error < denominator).toBe(true)
          expect(sum(p.lines.filter((l) => l.vatRateBp === v.rateBp).map((l) => l.vatMinor))).toBe(v.vatMinor)
        }
      }),
      RUNS,
    )
  })
})

describe('apportion properties', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 30 }).filter((ws) => sum(ws) > 0)
  it('shares sum exactly, stay within a penny of the exact share, and never exceed their weight', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 0, max: 1_000_000_000 }), (ws, raw) => {
        const total = sum(ws)
        const amount = raw % (total + 1)
        const shares = apportion(amount, ws)
        expect(sum(shares)).toBe(amount)
        shares.forEach((s, i) => {
          const w = ws[i] ?? 0
          const exactTimesTotal = BigInt(amount) * BigInt(w)
          const diff = BigInt(s) * BigInt(total) - exactTimesTotal
          expect(diff > -BigInt(total) && diff < BigInt(total)).toBe(true)
          expect(s).toBeLessThanOrEqual(w)
          expect(s).toBeGreaterThanOrEqual(0)
        })
      }),
      RUNS,
    )
  })
})

describe('tenderState properties', () => {
  const tender: fc.Arbitrary<Tender> = fc.record({
    kind: fc.constantFrom('cash' as const, 'card' as const, 'voucher' as const),
    amountMinor: fc.integer({ min: 1, max: 20_000 }).map(m),
    reference: fc.constant('REF'),
  })
  it('never overpays by card or voucher, and change only comes from cash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.array(tender, { maxLength: 5 }), (total, tenders) => {
        let state
        try {
          state = tenderState(m(total), tenders)
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError)
          expect((e as DomainError).field).toMatch(/^tenders\.\d+\.amountMinor$/)
          return
        }
        expect(state.paidMinor).toBe(sum(tenders.map((t) => t.amountMinor)))
        const nonCash = sum(tenders.filter((t) => t.kind !== 'cash').map((t) => t.amountMinor))
        expect(nonCash).toBeLessThanOrEqual(total)
        if (state.complete) {
          expect(state.paidMinor - state.changeMinor).toBe(total)
          expect(state.remainingMinor).toBe(0)
          if (state.changeMinor > 0) expect(tenders.at(-1)?.kind).toBe('cash')
        } else {
          expect(state.changeMinor).toBe(0)
          expect(state.remainingMinor).toBe(total - state.paidMinor)
        }
      }),
      RUNS,
    )
  })
})

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DomainError } from '../../../appliance/core/errors.js'
import { apportion } from '../../../appliance/core/sale/rounding.js'
import type { PaidTender, RefundMethod } from '../../../appliance/core/orders/refunds.js'
import { unitsRefundMinor } from '../../../appliance/core/orders/refunds.js'
import { planReturn, type ReturnLineRequest, type SoldOrder } from '../../../appliance/core/orders/returns.js'
import { POLICY, m } from './fixtures.js'

const AT = new Date('2025-03-02T12:00:00Z')
const CONDITIONS = ['sellable', 'damaged', 'write-off'] as const

/** An order whose tenders pay its lines' total (plus a little shipping), split at random. */
const orderArb = fc.record({
  lines: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 6 }), totalMinor: fc.integer({ min: 0, max: 5000 }) }), { minLength: 1, maxLength: 4 }),
  shipping: fc.integer({ min: 0, max: 500 }),
  split: fc.array(fc.tuple(fc.constantFrom<PaidTender['kind']>('cash', 'card', 'voucher'), fc.integer({ min: 1, max: 10 })), { minLength: 1, maxLength: 3 }),
  // Goodwill refunds before any return (to the tenders, and as store credit), so the cap on
  // refunds is reached in some runs.
  goodwill: fc.tuple(fc.nat({ max: 20_000 }), fc.nat({ max: 20_000 })),
}).map(({ lines, shipping, split, goodwill: [toTenders, asCredit] }): SoldOrder => {
  const total = lines.reduce((s, l) => s + l.totalMinor, 0) + shipping
  const shares = apportion(total, split.map(([, w]) => w))
  const back = apportion(Math.min(toTenders, total), shares)
  const refunded = back.reduce((s, b) => s + b, 0)
  return {
    channel: 'store', placedAt: new Date('2025-03-01T10:00:00Z'), deliveredAt: null,
    refundedMinor: m(refunded + Math.min(asCredit, total - refunded)),
    lines: lines.map((l, i) => ({ lineNo: i + 1, sku: `SKU${i}`, kind: 'goods', quantity: l.quantity, totalMinor: m(l.totalMinor), returnedQuantity: 0, location: 'shop-floor' })),
    tenders: split.map(([kind], i) => ({ kind, appliedMinor: m(shares[i] ?? 0), refundedMinor: m(back[i] ?? 0), reference: `T${i}` })),
  }
})
const noGoodwill = (o: SoldOrder): SoldOrder => ({ ...o, refundedMinor: m(0), tenders: o.tenders.map((t) => ({ ...t, refundedMinor: m(0) })) })
const methodArb = fc.oneof(
  fc.constant<RefundMethod>({ kind: 'original' }),
  fc.constant<RefundMethod>({ kind: 'store-credit' }),
  fc.record({ kind: fc.constant('exchange' as const), newItemsTotalMinor: fc.integer({ min: 0, max: 3000 }).map(m), balanceMethod: fc.constantFrom('original' as const, 'store-credit' as const) }),
)
const attemptArb = fc.record({
  lines: fc.array(fc.record({ line: fc.nat(), quantity: fc.integer({ min: 1, max: 4 }), condition: fc.constantFrom(...CONDITIONS) }), { minLength: 1, maxLength: 4 }),
  method: methodArb,
})

/** Runs returns one after another, recording each accepted plan into the order, as the store would. */
interface Attempt {
  readonly lines: readonly { line: number; quantity: number; condition: (typeof CONDITIONS)[number] }[]
  readonly method: RefundMethod
}
function runReturns(order: SoldOrder, attempts: readonly Attempt[]) {
  let state = order
  const valuePerLine = new Map<number, number>()
  for (const attempt of attempts) {
    const lines: ReturnLineRequest[] = attempt.lines.map((a) => ({ lineNo: (a.line % state.lines.length) + 1, quantity: a.quantity, reason: 'faulty', condition: a.condition }))
    const left = new Map(state.lines.map((l) => [l.lineNo, l.quantity - l.returnedQuantity]))
    const asked = new Map<number, number>()
    for (const l of lines) asked.set(l.lineNo, (asked.get(l.lineNo) ?? 0) + l.quantity)
    const tooMany = [...asked].some(([no, q]) => q > (left.get(no) ?? 0))
    let plan
    try {
      plan = planReturn(state, { lines, method: attempt.method, at: AT }, POLICY)
    } catch (error) {
      // The only refusal a well-formed request meets: more than is left on a line.
      expect(error).toBeInstanceOf(DomainError)
      expect((error as DomainError).code).toBe('conflict')
      expect(tooMany).toBe(true)
      continue
    }
    expect(tooMany).toBe(false)
    // Every returned unit moves stock exactly once (or is written off), per line.
    for (const [no, q] of asked) {
      const moved = plan.movements.filter((mv) => mv.lineNo === no).reduce((s, mv) => s + mv.quantity, 0)
      const off = plan.writtenOff.filter((w) => w.lineNo === no).reduce((s, w) => s + w.quantity, 0)
      expect(moved + off).toBe(q)
    }
    expect(plan.movements.every((mv) => mv.quantity > 0 && mv.kind === 'return')).toBe(true)
    // The refund's parts add up.
    const r = plan.refund
    expect(r.valueMinor).toBe(plan.lines.reduce((s, l) => s + l.valueMinor, 0))
    expect(r.creditedMinor + r.cappedMinor).toBe(r.valueMinor)
    expect(r.payments.reduce((s, p) => s + p.amountMinor, 0) + r.storeCreditMinor).toBe(r.refundMinor)
    expect(r.refundMinor + (r.exchange?.creditAppliedMinor ?? 0)).toBe(r.creditedMinor)
    for (const l of plan.lines) if (l.lineNo !== null) valuePerLine.set(l.lineNo, (valuePerLine.get(l.lineNo) ?? 0) + l.valueMinor)
    state = {
      ...state,
      refundedMinor: m(state.refundedMinor + r.creditedMinor),
      lines: state.lines.map((l) => ({ ...l, returnedQuantity: l.returnedQuantity + (asked.get(l.lineNo) ?? 0) })),
      tenders: state.tenders.map((t, i) => ({ ...t, refundedMinor: m(t.refundedMinor + r.payments.filter((p) => p.tenderIndex === i).reduce((s, p) => s + p.amountMinor, 0)) })),
    }
  }
  return { state, valuePerLine }
}

describe('returns properties', () => {
  it('refunds never exceed payments; returns never exceed sales; units move once; a fully returned line refunds exactly its total', () => {
    fc.assert(fc.property(orderArb, fc.array(attemptArb, { maxLength: 6 }), (order, attempts) => {
      const { state, valuePerLine } = runReturns(order, attempts)
      const paid = order.tenders.reduce((s, t) => s + t.appliedMinor, 0)
      expect(state.refundedMinor).toBeLessThanOrEqual(paid)
      for (const t of state.tenders) expect(t.refundedMinor).toBeLessThanOrEqual(t.appliedMinor)
      for (const l of state.lines) {
        expect(l.returnedQuantity).toBeLessThanOrEqual(l.quantity)
        const value = valuePerLine.get(l.lineNo) ?? 0
        expect(value).toBeLessThanOrEqual(l.totalMinor)
        if (l.returnedQuantity === l.quantity) expect(value).toBe(l.totalMinor)
      }
    }), { numRuns: 200 })
  })

  it('returning everything to the original tenders gives each tender back exactly what it paid for the goods', () => {
    fc.assert(fc.property(orderArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (order, cuts) => {
      // No shipping here, so the goods are the whole payment; return the lines in random chunks.
      const goods = order.lines.reduce((s, l) => s + l.totalMinor, 0)
      const shares = apportion(goods, order.tenders.map((t) => t.appliedMinor)) // goods > 0 means some tender paid
      const exact: SoldOrder = noGoodwill({ ...order, tenders: order.tenders.map((t, i) => ({ ...t, appliedMinor: m(shares[i] ?? 0) })) })
      const attempts = order.lines.flatMap((l, i) => {
        const chunks: number[] = []
        let left = l.quantity
        for (const c of cuts) {
          if (left === 0) break
          const q = 1 + (c % left)
          chunks.push(q)
          left -= q
        }
        if (left > 0) chunks.push(left)
        return chunks.map((q) => ({ lines: [{ line: i, quantity: q, condition: 'sellable' as const }], method: { kind: 'original' } as RefundMethod }))
      })
      const { state } = runReturns(exact, attempts)
      for (const t of state.tenders) expect(t.refundedMinor).toBe(t.appliedMinor)
      expect(state.refundedMinor).toBe(goods)
    }), { numRuns: 200 })
  })

  it('apportioned unit refunds sum exactly to the line total, however the units are grouped', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 100_000 }), fc.array(fc.integer({ min: 1, max: 10 })), (quantity, total, groups) => {
      let returned = 0
      let sum = 0
      for (const g of groups) {
        const q = Math.min(g, quantity - returned)
        if (q === 0) break
        sum += unitsRefundMinor(m(total), quantity, returned, q)
        returned += q
      }
      sum += unitsRefundMinor(m(total), quantity, returned, quantity - returned)
      expect(sum).toBe(total)
    }))
  })
})

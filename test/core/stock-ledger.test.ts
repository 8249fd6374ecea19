import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DomainError } from '../../appliance/core/errors.js'
import {
  applyMovements, availableToSell, planAdjustment, planCount, planReceipt, planTransfer,
  type MovementPlan, type StockLevel,
} from '../../appliance/core/stock-ledger.js'

const level = (onHand: number, allocated = 0): StockLevel => ({ onHand, allocated })

describe('stock ledger rules', () => {
  it('available to sell is on hand less allocated and buffer, never negative', () => {
    expect(availableToSell(level(10, 3))).toBe(7)
    expect(availableToSell(level(10, 3), 5)).toBe(2)
    expect(availableToSell(level(-2, 0))).toBe(0)
  })

  it.each([
    ['zero', 0, /cannot be zero/],
    ['fractional', 1.5, /whole number/],
    ['too large', 100_001, /cannot be over/],
    ['below zero', -6, /Only 5 on hand/],
  ])('refuses a %s adjustment', (_name, quantity, message) => {
    expect(() => planAdjustment(level(5), 'floor', quantity)).toThrow(message)
  })

  it('a transfer is two movements that sum to zero and cannot take more than is there', () => {
    expect(planTransfer(level(5), 'backroom', 'floor', 3)).toEqual([
      { location: 'backroom', quantity: -3, kind: 'transfer' },
      { location: 'floor', quantity: 3, kind: 'transfer' },
    ])
    expect(() => planTransfer(level(2), 'backroom', 'floor', 3)).toThrow(DomainError)
    expect(() => planTransfer(level(9), 'floor', 'floor', 3)).toThrow(/two different locations/)
  })

  it('a count moves the difference, or nothing when it agrees', () => {
    expect(planCount(level(7), 'floor', 4)).toEqual([{ location: 'floor', quantity: -3, kind: 'count' }])
    expect(planCount(level(7), 'floor', 7)).toEqual([])
    expect(planCount(level(-2), 'floor', 0)).toEqual([{ location: 'floor', quantity: 2, kind: 'count' }])
  })

  it('levels always equal the sum of accepted movements, whatever is tried', () => {
    const locations = ['floor', 'backroom']
    const op = fc.oneof(
      fc.record({ type: fc.constant('adjust'), loc: fc.constantFrom(...locations), q: fc.integer({ min: -30, max: 30 }) }),
      fc.record({ type: fc.constant('receive'), loc: fc.constantFrom(...locations), q: fc.integer({ min: -2, max: 30 }) }),
      fc.record({ type: fc.constant('transfer'), loc: fc.constantFrom(...locations), q: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ type: fc.constant('count'), loc: fc.constantFrom(...locations), q: fc.integer({ min: -1, max: 30 }) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let levels = new Map<string, StockLevel>()
        const ledger: MovementPlan[] = []
        for (const o of ops) {
          const current = levels.get(o.loc) ?? level(0)
          let plans: MovementPlan[]
          try {
            plans =
              o.type === 'adjust' ? planAdjustment(current, o.loc, o.q)
              : o.type === 'receive' ? planReceipt(o.loc, o.q)
              : o.type === 'transfer' ? planTransfer(current, o.loc, o.loc === 'floor' ? 'backroom' : 'floor', o.q)
              : planCount(current, o.loc, o.q)
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError)
            continue
          }
          levels = applyMovements(levels, plans)
          ledger.push(...plans)
        }
        for (const loc of locations) {
          const sum = ledger.filter((m) => m.location === loc).reduce((s, m) => s + m.quantity, 0)
          expect(levels.get(loc)?.onHand ?? 0).toBe(sum)
          expect(sum).toBeGreaterThanOrEqual(0)
        }
      }),
    )
  })
})

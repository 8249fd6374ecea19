import { describe, expect, it } from 'vitest'
import { apportion, divRoundHalfUp, percentOf, vatFromGross } from '../../../appliance/core/sale/index.js'
import type { Minor } from '../../../appliance/core/money.js'

describe('divRoundHalfUp', () => {
  it.each([
    [5n, 2n, 3n],
    [4n, 2n, 2n],
    [7n, 3n, 2n],
    [8n, 3n, 3n],
    [-5n, 2n, -3n], // halves away from zero: a refund mirrors the sale
    [-7n, 3n, -2n],
    [0n, 9n, 0n],
  ])('%s / %s = %s', (n, d, q) => expect(divRoundHalfUp(n, d)).toBe(q))
  it('refuses a zero denominator', () => expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError))
})

describe('percentOf and vatFromGross', () => {
  it.each([
    [1999, 1000, 200], // 199.9
    [1000, 3333, 333], // 333.3
    [15, 5000, 8], // 7.5 → 8
    [100, 10_000, 100],
  ])('%i × %i bp = %i', (v, bp, r) => expect(percentOf(v, bp)).toBe(r))
  it.each([
    [600, 2000, 100],
    [597, 2000, 100], // 99.5
    [21, 500, 1],
    [10, 500, 0], // 0.476
    [11, 500, 1], // 0.524
    [999, 0, 0],
  ])('VAT in %i at %i bp = %i', (g, rate, vat) => expect(vatFromGross(g as Minor, rate)).toBe(vat))
})

describe('apportion', () => {
  it.each<[number, number[], number[]]>([
    [100, [100, 100, 100], [34, 33, 33]], // ties go to the earlier line
    [250, [999, 1, 500], [167, 0, 83]],
    [10, [0, 5, 0, 5], [0, 5, 0, 5]],
    [1, [1, 1], [1, 0]],
    [0, [0, 0], [0, 0]],
    [7, [3], [7]],
    [2, [1, 1, 1, 1], [1, 1, 0, 0]],
  ])('%i over %j → %j', (amount, weights, shares) => expect(apportion(amount, weights)).toEqual(shares))
  it('refuses to split money across nothing', () => expect(() => apportion(1, [0, 0])).toThrow(RangeError))
  it('stays exact with products beyond 2^53', () => {
    const shares = apportion(999_999_999, [999_999_999, 333_333_333, 1])
    expect(shares.reduce((s, x) => s + x, 0)).toBe(999_999_999)
    // exact shares 749 999 999.06, 249 999 999.69 and 0.75: the last penny goes to the .75
    expect(shares).toEqual([749_999_999, 249_999_999, 1])
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Minor } from '../../../appliance/core/money.js'
import {
  creditVoucher,
  formatVoucherCode,
  generateVoucherCode,
  normalizeVoucherCode,
  parseVoucherCode,
  planRedemption,
  voucherCheckCharacter,
} from '../../../appliance/core/sale/index.js'

const m = (n: number) => n as Minor
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** A fixed "random" source: the bytes given, repeated. */
const bytesFrom = (seed: readonly number[]) => (n: number) => Uint8Array.from({ length: n }, (_, i) => seed[i % seed.length] ?? 0)

describe('voucher codes', () => {
  it('generates from the random source it is given', () => {
    const code = generateVoucherCode(bytesFrom([0, 1, 2, 31, 32, 255]))
    expect(code.slice(0, 6)).toBe('012Z0Z') // 32 → 0 and 255 → 31 (low five bits)
    expect(code).toHaveLength(16)
    expect(parseVoucherCode(code)).toBe(code)
    expect(formatVoucherCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  })

  it('refuses a random source that comes up short', () => {
    expect(() => generateVoucherCode(() => new Uint8Array(3))).toThrow(RangeError)
  })

  it('reads what people type: case, spaces, hyphens, I/L for 1, O for 0', () => {
    const code = '0123456789ABCDE' + voucherCheckCharacter('0123456789ABCDE')
    const typed = ` o${'1'.replace('1', 'l')}23-4567 89ab-cde${code.slice(15).toLowerCase()} `
    expect(normalizeVoucherCode(typed)).toBe(code)
  })

  it.each([
    ['too short', 'ABCD-EFGH', 'A voucher code has 16 characters'],
    ['U is not used', 'UUUU-UUUU-UUUU-UUUU', '"U" is not used in voucher codes'],
  ])('explains a bad code: %s', (_name, text, message) => {
    expect(() => normalizeVoucherCode(text, 'tenders.0.reference')).toThrow(
      expect.objectContaining({ code: 'invalid_input', message, field: 'tenders.0.reference' }),
    )
  })

  const codes = fc.uint8Array({ minLength: 15, maxLength: 15 }).map((bytes) => generateVoucherCode(() => bytes))

  it('catches every single mistyped character', () => {
    fc.assert(
      fc.property(codes, fc.nat(15), fc.nat(31), (code, pos, value) => {
        const typo = code.slice(0, pos) + ALPHABET[value] + code.slice(pos + 1)
        if (typo !== code) expect(parseVoucherCode(typo)).toBeUndefined()
      }),
      { numRuns: 500 },
    )
  })

  it('catches every swap of neighbours except 0 and Z', () => {
    fc.assert(
      fc.property(codes, fc.nat(14), (code, pos) => {
        const a = code[pos] ?? ''
        const b = code[pos + 1] ?? ''
        const swapped = code.slice(0, pos) + b + a + code.slice(pos + 2)
        if (a !== b && !(new Set([a, b]).has('0') && new Set([a, b]).has('Z'))) expect(parseVoucherCode(swapped)).toBeUndefined()
      }),
      { numRuns: 500 },
    )
  })
})

describe('planRedemption', () => {
  const now = new Date('2025-06-01T12:00:00Z')
  const card = (balance: number, expiresAt: Date | null = null) => ({ balanceMinor: m(balance), expiresAt })

  it.each<[string, number, number, number | undefined, { redeemMinor: number; balanceAfterMinor: number }]>([
    ['covers the whole sale, leaving a balance', 5000, 1299, undefined, { redeemMinor: 1299, balanceAfterMinor: 3701 }],
    ['uses it all when the sale is more', 1000, 1299, undefined, { redeemMinor: 1000, balanceAfterMinor: 0 }],
    ['exactly the balance', 1299, 1299, undefined, { redeemMinor: 1299, balanceAfterMinor: 0 }],
    ['a chosen part', 5000, 1299, 500, { redeemMinor: 500, balanceAfterMinor: 4500 }],
  ])('%s', (_name, balance, due, requested, expected) => {
    expect(planRedemption(card(balance), m(due), now, requested === undefined ? undefined : m(requested))).toEqual(expected)
  })

  it.each<[string, ReturnType<typeof card>, number, number | undefined, RegExp]>([
    ['empty', card(0), 100, undefined, /nothing left/],
    ['expired', card(100, new Date('2025-06-01T12:00:00Z')), 100, undefined, /expired on 2025-06-01/],
    ['more than the balance', card(100), 1000, 101, /only has 100 pence left/],
    ['more than is due', card(1000), 100, 101, /can't be more than the amount due/],
    ['nothing due', card(1000), 0, undefined, /nothing to pay/],
  ])('refuses: %s', (_name, voucher, due, requested, message) => {
    expect(() => planRedemption(voucher, m(due), now, requested === undefined ? undefined : m(requested))).toThrow(message)
  })

  it('never takes a balance below zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (balance, due) => {
        const r = planRedemption(card(balance), m(due), now)
        expect(r.balanceAfterMinor).toBeGreaterThanOrEqual(0)
        expect(r.redeemMinor + r.balanceAfterMinor).toBe(balance)
        expect(r.redeemMinor).toBeLessThanOrEqual(due)
      }),
    )
  })

  it('credits a voucher within limits', () => {
    expect(creditVoucher(m(100), m(2500))).toBe(2600)
    expect(() => creditVoucher(m(100), m(0))).toThrow(/more than zero/)
    expect(() => creditVoucher(m(999_999_999), m(2))).toThrow(/too much/)
  })
})

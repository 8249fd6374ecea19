import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compactReceiptNumber, formatReceiptNumber, parseReceiptNumber } from '../../../appliance/core/sale/index.js'

describe('receipt numbers', () => {
  it.each([
    [{ kind: 'S', station: 2, seq: 123 }, 'S-02-000123', 'S0200000123'],
    [{ kind: 'S', station: 99, seq: 99_999_999 }, 'S-99-99999999', 'S9999999999'],
    [{ kind: 'R', station: 1, seq: 1_234_567 }, 'R-01-1234567', 'R0101234567'],
  ])('%j ↔ %s ↔ %s', (r, human, compact) => {
    expect(formatReceiptNumber(r)).toBe(human)
    expect(compactReceiptNumber(r)).toBe(compact)
    expect(parseReceiptNumber(human)).toEqual(r)
    expect(parseReceiptNumber(compact)).toEqual(r)
  })

  it('reads sloppy typing', () => expect(parseReceiptNumber('  s-2-123 ')).toEqual({ kind: 'S', station: 2, seq: 123 }))

  it.each(['', 'S-00-000001', 'S-02-000000', 'S-100-1', 'S02000123', '5012345678900', 'SS-02-1', 'S-02-123456789'])(
    'does not read %j',
    (text) => expect(parseReceiptNumber(text)).toBeUndefined(),
  )

  it.each([
    [{ kind: 's', station: 1, seq: 1 }, 'kind'],
    [{ kind: 'S', station: 0, seq: 1 }, 'station'],
    [{ kind: 'S', station: 1, seq: 100_000_000 }, 'seq'],
  ])('refuses to format %j', (r, field) => {
    expect(() => formatReceiptNumber(r)).toThrow(expect.objectContaining({ code: 'invalid_input', field }))
  })

  it('round-trips every valid number in both forms', () => {
    const receipt = fc.record({
      kind: fc.constantFrom('S', 'R'),
      station: fc.integer({ min: 1, max: 99 }),
      seq: fc.integer({ min: 1, max: 99_999_999 }),
    })
    fc.assert(
      fc.property(receipt, (r) => {
        expect(parseReceiptNumber(formatReceiptNumber(r))).toEqual(r)
        expect(parseReceiptNumber(compactReceiptNumber(r))).toEqual(r)
      }),
    )
  })
})

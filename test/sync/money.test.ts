import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChannelError } from '../../sync/channel-error.js'
import { CURRENCY_EXPONENTS, formatMinor, parseMinor, unitPriceOf } from '../../sync/money.js'

const currencies = fc.constantFrom(...Object.keys(CURRENCY_EXPONENTS))
const amounts = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })

describe('channel money', () => {
  it.each([
    ['12.99', 'GBP', 1299], ['12.9', 'GBP', 1290], ['12', 'GBP', 1200], ['10.0', 'GBP', 1000], ['0.01', 'EUR', 1], ['-5.00', 'USD', -500],
    ['1200', 'JPY', 1200], ['1200.0', 'JPY', 1200], ['1.234', 'BHD', 1234], ['0.10', 'GBP', 10], ['007.50', 'GBP', 750], [' 3.5 ', 'GBP', 350],
  ])('parses %s %s as %i minor units', (text, currency, expected) => {
    expect(parseMinor(text, currency)).toBe(expected)
  })

  it.each([['12.999', 'GBP'], ['10.5', 'JPY'], ['1,299', 'GBP'], ['12.99e0', 'GBP'], ['', 'GBP'], ['£12', 'GBP'], ['NaN', 'GBP'], ['99999999999999.99', 'GBP']])(
    'refuses %s %s as a contract error',
    (text, currency) => {
      const error = (() => { try { parseMinor(text, currency); return undefined } catch (e) { return e } })()
      expect(error).toBeInstanceOf(ChannelError)
      expect((error as ChannelError).kind).toBe('contract')
    },
  )

  it('refuses a currency whose exponent we do not know', () => {
    expect(() => parseMinor('12.00', 'XYZ', 'ebay', 'pricingSummary.total')).toThrow(/unknown currency "XYZ"/)
  })

  it('round-trips format -> parse for every known currency', () => {
    fc.assert(fc.property(amounts, currencies, (minor, currency) => {
      expect(parseMinor(formatMinor(minor, currency), currency)).toBe(minor)
    }))
  })

  it('formats with exactly the currency exponent of decimals', () => {
    fc.assert(fc.property(amounts, currencies, (minor, currency) => {
      const exponent = CURRENCY_EXPONENTS[currency] ?? 2
      const fraction = formatMinor(minor, currency).split('.')[1]
      expect(fraction?.length ?? 0).toBe(exponent)
    }))
  })

  it('rounds a line total over its quantity half away from zero, within half a unit', () => {
    fc.assert(fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 1000 }), (total, quantity) => {
      const unit = unitPriceOf(total, quantity)
      expect(Math.abs(unit * quantity - total)).toBeLessThanOrEqual(quantity / 2)
    }))
    expect([unitPriceOf(2500, 3), unitPriceOf(1, 2), unitPriceOf(-1, 2), unitPriceOf(5, 0)]).toEqual([833, 1, -1, 0])
  })
})

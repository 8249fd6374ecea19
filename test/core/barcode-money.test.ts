import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { barcodeProblem, ean13, gs1CheckDigit, isValidGtin } from '../../appliance/core/barcode.js'
import { formatMajorUnits, minor, parseMajorUnits } from '../../appliance/core/money.js'

describe('GS1 check digits', () => {
  it.each([
    ['400638133393', 1], // 4006381333931, a textbook EAN-13
    ['501234567890', 0],
    ['9780141036144'.slice(0, 12), 4],
  ])('check digit of %s is %i', (body, digit) => {
    expect(gs1CheckDigit(body)).toBe(digit)
  })

  it('accepts valid EAN-13, EAN-8 and UPC-A and refuses a wrong check digit', () => {
    expect(isValidGtin('4006381333931')).toBe(true)
    expect(isValidGtin('96385074')).toBe(true)
    expect(isValidGtin('036000291452')).toBe(true)
    expect(isValidGtin('4006381333932')).toBe(false)
    expect(barcodeProblem('4006381333932')).toMatch(/check digit is wrong \(expected 1\)/)
    expect(barcodeProblem('40063813339')).toMatch(/8, 12 or 13 digits/)
    expect(barcodeProblem('40063813339X')).toMatch(/digits only/)
  })

  it('ean13() always makes a valid code', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{12}$/), (body) => isValidGtin(ean13(body))))
  })
})

describe('money in pence', () => {
  it.each([
    ['12.99', 1299], ['12', 1200], ['12.5', 1250], ['0.01', 1], ['0', 0],
  ])('parses %s as %i pence', (text, pence) => expect(parseMajorUnits(text)).toBe(pence))

  it.each(['-1.00', '1,99', '1.999', 'abc', '', '1e3'])('refuses %s', (text) => expect(parseMajorUnits(text)).toBeUndefined())

  it('formats and parses back exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (pence) => parseMajorUnits(formatMajorUnits(minor(pence))) === pence))
  })

  it('refuses fractional and unsafe amounts', () => {
    expect(() => minor(1.5)).toThrow(/whole number of pence/)
    expect(() => minor(2 ** 60)).toThrow()
  })
})

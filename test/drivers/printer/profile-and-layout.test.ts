/** Printer profiles as data, money formatting and fixed-width layout helpers. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidOptionsError } from '../../../drivers/errors.js'
import { formatMoney, resolveCurrency } from '../../../drivers/printer/money-format.js'
import { definePrinterProfile, PRINTER_PROFILES, printerProfile } from '../../../drivers/printer/profile.js'
import { leftRight, textWidth, wrap } from '../../../drivers/printer/text-layout.js'

describe('printer profiles', () => {
  it('ships the TM-T20III (80 and 58 mm), the TM-T88VI and the Star TSP100IV', () => {
    expect(Object.keys(PRINTER_PROFILES)).toEqual(['epson-tm-t20iii-80mm', 'epson-tm-t20iii-58mm', 'epson-tm-t88vi', 'star-tsp100iv'])
    expect(printerProfile('epson-tm-t20iii-58mm')).toMatchObject({ columns: 35, paperWidthMm: 58, codepage: { name: 'cp858', number: 19 } })
    expect(printerProfile('star-tsp100iv')).toMatchObject({ language: 'star-prnt', status: 'none', codepage: { number: 4 } })
    expect(Object.isFrozen(printerProfile('epson-tm-t88vi'))).toBe(true)
  })

  it('rejects a profile with every problem listed', () => {
    const base = printerProfile('epson-tm-t88vi')
    expect(() => definePrinterProfile({ ...base, columns: 40, codepage: { name: 'cp858', number: 16 } })).toThrow(
      /columns must be one of 32, 35, 42, 44, 48; codepage .* is not number 16 in the epson table/,
    )
    expect(() => printerProfile('nope')).toThrow(InvalidOptionsError)
  })
})

describe('formatMoney', () => {
  const gbp = resolveCurrency('GBP')

  it('formats pence with symbol, sign and thousands', () => {
    expect([1299, -200, 5, 123456789, 0].map((v) => formatMoney(v, gbp))).toEqual(['£12.99', '-£2.00', '£0.05', '£1,234,567.89', '£0.00'])
    expect(formatMoney(123456, resolveCurrency('EUR-continental'))).toBe('1.234,56 €')
  })

  it('never loses a penny: the digits read back to the same amount', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (minor) => {
      const text = formatMoney(minor, gbp)
      expect(Number(text.replace(/[£,]/g, '').replace('.', ''))).toBe(minor)
    }))
  })

  it('refuses fractions of a penny and unknown presets', () => {
    expect(() => formatMoney(12.5, gbp)).toThrow(InvalidOptionsError)
    expect(() => resolveCurrency('XYZ' as 'GBP')).toThrow(InvalidOptionsError)
  })
})

describe('text layout', () => {
  it('wraps words, breaking words longer than a line', () => {
    expect(wrap('Crème brûlée tart with extra cream', 12)).toEqual(['Crème brûlée', 'tart with', 'extra cream'])
    expect(wrap('Supercalifragilistic', 8)).toEqual(['Supercal', 'ifragili', 'stic'])
  })

  it('puts the right-hand part on the last line', () => {
    expect(leftRight('Café au lait', '£3.20', 20)).toEqual(['Café au lait   £3.20'])
    expect(leftRight('A very long product name', '£3.20 A', 20)).toEqual(['A very long', 'product name £3.20 A'])
  })

  it('counts columns in code points after NFC', () => {
    expect(textWidth('Cafe\u0301')).toBe(4)
    expect(textWidth('€£')).toBe(2)
  })
})

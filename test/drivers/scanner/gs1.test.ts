/** GS1 element strings: fixed and variable lengths, FNC1/GS, dates, decimals, check digits. */
import { describe, expect, it } from 'vitest'
import { InvalidBarcodeError } from '../../../drivers/errors.js'
import { GS, gs1Value, parseGs1 } from '../../../drivers/scanner/gs1.js'

describe('parseGs1', () => {
  it('reads fixed-length AIs run together and variable ones ended by GS', () => {
    const elements = parseGs1(`01050123456789001725123110LOT42${GS}21SN-7${GS}3103001250`)
    expect(elements.map((e) => [e.ai, e.value])).toEqual([['01', '05012345678900'], ['17', '251231'], ['10', 'LOT42'], ['21', 'SN-7'], ['3103', '001250']])
    expect(elements[1]).toMatchObject({ title: 'USE BY', date: '2025-12-31' })
    expect(elements[4]).toMatchObject({ decimal: { value: '001250', places: 3 } })
    expect(gs1Value(elements, '10')).toBe('LOT42')
  })

  it('accepts a leading FNC1 (GS), a variable field last without GS, and day 00', () => {
    const elements = parseGs1(`${GS}01050123456789001524020010ABC`)
    expect(elements.map((e) => e.ai)).toEqual(['01', '15', '10'])
    expect(elements[1]?.date).toBe('2024-02-29')
  })

  it('reads prices with a currency (393n) and SSCCs (00)', () => {
    const [price] = parseGs1('39329781299')
    expect(price).toMatchObject({ ai: '3932', currency: '978', decimal: { value: '1299', places: 2 }, title: 'PRICE' })
    expect(parseGs1('00106141411234567897')[0]).toMatchObject({ ai: '00', title: 'SSCC' })
  })

  it('reads the bracketed human-readable form', () => {
    expect(parseGs1('(01)05012345678900(10)ABC 1(21)X').map((e) => [e.ai, e.value])).toEqual([['01', '05012345678900'], ['10', 'ABC 1'], ['21', 'X']])
  })

  it('rejects wrong check digits, short fixed fields and bad dates', () => {
    expect(() => parseGs1('0105012345678901')).toThrow(InvalidBarcodeError)
    expect(() => parseGs1('01050123')).toThrow(/needs 14 characters/)
    expect(() => parseGs1('0105012345678900171399ab')).toThrow(InvalidBarcodeError)
    expect(() => parseGs1('ab')).toThrow(/expected an AI/)
  })
})

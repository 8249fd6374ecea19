import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ean13 } from '../../../appliance/core/barcode.js'
import {
  UK_PRICE_LAYOUT,
  UK_WEIGHT_LAYOUT,
  UPC_PRICE_LAYOUT,
  checkLayout,
  encodeEmbeddedBarcode,
  parseEmbeddedBarcode,
  priceCheckDigit,
  type EmbeddedLayout,
} from '../../../appliance/core/sale/index.js'

describe('parseEmbeddedBarcode', () => {
  it.each([
    ['2112345012995', [UK_PRICE_LAYOUT], { kind: 'price', prefix: '21', itemCode: '12345', priceMinor: 1299 }],
    ['2000012004506', [UK_PRICE_LAYOUT], { kind: 'price', prefix: '20', itemCode: '00012', priceMinor: 450 }],
    ['2500421009999', [UK_WEIGHT_LAYOUT], { kind: 'weight', prefix: '25', itemCode: '00421', weightGrams: 999 }],
    ['0201234912347', [UPC_PRICE_LAYOUT], { kind: 'price', prefix: '02', itemCode: '01234', priceMinor: 1234 }],
  ])('%s', (code, layouts, expected) => {
    expect(parseEmbeddedBarcode(code, layouts)).toEqual(expected)
  })

  it('uses the first layout whose prefix matches, so shops can mix price and weight ranges', () => {
    const layouts: EmbeddedLayout[] = [
      { ...UK_PRICE_LAYOUT, prefixes: ['20', '21', '22'] },
      { ...UK_WEIGHT_LAYOUT, prefixes: ['23', '24'], valueScale: 10 },
    ]
    expect(parseEmbeddedBarcode(ean13('230004200123'), layouts)).toMatchObject({ kind: 'weight', weightGrams: 1230 })
    expect(parseEmbeddedBarcode(ean13('220004200123'), layouts)).toMatchObject({ kind: 'price', priceMinor: 123 })
    expect(parseEmbeddedBarcode(ean13('280004200123'), layouts)).toBeUndefined()
  })

  it('leaves ordinary product barcodes alone', () => {
    expect(parseEmbeddedBarcode('5012345678900')).toBeUndefined()
    expect(parseEmbeddedBarcode('96385074')).toBeUndefined()
    expect(parseEmbeddedBarcode('0201234912347')).toBeUndefined() // 02 is not in the default layouts
  })

  it('refuses a bad EAN-13 check digit with a field', () => {
    expect(() => parseEmbeddedBarcode('2112345012997')).toThrow(expect.objectContaining({ code: 'invalid_input', field: 'barcode' }))
  })

  it('refuses a bad price check digit even when the EAN check digit is right', () => {
    expect(() => parseEmbeddedBarcode(ean13('020123481234'), [UPC_PRICE_LAYOUT])).toThrow(/fails its check digit/)
  })
})

describe('priceCheckDigit (GS1 General Specifications 7.9.3)', () => {
  it.each([
    ['2875', 9],
    ['1234', 9],
    ['0000', 0],
    ['14685', 6],
  ])('%s → %i', (value, digit) => expect(priceCheckDigit(value)).toBe(digit))
  it('detects any single-digit change of a 4-digit price', () => {
    const digits = Array.from({ length: 10_000 }, (_, v) => priceCheckDigit(String(v).padStart(4, '0')))
    const missed: string[] = []
    for (let v = 0; v < 10_000; v++) {
      for (const place of [1, 10, 100, 1000]) {
        const digit = Math.floor(v / place) % 10
        for (let d = 0; d < 10; d++) {
          const other = v + (d - digit) * place
          if (d !== digit && digits[other] === digits[v]) missed.push(`${v} → ${other}`)
        }
      }
    }
    expect(missed).toEqual([])
  })
})

describe('encodeEmbeddedBarcode', () => {
  it('round-trips through the parser for every layout', () => {
    const layouts = [UK_PRICE_LAYOUT, UK_WEIGHT_LAYOUT, UPC_PRICE_LAYOUT]
    fc.assert(
      fc.property(fc.constantFrom(...layouts), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }), (layout, item, value) => {
        const prefix = layout.prefixes[item % layout.prefixes.length] ?? ''
        const amount = value % 10 ** layout.valueDigits
        const itemCode = String(item).padStart(layout.itemDigits, '0')
        const code = encodeEmbeddedBarcode(layout, prefix, itemCode, amount)
        const parsed = parseEmbeddedBarcode(code, [layout])
        expect(parsed).toMatchObject({ prefix, itemCode, kind: layout.kind })
        expect(parsed?.kind === 'price' ? parsed.priceMinor : parsed?.weightGrams).toBe(amount)
      }),
      { numRuns: 200 },
    )
  })
  it('refuses a value that does not fit', () => {
    expect(() => encodeEmbeddedBarcode(UK_PRICE_LAYOUT, '20', '00001', 100_000)).toThrow(RangeError)
  })
})

describe('checkLayout', () => {
  it.each<[string, EmbeddedLayout]>([
    ['too wide', { ...UK_PRICE_LAYOUT, itemDigits: 6 }],
    ['mixed prefix lengths', { ...UK_PRICE_LAYOUT, prefixes: ['2', '20'] }],
    ['no prefixes', { ...UK_PRICE_LAYOUT, prefixes: [] }],
    ['3-digit value', { ...UK_PRICE_LAYOUT, valueDigits: 3, itemDigits: 7 }],
  ])('throws for %s', (_name, layout) => expect(() => checkLayout(layout)).toThrow())
  it('accepts the built-in layouts', () => {
    for (const l of [UK_PRICE_LAYOUT, UK_WEIGHT_LAYOUT, UPC_PRICE_LAYOUT]) expect(() => checkLayout(l)).not.toThrow()
  })
})

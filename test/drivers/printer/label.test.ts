/** ZPL II and TSPL label builders. */
import { describe, expect, it } from 'vitest'
import { InvalidDocumentError, InvalidOptionsError } from '../../../drivers/errors.js'
import { decodeText } from '../../../drivers/printer/codepages.js'
import {
  ean13Body, returnsLabelZpl, shelfLabelTspl, shelfLabelZpl, shippingLabelTspl, shippingLabelZpl, zplEscape,
} from '../../../drivers/printer/label.js'
import { sampleShelfLabel, sampleShippingLabel } from '../support/sample-documents.js'

describe('ZPL shelf-edge label', () => {
  const zpl = shelfLabelZpl(sampleShelfLabel)

  it('prints name, price, unit price and the EAN-13 in UTF-8', () => {
    expect(zpl.startsWith('^XA\n^CI28\n^PW464\n^LL320\n')).toBe(true)
    expect(zpl).toContain('^FH^FDComté AOP 18 months, hand^FS')
    expect(zpl).toContain('^A0N,80,72^FH^FD£28.00^FS')
    expect(zpl).toContain('^FD£28.00 per kg^FS')
    expect(zpl).toContain('^BEN,64,Y,N^FD501234567890^FS')
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true)
  })

  it('leaves out the unit price when there is none', () => {
    expect(shelfLabelZpl({ ...sampleShelfLabel, pricePerUnit: undefined })).not.toContain(' per ')
  })

  it('refuses a wrong EAN-13 check digit and non-integer prices', () => {
    expect(() => shelfLabelZpl({ ...sampleShelfLabel, ean13: '5012345678901' })).toThrow(InvalidDocumentError)
    expect(() => shelfLabelZpl({ ...sampleShelfLabel, priceMinor: 12.5 })).toThrow(InvalidDocumentError)
    expect(ean13Body('501234567890')).toBe('501234567890')
  })

  it('escapes ^ ~ _ \\ so shop data cannot inject commands', () => {
    expect(zplEscape('a^XZ~JR_b\\&')).toBe('a_5EXZ_7EJR_5Fb_5C&')
    expect(shelfLabelZpl({ ...sampleShelfLabel, name: 'Oil ^XZ' })).toContain('^FDOil _5EXZ^FS')
  })
})

describe('ZPL shipping and returns labels', () => {
  it('is 4x6 in at 203 dpi with from, to, carrier, service, tracking and reference', () => {
    const zpl = shippingLabelZpl(sampleShippingLabel)
    expect(zpl).toContain('^PW812\n^LL1218')
    expect(zpl).toContain('^CI28')
    for (const text of ['Corner Deli', 'Chloé Dubois', 'E2 8AA', 'Royal Mail', 'Tracked 48', 'Ref: ORD-10042', '1.25 kg']) expect(zpl).toContain(`^FD${text}^FS`)
    expect(zpl).toMatch(/\^BY2\^BCN,195,Y,N,N,A\^FDJD014600006281234567\^FS/)
    expect(zpl).not.toContain('RETURN')
  })

  it('marks a returns label with a reversed RETURN banner', () => {
    expect(returnsLabelZpl(sampleShippingLabel)).toMatch(/\^GB226,64,64\^FS\n.*\^FR\^FH\^FDRETURN\^FS/)
  })

  it('validates the document and the label size', () => {
    expect(() => shippingLabelZpl({ ...sampleShippingLabel, trackingNumber: 'has space' })).toThrow(InvalidDocumentError)
    expect(() => shippingLabelZpl({ ...sampleShippingLabel, to: { ...sampleShippingLabel.to, postcode: '' } })).toThrow(/to.postcode/)
    expect(() => shippingLabelZpl(sampleShippingLabel, { widthDots: 100, heightDots: 100, dpi: 203 })).toThrow(InvalidOptionsError)
  })
})

describe('TSPL labels', () => {
  it('sends SIZE/GAP/CLS/TEXT/BARCODE/PRINT in Windows-1252 with CRLF', () => {
    const bytes = shippingLabelTspl(sampleShippingLabel)
    const text = decodeText(bytes, 'windows1252')
    expect(text.startsWith('SIZE 101.6 mm,152.4 mm\r\nGAP 3 mm,0 mm\r\n')).toBe(true)
    expect(text).toContain('CODEPAGE 1252\r\nCLS\r\n')
    expect(text).toContain('TEXT 30,320,"4",0,1,1,"Chloé Dubois"\r\n')
    expect(text).toContain('BARCODE 30,755,"128",195,2,0,2,2,"JD014600006281234567"\r\n')
    expect(text.endsWith('PRINT 1,1\r\n')).toBe(true)
  })

  it('encodes £ as A3 and € as 80, and quotes " as \\["]', () => {
    const bytes = shelfLabelTspl({ ...sampleShelfLabel, name: 'Say "cheese" €', currency: 'GBP' })
    expect(Buffer.from(bytes).includes(Buffer.from([0xa3, 0x32, 0x38]))).toBe(true) // £28
    expect(decodeText(bytes, 'windows1252')).toContain('"Say \\["]cheese\\["] €"')
    expect(bytes.includes(0x80)).toBe(true)
  })
})

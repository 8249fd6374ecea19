/** Receipt template: known byte facts, layout rules and document validation. */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'
import { describe, expect, it } from 'vitest'
import { InvalidDocumentError } from '../../../drivers/errors.js'
import { drawerKick } from '../../../drivers/printer/drawer-kick.js'
import { definePrinterProfile, printerProfile } from '../../../drivers/printer/profile.js'
import { encodeReceipt } from '../../../drivers/printer/receipt.js'
import { ReceiptWriter } from '../../../drivers/printer/receipt-writer.js'
import { decodeEscPos } from '../../../drivers/virtual/escpos-decoder.js'
import { renderTranscript } from '../../../drivers/virtual/transcript.js'
import { longReceipt, sampleReceipt } from '../support/sample-documents.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/../g, '$& ').trim()
const tmT88 = printerProfile('epson-tm-t88vi')

describe('known ESC/POS facts', () => {
  it('prints € in cp858 as 1b 74 13 d5', () => {
    const bytes = new ReceiptWriter(tmT88).line('€').bytes()
    expect(hex(bytes)).toBe('1b 40 1c 2e 1b 4d 00 1b 74 13 d5 0a 0d')
    // The same bytes the encoder's own text path produces.
    const encoder = new ReceiptPrinterEncoder({ printerModel: 'epson-tm-t88vi' }).initialize().codepage('cp858').line('€')
    expect(hex(encoder.encode())).toBe(hex(bytes))
  })

  it('prints € in windows1252 as 1b 74 10 80 on a profile that uses it', () => {
    const profile = definePrinterProfile({ ...tmT88, id: 'tm-t88vi-1252', codepage: { name: 'windows1252', number: 16 } })
    expect(hex(new ReceiptWriter(profile).line('€').bytes())).toContain('1b 74 10 80')
  })

  it('kicks the drawer with 1b 70 00 32 fa and cuts with 1d 56 00', () => {
    expect(hex(drawerKick())).toBe('1b 70 00 32 fa')
    const bytes = encodeReceipt(sampleReceipt, tmT88, { openDrawer: true })
    expect(hex(bytes)).toContain('1b 70 00 32 fa')
    expect(hex(bytes.subarray(-3))).toBe('1d 56 00')
  })

  it('prints £ and accented names in the code page (£ 9c, é 82, è 8a, û 96)', () => {
    const bytes = hex(encodeReceipt(sampleReceipt, tmT88))
    expect(bytes).toContain('9c 39 2e 30 30') // £9.00
    expect(bytes).toContain('43 72 8a 6d 65 20 62 72 96 6c 82 65') // Crème brûlée
  })

  it('speaks StarPRNT to a Star TSP100: ESC @ CAN, ESC GS t 4 for cp858, ESC d to cut', () => {
    const bytes = encodeReceipt(sampleReceipt, printerProfile('star-tsp100iv'))
    expect(hex(bytes.subarray(0, 7))).toBe('1b 40 18 1b 1d 74 04')
    expect(hex(bytes.subarray(-3))).toBe('1b 64 01')
  })
})

describe('encodeReceipt', () => {
  const transcriptOf = (bytes: Uint8Array, columns: number) => renderTranscript(decodeEscPos(bytes), { columns })

  it('lays out lines, quantities, discounts, totals, tenders and the VAT summary', () => {
    const text = transcriptOf(encodeReceipt(sampleReceipt, tmT88), 42)
    expect(text).toContain('Crème brûlée tart                  £9.00 A\n  2 x £4.50\n')
    expect(text).toContain('  0.452 kg x £28.00\n')
    expect(text).toContain('Spring offer 10% off tarts        -£0.90')
    expect(text).toMatch(/TOTAL\s+£34\.25 {2}‹bold 2x2›/)
    expect(text).toContain('Change                               £5.75  ‹bold›')
    expect(text).toContain('Z   0%                £25.65  £0.00 £25.65')
    expect(text).toContain('[barcode code128 "R-000123" hri=below]')
    expect(text).toContain('[qr "https://cornerdeli.example/r/R-000123" module=6 ecc=M]')
  })

  it('prints COPY prominently at the top and the bottom of a reprint', () => {
    const text = transcriptOf(encodeReceipt({ ...sampleReceipt, copy: true }, tmT88), 42)
    expect(text.match(/COPY {2}‹bold invert 2x2›/g)).toHaveLength(2)
    expect(transcriptOf(encodeReceipt(sampleReceipt, tmT88), 42)).not.toContain('COPY')
  })

  it('keeps every line within 35 columns on 58 mm paper', () => {
    const profile = printerProfile('epson-tm-t20iii-58mm')
    const receipt = decodeEscPos(encodeReceipt(longReceipt(12), profile))
    for (const element of receipt.elements) {
      if (element.kind !== 'text') continue
      const width = element.spans.reduce((n, s) => n + [...s.text].length * s.width, 0)
      expect(width).toBeLessThanOrEqual(35)
    }
  })

  it('formats another currency from the document', () => {
    const text = transcriptOf(encodeReceipt({ ...sampleReceipt, currency: 'EUR-continental' }, tmT88), 42)
    expect(text).toContain('34,25 €')
  })

  it('adds the logo as a raster image', () => {
    const logo = { width: 64, height: 16, data: new Uint8Array(64 * 16 * 4).fill(0).map((_, i) => (i % 4 === 3 ? 255 : 0)) }
    const receipt = decodeEscPos(encodeReceipt({ ...sampleReceipt, logo }, tmT88))
    expect(receipt.elements[0]).toMatchObject({ kind: 'image', width: 64, height: 16, align: 'center' })
  })

  it('rejects a document, listing every problem', () => {
    const bad = { ...sampleReceipt, shop: { name: '', addressLines: [] }, lines: [{ ...sampleReceipt.lines[0]!, lineTotalMinor: 9.5 }], changeMinor: Number.NaN }
    const error = (() => {
      try {
        encodeReceipt(bad, tmT88)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(InvalidDocumentError)
    expect((error as InvalidDocumentError).problems).toEqual([
      'shop.name is required', 'lines[0].lineTotalMinor must be whole minor units', 'changeMinor must be whole minor units',
    ])
  })

  it('rejects a logo whose pixels do not match its size, and a receipt number too long to scan', () => {
    expect(() => encodeReceipt({ ...sampleReceipt, logo: { width: 10, height: 10, data: new Uint8Array(10) } }, tmT88)).toThrow(/logo data must be RGBA/)
    expect(() => encodeReceipt({ ...sampleReceipt, receiptNumber: 'R-2025-00000000000123' }, printerProfile('epson-tm-t20iii-58mm'))).toThrow(/too long for a Code 128/)
  })

  it('never lets control characters in shop data reach the printer as commands', () => {
    const bytes = encodeReceipt({ ...sampleReceipt, lines: [{ ...sampleReceipt.lines[0]!, name: 'Evil\x1b@\x1dV\x00name' }] }, tmT88)
    expect(decodeEscPos(bytes).events.filter((e) => e.kind === 'initialize')).toHaveLength(1)
    expect(transcriptOf(bytes, 42)).toContain('Evil?@?V?name')
  })
})

/** The virtual printer's ESC/POS decoder: round trips from the encoder, and byte fixtures. */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { printerProfile } from '../../../drivers/printer/profile.js'
import { encodeReceipt } from '../../../drivers/printer/receipt.js'
import { decodeEscPos } from '../../../drivers/virtual/escpos-decoder.js'
import { EscPosTokenizer, tokenize } from '../../../drivers/virtual/escpos-tokenizer.js'
import { renderTranscript } from '../../../drivers/virtual/transcript.js'
import { sampleReceipt } from '../support/sample-documents.js'

const profile = printerProfile('epson-tm-t20iii-80mm')
const logo = { width: 32, height: 300, data: Uint8Array.from({ length: 32 * 300 * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i >> 2) % 2 ? 0 : 255)) }

describe('decoding an encoded receipt', () => {
  const bytes = encodeReceipt({ ...sampleReceipt, logo }, profile, { openDrawer: true })
  const receipt = decodeEscPos(bytes)
  const transcript = renderTranscript(receipt, { columns: 48 })

  it('reads back the lines with €, £ and accents', () => {
    expect(transcript).toContain('Crème brûlée tart                        £9.00 A')
    expect(transcript).toContain('Prices in £, € accepted at the till.')
    expect(transcript).toContain('Served by Zoë')
  })

  it('finds the Code 128 payload, the QR payload, the logo, the drawer kick and the cut', () => {
    expect(receipt.elements).toContainEqual(expect.objectContaining({ kind: 'barcode', symbology: 'code128', data: 'R-000123', hri: 'below', align: 'center' }))
    expect(receipt.elements).toContainEqual(expect.objectContaining({ kind: 'qr', data: 'https://cornerdeli.example/r/R-000123', moduleDots: 6, errorLevel: 'M' }))
    // 300 rows (padded to 304 by the encoder) arrive as two raster commands (255 + 49): one image again.
    expect(receipt.elements.filter((e) => e.kind === 'image')).toEqual([expect.objectContaining({ width: 32, height: 304 })])
    expect(receipt.elements[0]).toEqual({ kind: 'pulse', pin: 2, onMs: 100, offMs: 500, realtime: false })
    expect(receipt.elements.at(-1)).toEqual({ kind: 'cut', partial: false })
  })

  it('keeps the styles: bold double-size name, bold change line', () => {
    expect(transcript).toMatch(/\n {13}Corner Deli {2}‹bold 2x2›\n/)
    expect(transcript).toContain('Change                                     £5.75  ‹bold›')
  })

  it('has no warnings and records the code page switch', () => {
    expect(receipt.warnings).toEqual([])
    expect(receipt.events).toContainEqual(expect.objectContaining({ kind: 'codepage', number: 19, name: 'cp858' }))
  })
})

describe('ESC/POS fixtures', () => {
  it('decodes styles, alignment, ESC d feeds and column images', () => {
    const bytes = Uint8Array.from([
      0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1b, 0x21, 0x38, ...Buffer.from('BIG'), 0x0a,
      0x1b, 0x21, 0x00, 0x1b, 0x61, 0x02, 0x1d, 0x42, 0x01, ...Buffer.from('inv'), 0x1d, 0x42, 0x00, 0x0a,
      0x1b, 0x61, 0x00, 0x1b, 0x64, 0x02,
      0x1b, 0x2a, 0x21, 0x02, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0x0a,
      0x09, 0x41, 0x0a,
    ])
    const r = decodeEscPos(bytes)
    expect(renderTranscript(r, { columns: 20 })).toBe([
      '       BIG  ‹bold 2x2›',
      '                 inv  ‹invert›',
      '',
      '',
      '[image 2x24]',
      '        A',
      '',
    ].join('\n'))
    const image = r.elements[4]
    expect(image).toMatchObject({ kind: 'image', width: 2, height: 24 })
    // Column 0 is black in the top 8 rows, column 1 in the bottom 8.
    if (image?.kind === 'image') expect([image.bits[0], image.bits[23]]).toEqual([0x80, 0x40])
  })

  it('decodes ESC t code pages with iconv-lite: windows-1252 and cp858', () => {
    const r = decodeEscPos(Uint8Array.from([0x1b, 0x74, 0x10, 0x80, 0xa3, 0x0a, 0x1b, 0x74, 0x13, 0xd5, 0x9c, 0x82, 0x0a]))
    expect(renderTranscript(r)).toBe('€£\n€£é\n')
  })

  it('decodes Code 128 code sets and FNC1, GS1-128 and function A barcodes', () => {
    const r = decodeEscPos(Uint8Array.from([
      0x1d, 0x6b, 0x49, 0x0a, 0x7b, 0x41, 0x41, 0x42, 0x7b, 0x43, 12, 34, 0x7b, 0x31,
      0x1d, 0x6b, 0x02, ...Buffer.from('501234567890'), 0x00,
    ]))
    expect(r.elements).toMatchObject([
      { kind: 'barcode', symbology: 'code128', data: 'AB1234\x1d' },
      { kind: 'barcode', symbology: 'ean13', data: '501234567890' },
    ])
  })

  it('reports unknown commands loudly, and keeps decoding', () => {
    const r = decodeEscPos(Uint8Array.from([0x1b, 0x99, 0x41, 0x0a, 0x01, 0x0a]))
    expect(r.warnings).toEqual(['unknown command 1b 99 at byte 0', 'unknown command 01 at byte 4'])
    expect(renderTranscript(r)).toContain('A\n')
    expect(renderTranscript(r)).toContain('[warning: unknown command 1b 99 at byte 0]')
  })

  it('decodes the encoder\'s own output for partial cut and pin 5 pulse', () => {
    const bytes = new ReceiptPrinterEncoder({ printerModel: 'epson-tm-t88vi' }).initialize().line('x').pulse(1, 50, 100).cut('partial').encode()
    const marks = decodeEscPos(bytes).elements.filter((e) => e.kind === 'pulse' || e.kind === 'cut')
    expect(marks).toEqual([{ kind: 'pulse', pin: 5, onMs: 50, offMs: 100, realtime: false }, { kind: 'cut', partial: true }])
  })
})

describe('EscPosTokenizer', () => {
  it('gives the same tokens however the stream is chunked', () => {
    const bytes = encodeReceipt({ ...sampleReceipt, logo }, profile)
    const whole = tokenize(bytes).map((t) => ({ ...t, bytes: 'bytes' in t ? [...t.bytes] : undefined }))
    const kinds = whole.filter((t) => t.kind !== 'text')
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }), (sizes) => {
      const t = new EscPosTokenizer()
      const tokens = []
      let at = 0
      for (let i = 0; at < bytes.length; i++) {
        const size = sizes[i % sizes.length] ?? 1
        tokens.push(...t.push(bytes.subarray(at, at + size)))
        at += size
      }
      tokens.push(...t.end())
      // Text runs may split at chunk edges; every command must come out whole and in order.
      const commands = tokens.filter((tk) => tk.kind !== 'text').map((tk) => ({ ...tk, bytes: 'bytes' in tk ? [...tk.bytes] : undefined }))
      expect(commands).toEqual(kinds)
    }), { numRuns: 30 })
  })

  it('holds an incomplete command until the rest arrives', () => {
    const t = new EscPosTokenizer()
    expect(t.push(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x01))).toEqual([])
    expect(t.pendingBytes).toBe(5)
    expect(t.push(Uint8Array.of(0x00, 0x01, 0x00, 0xff))).toMatchObject([{ kind: 'command', name: 'raster-image' }])
  })
})

describe('Code 128 data with a brace', () => {
  it('survives encoding and decoding', () => {
    const bytes = encodeReceipt({ ...sampleReceipt, receiptNumber: 'R{1}' }, profile)
    expect(decodeEscPos(bytes).elements).toContainEqual(expect.objectContaining({ kind: 'barcode', data: 'R{1}' }))
  })
})

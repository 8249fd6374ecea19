/** Scanner framing: HID POS reports and serial streams → scans. */
import { describe, expect, it } from 'vitest'
import { ScannerFramingError } from '../../../drivers/errors.js'
import { splitAim, symbologyFromAim } from '../../../drivers/scanner/aim.js'
import { HidPosFramer } from '../../../drivers/scanner/hid-pos-framing.js'
import { decodeScanBytes } from '../../../drivers/scanner/scan.js'
import { SerialScanFramer } from '../../../drivers/scanner/serial-framing.js'
import { HONEYWELL_EAN13, HONEYWELL_GS1_128, OTHER_REPORT, USAGE_TABLE_QR } from './hid-reports.js'

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'))

describe('HID POS framing', () => {
  it('reads an EAN-13 from a Honeywell report', () => {
    expect(new HidPosFramer('honeywell').push(HONEYWELL_EAN13)).toMatchObject({ data: '5012345678900', aim: ']E0', symbology: 'ean13', source: 'hid-pos' })
  })

  it('joins a barcode continued over two reports', () => {
    const framer = new HidPosFramer('honeywell')
    expect(framer.push(HONEYWELL_GS1_128[0]!)).toBeUndefined()
    const scan = framer.push(HONEYWELL_GS1_128[1]!)
    expect(scan).toMatchObject({ aim: ']C1', symbology: 'gs1-128' })
    expect(scan?.data).toBe('010501234567890017251231' + '10LOT-2025-03-A\x1d21SERIAL0123456789\x1d3103001250')
  })

  it('reads the usage-table layout: no length byte, NUL padding, UTF-8 data', () => {
    expect(new HidPosFramer('usage-table').push(USAGE_TABLE_QR)).toMatchObject({ data: 'https://cornerdeli.example/r/Ré', aim: ']Q1', symbology: 'qr' })
  })

  it('ignores other reports, and falls back to the vendor Code ID without an AIM id', () => {
    const framer = new HidPosFramer('honeywell')
    expect(framer.push(OTHER_REPORT)).toBeUndefined()
    const noAim = Uint8Array.from(HONEYWELL_EAN13)
    noAim.fill(0, 2, 5)
    expect(framer.push(noAim)).toMatchObject({ data: '5012345678900', symbology: 'ean13' })
    expect(framer.push(noAim)?.aim).toBeUndefined()
  })
})

describe('serial framing', () => {
  it('splits CR, LF and CR LF terminated scans across arbitrary chunks', () => {
    const framer = new SerialScanFramer()
    const frames = [...framer.push(bytes('5012345')), ...framer.push(bytes('678900\r\n]C1010501234567')), ...framer.push(bytes('8900\r]E05000000000017\n'))]
    expect(frames.map((f) => (f.kind === 'scan' ? [f.scan.data, f.scan.symbology] : f.kind))).toEqual([
      ['5012345678900', 'unknown'], ['0105012345678900', 'gs1-128'], ['5000000000017', 'ean13'],
    ])
  })

  it('keeps the GS separator and strips a configured prefix', () => {
    const framer = new SerialScanFramer({ terminator: 'crlf', prefix: Uint8Array.of(0x02) })
    const [frame] = framer.push(bytes('\x02]d2010501234567890010AB\x1d17251231\r\n'))
    expect(frame).toMatchObject({ kind: 'scan', scan: { data: '010501234567890010AB\x1d17251231', aim: ']d2', symbology: 'gs1-datamatrix' } })
  })

  it('reports a missing terminator as a framing error instead of growing forever', () => {
    const framer = new SerialScanFramer({ terminator: 'cr', maxLength: 8 })
    const frames = framer.push(bytes('123456789012\r'))
    expect(frames[0]).toMatchObject({ kind: 'overflow' })
    expect(frames[0]?.kind === 'overflow' && frames[0].error).toBeInstanceOf(ScannerFramingError)
  })
})

describe('AIM identifiers and text', () => {
  it('maps the common identifiers', () => {
    expect(['E0', 'E4', 'C0', 'C1', 'd1', 'd2', 'Q1', 'Q3', 'e0', 'X9'].map((c) => symbologyFromAim(`]${c}`))).toEqual([
      'ean13', 'ean8', 'code128', 'gs1-128', 'datamatrix', 'gs1-datamatrix', 'qr', 'gs1-qr', 'gs1-databar', 'unknown',
    ])
    expect(splitAim('5012345678900')).toEqual({ aim: undefined, data: '5012345678900' })
  })

  it('reads UTF-8 when it is valid and Latin-1 otherwise', () => {
    expect(decodeScanBytes(Uint8Array.from(Buffer.from('Zoë', 'utf8')))).toBe('Zoë')
    expect(decodeScanBytes(Uint8Array.of(0x5a, 0x6f, 0xeb))).toBe('Zoë')
  })
})

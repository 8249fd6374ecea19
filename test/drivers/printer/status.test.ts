/** Status parsing on byte fixtures: DLE EOT answers and ASB blocks. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  encodeAsb, encodeDleEotReplies, parseAsb, parseDleEotStatus, StatusStreamParser, type PrinterStatus,
} from '../../../drivers/printer/status.js'

// Answers as a TM-T20III gives them (bits from the Epson ESC/POS reference).
const FIXTURES = {
  readyDrawerClosed: { printer: 0x16, offline: 0x12, paper: 0x12 },
  coverOpen: { printer: 0x1e, offline: 0x16, paper: 0x12 },
  paperNearEnd: { printer: 0x16, offline: 0x12, paper: 0x1e },
  paperOut: { printer: 0x1e, offline: 0x32, paper: 0x7e },
  drawerOpen: { printer: 0x12, offline: 0x12, paper: 0x12 },
  error: { printer: 0x1e, offline: 0x52, paper: 0x12 },
}

describe('DLE EOT status', () => {
  const parse = (f: { printer: number; offline: number; paper: number }) => parseDleEotStatus(f.printer, f.offline, f.paper)

  it('reads a ready printer with the drawer shut', () => {
    expect(parse(FIXTURES.readyDrawerClosed)).toEqual({ online: true, coverOpen: false, paperNearEnd: false, paperOut: false, drawerOpen: false, error: false })
  })

  it('reads cover open, paper near end, paper out, drawer open and errors', () => {
    expect(parse(FIXTURES.coverOpen)).toMatchObject({ online: false, coverOpen: true })
    expect(parse(FIXTURES.paperNearEnd)).toMatchObject({ online: true, paperNearEnd: true, paperOut: false })
    expect(parse(FIXTURES.paperOut)).toMatchObject({ online: false, paperNearEnd: true, paperOut: true })
    expect(parse(FIXTURES.drawerOpen)).toMatchObject({ drawerOpen: true })
    expect(parse(FIXTURES.error)).toMatchObject({ online: false, error: true })
  })

  it('follows the drawer switch level the shop configured', () => {
    expect(parseDleEotStatus(0x16, 0x12, 0x12, { drawerOpenLevel: 'high' })).toMatchObject({ drawerOpen: true })
  })

  it('rejects bytes whose fixed bits are wrong (not a DLE EOT answer)', () => {
    expect(parseDleEotStatus(0x00, 0x12, 0x12)).toBeUndefined()
    expect(parseDleEotStatus(0x16, 0x10, 0x12)).toBeUndefined() // an ASB header byte
  })

  it('round-trips any status through the bytes a printer would send', () => {
    const status = fc.record({ online: fc.boolean(), coverOpen: fc.boolean(), paperNearEnd: fc.boolean(), paperOut: fc.boolean(), drawerOpen: fc.boolean(), error: fc.boolean() })
    fc.assert(fc.property(status, (s: PrinterStatus) => {
      const r = encodeDleEotReplies(s)
      const back = parseDleEotStatus(r[1], r[2], r[4])
      expect(back).toMatchObject({ coverOpen: s.coverOpen, paperOut: s.paperOut, drawerOpen: s.drawerOpen, error: s.error })
      expect(back?.online).toBe(s.online && !s.paperOut && !s.coverOpen)
    }))
  })
})

describe('ASB (GS a)', () => {
  it('decodes a 4-byte block', () => {
    expect(parseAsb(Uint8Array.of(0x14, 0x00, 0x00, 0x00))).toEqual({ online: true, coverOpen: false, paperNearEnd: false, paperOut: false, drawerOpen: false, error: false })
    expect(parseAsb(Uint8Array.of(0x38, 0x00, 0x0f, 0x00))).toMatchObject({ online: false, coverOpen: true, paperNearEnd: true, paperOut: true, drawerOpen: true })
    expect(parseAsb(Uint8Array.of(0x1c, 0x20, 0x00, 0x00))).toMatchObject({ online: false, error: true })
  })

  it('rejects blocks with wrong fixed bits or length', () => {
    expect(parseAsb(Uint8Array.of(0x12, 0, 0, 0))).toBeUndefined()
    expect(parseAsb(Uint8Array.of(0x14, 0x10, 0, 0))).toBeUndefined()
    expect(parseAsb(Uint8Array.of(0x14, 0, 0))).toBeUndefined()
  })

  it('splits a mixed stream into answers and blocks, across chunk boundaries', () => {
    const parser = new StatusStreamParser()
    const asb = encodeAsb({ online: false, coverOpen: true, paperNearEnd: false, paperOut: false, drawerOpen: false, error: false })
    const first = parser.push(Uint8Array.of(0x16, asb[0]!, asb[1]!))
    const second = parser.push(Uint8Array.of(asb[2]!, asb[3]!, 0x12, 0xff))
    expect(first).toEqual([{ type: 'dle-eot', byte: 0x16 }])
    expect(second.map((m) => m.type)).toEqual(['asb', 'dle-eot', 'garbage'])
    expect(second[0]).toMatchObject({ status: { coverOpen: true, online: false } })
  })
})

/**
 * HID POS (usage page 0x8C, "Bar Code Scanner"): a scanner in HID POS mode sends
 * fixed-size input reports. A long barcode spans several reports; a flag says more
 * follow. Where each field sits differs by vendor, so layouts are data: record a few
 * reports from a new scanner (usbmon / Wireshark) and add its layout here.
 */
import type { Symbology } from './aim.js'
import { toScan, type Scan } from './scan.js'

export interface HidPosLayout {
  name: string
  /** Report ID of the "scanned data" report; other reports are ignored. */
  reportId: number
  /** Byte holding the number of data bytes in this report; without it data ends at the first NUL. */
  lengthOffset?: number
  /** Three ASCII bytes of AIM symbology identifier ("]E0"). */
  aimOffset?: number
  dataOffset: number
  dataCapacity: number
  /** Byte whose bit 0 says "more data follows in the next report". */
  continuationOffset: number
  /** A vendor's own symbology code (Honeywell "Code ID"), used when there is no AIM id. */
  vendorCodeOffset?: number
  vendorCodes?: Readonly<Record<number, Symbology>>
}

export const HID_POS_LAYOUTS = {
  /**
   * Honeywell/Intermec "HID POS" (USB HID Bar Code Scanner), 64-byte report incl. ID:
   * [0] ID 0x02, [1] data length, [2..4] AIM id, [5..60] data, [61] Honeywell Code ID,
   * [63] bit 0 = continued. (WebHID strips the ID byte: then every offset is one less.)
   */
  honeywell: {
    name: 'honeywell', reportId: 0x02, lengthOffset: 1, aimOffset: 2, dataOffset: 5, dataCapacity: 56,
    continuationOffset: 63, vendorCodeOffset: 61,
    vendorCodes: { 0x64: 'ean13', 0x44: 'ean8', 0x63: 'ean13', 0x6a: 'code128', 0x49: 'gs1-128', 0x77: 'datamatrix', 0x73: 'qr', 0x62: 'code39', 0x69: 'code93', 0x65: 'itf', 0x72: 'pdf417' },
  },
  /**
   * The order of the HID POS Usage Tables' example "Scanned Data Report" (used by several
   * Datalogic and Zebra firmwares): [0] ID 0x02, [1..3] symbology identifier (AIM),
   * [4..62] data padded with NUL, [63] bit 0 = continued. No length byte.
   */
  'usage-table': { name: 'usage-table', reportId: 0x02, aimOffset: 1, dataOffset: 4, dataCapacity: 59, continuationOffset: 63 },
} as const satisfies Record<string, HidPosLayout>

export type HidPosLayoutName = keyof typeof HID_POS_LAYOUTS

/** Joins continued reports into scans. Feed every input report in arrival order. */
export class HidPosFramer {
  readonly #layout: HidPosLayout
  #parts: Uint8Array[] = []
  #aim: string | undefined
  #vendorCode: number | undefined

  constructor(layout: HidPosLayout | HidPosLayoutName = 'honeywell') {
    this.#layout = typeof layout === 'string' ? HID_POS_LAYOUTS[layout] : layout
  }

  /** Returns a scan when this report completes one. */
  push(report: Uint8Array): Scan | undefined {
    const l = this.#layout
    if (report[0] !== l.reportId || report.length <= l.dataOffset) return undefined
    const area = report.subarray(l.dataOffset, l.dataOffset + l.dataCapacity)
    const length = l.lengthOffset === undefined ? nulLength(area) : Math.min(report[l.lengthOffset] ?? 0, area.length)
    this.#parts.push(area.slice(0, length))
    if (this.#aim === undefined && l.aimOffset !== undefined) this.#aim = readAim(report, l.aimOffset)
    if (this.#vendorCode === undefined && l.vendorCodeOffset !== undefined) this.#vendorCode = report[l.vendorCodeOffset]
    if (((report[l.continuationOffset] ?? 0) & 1) === 1) return undefined
    const raw = concat(this.#parts)
    const fallback = this.#vendorCode === undefined ? 'unknown' : (l.vendorCodes?.[this.#vendorCode] ?? 'unknown')
    const scan = toScan(raw, 'hid-pos', this.#aim, fallback)
    this.#parts = []
    this.#aim = undefined
    this.#vendorCode = undefined
    return scan
  }
}

function nulLength(area: Uint8Array): number {
  const end = area.indexOf(0)
  return end === -1 ? area.length : end
}

function readAim(report: Uint8Array, offset: number): string | undefined {
  const text = String.fromCharCode(...report.subarray(offset, offset + 3))
  return /^\][A-Za-z][0-9A-Za-z]$/.test(text) ? text : undefined
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

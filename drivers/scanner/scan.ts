/**
 * A scan: what a barcode scanner read, however it arrived (HID POS report, serial
 * line). Pure: bytes in, `Scan` out.
 */
import { splitAim, symbologyFromAim, type Symbology } from './aim.js'

export interface Scan {
  /** The data without AIM prefix or terminator. GS (0x1D) stays: it separates GS1 fields. */
  data: string
  /** AIM symbology identifier, e.g. "]E0", when the scanner sent one. */
  aim?: string
  symbology: Symbology
  source: 'hid-pos' | 'serial'
  /** The bytes of the frame, as received. */
  raw: Uint8Array
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Scanners send bytes in whatever their configured code page is: UTF-8 for most QR
 * payloads, Latin-1 for older 1D setups. Valid UTF-8 is taken as UTF-8, anything else
 * as Latin-1, so no byte is lost either way.
 */
export function decodeScanBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  }
}

/** Builds a scan from a frame; the AIM id comes from the report (HID POS) or the data. */
export function toScan(raw: Uint8Array, source: Scan['source'], reportAim?: string, fallback: Symbology = 'unknown'): Scan {
  const text = decodeScanBytes(raw)
  const { aim: inlineAim, data } = reportAim ? { aim: undefined, data: text } : splitAim(text)
  const aim = reportAim ?? inlineAim
  const symbology = aim ? symbologyFromAim(aim) : fallback
  return { data, symbology: symbology === 'unknown' ? fallback : symbology, source, raw, ...(aim ? { aim } : {}) }
}

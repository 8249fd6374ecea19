/**
 * Bars and QR modules for the preview, computed by bwip-js (`raw`, no rendering), so
 * the preview shows scannable symbols. A symbology bwip-js cannot build from the
 * printer's data returns undefined and the preview draws a labelled box instead.
 */
import bwipjs from 'bwip-js'

const BWIP_IDS: Readonly<Record<string, string>> = {
  code128: 'code128', 'code128-auto': 'code128', ean13: 'ean13', ean8: 'ean8', upca: 'upca', upce: 'upce',
  code39: 'code39', code93: 'code93', itf: 'interleaved2of5', codabar: 'rationalizedCodabar',
}

/** Bar/space widths in modules, starting with a bar. */
export function linearModules(symbology: string, data: string): number[] | undefined {
  const bcid = BWIP_IDS[symbology]
  if (!bcid) return undefined
  // FNC1 arrives as the GS character; bwip-js spells it ^FNC1 (and a literal ^ as ^094).
  const text = data.replace(/\^/g, '^094').replaceAll('\x1d', '^FNC1')
  try {
    const [symbol] = bwipjs.raw(bcid, text, { parsefnc: true }) as Array<{ sbs?: number[] }>
    return symbol?.sbs
  } catch {
    // Data the symbology cannot carry (letters in an EAN): the caller draws a box.
    return undefined
  }
}

export interface Matrix {
  size: number
  /** Row-major, 1 = dark module. */
  modules: number[]
}

export function qrModules(data: string, errorLevel: string): Matrix | undefined {
  try {
    const [symbol] = bwipjs.raw('qrcode', data, { eclevel: errorLevel } as never) as Array<{ pixs?: number[]; pixx?: number }>
    if (!symbol?.pixs || !symbol.pixx) return undefined
    return { size: symbol.pixx, modules: symbol.pixs }
  } catch {
    return undefined
  }
}

/**
 * TSPL (TSC and the many cheap 4x6 printers that copy it). Commands are lines ending
 * CRLF. Text uses the printer's bitmap fonts "1"-"5", which are code-page based, so a
 * TSPL job is sent as Windows-1252 bytes after `CODEPAGE 1252` (£ = A3, € = 80).
 * A double quote inside a string is written `\["]`.
 */
import { encodeText } from '../codepages.js'
import type { LabelSize } from './label-types.js'

/** Bitmap font sizes in dots (width x height) at multiplier 1. */
export const TSPL_FONTS = { '1': [8, 12], '2': [12, 20], '3': [16, 24], '4': [24, 32], '5': [32, 48] } as const
export type TsplFont = keyof typeof TSPL_FONTS

export const tsplString = (text: string): string => `"${text.replace(/"/g, '\\["]')}"`

export function tsplHeader(size: LabelSize, gapMm = 3): string[] {
  const mm = (dots: number) => Number((dots / (size.dpi / 25.4)).toFixed(1))
  return [
    `SIZE ${mm(size.widthDots)} mm,${mm(size.heightDots)} mm`,
    `GAP ${gapMm} mm,0 mm`,
    'DIRECTION 1',
    'REFERENCE 0,0',
    'CODEPAGE 1252',
    'CLS',
  ]
}

export function tsplText(x: number, y: number, font: TsplFont, scale: number, text: string): string {
  return `TEXT ${x},${y},"${font}",0,${scale},${scale},${tsplString(text)}`
}

/** Characters of `font` at `scale` that fit in `widthDots` (bitmap fonts are fixed-width). */
export function tsplFit(text: string, widthDots: number, font: TsplFont, scale: number): string {
  const max = Math.floor(widthDots / (TSPL_FONTS[font][0] * scale))
  const chars = [...text.normalize('NFC')]
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 3)).join('').trimEnd()}...`
}

/** Joins commands with CRLF and encodes them in Windows-1252 (control characters print as "?"). */
export function tsplToBytes(lines: string[]): Uint8Array {
  const encoded = lines.map((line) => encodeText(line, 'windows1252'))
  const out = new Uint8Array(encoded.reduce((n, l) => n + l.length + 2, 0))
  let offset = 0
  for (const line of encoded) {
    out.set(line, offset)
    out.set([0x0d, 0x0a], offset + line.length)
    offset += line.length + 2
  }
  return out
}

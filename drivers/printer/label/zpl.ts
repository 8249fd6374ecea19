/**
 * ZPL II building blocks. Every label starts `^XA^CI28` (UTF-8 field data) and every
 * text field goes through `^FH` so that "^", "~" and "_" in shop data can never end
 * the field or start a command: they are written as `_5E`, `_7E`, `_5F`.
 */
import { textWidth } from '../text-layout.js'

/** Escapes field data for `^FH^FD…^FS` (underscore is the ^FH escape character). */
export function zplEscape(text: string): string {
  return text.normalize('NFC').replace(/[_^~\\]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export interface ZplText {
  x: number
  y: number
  /** Character height in dots (font 0, the scalable CG Triumvirate). */
  height: number
  /** Character width in dots; defaults to 90 % of the height. */
  width?: number
  text: string
  /** Field block width: enables alignment inside it. */
  blockWidth?: number
  align?: 'L' | 'C' | 'R'
  /** White on black (`^FR`), over a box drawn by the caller. */
  reverse?: boolean
}

export function zplText(t: ZplText): string {
  const width = t.width ?? Math.round(t.height * 0.9)
  const block = t.blockWidth ? `^FB${t.blockWidth},1,0,${t.align ?? 'L'},0` : ''
  return `^FO${t.x},${t.y}^A0N,${t.height},${width}${block}${t.reverse ? '^FR' : ''}^FH^FD${zplEscape(t.text)}^FS`
}

export function zplBox(x: number, y: number, width: number, height: number, thickness: number): string {
  return `^FO${x},${y}^GB${width},${height},${thickness}^FS`
}

/**
 * Font 0 is proportional, so fitting is an estimate: an average glyph is about 0.6 of
 * the character width. Text that would not fit is cut with "..." rather than letting
 * the printer overprint or run off the label.
 */
export function fitText(text: string, widthDots: number, charWidth: number): string {
  const max = Math.max(4, Math.floor(widthDots / (charWidth * 0.6)))
  if (textWidth(text) <= max) return text
  return `${[...text.normalize('NFC')].slice(0, max - 3).join('').trimEnd()}...`
}

export const zplToBytes = (zpl: string): Uint8Array => new TextEncoder().encode(zpl)

/**
 * What the virtual printer "printed": a list of elements top to bottom, plus the
 * non-printing events (status requests, code page changes, unknown commands).
 */

export type Align = 'left' | 'center' | 'right'

export interface TextSpan {
  text: string
  bold: boolean
  underline: boolean
  invert: boolean
  italic: boolean
  /** Character magnification (GS !), 1-8. */
  width: number
  height: number
  font: 'A' | 'B'
}

export type PrintedElement =
  | { kind: 'text'; align: Align; spans: TextSpan[] }
  | { kind: 'feed'; dots: number }
  | { kind: 'barcode'; symbology: string; data: string; hri: 'none' | 'above' | 'below' | 'both'; heightDots: number; moduleDots: number; align: Align }
  | { kind: 'qr'; data: string; moduleDots: number; errorLevel: string; align: Align }
  | { kind: 'pdf417'; data: string; align: Align }
  /** 1 bit per pixel, rows top to bottom, MSB first, `Math.ceil(width / 8)` bytes per row; 1 = black. */
  | { kind: 'image'; width: number; height: number; bits: Uint8Array; align: Align }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'pulse'; pin: 2 | 5; onMs: number; offMs: number; realtime: boolean }

export type DecoderEvent =
  | { kind: 'initialize'; offset: number }
  | { kind: 'codepage'; number: number; name: string; offset: number }
  | { kind: 'status-request'; n: number; offset: number }
  | { kind: 'asb'; n: number; offset: number }
  | { kind: 'unknown'; bytes: number[]; offset: number }

export interface DecodedReceipt {
  elements: PrintedElement[]
  events: DecoderEvent[]
  /** Human-readable problems: unknown commands, unsupported code pages, truncated data. */
  warnings: string[]
}

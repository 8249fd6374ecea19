/**
 * A decoded receipt as readable text: what the paper says, one line per printed
 * line, with styles noted at the end of the line (‹bold 2x2›) and non-text elements
 * in brackets ([barcode code128 "R-000123"], [cut full]). Used for golden files, the
 * UI's plain preview and test assertions.
 */
import type { DecodedReceipt, PrintedElement, TextSpan } from './decoded-receipt.js'

export interface TranscriptOptions {
  /** Characters per line, for centring and right-aligning text sent with ESC a. */
  columns?: number
}

export function renderTranscript(receipt: DecodedReceipt, { columns = 48 }: TranscriptOptions = {}): string {
  const lines = receipt.elements.map((element) => elementLine(element, columns))
  for (const warning of receipt.warnings) lines.push(`[warning: ${warning}]`)
  return lines.join('\n') + '\n'
}

function elementLine(e: PrintedElement, columns: number): string {
  switch (e.kind) {
    case 'text': return textLine(e.spans, e.align, columns)
    case 'feed': return `[feed ${e.dots} dots]`
    case 'barcode': return `[barcode ${e.symbology} ${JSON.stringify(e.data)} hri=${e.hri}]`
    case 'qr': return `[qr ${JSON.stringify(e.data)} module=${e.moduleDots} ecc=${e.errorLevel}]`
    case 'pdf417': return `[pdf417 ${JSON.stringify(e.data)}]`
    case 'image': return `[image ${e.width}x${e.height}]`
    case 'cut': return `[cut ${e.partial ? 'partial' : 'full'}]`
    case 'pulse': return `[drawer kick pin ${e.pin}, ${e.onMs} ms on, ${e.offMs} ms off${e.realtime ? ', real-time' : ''}]`
  }
}

function styleLabel(s: TextSpan): string {
  const parts: string[] = []
  if (s.bold) parts.push('bold')
  if (s.underline) parts.push('underline')
  if (s.invert) parts.push('invert')
  if (s.italic) parts.push('italic')
  if (s.font === 'B') parts.push('font B')
  if (s.width !== 1 || s.height !== 1) parts.push(`${s.width}x${s.height}`)
  return parts.join(' ')
}

function textLine(spans: TextSpan[], align: 'left' | 'center' | 'right', columns: number): string {
  const visible = spans.filter((s) => s.text.trim() !== '')
  const labels = new Set(visible.map(styleLabel))
  const single = labels.size === 1 ? [...labels][0] : undefined
  // One style for the whole line: note it at the end. Mixed styles: mark each span.
  const text = spans.map((s) => (single !== undefined || !styleLabel(s) || s.text.trim() === '' ? s.text : `[${styleLabel(s)}: ${s.text}]`)).join('')
  const width = spans.reduce((n, s) => n + [...s.text].length * s.width, 0)
  const free = Math.max(0, columns - width)
  const pad = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0
  const line = (' '.repeat(pad) + text).trimEnd()
  return single ? `${line}  ‹${single}›` : line
}

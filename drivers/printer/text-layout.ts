/**
 * Fixed-width text layout for receipts: every character of font A is one column,
 * so layout is counting code points. Pure string functions, no printer bytes.
 */

/** Width in columns (code points after NFC, so "é" typed as e + accent counts once). */
export function textWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.length
  let n = 0
  for (const _ of text.normalize('NFC')) n++
  return n
}

function sliceColumns(text: string, from: number, to?: number): string {
  return [...text.normalize('NFC')].slice(from, to).join('')
}

/** Word-wraps to `width` columns; words longer than a line are broken hard. */
export function wrap(text: string, width: number): string[] {
  if (width < 1) throw new RangeError('wrap width must be at least 1')
  const lines: string[] = []
  let current = ''
  for (const word of text.trim().split(/\s+/)) {
    let rest = word
    while (textWidth(rest) > width) {
      if (current) lines.push(current)
      current = ''
      lines.push(sliceColumns(rest, 0, width))
      rest = sliceColumns(rest, width)
    }
    if (!rest) continue
    if (!current) current = rest
    else if (textWidth(current) + 1 + textWidth(rest) <= width) current += ` ${rest}`
    else {
      lines.push(current)
      current = rest
    }
  }
  if (current || lines.length === 0) lines.push(current)
  return lines
}

export function alignText(text: string, width: number, align: 'left' | 'center' | 'right'): string {
  const free = Math.max(0, width - textWidth(text))
  if (align === 'left') return text
  if (align === 'right') return ' '.repeat(free) + text
  return ' '.repeat(Math.floor(free / 2)) + text
}

/**
 * "Left text ........ right": the right part stays on the last line; a left part
 * too long to share it wraps onto lines of its own above.
 */
export function leftRight(left: string, right: string, width: number): string[] {
  const rightWidth = textWidth(right)
  const room = width - rightWidth - 1
  if (room < 1) return [...wrap(left, width), alignText(right, width, 'right')]
  const lines = wrap(left, room)
  const last = lines.pop() ?? ''
  return [...lines, last + ' '.repeat(width - textWidth(last) - rightWidth) + right]
}

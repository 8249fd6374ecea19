/**
 * Golden files: test/golden/<case>.bin (exact printer bytes) with a readable
 * <case>.txt beside it. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx vitest run test/drivers`, then review the .txt diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

export const GOLDEN_DIR = fileURLToPath(new URL('../../golden/', import.meta.url))
const updating = process.env.UPDATE_GOLDEN === '1'

export function expectGolden(name: string, bytes: Uint8Array, transcript: string): void {
  const bin = `${GOLDEN_DIR}${name}.bin`
  const txt = `${GOLDEN_DIR}${name}.txt`
  if (updating) {
    mkdirSync(GOLDEN_DIR, { recursive: true })
    writeFileSync(bin, bytes)
    writeFileSync(txt, transcript)
    return
  }
  if (!existsSync(bin) || !existsSync(txt)) throw new Error(`golden ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/drivers`)
  // The transcript first: its diff says what changed on paper.
  expect(transcript, `${name}.txt`).toBe(readFileSync(txt, 'utf8'))
  const expected = readFileSync(bin)
  const actual = Buffer.from(bytes)
  if (!actual.equals(expected)) {
    let at = 0
    while (at < Math.min(actual.length, expected.length) && actual[at] === expected[at]) at++
    const around = (b: Buffer) => b.subarray(Math.max(0, at - 8), at + 8).toString('hex').replace(/../g, '$& ').trim()
    expect.fail(`${name}.bin differs at byte ${at} (got ${actual.length} bytes, want ${expected.length}): got [${around(actual)}] want [${around(expected)}]`)
  }
}

/**
 * A readable listing of printer bytes for languages the virtual printer does not decode
 * (StarPRNT): text runs as text, one line per LF, every control byte and its command as hex.
 */
export function byteListing(bytes: Uint8Array, decode: (b: Uint8Array) => string): string {
  const lines: string[] = []
  let line = ''
  let text: number[] = []
  const flushText = () => {
    if (text.length) line += decode(Uint8Array.from(text))
    text = []
  }
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number
    if (b >= 0x20) {
      text.push(b)
      continue
    }
    flushText()
    if (b === 0x0a) {
      lines.push(line)
      line = ''
    } else {
      line += `<${b.toString(16).padStart(2, '0')}>`
    }
  }
  flushText()
  if (line) lines.push(line)
  return lines.join('\n') + '\n'
}

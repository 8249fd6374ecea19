/**
 * Splits an ESC/POS byte stream into tokens: text runs, control bytes and whole
 * commands. Streaming: `push()` keeps an incomplete command for the next chunk, so
 * the TCP server can answer DLE EOT at a command boundary — never inside a raster
 * image whose pixels happen to read `10 04 01` (a real-printer quirk we do not copy).
 */
import { PREFIXES } from './escpos-commands.js'

export type EscPosToken =
  | { kind: 'text'; bytes: Uint8Array; offset: number }
  | { kind: 'control'; byte: number; offset: number }
  | { kind: 'command'; name: string; bytes: Uint8Array; offset: number }
  | { kind: 'unknown'; bytes: Uint8Array; offset: number }

/** Single-byte controls with a meaning; any other byte below 0x20 is unknown. */
const CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x18])

export class EscPosTokenizer {
  #pending: Uint8Array = new Uint8Array(0)
  #consumed = 0

  /** Feeds bytes; returns every token completed so far. */
  push(chunk: Uint8Array): EscPosToken[] {
    const buf = this.#pending.length ? concat(this.#pending, chunk) : chunk
    const tokens: EscPosToken[] = []
    let i = 0
    while (i < buf.length) {
      const next = readToken(buf, i, this.#consumed + i)
      if (!next) break
      tokens.push(next.token)
      i = next.end
    }
    this.#consumed += i
    this.#pending = buf.slice(i)
    return tokens
  }

  /** Ends the stream: a truncated command comes back as an `unknown` token. */
  end(): EscPosToken[] {
    if (this.#pending.length === 0) return []
    const token: EscPosToken = { kind: 'unknown', bytes: this.#pending, offset: this.#consumed }
    this.#consumed += this.#pending.length
    this.#pending = new Uint8Array(0)
    return [token]
  }

  get pendingBytes(): number {
    return this.#pending.length
  }
}

/** Tokenizes a complete job in one go. */
export function tokenize(bytes: Uint8Array): EscPosToken[] {
  const t = new EscPosTokenizer()
  return [...t.push(bytes), ...t.end()]
}

function readToken(buf: Uint8Array, i: number, offset: number): { token: EscPosToken; end: number } | undefined {
  const b = buf[i] as number
  if (b >= 0x20) {
    let end = i + 1
    while (end < buf.length && (buf[end] as number) >= 0x20) end++
    return { token: { kind: 'text', bytes: buf.subarray(i, end), offset }, end }
  }
  if (CONTROLS.has(b)) return { token: { kind: 'control', byte: b, offset }, end: i + 1 }
  const table = PREFIXES[b]
  if (!table) return { token: { kind: 'unknown', bytes: buf.subarray(i, i + 1), offset }, end: i + 1 }
  const second = buf[i + 1]
  if (second === undefined) return undefined
  const spec = table[second]
  if (!spec) return { token: { kind: 'unknown', bytes: buf.subarray(i, i + 2), offset }, end: i + 2 }
  const length = typeof spec.length === 'number' ? spec.length : spec.length(buf, i)
  if (length === undefined || i + length > buf.length) return undefined
  return { token: { kind: 'command', name: spec.name, bytes: buf.subarray(i, i + length), offset }, end: i + length }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/**
 * Serial scanners (RS-232 or USB-CDC): a byte stream where each scan ends with a
 * suffix, CR by default on most scanners, CR LF or LF on others. Chunks arrive split
 * anywhere, so the framer keeps the partial frame between pushes.
 */
import { ScannerFramingError } from '../errors.js'
import { toScan, type Scan } from './scan.js'

export interface SerialFramingOptions {
  /** 'any' ends a frame at CR or LF and treats CR LF as one terminator. */
  terminator?: 'cr' | 'lf' | 'crlf' | 'any'
  /** Bytes a frame may hold; more without a terminator means a wrong suffix setting. */
  maxLength?: number
  /** A configured prefix to strip (e.g. a STX byte). */
  prefix?: Uint8Array
}

export type SerialFrame = { kind: 'scan'; scan: Scan } | { kind: 'overflow'; error: ScannerFramingError }

const CR = 0x0d
const LF = 0x0a

export class SerialScanFramer {
  readonly #terminator: NonNullable<SerialFramingOptions['terminator']>
  readonly #maxLength: number
  readonly #prefix: Uint8Array
  #buffer: number[] = []
  #lastWasCr = false

  constructor({ terminator = 'any', maxLength = 4096, prefix = new Uint8Array(0) }: SerialFramingOptions = {}) {
    this.#terminator = terminator
    this.#maxLength = maxLength
    this.#prefix = prefix
  }

  push(chunk: Uint8Array): SerialFrame[] {
    const frames: SerialFrame[] = []
    for (const byte of chunk) {
      const ends = this.#ends(byte)
      this.#lastWasCr = byte === CR
      if (ends === 'skip') continue
      if (ends === 'end') {
        if (this.#terminator === 'crlf') this.#buffer.pop() // the CR before this LF
        if (this.#buffer.length > 0) frames.push({ kind: 'scan', scan: this.#scan() })
        this.#buffer = []
        continue
      }
      this.#buffer.push(byte)
      if (this.#buffer.length > this.#maxLength) {
        frames.push({ kind: 'overflow', error: new ScannerFramingError(`no scan terminator within ${this.#maxLength} bytes: check the scanner's suffix setting`) })
        this.#buffer = []
      }
    }
    return frames
  }

  #ends(byte: number): 'end' | 'skip' | 'data' {
    switch (this.#terminator) {
      case 'cr': return byte === CR ? 'end' : 'data'
      case 'lf': return byte === LF ? 'end' : 'data'
      case 'crlf': return byte === LF && this.#lastWasCr ? 'end' : 'data'
      case 'any':
        if (byte === LF && this.#lastWasCr) return 'skip'
        return byte === CR || byte === LF ? 'end' : 'data'
    }
  }

  #scan(): Scan {
    let bytes = Uint8Array.from(this.#buffer)
    const p = this.#prefix
    if (p.length > 0 && bytes.length >= p.length && p.every((b, i) => bytes[i] === b)) bytes = bytes.slice(p.length)
    return toScan(bytes, 'serial')
  }
}

/**
 * ESC/POS status, parsed from bytes. Two ways a printer talks back:
 *
 * - DLE EOT n (`10 04 n`): a real-time request; the printer answers ONE byte at once,
 *   even while offline or out of paper (it is handled ahead of the print buffer).
 *   n=1 printer, n=2 offline cause, n=3 error cause, n=4 roll paper sensor.
 * - ASB, automatic status back (GS a n): the printer pushes a 4-byte block when
 *   enabled and whenever its status changes.
 *
 * The two are told apart by their fixed bits: a DLE EOT answer is 0xx1xx10, the
 * first ASB byte is 0xx1xx00 and the next three are 0xx0xxxx.
 *
 * Many cheap printers are one-way: no answer is "unknown", never "fine".
 */

export interface PrinterStatus {
  online: boolean
  coverOpen: boolean
  paperNearEnd: boolean
  paperOut: boolean
  drawerOpen: boolean
  /** A mechanical, cutter or unrecoverable error is reported. */
  error: boolean
}

/** `'unknown'` when the printer does not answer (one-way printer, hung, status disabled). */
export type PrinterStatusReport = PrinterStatus | 'unknown'

export interface StatusParseOptions {
  /**
   * The drawer switch on pin 3 of the DK port: which level means "open" depends on
   * the drawer's wiring. 'low' is Epson's default (ePOS SDK `drawerOpenLevel`).
   */
  drawerOpenLevel?: 'low' | 'high'
}

export const DLE_EOT_PRINTER = 1
export const DLE_EOT_OFFLINE = 2
export const DLE_EOT_ERROR = 3
export const DLE_EOT_PAPER = 4

/** `10 04 n`: one real-time status request. */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n)
}

/** The three requests a full status needs (printer, offline cause, paper), answered in order. */
export const FULL_STATUS_REQUEST = Uint8Array.of(0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4)

/** GS a n: enable automatic status back (n = 0 disables). 0x4f enables every kind. */
export function asbEnable(n = 0x4f): Uint8Array {
  return Uint8Array.of(0x1d, 0x61, n)
}

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0

export const isDleEotReply = (byte: number): boolean => (byte & 0x93) === 0x12
export const isAsbHeader = (byte: number): boolean => (byte & 0x93) === 0x10
const isAsbTrailer = (byte: number): boolean => (byte & 0x90) === 0x00

function drawerOpen(pin3High: boolean, options: StatusParseOptions): boolean {
  return (options.drawerOpenLevel ?? 'low') === 'high' ? pin3High : !pin3High
}

/**
 * Combines the answers to DLE EOT 1, 2 and 4 (see `FULL_STATUS_REQUEST`).
 * Returns undefined when a byte is not a valid DLE EOT answer (line noise, an ASB
 * byte, a printer speaking another dialect).
 */
export function parseDleEotStatus(printer: number, offline: number, paper: number, options: StatusParseOptions = {}): PrinterStatus | undefined {
  if (![printer, offline, paper].every(isDleEotReply)) return undefined
  const paperEnd = bit(paper, 5) && bit(paper, 6)
  return {
    online: !bit(printer, 3),
    coverOpen: bit(offline, 2),
    paperNearEnd: bit(paper, 2) && bit(paper, 3),
    paperOut: paperEnd || bit(offline, 5),
    drawerOpen: drawerOpen(bit(printer, 2), options),
    error: bit(offline, 6),
  }
}

/** Decodes one 4-byte ASB block; undefined if the fixed bits do not match. */
export function parseAsb(block: Uint8Array, options: StatusParseOptions = {}): PrinterStatus | undefined {
  const [b1, b2, b3, b4] = block
  if (block.length !== 4 || b1 === undefined || b2 === undefined || b3 === undefined || b4 === undefined) return undefined
  if (!isAsbHeader(b1) || ![b2, b3, b4].every(isAsbTrailer)) return undefined
  return {
    online: !bit(b1, 3),
    coverOpen: bit(b1, 5),
    paperNearEnd: bit(b3, 0) && bit(b3, 1),
    paperOut: bit(b3, 2) && bit(b3, 3),
    drawerOpen: drawerOpen(bit(b1, 2), options),
    error: bit(b2, 2) || bit(b2, 3) || bit(b2, 5) || bit(b2, 6),
  }
}

export type StatusMessage =
  | { type: 'dle-eot'; byte: number }
  | { type: 'asb'; status: PrinterStatus; bytes: Uint8Array }
  | { type: 'garbage'; byte: number }

/**
 * Splits a status byte stream (TCP socket, USB bulk IN) into DLE EOT answers and ASB
 * blocks. Keeps a partial ASB block between chunks.
 */
export class StatusStreamParser {
  readonly #options: StatusParseOptions
  #asb: number[] = []

  constructor(options: StatusParseOptions = {}) {
    this.#options = options
  }

  push(chunk: Uint8Array): StatusMessage[] {
    const out: StatusMessage[] = []
    for (const byte of chunk) {
      if (this.#asb.length > 0) {
        if (isAsbTrailer(byte)) {
          this.#asb.push(byte)
          if (this.#asb.length === 4) out.push(this.#finishAsb())
          continue
        }
        for (const b of this.#asb) out.push({ type: 'garbage', byte: b })
        this.#asb = []
      }
      if (isDleEotReply(byte)) out.push({ type: 'dle-eot', byte })
      else if (isAsbHeader(byte)) this.#asb.push(byte)
      else out.push({ type: 'garbage', byte })
    }
    return out
  }

  #finishAsb(): StatusMessage {
    const bytes = Uint8Array.from(this.#asb)
    this.#asb = []
    const status = parseAsb(bytes, this.#options)
    return status ? { type: 'asb', status, bytes } : { type: 'garbage', byte: bytes[0] ?? 0 }
  }
}

/** Bytes a printer would answer for a status (used by the virtual printer and fakes). */
export function encodeDleEotReplies(status: PrinterStatus, options: StatusParseOptions = {}): Record<1 | 2 | 3 | 4, number> {
  const pin3High = (options.drawerOpenLevel ?? 'low') === 'high' ? status.drawerOpen : !status.drawerOpen
  const offline = !status.online || status.paperOut || status.coverOpen
  return {
    1: 0x12 | (pin3High ? 0x04 : 0) | (offline ? 0x08 : 0),
    2: 0x12 | (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0) | (status.error ? 0x40 : 0),
    3: 0x12 | (status.error ? 0x40 : 0),
    4: 0x12 | (status.paperNearEnd || status.paperOut ? 0x0c : 0) | (status.paperOut ? 0x60 : 0),
  }
}

/** The 4-byte ASB block for a status. */
export function encodeAsb(status: PrinterStatus, options: StatusParseOptions = {}): Uint8Array {
  const pin3High = (options.drawerOpenLevel ?? 'low') === 'high' ? status.drawerOpen : !status.drawerOpen
  const offline = !status.online || status.paperOut || status.coverOpen
  return Uint8Array.of(
    0x10 | (pin3High ? 0x04 : 0) | (offline ? 0x08 : 0) | (status.coverOpen ? 0x20 : 0),
    status.error ? 0x40 : 0,
    (status.paperNearEnd || status.paperOut ? 0x03 : 0) | (status.paperOut ? 0x0c : 0),
    0,
  )
}

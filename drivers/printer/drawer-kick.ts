/**
 * Cash drawer kick: the drawer hangs off the printer's DK port and opens on a pulse.
 *
 * - ESC/POS `ESC p m t1 t2`: m = 0 for connector pin 2, 1 for pin 5; on/off times in
 *   2 ms units (100 ms on, 500 ms off → `1b 70 00 32 fa`). Buffered: it waits behind
 *   any unprinted data, and a printer that is out of paper never gets to it.
 * - ESC/POS real-time `DLE DC4 1 m t` (`10 14 01 m t`, t in 100 ms units, 1-8): runs
 *   immediately, even offline or out of paper — the way to open the drawer when the
 *   receipt cannot print. Older firmware lacks it.
 * - StarPRNT/Star Line `ESC BEL n1 n2 BEL|SUB`: times in 10 ms units; BEL = drawer 1
 *   (pin 2), SUB = drawer 2 (pin 5).
 */
import { InvalidOptionsError } from '../errors.js'
import type { PrinterLanguage } from './profile.js'

export interface DrawerKickOptions {
  pin?: 2 | 5
  onMs?: number
  offMs?: number
  language?: PrinterLanguage
  /** ESC/POS only: use DLE DC4 (works while offline/out of paper). */
  realtime?: boolean
}

export function drawerKick({ pin = 2, onMs = 100, offMs = 500, language = 'esc-pos', realtime = false }: DrawerKickOptions = {}): Uint8Array {
  if (pin !== 2 && pin !== 5) throw new InvalidOptionsError('drawer pin must be 2 or 5')
  if (language !== 'esc-pos') {
    if (realtime) throw new InvalidOptionsError('a real-time drawer kick is ESC/POS only')
    const on = units(onMs, 10, 'onMs')
    const off = units(offMs, 10, 'offMs')
    return Uint8Array.of(0x1b, 0x07, on, off, pin === 2 ? 0x07 : 0x1a)
  }
  const m = pin === 2 ? 0 : 1
  if (realtime) {
    const t = Math.round(onMs / 100)
    if (t < 1 || t > 8) throw new InvalidOptionsError('a real-time drawer pulse lasts 100-800 ms')
    return Uint8Array.of(0x10, 0x14, 0x01, m, t)
  }
  return Uint8Array.of(0x1b, 0x70, m, units(onMs, 2, 'onMs'), units(offMs, 2, 'offMs'))
}

function units(ms: number, unit: number, field: string): number {
  const n = Math.round(ms / unit)
  if (!Number.isFinite(ms) || n < 1 || n > 255) throw new InvalidOptionsError(`${field} must be ${unit}-${unit * 255} ms, got ${ms}`)
  return n
}

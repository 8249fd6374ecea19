/**
 * Tells a keyboard-wedge barcode scanner from a person typing.
 *
 * A wedge scanner "types" the code as key presses, then a suffix key (Enter or Tab). A
 * scanner sends each key 10–80 ms after the last (USB ones ~10–20 ms, some Bluetooth ones
 * up to ~80 ms); a person rarely keeps several keys in a row under ~60 ms. So: keys that
 * arrive no more than `maxInterKeyMs` apart are held; if a suffix key ends a run of at
 * least `minLength` of them, the run is a scan. Anything else is released, in order, as
 * typing — when a slow key or a non-character key breaks the run, or when `flush(now)`
 * finds nothing arrived for longer than `maxInterKeyMs`.
 *
 * Pure and clock-free: every event carries its time (`KeyboardEvent.timeStamp`). Wiring:
 *
 *     keydown → e.preventDefault(); handle(detector.push({ key: e.key, time: e.timeStamp, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, repeat: e.repeat }))
 *     after each push, (re)arm a timer for `detector.deadline` that calls handle(detector.flush(performance.now()))
 *     on blur → handle(detector.drain())
 *     handle: 'scan' → look the code up; 'typed' → apply those keys to the focused field yourself.
 *
 * GS1 codes (GS1-128, GS1 DataMatrix) separate variable-length fields with the group
 * separator (ASCII 29). Through a wedge it arrives as Ctrl+] on most layouts, or as a key
 * the scanner is programmed to send instead (add it to `groupSeparatorKeys`); either way
 * the scan carries a real `\u001d` in its place.
 */

export interface WedgeKeyEvent {
  /** `KeyboardEvent.key`. */
  readonly key: string
  /** Milliseconds, from any monotonic clock (`KeyboardEvent.timeStamp`). */
  readonly time: number
  readonly ctrlKey?: boolean
  readonly altKey?: boolean
  readonly metaKey?: boolean
  /** Auto-repeat from a held key: always a person. */
  readonly repeat?: boolean
}

export interface WedgeSettings {
  /** Longest gap between keys of one scan. 50 ms suits most USB scanners; raise to ~90 for slow Bluetooth ones. */
  readonly maxInterKeyMs: number
  /** Fewest characters a scan can have (before the suffix). EAN-8 is 8; 4 allows short shelf codes. */
  readonly minLength: number
  /** Longest scan accepted; a longer fast run is released as typing. */
  readonly maxLength: number
  /** Keys that end a scan (`KeyboardEvent.key` values). */
  readonly suffixKeys: readonly string[]
  /** Keys that stand for the GS1 group separator. */
  readonly groupSeparatorKeys: readonly string[]
  /** Read Ctrl+] as the group separator (what ASCII 29 becomes on most keyboard layouts). */
  readonly ctrlBracketIsGroupSeparator: boolean
  /** For scanners set to send no suffix: a fast run of at least `minLength` that goes quiet is a scan. */
  readonly scanEndsOnIdle: boolean
}

export const DEFAULT_WEDGE_SETTINGS: WedgeSettings = {
  maxInterKeyMs: 50,
  minLength: 4,
  maxLength: 128,
  suffixKeys: ['Enter', 'Tab'],
  groupSeparatorKeys: ['\u001d'],
  ctrlBracketIsGroupSeparator: true,
  scanEndsOnIdle: false,
}

export const GROUP_SEPARATOR = '\u001d'

export type WedgeOutput =
  | { readonly type: 'scan'; readonly code: string; readonly startedAt: number; readonly endedAt: number }
  | { readonly type: 'typed'; readonly events: readonly WedgeKeyEvent[] }

/** Keys that only change other keys: ignored, they neither join nor break a run. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'OS'])

interface Held {
  readonly event: WedgeKeyEvent
  readonly char: string
}

export class WedgeDetector {
  readonly settings: WedgeSettings
  #held: Held[] = []

  constructor(settings: Partial<WedgeSettings> = {}) {
    const s = { ...DEFAULT_WEDGE_SETTINGS, ...settings }
    if (!(s.maxInterKeyMs > 0)) throw new RangeError('maxInterKeyMs must be more than zero')
    if (!Number.isInteger(s.minLength) || s.minLength < 1) throw new RangeError('minLength must be a whole number, at least 1')
    if (!Number.isInteger(s.maxLength) || s.maxLength < s.minLength) throw new RangeError('maxLength must be at least minLength')
    this.settings = Object.freeze(s)
  }

  /** When `flush` should next be called (last held key + maxInterKeyMs), or undefined when nothing is held. */
  get deadline(): number | undefined {
    const last = this.#held.at(-1)
    return last === undefined ? undefined : last.event.time + this.settings.maxInterKeyMs
  }

  /** Feeds one keydown; returns what it completed (often nothing, while a run is held). */
  push(event: WedgeKeyEvent): WedgeOutput[] {
    if (MODIFIERS.has(event.key)) return []
    const out = this.#releaseIfStale(event.time)
    const char = this.#charOf(event)
    if (char !== undefined) {
      if (this.#held.length >= this.settings.maxLength) out.push({ type: 'typed', events: this.#take() })
      this.#held.push({ event, char })
      return out
    }
    if (this.#isSuffix(event) && this.#held.length >= this.settings.minLength) {
      out.push(this.#scan(event.time))
      return out
    }
    // A suffix after too short a run, or any other key (arrows, Backspace, shortcuts): a person.
    out.push({ type: 'typed', events: [...this.#take(), event] })
    return out
  }

  /** Releases held keys once nothing has arrived for longer than `maxInterKeyMs` (call at `deadline`). */
  flush(now: number): WedgeOutput[] {
    const deadline = this.deadline
    return deadline !== undefined && now >= deadline ? this.drain() : []
  }

  /** Releases whatever is held now, e.g. when the field loses focus. */
  drain(): WedgeOutput[] {
    if (this.#held.length === 0) return []
    if (this.settings.scanEndsOnIdle && this.#held.length >= this.settings.minLength) {
      const last = this.#held.at(-1)
      return [this.#scan(last?.event.time ?? 0)]
    }
    return [{ type: 'typed', events: this.#take() }]
  }

  #releaseIfStale(time: number): WedgeOutput[] {
    const last = this.#held.at(-1)
    if (last === undefined || time - last.event.time <= this.settings.maxInterKeyMs) return []
    return this.drain()
  }

  #charOf(event: WedgeKeyEvent): string | undefined {
    const s = this.settings
    if (event.repeat) return undefined
    if (s.groupSeparatorKeys.includes(event.key)) return GROUP_SEPARATOR
    if (s.ctrlBracketIsGroupSeparator && event.ctrlKey && event.key === ']') return GROUP_SEPARATOR
    if (event.ctrlKey || event.altKey || event.metaKey) return undefined
    return [...event.key].length === 1 ? event.key : undefined
  }

  #isSuffix(event: WedgeKeyEvent): boolean {
    return !event.repeat && !event.ctrlKey && !event.altKey && !event.metaKey && this.settings.suffixKeys.includes(event.key)
  }

  #scan(endedAt: number): WedgeOutput {
    const startedAt = this.#held[0]?.event.time ?? endedAt
    const code = this.#held.map((h) => h.char).join('')
    this.#held = []
    return { type: 'scan', code, startedAt, endedAt }
  }

  #take(): WedgeKeyEvent[] {
    const events = this.#held.map((h) => h.event)
    this.#held = []
    return events
  }
}

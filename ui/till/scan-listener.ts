/**
 * Wires the wedge detector to the page: a keyboard-wedge scan is caught wherever focus is
 * (a field, a button, nothing), and what a person types still reaches where they typed it.
 *
 * Listens to keydown on the window in the capture phase, ahead of every component. Keys
 * that might be part of a scan are held back (default prevented, propagation stopped);
 * when the detector decides they were typing, they are replayed in order: into a text
 * field as inserted text (with an `input` event, as the browser would), anywhere else as
 * a synthetic keydown on the element that had focus (so a PIN pad still gets its digits),
 * and — when nothing took them and focus was on no control — into the fallback field
 * (the till's search box). The key that breaks a run (Enter after slow typing, an arrow,
 * Backspace) keeps its native behaviour, after the held keys are replayed.
 */
import { WedgeDetector, type WedgeKeyEvent, type WedgeOutput, type WedgeSettings } from './wedge-detector.js'

export interface ScanListenerOptions {
  settings?: Partial<WedgeSettings>
  /** A scan: the code and the `timeStamp` of its suffix key. */
  onScan(code: string, endedAt: number): void
  /** Where typing with no field focused goes (the search box), if anywhere. */
  fallback?(): HTMLInputElement | HTMLTextAreaElement | null | undefined
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'password', 'email', 'tel', 'url', ''])

function isTextField(el: EventTarget | undefined): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled
  return el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type) && !el.readOnly && !el.disabled
}

const isControl = (el: EventTarget | undefined) =>
  el instanceof HTMLElement && (el.closest('button, a, select, [role="button"], [contenteditable="true"]') !== null || el.tagName.includes('-'))

export function insertText(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  try {
    const start = field.selectionStart ?? field.value.length
    const end = field.selectionEnd ?? start
    field.setRangeText(text, start, end, 'end')
  } catch {
    field.value += text
  }
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }))
}

export class ScanListener {
  readonly #detector: WedgeDetector
  readonly #options: ScanListenerOptions
  readonly #targets = new Map<WedgeKeyEvent, EventTarget | undefined>()
  #window: Window | undefined
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(options: ScanListenerOptions) {
    this.#options = options
    this.#detector = new WedgeDetector(options.settings)
  }

  get settings(): WedgeSettings {
    return this.#detector.settings
  }

  attach(win: Window = window): void {
    this.#window = win
    win.addEventListener('keydown', this.#onKeydown, { capture: true })
    win.addEventListener('blur', this.#onBlur)
  }

  detach(): void {
    this.#window?.removeEventListener('keydown', this.#onKeydown, { capture: true })
    this.#window?.removeEventListener('blur', this.#onBlur)
    clearTimeout(this.#timer)
    this.#handle(this.#detector.drain(), undefined)
    this.#window = undefined
  }

  #onBlur = () => this.#handle(this.#detector.drain(), undefined)

  #onKeydown = (e: KeyboardEvent) => {
    if (!e.isTrusted || e.isComposing) return // our own replays, and IME composition
    const target = e.composedPath()[0]
    // A PIN typed quickly on a keypad must never be taken for a scan (nor a scan land in a PIN).
    if (target instanceof HTMLInputElement && target.type === 'password') return
    const record: WedgeKeyEvent = { key: e.key, time: e.timeStamp, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, repeat: e.repeat }
    this.#targets.set(record, target)
    const outputs = this.#detector.push(record)
    const released = this.#handle(outputs, record)
    const held = !released && this.#detector.deadline === record.time + this.#detector.settings.maxInterKeyMs
    const scanned = outputs.some((o) => o.type === 'scan')
    if (held || (scanned && !released)) {
      e.preventDefault()
      e.stopImmediatePropagation()
    }
    if (!held) this.#targets.delete(record)
    this.#arm()
  }

  /** Acts on the detector's output; true when `current` itself was released as typing. */
  #handle(outputs: readonly WedgeOutput[], current: WedgeKeyEvent | undefined): boolean {
    let released = false
    for (const out of outputs) {
      if (out.type === 'scan') {
        this.#targets.clear()
        this.#options.onScan(out.code, out.endedAt)
        continue
      }
      for (const event of out.events) {
        if (event === current) released = true
        else this.#replay(event)
      }
    }
    return released
  }

  #replay(event: WedgeKeyEvent): void {
    const target = this.#targets.get(event)
    this.#targets.delete(event)
    const char = [...event.key].length === 1 ? event.key : undefined
    if (char !== undefined && isTextField(target)) return insertText(target, char)
    const synthetic = new KeyboardEvent('keydown', { key: event.key, bubbles: true, composed: true, cancelable: true, ctrlKey: event.ctrlKey, altKey: event.altKey, metaKey: event.metaKey })
    const taken = target ? !target.dispatchEvent(synthetic) : false
    if (taken || char === undefined || isControl(target)) return
    const fallback = this.#options.fallback?.()
    if (fallback) {
      fallback.focus()
      insertText(fallback, char)
    }
  }

  #arm(): void {
    clearTimeout(this.#timer)
    const deadline = this.#detector.deadline
    if (deadline === undefined) return
    this.#timer = setTimeout(() => this.#handle(this.#detector.flush(performance.now()), undefined), Math.max(0, deadline - performance.now()) + 1)
  }
}

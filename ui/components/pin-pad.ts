import { LitElement, css, html } from 'lit'
import { icon } from './icons.js'
import { baseStyles } from './styles.js'

export interface PinChangeDetail {
  value: string
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const

/**
 * A numeric PIN pad for touch screens that also takes the keyboard: digits type, Backspace
 * deletes, Escape clears and Enter submits (from the field or any key of the pad; Space
 * still presses a focused key). The field is a real password input, so assistive tech reads
 * it as one. Fires `pin-change` on every edit and `pin-submit` on Enter.
 */
export class PosPinPad extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true }

  static override properties = {
    value: { type: String },
    label: { type: String },
    submitLabel: { type: String, attribute: 'submit-label' },
    maxLength: { type: Number, attribute: 'max-length' },
    disabled: { type: Boolean, reflect: true },
    compact: { type: Boolean, reflect: true },
  }

  declare value: string
  declare label: string
  declare submitLabel: string
  declare maxLength: number
  declare disabled: boolean
  declare compact: boolean

  constructor() {
    super()
    this.value = ''
    this.label = 'PIN'
    this.submitLabel = 'Enter'
    this.maxLength = 8
    this.disabled = false
    this.compact = false
  }

  override render() {
    return html`
      <div class="pad" @keydown=${this.#onKeydown}>
        <label for="pin">${this.label}</label>
        <input id="pin" type="password" inputmode="none" autocomplete="off" spellcheck="false"
          .value=${this.value} maxlength=${this.maxLength} ?disabled=${this.disabled}
          aria-describedby="pin-hint" @input=${this.#onInput} />
        <span id="pin-hint" class="visually-hidden">Type digits or use the keypad below, then press Enter.</span>
        <div class="keys" role="group" aria-label="${this.label} keypad">
          ${DIGITS.map((d) => this.#key(d, html`${d}`, `Digit ${d}`))}
          ${this.#key('clear', html`Clear`, 'Clear')}
          ${this.#key('0', html`0`, 'Digit 0')}
          ${this.#key('backspace', icon('backspace', 26), 'Delete last digit')}
        </div>
        <button type="button" class="btn btn-primary enter" data-key="enter" ?disabled=${this.disabled}
          @click=${this.#submit}>${this.submitLabel}</button>
      </div>
    `
  }

  #key(key: string, content: unknown, label: string) {
    return html`<button type="button" class="key" data-key=${key} aria-label=${label} ?disabled=${this.disabled}
      @click=${() => this.press(key)}>${content}</button>`
  }

  /** What a tap on a key does; also the keyboard's path for digits typed outside the field. */
  press(key: string): void {
    if (this.disabled) return
    if (key === 'clear') this.#set('')
    else if (key === 'backspace') this.#set(this.value.slice(0, -1))
    else if (key === 'enter') this.#submit()
    else if (/^\d$/.test(key) && this.value.length < this.maxLength) this.#set(this.value + key)
  }

  #onInput(event: Event) {
    const input = event.target as HTMLInputElement
    const digits = input.value.replace(/\D/g, '').slice(0, this.maxLength)
    if (input.value !== digits) input.value = digits
    this.#set(digits)
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const inField = event.composedPath()[0] instanceof HTMLInputElement
    if (event.key === 'Enter') {
      event.preventDefault()
      this.#submit()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      this.press('clear')
    } else if (!inField && (/^\d$/.test(event.key) || event.key === 'Backspace')) {
      event.preventDefault()
      this.press(event.key === 'Backspace' ? 'backspace' : event.key)
    }
  }

  #set(value: string) {
    if (value === this.value) return
    this.value = value
    this.dispatchEvent(new CustomEvent<PinChangeDetail>('pin-change', { detail: { value }, bubbles: true, composed: true }))
  }

  #submit() {
    if (this.disabled) return
    this.dispatchEvent(
      new CustomEvent<PinChangeDetail>('pin-submit', { detail: { value: this.value }, bubbles: true, composed: true }),
    )
  }

  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      .pad { display: grid; gap: 0.6rem; }
      input {
        min-height: 56px; text-align: center; font-size: 1.9rem; letter-spacing: 0.45em;
        padding-left: 0.45em; background: var(--pos-surface-muted);
      }
      .keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.6rem; margin-top: 0.25rem; }
      .key {
        display: grid; place-items: center; min-height: 62px; border-radius: var(--pos-radius);
        border: 1px solid var(--pos-border); background: var(--pos-surface); color: var(--pos-text);
        font: inherit; font-size: 1.6rem; font-weight: 600; cursor: pointer; box-shadow: var(--pos-shadow);
        -webkit-tap-highlight-color: transparent; touch-action: manipulation; transition: background 80ms, transform 80ms;
      }
      .key[data-key='clear'] { font-size: 1rem; color: var(--pos-text-muted); }
      .key:hover { background: var(--pos-surface-muted); }
      .key:active { background: var(--pos-primary-soft); transform: scale(0.97); }
      .key:focus-visible { outline: none; box-shadow: var(--pos-focus); }
      .key:disabled { opacity: 0.5; cursor: not-allowed; }
      .enter { min-height: 58px; font-size: 1.1rem; margin-top: 0.25rem; }
      :host([compact]) input { min-height: 52px; font-size: 1.5rem; }
      :host([compact]) .key { min-height: 52px; font-size: 1.3rem; }
      :host([compact]) .key[data-key='clear'] { font-size: 0.95rem; }
      :host([compact]) .enter { min-height: 52px; }
    `,
  ]
}

customElements.define('pos-pin-pad', PosPinPad)

declare global {
  interface HTMLElementTagNameMap {
    'pos-pin-pad': PosPinPad
  }
}

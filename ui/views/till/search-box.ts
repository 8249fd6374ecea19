import { LitElement, css, html, nothing } from 'lit'
import type { Product, ScanAnswer } from '../../../appliance/api/contract.js'
import { errorDetail } from '../../data/api.js'
import { formatMoney } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { searchProducts } from '../../till/till-api.js'

/** Codes typed by hand go the way a scan would: barcodes, label codes, receipt numbers, voucher codes. */
const looksLikeCode = (text: string) => /^\d{8,14}$/.test(text) || /^S-?\d{2}-?\d{6,8}$/i.test(text) || /^[0-9A-Z]{4}(-?[0-9A-Z]{4}){3}$/i.test(text)

/**
 * The till's fallback to scanning: search by name or SKU (Enter), pick with the mouse or
 * the arrow keys. A typed barcode is treated as a scan. Fires `product-chosen` (a product
 * answer, as a scan gives) or `code-entered`.
 */
export class PosSearchBox extends LitElement {
  static override properties = {
    services: { attribute: false },
    disabled: { type: Boolean },
    results: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare disabled: boolean
  declare results: Product[] | null
  declare error: string

  #abort: AbortController | undefined

  constructor() {
    super()
    this.services = undefined
    this.disabled = false
    this.results = null
    this.error = ''
  }

  get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input')
  }

  override focus() {
    this.input?.focus()
  }

  override render() {
    return html`<form class="search" role="search" @submit=${this.#submit}>
      <span class="glyph">${icon('search')}</span>
      <input id="search" type="search" autocomplete="off" spellcheck="false" aria-label="Search by name or SKU, or type a barcode"
        placeholder="Scan, or search by name or SKU (F2)" ?disabled=${this.disabled} @keydown=${this.#onKeydown} />
      <button class="btn" type="submit" ?disabled=${this.disabled}>Find</button>
    </form>
    ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
    ${this.results ? html`<ul class="results" role="listbox" aria-label="Search results" @keydown=${this.#onListKeydown}>
      ${this.results.length === 0 ? html`<li class="muted">Nothing matches.</li>` : this.results.map((p) => html`<li role="option">
        <button class="result" data-sku=${p.sku} @click=${() => this.#choose(p)}>
          <span><strong>${p.name}</strong> <span class="muted mono">${p.sku}</span></span><span class="num">${formatMoney(p.priceMinor)}</span>
        </button></li>`)}
    </ul>` : nothing}`
  }

  async #submit(event: Event) {
    event.preventDefault()
    const input = this.input
    const text = input?.value.trim() ?? ''
    if (!text || !this.services) return
    this.error = ''
    if (looksLikeCode(text)) {
      input!.value = ''
      this.results = null
      this.dispatchEvent(new CustomEvent('code-entered', { detail: text, bubbles: true, composed: true }))
      return
    }
    this.#abort?.abort()
    const abort = (this.#abort = new AbortController())
    try {
      const items = await searchProducts(this.services.api, text, abort.signal)
      if (!abort.signal.aborted) this.results = items
    } catch (error) {
      if (!abort.signal.aborted) this.error = errorDetail(error)
    }
  }

  #choose(product: Product) {
    const detail: Extract<ScanAnswer, { kind: 'product' }> = { kind: 'product', code: product.sku, product, line: { sku: product.sku }, unitPriceMinor: product.priceMinor, weightGrams: null }
    this.results = null
    if (this.input) this.input.value = ''
    this.dispatchEvent(new CustomEvent('product-chosen', { detail, bubbles: true, composed: true }))
    this.input?.focus()
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' && this.results?.length) {
      event.preventDefault()
      this.renderRoot.querySelector<HTMLButtonElement>('.result')?.focus()
    } else if (event.key === 'Escape') {
      this.results = null
    }
  }

  #onListKeydown(event: KeyboardEvent) {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.result')]
    const at = buttons.indexOf(event.composedPath()[0] as HTMLButtonElement)
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = at + (event.key === 'ArrowDown' ? 1 : -1)
      if (next < 0) this.input?.focus()
      else buttons[Math.min(next, buttons.length - 1)]?.focus()
    } else if (event.key === 'Escape') {
      this.results = null
      this.input?.focus()
    }
  }

  static override styles = [
    baseStyles,
    css`
      :host { display: block; position: relative; }
      .search { display: flex; gap: 0.5rem; align-items: center; position: relative; }
      .glyph { position: absolute; left: 0.8rem; color: var(--pos-text-muted); display: grid; }
      input { padding-left: 2.6rem; min-height: 52px; font-size: 1.05rem; }
      .results {
        position: absolute; z-index: 5; left: 0; right: 0; top: 100%; margin: 0.3rem 0 0; padding: 0.3rem; list-style: none;
        background: var(--pos-surface); border: 1px solid var(--pos-border-strong); border-radius: var(--pos-radius); box-shadow: 0 10px 30px rgb(0 0 0 / 15%);
        max-height: 22rem; overflow: auto;
      }
      .results li.muted { padding: 0.75rem; }
      .result {
        all: unset; box-sizing: border-box; width: 100%; display: flex; justify-content: space-between; gap: 1rem; align-items: center;
        min-height: 48px; padding: 0 0.75rem; border-radius: 8px; cursor: pointer;
      }
      .result:hover, .result:focus-visible { background: var(--pos-primary-soft); }
    `,
  ]
}

customElements.define('pos-search-box', PosSearchBox)

declare global {
  interface HTMLElementTagNameMap {
    'pos-search-box': PosSearchBox
  }
}

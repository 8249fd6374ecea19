import { LitElement, css, html } from 'lit'
import { Task, TaskStatus } from '@lit/task'
import type { Product } from '../../../appliance/api/contract.js'
import { searchProducts, type ProductSearch } from '../../data/products.js'
import type { AppServices } from '../../data/services.js'
import { formatMoney, formatVatRate } from '../../data/format.js'
import { stockHref } from '../../routes.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'

/**
 * Product lookup: one box for a scanned or typed barcode, a SKU or a name. Typing searches
 * after a pause; Enter searches at once (what a scanner sends), and Enter again on a single
 * result opens its stock page. Arrow keys move between results.
 */
export class PosProductLookup extends LitElement {
  static override properties = {
    services: { attribute: false },
    query: { state: true },
    debounceMs: { type: Number, attribute: 'debounce-ms' },
  }

  declare services: AppServices | undefined
  declare query: string
  declare debounceMs: number

  #timer: ReturnType<typeof setTimeout> | undefined
  #search = new Task(this, {
    autoRun: false,
    task: async ([query]: readonly [string], { signal }) => {
      if (!this.services) throw new Error('Not connected to the appliance yet.')
      return searchProducts(this.services.api, query, signal)
    },
  })

  constructor() {
    super()
    this.services = undefined
    this.query = ''
    this.debounceMs = 300
    consumeServices(this)
  }

  override firstUpdated() {
    this.focusSearch()
  }

  /** Puts the cursor in the search box with its text selected, ready for the next scan. */
  focusSearch(): void {
    const input = this.#input()
    input?.focus()
    input?.select()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.#timer)
  }

  /** Runs a search now; resolves when its results are on screen. */
  async search(query: string = this.query): Promise<void> {
    clearTimeout(this.#timer)
    const q = query.trim()
    if (!q) return
    await this.#search.run([q])
    await this.updateComplete
  }

  override render() {
    return html`<section class="page" aria-labelledby="title">
      <header class="page-header">
        <div><h1 id="title">Products &amp; stock</h1><p class="muted">Scan a barcode, or type a SKU or a product name.</p></div>
      </header>
      <div class="search card">
        <label for="q" class="visually-hidden">Barcode, SKU or name</label>
        <span class="search-icon">${icon('scan', 24)}</span>
        <input id="q" type="search" inputmode="search" autocomplete="off" spellcheck="false" enterkeyhint="search"
          placeholder="Scan or type a barcode, SKU or name" .value=${this.query}
          aria-controls="results" @input=${this.#onInput} @keydown=${this.#onKeydown} />
      </div>
      <div id="results" class="card results-card">${this.#results()}</div>
    </section>`
  }

  #results() {
    const last = this.#search.value
    return this.#search.render({
      initial: () => emptyState({ icon: 'scan', title: 'Find a product', body: 'Results show the price, VAT rate and a link to stock levels.' }),
      pending: () => (last ? this.#list(last, true) : html`<p class="loading" role="status">Searching…</p>`),
      complete: (result) => this.#list(result, false),
      error: (error) => errorAlert(error),
    })
  }

  #list(result: ProductSearch, stale: boolean) {
    if (result.items.length === 0) {
      return result.by === 'barcode'
        ? emptyState({ icon: 'scan', title: `No product with barcode ${result.query}`, body: 'Check the number, or search by name or SKU instead.' })
        : emptyState({ icon: 'search', title: `No products match “${result.query}”`, body: 'Try fewer letters, a SKU or a barcode.' })
    }
    const n = result.items.length
    return html`
      <p class="count muted" role="status">${n} product${n === 1 ? '' : 's'}${n === 1 ? ' — press Enter to open its stock' : ''}</p>
      <ul class="results" aria-label="Products" aria-busy=${stale ? 'true' : 'false'} @keydown=${this.#onListKeydown}>
        ${result.items.map((p) => this.#row(p))}
      </ul>`
  }

  #row(p: Product) {
    return html`<li>
      <a class="result" href=${stockHref(p.sku)} data-sku=${p.sku}>
        <span class="main">
          <strong class="name">${p.name}</strong>
          <span class="meta">
            <span class="mono sku">${p.sku}</span>
            ${p.barcodes.length ? html`<span class="mono barcodes">${p.barcodes.join(', ')}</span>` : html`<span class="muted">No barcode</span>`}
            <span class="badge">${p.category}</span>
          </span>
        </span>
        <span class="price-col">
          <span class="price">${formatMoney(p.priceMinor)}</span>
          <span class="muted vat">${formatVatRate(p.vatRatePercent)}</span>
        </span>
      </a>
    </li>`
  }

  #onInput(event: Event) {
    this.query = (event.target as HTMLInputElement).value
    clearTimeout(this.#timer)
    const q = this.query.trim()
    if (q.length >= 2) this.#timer = setTimeout(() => void this.search(q), this.debounceMs)
  }

  async #onKeydown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      this.#links()[0]?.focus()
      return
    }
    if (event.key !== 'Enter') return
    event.preventDefault()
    const q = this.query.trim()
    if (!q) return
    const done = this.#search.status === TaskStatus.COMPLETE ? this.#search.value : undefined
    if (done?.query === q) {
      const only = done.items.length === 1 ? done.items[0] : undefined
      if (only) location.hash = stockHref(only.sku)
      return
    }
    await this.search(q)
    // Select the text so the next scan replaces it.
    this.#input()?.select()
  }

  #onListKeydown(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const links = this.#links()
    const at = links.indexOf(event.composedPath()[0] as HTMLAnchorElement)
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1
    if (next < 0) this.#input()?.focus()
    else links[Math.min(next, links.length - 1)]?.focus()
  }

  #input() {
    return this.renderRoot.querySelector<HTMLInputElement>('#q')
  }

  #links() {
    return [...this.renderRoot.querySelectorAll<HTMLAnchorElement>('a.result')]
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .search { display: flex; align-items: center; gap: 0.5rem; padding: 0.6rem 0.9rem; }
      .search-icon { color: var(--pos-text-muted); display: grid; }
      .search input { border: none; font-size: 1.25rem; min-height: 56px; padding: 0 0.25rem; box-shadow: none; }
      .search:focus-within { box-shadow: var(--pos-focus); border-color: var(--pos-primary); }
      .results-card { padding: 0.5rem; }
      .count { padding: 0.6rem 0.9rem 0.3rem; font-size: 0.9rem; }
      .loading { padding: 1.5rem; color: var(--pos-text-muted); }
      .results { list-style: none; margin: 0; padding: 0; }
      .results[aria-busy='true'] { opacity: 0.6; }
      .results li + li { border-top: 1px solid var(--pos-border); }
      .result {
        display: flex; justify-content: space-between; align-items: center; gap: 1rem;
        min-height: 72px; padding: 0.8rem 0.9rem; border-radius: var(--pos-radius); color: inherit; text-decoration: none;
      }
      .result:hover { background: var(--pos-surface-muted); }
      .result:focus-visible { background: var(--pos-primary-soft); }
      .main { display: grid; gap: 0.35rem; min-width: 0; }
      .name { font-size: 1.08rem; }
      .meta { display: flex; flex-wrap: wrap; gap: 0.4rem 0.9rem; align-items: center; color: var(--pos-text-muted); font-size: 0.9rem; }
      .price-col { display: grid; justify-items: end; gap: 0.15rem; flex: none; }
      .price { font-size: 1.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      .vat { font-size: 0.82rem; }
    `,
  ]
}

customElements.define('pos-product-lookup', PosProductLookup)

declare global {
  interface HTMLElementTagNameMap {
    'pos-product-lookup': PosProductLookup
  }
}

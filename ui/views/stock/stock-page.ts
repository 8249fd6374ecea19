import { LitElement, css, html, nothing } from 'lit'
import { Task, initialState } from '@lit/task'
import type { ServerEvents, StockLevelDto, StockView } from '../../../appliance/api/contract.js'
import { formatCount } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { getStock } from '../../data/stock.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import type { StockAdjustedDetail } from './adjustment-form.js'
import type { PosMovementHistory } from './movement-history.js'
import './adjustment-form.js'
import './movement-history.js'

type StockChange = Parameters<ServerEvents['stock.changed']>[0]

/**
 * One product's stock: levels per location (kept live from `stock.changed`), the
 * adjustment form and the movement history.
 */
export class PosStockPage extends LitElement {
  static override properties = {
    services: { attribute: false },
    sku: { type: String },
    live: { state: true },
    historyStale: { state: true },
  }

  declare services: AppServices | undefined
  declare sku: string
  /** Levels newer than the loaded view: from socket events and our own adjustments. */
  declare live: ReadonlyMap<string, Partial<StockLevelDto>>
  declare historyStale: boolean

  #unsubscribe: (() => void) | undefined
  #stock = new Task(this, {
    task: async ([services, sku], { signal }) => {
      if (!services) return initialState
      if (!sku) throw new Error('No product chosen.')
      this.live = new Map()
      return getStock(services.api, sku, signal)
    },
    args: () => [this.services, this.sku] as const,
  })

  constructor() {
    super()
    this.services = undefined
    this.sku = ''
    this.live = new Map()
    this.historyStale = false
    consumeServices(this)
  }

  override connectedCallback() {
    super.connectedCallback()
    this.#subscribe()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services')) {
      this.#unsubscribe?.()
      this.#unsubscribe = undefined
      this.#subscribe()
    }
  }

  #subscribe() {
    if (this.#unsubscribe || !this.services || !this.isConnected) return
    this.#unsubscribe = this.services.realtime.on('stock.changed', (change) => this.#onStockChanged(change))
  }

  #onStockChanged(change: StockChange) {
    if (change.sku !== this.sku) return
    const view = this.#stock.value
    if (view && !view.levels.some((l) => l.location === change.location)) {
      void this.#stock.run()
      return
    }
    const current = this.#levels().find((l) => l.location === change.location)
    const { onHand, allocated, available } = change
    if (current && current.onHand === onHand && current.allocated === allocated && current.available === available) return
    this.live = new Map(this.live).set(change.location, { onHand, allocated, available })
    this.historyStale = true
  }

  #levels(): StockLevelDto[] {
    return (this.#stock.value?.levels ?? []).map((level) => ({ ...level, ...this.live.get(level.location) }))
  }

  override render() {
    return html`<section class="page" aria-labelledby="title">
      <a class="back" href="#/lookup">${icon('arrowLeft', 18)}<span>Products</span></a>
      ${this.#stock.render({
        pending: () => html`<header class="page-header"><h1 id="title">Stock for ${this.sku}</h1></header>
          <p class="muted" role="status">Loading stock…</p>`,
        complete: (view) => this.#page(view),
        error: (error) => html`<header class="page-header"><h1 id="title">Stock for ${this.sku}</h1></header>${errorAlert(error)}`,
      })}
    </section>`
  }

  #page(view: StockView) {
    const levels = this.#levels()
    const names = new Map(levels.map((l) => [l.location, l.locationName]))
    return html`
      <header class="page-header">
        <div><h1 id="title">${view.name}</h1><p class="muted">SKU <span class="mono">${view.sku}</span></p></div>
      </header>
      <div class="grid">
        <div class="card levels">
          <h2>Stock levels</h2>
          ${levels.length ? this.#levelsTable(levels)
            : emptyState({ icon: 'box', title: 'Not stocked anywhere yet', body: 'Receive stock or record an adjustment to start.' })}
        </div>
        <pos-stock-adjustment .services=${this.services} .sku=${view.sku} .levels=${levels}
          @stock-adjusted=${this.#onAdjusted}></pos-stock-adjustment>
      </div>
      <div class="card">
        <div class="history-head">
          <h2>Movement history</h2>
          ${this.historyStale ? html`<button class="btn" @click=${this.#refreshHistory}>${icon('refresh', 18)}Show latest</button>` : nothing}
        </div>
        <pos-movement-history .services=${this.services} .sku=${view.sku} .locationNames=${names}></pos-movement-history>
      </div>`
  }

  #levelsTable(levels: StockLevelDto[]) {
    const total = (pick: (l: StockLevelDto) => number) => formatCount(levels.reduce((sum, l) => sum + pick(l), 0))
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th scope="col">Location</th><th scope="col" class="num">On hand</th><th scope="col" class="num">Allocated</th>
        <th scope="col" class="num">Available</th><th scope="col"><span class="visually-hidden">Status</span></th>
      </tr></thead>
      <tbody>${levels.map((l) => html`<tr data-location=${l.location}>
        <th scope="row" class="loc">${l.locationName}</th>
        <td class="num on-hand">${formatCount(l.onHand)}</td>
        <td class="num">${formatCount(l.allocated)}</td>
        <td class="num available"><strong>${formatCount(l.available)}</strong></td>
        <td>${l.needsCount ? html`<span class="badge badge-warning">Needs count</span>` : nothing}</td>
      </tr>`)}</tbody>
      ${levels.length > 1 ? html`<tfoot><tr>
        <th scope="row" class="loc">All locations</th><td class="num">${total((l) => l.onHand)}</td>
        <td class="num">${total((l) => l.allocated)}</td><td class="num"><strong>${total((l) => l.available)}</strong></td><td></td>
      </tr></tfoot>` : nothing}
    </table></div>`
  }

  #onAdjusted(event: CustomEvent<StockAdjustedDetail>) {
    // Only the numbers: the answer's level may not carry the location's name or count flag.
    const { location, onHand, allocated, available } = event.detail.result.level
    if (!this.#stock.value?.levels.some((l) => l.location === location)) {
      void this.#stock.run()
      return
    }
    this.live = new Map(this.live).set(location, { onHand, allocated, available })
    void this.#refreshHistory()
  }

  async #refreshHistory() {
    this.historyStale = false
    await this.renderRoot.querySelector<PosMovementHistory>('pos-movement-history')?.reload()
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .back { display: inline-flex; align-items: center; gap: 0.35rem; color: var(--pos-primary); text-decoration: none; font-weight: 600; min-height: 40px; justify-self: start; }
      .grid { display: grid; grid-template-columns: minmax(0, 1.6fr) minmax(300px, 1fr); gap: 1.25rem; align-items: start; }
      th.loc { text-transform: none; letter-spacing: 0; font-size: 0.95rem; color: var(--pos-text); font-weight: 600; padding: 0.7rem 0.75rem; }
      tfoot th, tfoot td { border-top: 2px solid var(--pos-border); border-bottom: none; }
      .available strong { font-size: 1.05rem; }
      .history-head { display: flex; align-items: center; justify-content: space-between; gap: 1rem; margin-bottom: 0.75rem; }
      @media (max-width: 980px) { .grid { grid-template-columns: 1fr; } }
    `,
  ]
}

customElements.define('pos-stock-page', PosStockPage)

declare global {
  interface HTMLElementTagNameMap {
    'pos-stock-page': PosStockPage
  }
}

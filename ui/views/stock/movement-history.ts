import { LitElement, css, html, nothing } from 'lit'
import type { MovementKind, StockMovementDto } from '../../../appliance/api/contract.js'
import { formatDateTime, formatSigned } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { getMovements } from '../../data/stock.js'
import { emptyState, errorAlert, feedbackStyles } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'

const KIND: Record<MovementKind, { label: string; badge: string }> = {
  receipt: { label: 'Received', badge: 'badge-success' },
  sale: { label: 'Sale', badge: 'badge-info' },
  return: { label: 'Return', badge: 'badge-success' },
  adjustment: { label: 'Adjustment', badge: 'badge-warning' },
  transfer: { label: 'Transfer', badge: '' },
  count: { label: 'Count', badge: '' },
}

/** A SKU's stock movements, newest first, 50 at a time with "Load more". */
export class PosMovementHistory extends LitElement {
  static override properties = {
    services: { attribute: false },
    sku: { type: String },
    locationNames: { attribute: false },
    items: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    loaded: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare sku: string
  /** Location id → name, for the location column. */
  declare locationNames: ReadonlyMap<string, string>
  declare items: StockMovementDto[]
  declare nextCursor: number | null
  declare loading: boolean
  declare loaded: boolean
  declare error: unknown

  #generation = 0

  constructor() {
    super()
    this.services = undefined
    this.sku = ''
    this.locationNames = new Map()
    this.items = []
    this.nextCursor = null
    this.loading = false
    this.loaded = false
    this.error = undefined
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if ((changed.has('sku') || changed.has('services')) && this.services && this.sku) void this.reload()
  }

  /** Fetches the newest page again (after an adjustment or live change). */
  async reload(): Promise<void> {
    this.items = []
    this.nextCursor = null
    this.loaded = false
    await this.#load(null)
  }

  async loadMore(): Promise<void> {
    if (this.nextCursor !== null) await this.#load(this.nextCursor)
  }

  async #load(before: number | null) {
    if (!this.services) return
    const generation = ++this.#generation
    this.loading = true
    this.error = undefined
    try {
      const page = await getMovements(this.services.api, this.sku, before)
      if (generation !== this.#generation) return
      this.items = before === null ? page.items : [...this.items, ...page.items]
      this.nextCursor = page.nextCursor
      this.loaded = true
    } catch (error) {
      if (generation === this.#generation) this.error = error
    } finally {
      if (generation === this.#generation) this.loading = false
    }
  }

  override render() {
    if (!this.loaded && this.loading) return html`<p class="muted pad" role="status">Loading history…</p>`
    if (this.loaded && this.items.length === 0) {
      return emptyState({ icon: 'clock', title: 'No stock movements yet', body: 'Receipts, sales, returns and adjustments will show here.' })
    }
    return html`
      ${this.items.length ? this.#table() : nothing}
      ${this.error ? errorAlert(this.error, html`<button class="btn" @click=${() => (this.loaded ? this.loadMore() : this.reload())}>Try again</button>`) : nothing}
      ${this.nextCursor !== null && !this.error
        ? html`<div class="more"><button class="btn" ?disabled=${this.loading} @click=${() => this.loadMore()}>
            ${this.loading ? 'Loading…' : 'Load more'}</button></div>`
        : nothing}`
  }

  #table() {
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Stock movements, newest first</caption>
      <thead><tr>
        <th scope="col">When</th><th scope="col">What</th><th scope="col" class="num">Qty</th><th scope="col">Location</th>
        <th scope="col">Who</th><th scope="col">Why</th><th scope="col">Reference</th>
      </tr></thead>
      <tbody>${this.items.map((m) => this.#row(m))}</tbody>
    </table></div>`
  }

  #row(m: StockMovementDto) {
    const kind = KIND[m.kind] ?? { label: m.kind, badge: '' }
    const who = m.staffName ?? m.staff
    return html`<tr data-id=${m.id}>
      <td class="nowrap"><time datetime=${m.occurredAt}>${formatDateTime(m.occurredAt)}</time></td>
      <td><span class="badge ${kind.badge}">${kind.label}</span></td>
      <td class="num qty ${m.quantity < 0 ? 'negative' : 'positive'}">${formatSigned(m.quantity)}</td>
      <td>${this.locationNames.get(m.location) ?? m.location}</td>
      <td>${who ?? html`<span class="muted">System</span>`}${m.station ? html`<div class="muted small">${m.station}</div>` : nothing}</td>
      <td>${m.reason ?? html`<span class="muted">—</span>`}</td>
      <td class="mono">${m.reference ?? html`<span class="muted">—</span>`}</td>
    </tr>`
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .pad { padding: 1rem 0; }
      .nowrap { white-space: nowrap; }
      .qty { font-weight: 700; }
      .small { font-size: 0.82rem; }
      .more { display: flex; justify-content: center; padding-top: 1rem; }
    `,
  ]
}

customElements.define('pos-movement-history', PosMovementHistory)

declare global {
  interface HTMLElementTagNameMap {
    'pos-movement-history': PosMovementHistory
  }
}

import { LitElement, css, html, nothing } from 'lit'
import type { CreatedOrderDto, NotificationDto, OrderListItemDto, SavedViewDto } from '../../../appliance/api/contract.js'
import { CHANNEL_LABEL, cleanQuery, listOrders, notifications, saveView, savedViews, type OrderQuery } from '../../data/orders.js'
import { formatDateTime, formatMoney } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { orderHref } from '../../routes.js'
import { lightBadge, orderStyles, statusBadge } from './order-styles.js'
import './order-entry.js'
import './order-settings.js'

const STATUSES = ['pending', 'backordered', 'partially_allocated', 'allocated', 'picking', 'picked', 'packed', 'partially_shipped', 'shipped', 'delivered', 'lost', 'completed', 'partially_returned', 'returned', 'refunded', 'cancelled']

/**
 * The order book: every channel's orders in one list, newest first. One search box finds an
 * order by its number, a scanned receipt, the channel's id, the customer's email, phone or
 * name, or a SKU; filters narrow by channel, status, despatch light, tag and dates; a filter
 * set can be saved as a view. Late orders show red, those due today amber.
 */
export class PosOrders extends LitElement {
  static override properties = {
    services: { attribute: false },
    query: { state: true },
    items: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    error: { state: true },
    views: { state: true },
    alerts: { state: true },
    panel: { state: true },
    created: { state: true },
  }

  declare services: AppServices | undefined
  declare query: OrderQuery
  declare items: OrderListItemDto[]
  declare nextCursor: string | null
  declare loading: boolean
  declare error: unknown
  declare views: SavedViewDto[]
  declare alerts: NotificationDto[]
  /** The desk panel open above the list: a new phone order, or the order settings. */
  declare panel: 'entry' | 'settings' | null
  declare created: CreatedOrderDto | undefined

  #generation = 0
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.services = undefined
    this.query = {}
    this.items = []
    this.nextCursor = null
    this.loading = true
    this.error = undefined
    this.views = []
    this.alerts = []
    this.panel = null
    this.created = undefined
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!changed.has('services') || !this.services) return
    void this.reload()
    savedViews(this.services.api).then((v) => (this.views = v), () => undefined)
    notifications(this.services.api).then((n) => (this.alerts = n), () => undefined)
    this.#unsubscribe?.()
    this.#unsubscribe = this.services.realtime.on('notification.created', () => {
      if (this.services) notifications(this.services.api).then((n) => (this.alerts = n), () => undefined)
    })
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  async reload(): Promise<void> {
    if (!this.services) return
    const generation = ++this.#generation
    this.loading = true
    this.error = undefined
    try {
      const page = await listOrders(this.services.api, this.query)
      if (generation !== this.#generation) return
      this.items = page.items
      this.nextCursor = page.nextCursor
    } catch (error) {
      if (generation === this.#generation) this.error = error
    } finally {
      if (generation === this.#generation) this.loading = false
    }
  }

  async #more() {
    if (!this.services || this.nextCursor === null) return
    const generation = this.#generation
    try {
      const page = await listOrders(this.services.api, this.query, this.nextCursor)
      if (generation !== this.#generation) return
      this.items = [...this.items, ...page.items]
      this.nextCursor = page.nextCursor
    } catch (error) {
      this.error = error
    }
  }

  #set(patch: OrderQuery, reload = true) {
    this.query = { ...this.query, ...patch }
    if (reload) void this.reload()
  }

  #onSearch(event: Event) {
    event.preventDefault()
    const input = this.renderRoot.querySelector<HTMLInputElement>('#q')
    this.#set({ q: input?.value.trim() ?? '' })
  }

  async #saveView() {
    if (!this.services) return
    const input = this.renderRoot.querySelector<HTMLInputElement>('#view-name')
    const name = input?.value.trim()
    if (!name) return
    try {
      const view = await saveView(this.services.api, name, this.query)
      this.views = [...this.views, view]
      if (input) input.value = ''
    } catch (error) {
      this.error = error
    }
  }

  #toggle(panel: 'entry' | 'settings') {
    this.panel = this.panel === panel ? null : panel
    this.created = undefined
  }

  #onCreated(event: CustomEvent<CreatedOrderDto>) {
    this.created = event.detail
    this.panel = null
    this.query = {}
    void this.reload()
  }

  #applyView(id: string) {
    const view = this.views.find((v) => v.id === id)
    this.query = view ? cleanQuery(view.filters) : {}
    void this.reload()
  }

  override render() {
    const q = this.query
    return html`<section class="page" aria-labelledby="title">
      <header class="page-header">
        <div>
          <h1 id="title">Orders</h1>
          <p class="muted">Every order from the till and the online channels. Red: despatch deadline missed; amber: due today.</p>
        </div>
        <div class="header-actions">
          <button type="button" class="btn btn-primary new-order" aria-expanded=${this.panel === 'entry'} @click=${() => this.#toggle('entry')}>New phone order</button>
          ${this.services?.session.hasRole('manager', 'admin') ? html`<button type="button" class="btn order-settings" aria-expanded=${this.panel === 'settings'} @click=${() => this.#toggle('settings')}>Order settings</button>` : nothing}
          <button type="button" class="btn refresh" ?disabled=${this.loading} @click=${() => this.reload()}>${icon('refresh', 18)}Refresh</button>
        </div>
      </header>
      ${this.created ? successAlert(html`Order <a class="created-order" href=${orderHref(this.created.id)}>${this.created.number}</a> placed (${this.created.status.replace(/_/g, ' ')})`) : nothing}
      ${this.panel === 'entry' ? html`<div class="card"><pos-order-entry .services=${this.services} @order-created=${this.#onCreated}></pos-order-entry></div>` : nothing}
      ${this.panel === 'settings' ? html`<div class="card"><pos-order-settings .services=${this.services}></pos-order-settings></div>` : nothing}
      ${this.alerts.length ? html`<div class="alert alert-warning alerts" role="status">${icon('alert')}<div class="alert-body">
        ${this.alerts.slice(0, 3).map((n) => html`<p>${n.orderId ? html`<a href=${orderHref(n.orderId)}>${n.message}</a>` : n.message}</p>`)}
        ${this.alerts.length > 3 ? html`<p>and ${this.alerts.length - 3} more</p>` : nothing}</div></div>` : nothing}
      <div class="card">
        <form class="filters" @submit=${this.#onSearch}>
          <div class="search">
            <label class="visually-hidden" for="q">Search orders</label>
            <input id="q" type="search" placeholder="Order number, receipt, email, phone, SKU or name" .value=${q.q ?? ''} autocomplete="off" />
            <button class="btn btn-primary" type="submit">${icon('search', 18)}Search</button>
          </div>
          ${this.#select('channel', 'Channel', Object.keys(CHANNEL_LABEL), (v) => CHANNEL_LABEL[v] ?? v)}
          ${this.#select('status', 'Status', STATUSES, (v) => v.replace(/_/g, ' '))}
          ${this.#select('light', 'Despatch', ['red', 'amber', 'green'], (v) => ({ red: 'Late', amber: 'Due today', green: 'On time' })[v] ?? v)}
          <div class="field"><label for="account">Account</label><input id="account" placeholder="any" .value=${q.account ?? ''} @change=${(e: Event) => this.#set({ account: (e.target as HTMLInputElement).value.trim() })} /></div>
          <div class="field"><label for="tag">Tag</label><input id="tag" .value=${q.tag ?? ''} @change=${(e: Event) => this.#set({ tag: (e.target as HTMLInputElement).value.trim().toLowerCase() })} /></div>
          <div class="field"><label for="from">From</label><input id="from" type="date" .value=${q.from ?? ''} @change=${(e: Event) => this.#set({ from: (e.target as HTMLInputElement).value })} /></div>
          <div class="field"><label for="to">To</label><input id="to" type="date" .value=${q.to ?? ''} @change=${(e: Event) => this.#set({ to: (e.target as HTMLInputElement).value })} /></div>
        </form>
        <div class="views">
          <label for="view">Saved views</label>
          <select id="view" @change=${(e: Event) => this.#applyView((e.target as HTMLSelectElement).value)}>
            <option value="">All orders</option>
            ${this.views.map((v) => html`<option value=${v.id}>${v.name}</option>`)}
          </select>
          <input id="view-name" placeholder="Name this view" aria-label="Name for a new saved view" />
          <button type="button" class="btn save-view" @click=${this.#saveView}>Save view</button>
        </div>
      </div>
      <div class="card">${this.#list()}</div>
    </section>`
  }

  #select(key: 'channel' | 'status' | 'light', label: string, values: string[], text: (v: string) => string) {
    return html`<div class="field"><label for=${key}>${label}</label>
      <select id=${key} @change=${(e: Event) => this.#set({ [key]: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${!this.query[key]}>Any</option>
        ${values.map((v) => html`<option value=${v} ?selected=${this.query[key] === v}>${text(v)}</option>`)}
      </select></div>`
  }

  #list() {
    if (this.loading && this.items.length === 0) return html`<p class="muted" role="status">Loading orders…</p>`
    if (this.error) return errorAlert(this.error, html`<button class="btn" @click=${() => this.reload()}>Try again</button>`)
    if (this.items.length === 0) return emptyState({ icon: 'orders', title: 'No orders match', body: 'Try another search or clear the filters.', action: html`<button class="btn" @click=${() => { this.query = {}; void this.reload() }}>Clear filters</button>` })
    return html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">Despatch</th><th scope="col">Order</th><th scope="col">Customer</th><th scope="col">Placed</th><th scope="col">Status</th><th scope="col" class="num">Items</th><th scope="col" class="num">Total</th><th scope="col">Tags</th></tr></thead>
      <tbody>${this.items.map((o) => html`<tr data-order=${o.id}>
        <td>${lightBadge(o.light, true)}</td>
        <td><a class="order-link" href=${orderHref(o.id)}>${o.number}</a><div class="muted">${CHANNEL_LABEL[o.channel] ?? o.channel}${o.account ? ` · ${o.account}` : ''}</div></td>
        <td>${o.customer?.name ?? o.customer?.email ?? html`<span class="muted">—</span>`}</td>
        <td>${formatDateTime(o.placedAt)}</td>
        <td>${statusBadge(o.status)}</td>
        <td class="num">${o.itemCount}</td>
        <td class="num">${formatMoney(o.totalMinor)}</td>
        <td><div class="chips">${o.tags.map((t) => html`<span class="chip">${t}</span>`)}${o.flags.length ? html`<span class="chip flag" title=${o.flags.join('\n')}>needs a look</span>` : nothing}</div></td>
      </tr>`)}</tbody>
    </table></div>
    ${this.nextCursor !== null ? html`<div class="more"><button type="button" class="btn load-more" @click=${this.#more}>Load older orders</button></div>` : nothing}`
  }

  static override styles = [baseStyles, feedbackStyles, orderStyles, css`
    :host { display: block; }
    .page { max-width: 1200px; }
    .card { display: grid; gap: 1rem; }
    .alerts a { color: inherit; }
    .header-actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  `]
}

customElements.define('pos-orders', PosOrders)

declare global {
  interface HTMLElementTagNameMap {
    'pos-orders': PosOrders
  }
}

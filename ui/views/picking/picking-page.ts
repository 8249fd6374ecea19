import { LitElement, html, nothing } from 'lit'
import type { PickListSummaryDto, PickQueueItemDto, WaveDto } from '../../../appliance/api/fulfilment-contract.js'
import { METHOD_LABEL, percentDone, pickLists, pickQueue } from '../../data/fulfilment.js'
import { formatDateTime } from '../../data/format.js'
import { CHANNEL_LABEL } from '../../data/orders.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { orderHref, pickListHref } from '../../routes.js'
import { lightBadge, orderStyles } from '../orders/order-styles.js'
import { fulfilStyles } from './fulfil-styles.js'
import './wave-form.js'

/** A pick list as a big tappable card: number, who, how far along. */
export function listCard(list: PickListSummaryDto) {
  return html`<li><a href=${pickListHref(list.id)} data-list=${list.id}>
    <span class="row" style="justify-content:space-between">
      <strong class="big">${list.number}</strong>
      <span class="badge ${list.status === 'done' ? 'badge-success' : list.status === 'in_progress' ? 'badge-info' : ''}">${list.status.replace('_', ' ')}</span>
    </span>
    <span class="muted">${METHOD_LABEL[list.method].label}${list.zone ? ` · zone ${list.zone}` : ''} · ${list.orders} order${list.orders === 1 ? '' : 's'} · ${list.units} units${list.picker ? ` · ${list.picker.name}` : ' · unassigned'}${list.tote ? ` · ${list.tote}` : ''}</span>
    <progress max="100" value=${percentDone(list.done, list.tasks)} aria-label="${list.done} of ${list.tasks} done"></progress>
  </a></li>`
}

/**
 * Picking: my pick lists to carry on with, the allocated orders waiting for pick work
 * (late ones first, with their despatch lights), and the form that cuts them into lists.
 */
export class PosPicking extends LitElement {
  static override properties = {
    services: { attribute: false },
    queue: { state: true },
    total: { state: true },
    mine: { state: true },
    others: { state: true },
    selected: { state: true },
    wave: { state: true },
    loading: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare queue: PickQueueItemDto[]
  declare total: number
  declare mine: PickListSummaryDto[]
  /** Everyone else's unfinished lists: unassigned ones anyone can take, and how the others are doing. */
  declare others: PickListSummaryDto[]
  declare selected: Set<string>
  declare wave: WaveDto | null
  declare loading: boolean
  declare error: unknown

  constructor() {
    super()
    this.services = undefined
    this.queue = []
    this.total = 0
    this.mine = []
    this.others = []
    this.selected = new Set()
    this.wave = null
    this.loading = true
    this.error = undefined
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services') && this.services) void this.reload()
  }

  async reload(): Promise<void> {
    if (!this.services) return
    this.loading = true
    this.error = undefined
    try {
      const [queue, open, going] = await Promise.all([
        pickQueue(this.services.api),
        pickLists(this.services.api, '', 'open'),
        pickLists(this.services.api, '', 'in_progress'),
      ])
      this.queue = queue.items
      this.total = queue.total
      const me = this.services.session.current?.staff.id
      const unfinished = [...going, ...open]
      this.mine = unfinished.filter((l) => l.picker?.id === me)
      this.others = unfinished.filter((l) => l.picker?.id !== me)
      const ids = new Set(queue.items.map((q) => q.orderId))
      this.selected = new Set([...this.selected].filter((id) => ids.has(id)))
    } catch (error) {
      this.error = error
    } finally {
      this.loading = false
    }
  }

  override render() {
    const zones = [...new Set(this.queue.flatMap((q) => q.zones ?? []))].sort()
    return html`<section class="page" aria-labelledby="picking-title">
      <header class="page-header">
        <div><h1 id="picking-title">Picking</h1>
          <p class="muted">Pick web and marketplace orders from the shop's stock. Late orders (red) go first.</p></div>
        <button class="btn refresh" ?disabled=${this.loading} @click=${() => this.reload()}>${icon('refresh', 18)}Refresh</button>
      </header>
      ${this.error ? errorAlert(this.error, html`<button class="btn" @click=${() => this.reload()}>Try again</button>`) : nothing}
      ${this.wave ? this.#waveDone(this.wave) : nothing}
      <div class="grid2">
        <div class="stack">
          <section class="card" aria-labelledby="mine-title"><h2 id="mine-title">My pick lists</h2>${this.#mine()}</section>
          ${this.others.length ? html`<section class="card" aria-labelledby="others-title"><h2 id="others-title">Other open pick lists</h2>
            <ul class="lists">${this.others.map(listCard)}</ul></section>` : nothing}
          <section class="card" aria-labelledby="queue-title"><h2 id="queue-title">Waiting to pick (${this.total})</h2>${this.#queue()}</section>
        </div>
        <pos-wave-form .services=${this.services} .selected=${[...this.selected]} .zones=${zones} queued=${this.total}
          @wave-created=${(e: CustomEvent<WaveDto>) => { this.wave = e.detail; this.selected = new Set(); void this.reload() }}></pos-wave-form>
      </div>
    </section>`
  }

  #waveDone(wave: WaveDto) {
    return html`<div class="card stack wave-done" role="status">
      ${successAlert(`Wave ${wave.number}: ${wave.orderCount} order${wave.orderCount === 1 ? '' : 's'} on ${wave.lists.length} pick list${wave.lists.length === 1 ? '' : 's'}.`)}
      <ul class="lists">${wave.lists.map(listCard)}</ul>
    </div>`
  }

  #mine() {
    if (this.loading && this.mine.length === 0) return html`<p class="muted" role="status">Loading…</p>`
    if (this.mine.length === 0) return emptyState({ icon: 'picking', title: 'No pick lists for you', body: 'Create pick work from the waiting orders, or ask whoever runs the wave to assign you.' })
    return html`<ul class="lists">${this.mine.map(listCard)}</ul>`
  }

  #queue() {
    if (this.loading && this.queue.length === 0) return html`<p class="muted" role="status">Loading…</p>`
    if (this.queue.length === 0) return emptyState({ icon: 'check', title: 'Nothing waiting to pick', body: 'Allocated orders appear here as they arrive from the channels.' })
    const all = this.queue.every((q) => this.selected.has(q.orderId))
    return html`<div class="table-wrap"><table class="queue">
      <thead><tr>
        <th scope="col"><input class="check" type="checkbox" aria-label="Tick every order" .checked=${all} @change=${() => (this.selected = all ? new Set() : new Set(this.queue.map((q) => q.orderId)))} /></th>
        <th scope="col">Despatch</th><th scope="col">Order</th><th scope="col" class="num">Units</th><th scope="col">Zones</th><th scope="col">Due</th></tr></thead>
      <tbody>${this.queue.map((q) => html`<tr data-order=${q.orderId}>
        <td><input class="check" type="checkbox" aria-label="Tick ${q.number}" .checked=${this.selected.has(q.orderId)} @change=${() => this.#toggle(q.orderId)} /></td>
        <td>${lightBadge(q.light)}</td>
        <td><a class="order-link" href=${orderHref(q.orderId)}>${q.number}</a>
          <div class="muted">${CHANNEL_LABEL[q.channel] ?? q.channel}${q.collect ? html` · <span class="chip">Collect in store</span>` : nothing}</div></td>
        <td class="num">${q.units}<div class="muted">${q.lines} line${q.lines === 1 ? '' : 's'}</div></td>
        <td>${(q.zones ?? []).join(', ')}</td>
        <td>${q.despatchBy ? formatDateTime(q.despatchBy) : html`<span class="muted">—</span>`}</td>
      </tr>`)}</tbody></table></div>`
  }

  #toggle(id: string) {
    const next = new Set(this.selected)
    if (!next.delete(id)) next.add(id)
    this.selected = next
  }

  static override styles = [baseStyles, feedbackStyles, orderStyles, fulfilStyles]
}

customElements.define('pos-picking', PosPicking)

declare global {
  interface HTMLElementTagNameMap {
    'pos-picking': PosPicking
  }
}

import { LitElement, css, html, nothing } from 'lit'
import type { OrderDetailDto } from '../../../appliance/api/contract.js'
import { addNote, CHANNEL_LABEL, getOrder, tagOrder, untagOrder } from '../../data/orders.js'
import { formatDateTime, formatMoney } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { orderHref, returnHref } from '../../routes.js'
import { lightBadge, orderStyles, statusBadge } from './order-styles.js'
import './order-actions.js'

const REFUND_STATE: Record<string, string> = {
  queued: ' — waiting for the channel', pending: ' — on its way to the customer', failed: ' — refused by the channel: see the dead letters',
  discarded: ' — not sent: refund another way',
}

/**
 * One order: where it stands (status, despatch light and deadlines), its lines with their
 * allocation and what has been returned, the customer and address, payments, returns and
 * refunds, tags and notes, and one timeline of everything that happened to it — who, when,
 * where, why. Refreshes itself when the order changes anywhere.
 */
export class PosOrderDetail extends LitElement {
  static override properties = {
    services: { attribute: false },
    orderId: { type: String, attribute: 'order-id' },
    order: { state: true },
    error: { state: true },
    actionError: { state: true },
  }

  declare services: AppServices | undefined
  declare orderId: string
  declare order: OrderDetailDto | undefined
  declare error: unknown
  declare actionError: unknown

  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.services = undefined
    this.orderId = ''
    this.order = undefined
    this.error = undefined
    this.actionError = undefined
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if ((changed.has('services') || changed.has('orderId')) && this.services && this.orderId) {
      void this.load()
      this.#unsubscribe?.()
      this.#unsubscribe = this.services.realtime.on('order.changed', ({ orderId }) => {
        if (orderId === this.orderId) void this.load()
      })
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  async load(): Promise<void> {
    if (!this.services) return
    try {
      this.order = await getOrder(this.services.api, this.orderId)
      this.error = undefined
    } catch (error) {
      this.error = error
    }
  }

  async #act(work: (services: AppServices) => Promise<unknown>) {
    if (!this.services) return
    this.actionError = undefined
    try {
      await work(this.services)
      await this.load()
    } catch (error) {
      this.actionError = error
    }
  }

  #addTag(event: Event) {
    event.preventDefault()
    const input = this.renderRoot.querySelector<HTMLInputElement>('#new-tag')
    const tag = input?.value.trim()
    if (!tag) return
    void this.#act(async (s) => {
      await tagOrder(s.api, this.orderId, tag)
      if (input) input.value = ''
    })
  }

  #addNote(event: Event) {
    event.preventDefault()
    const input = this.renderRoot.querySelector<HTMLTextAreaElement>('#new-note')
    const body = input?.value.trim()
    if (!body) return
    void this.#act(async (s) => {
      await addNote(s.api, this.orderId, body)
      if (input) input.value = ''
    })
  }

  override render() {
    if (this.error) return html`<div class="card">${errorAlert(this.error, html`<a class="btn" href="#/orders">Back to orders</a>`)}</div>`
    const o = this.order
    if (!o) return html`<p class="muted" role="status">Loading the order…</p>`
    const address = o.addresses.find((a) => a.kind === 'shipping')
    return html`<section class="page" aria-labelledby="title">
      <header class="page-header">
        <div>
          <a class="back" href="#/orders">${icon('arrowLeft', 16)} Orders</a>
          <h1 id="title">${o.number} ${statusBadge(o.status)} ${lightBadge(o.light)}</h1>
          <p class="muted">${CHANNEL_LABEL[o.channel] ?? o.channel}${o.account ? html` <span class="account">(${o.account})</span>` : nothing} · placed ${formatDateTime(o.placedAt)}${o.despatchBy ? html` · despatch by <strong>${formatDateTime(o.despatchBy)}</strong>` : nothing}${o.deliverBy ? html` · deliver by ${formatDateTime(o.deliverBy)}` : nothing}</p>
        </div>
        ${o.returnWindow.returnable ? html`<a class="btn btn-primary start-return" href=${returnHref(o.id)}>${icon('returns', 18)}Return items</a>` : nothing}
      </header>
      ${this.actionError ? errorAlert(this.actionError) : nothing}
      ${o.flags.length ? html`<div class="alert alert-warning" role="status">${icon('alert')}<div class="alert-body">${o.flags.map((f) => html`<p>${f}</p>`)}</div></div>` : nothing}
      ${o.replacementOf ? html`<p>Replacement for <a href=${orderHref(o.replacementOf)}>the lost order</a>.</p>` : nothing}
      ${o.replacements.length ? html`<p>Replaced by ${o.replacements.map((r) => html`<a href=${orderHref(r.id)}>${r.number}</a> `)}</p>` : nothing}
      <div class="grid">
        <div class="card lines">
          <h2>Items</h2>
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col">Fulfilment</th><th scope="col" class="num">Total</th></tr></thead>
            <tbody>${o.lines.map((l) => html`<tr data-sku=${l.sku}>
              <td>${l.name}<div class="muted mono">${l.sku}${l.knownSku ? '' : ' · not in catalogue'}</div></td>
              <td class="num">${l.quantity}</td>
              <td>${[l.allocated ? `${l.allocated} allocated (${l.allocations.map((a) => a.location).join(', ')})` : '', l.backordered ? `${l.backordered} backordered` : '', l.shipped ? `${l.shipped} shipped` : '', l.cancelled ? `${l.cancelled} cancelled` : '', l.returned ? `${l.returned} returned` : ''].filter(Boolean).join(' · ') || html`<span class="muted">—</span>`}</td>
              <td class="num">${formatMoney(l.totalMinor)}</td>
            </tr>`)}</tbody>
          </table></div>
          <dl class="totals">
            ${o.totals.shippingMinor ? html`<dt>Shipping</dt><dd>${formatMoney(o.totals.shippingMinor)}</dd>` : nothing}
            <dt>Total</dt><dd>${formatMoney(o.totals.totalMinor)}</dd>
            <dt>Paid</dt><dd>${formatMoney(o.totals.paidMinor)}${o.payments.length ? ` (${o.payments.map((p) => p.method).join(', ')})` : ''}</dd>
            ${o.totals.refundedMinor ? html`<dt>Refunded</dt><dd class="refunded">${formatMoney(o.totals.refundedMinor)}</dd>` : nothing}
          </dl>
        </div>
        <div class="card">
          <h2>Customer</h2>
          ${o.customer ? html`<p><strong>${o.customer.name ?? ''}</strong></p><p>${o.customer.email ?? ''}</p><p>${o.customer.phone ?? ''}</p>` : html`<p class="muted">No customer details</p>`}
          ${address ? html`<address>${[address.name, address.line1, address.line2, address.city, address.postcode].filter(Boolean).map((l) => html`${l}<br />`)}</address>` : nothing}
          <h3>Tags</h3>
          <div class="chips">${o.tags.map((t) => html`<span class="chip">${t}<button type="button" class="untag" aria-label="Remove tag ${t}" @click=${() => this.#act((s) => untagOrder(s.api, this.orderId, t))}>×</button></span>`)}</div>
          <form class="inline" @submit=${this.#addTag}><input id="new-tag" placeholder="Add a tag" aria-label="New tag" /><button class="btn" type="submit">Tag</button></form>
        </div>
      </div>
      <pos-order-actions .services=${this.services} .order=${o} @order-changed=${() => this.load()}></pos-order-actions>
      ${o.returns.length || o.refunds.length ? html`<div class="card returns"><h2>Returns and refunds</h2><ul>
        ${o.returns.map((r) => html`<li>${r.number}: ${r.status}, ${formatMoney(r.refundMinor)} refunded (${formatDateTime(r.createdAt)})</li>`)}
        ${o.refunds.map((r) => html`<li>${formatMoney(r.amountMinor)} by ${r.method}${REFUND_STATE[r.status] ?? ''}</li>`)}
      </ul></div>` : nothing}
      <div class="card">
        <h2>Timeline</h2>
        <ol class="timeline">${o.timeline.map((t) => html`<li data-kind=${t.kind}>
          <time datetime=${t.at}>${formatDateTime(t.at)}</time>
          <div><p>${t.summary}</p><p class="muted">${[t.staffName ?? t.staff ?? (t.kind === 'imported' ? o.channel : 'system'), t.station].filter(Boolean).join(' · ')}${t.reason ? ` — ${t.reason}` : ''}</p></div>
        </li>`)}</ol>
        <form class="note" @submit=${this.#addNote}>
          <label for="new-note">Add a note</label>
          <textarea id="new-note" rows="2"></textarea>
          <button class="btn" type="submit">Add note</button>
        </form>
      </div>
    </section>`
  }

  static override styles = [baseStyles, feedbackStyles, orderStyles, css`
    :host { display: block; }
    .back { color: var(--pos-text-muted); text-decoration: none; font-weight: 600; display: inline-flex; gap: 0.3rem; align-items: center; }
    h1 { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin-top: 0.3rem; }
    .grid { display: grid; grid-template-columns: 2fr 1fr; gap: 1.25rem; }
    @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
    .card { display: grid; gap: 0.6rem; align-content: start; }
    .totals { display: grid; grid-template-columns: 1fr auto; gap: 0.25rem 1rem; margin: 0; }
    .totals dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
    address { font-style: normal; }
    .inline { display: flex; gap: 0.5rem; }
    .untag { border: none; background: none; cursor: pointer; color: inherit; font-size: 1rem; padding: 0 0.1rem; }
    .timeline { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; }
    .timeline li { display: grid; grid-template-columns: 10rem 1fr; gap: 0.75rem; border-left: 3px solid var(--pos-border); padding-left: 0.75rem; }
    .timeline time { color: var(--pos-text-muted); font-size: 0.88rem; }
    .note { display: grid; gap: 0.4rem; }
    textarea { padding: 0.6rem 0.85rem; }
  `]
}

customElements.define('pos-order-detail', PosOrderDetail)

declare global {
  interface HTMLElementTagNameMap {
    'pos-order-detail': PosOrderDetail
  }
}

import { LitElement, css, html, nothing } from 'lit'
import type { OrderDetailDto, ReturnAuthorisationDto } from '../../../appliance/api/contract.js'
import { authoriseReturn, despatchOrder, markLost, returnOptions } from '../../data/orders.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import { orderHref } from '../../routes.js'

/** Statuses a manual despatch takes (the appliance checks again: every line fully allocated). */
const DESPATCHABLE = new Set(['allocated', 'picking', 'picked', 'packed'])
/** A parcel that has left can go missing. */
const LOSABLE = new Set(['shipped', 'partially_shipped', 'delivered'])
const CARRIERS = ['Royal Mail', 'DPD', 'Evri', 'Parcelforce', 'UPS', 'DHL', 'Collected']

export interface OrderChangedDetail {
  /** A new order to look at (the replacement of a lost parcel). */
  openOrder?: string
}

/**
 * The order page's desk actions, each shown only when the order's status allows it:
 * despatch by hand (carrier and tracking number; the channel is told through the outbox),
 * mark a parcel lost (a linked replacement goes out in the same action), and authorise a
 * return by post (RMA) — its returns label prints at the station. Every write carries an
 * idempotency key, so a retried tap never despatches or authorises twice. Fires
 * `order-changed` when the order moved on.
 */
export class PosOrderActions extends LitElement {
  static override properties = {
    services: { attribute: false },
    order: { attribute: false },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
    reasons: { state: true },
    rma: { state: true },
  }

  declare services: AppServices | undefined
  declare order: OrderDetailDto | undefined
  declare busy: boolean
  declare error: unknown
  declare done: string
  declare reasons: string[]
  declare rma: ReturnAuthorisationDto | undefined

  readonly #keys = new IdempotencyKeys()

  constructor() {
    super()
    this.services = undefined
    this.order = undefined
    this.busy = false
    this.error = undefined
    this.done = ''
    this.reasons = []
    this.rma = undefined
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    const before = changed.get('order') as OrderDetailDto | undefined
    if (changed.has('order') && before && before.id !== this.order?.id) {
      // Another order on the same page element: what was said about the last one goes.
      this.done = ''
      this.error = undefined
      this.rma = undefined
    }
    if (changed.has('services') && this.services && this.reasons.length === 0) {
      returnOptions(this.services.api).then((o) => (this.reasons = o.reasons), () => undefined)
    }
  }

  #value(selector: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(selector)?.value.trim() ?? ''
  }

  async #run(body: unknown, work: (services: AppServices, key: string) => Promise<string>, detail: OrderChangedDetail = {}) {
    if (!this.services || this.busy) return
    this.busy = true
    this.error = undefined
    this.done = ''
    try {
      this.done = await work(this.services, this.#keys.keyFor(body))
      this.#keys.settle()
      this.dispatchEvent(new CustomEvent<OrderChangedDetail>('order-changed', { detail, bubbles: true, composed: true }))
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  #despatch(event: Event) {
    event.preventDefault()
    const order = this.order
    if (!order) return
    const body = { carrier: this.#value('#carrier'), trackingNumber: this.#value('#tracking'), ...(this.#value('#service') ? { service: this.#value('#service') } : {}) }
    void this.#run(['despatch', order.id, body], async (s, key) => {
      await despatchOrder(s.api, order.id, body, key)
      return `Despatched with ${body.carrier}, tracking ${body.trackingNumber}`
    })
  }

  #lost(event: Event) {
    event.preventDefault()
    const order = this.order
    if (!order) return
    const replace = this.renderRoot.querySelector<HTMLInputElement>('#replace')?.checked ?? true
    const body = { reason: this.#value('#lost-reason'), replace }
    void this.#run(['lost', order.id, body], async (s, key) => {
      const answer = await markLost(s.api, order.id, body, key)
      return answer.replacement ? `Marked lost; replacement ${answer.replacement.number} is on its way to picking` : 'Marked lost'
    })
  }

  #authorise(event: Event) {
    event.preventDefault()
    const order = this.order
    if (!order) return
    const lines = order.lines.flatMap((l) => {
      const quantity = Number(this.#value(`tr[data-sku="${CSS.escape(l.sku)}"] .rma-qty`) || 0)
      return quantity > 0 ? [{ sku: l.sku, quantity, reason: this.#value(`tr[data-sku="${CSS.escape(l.sku)}"] .rma-reason`) || 'other' }] : []
    })
    if (lines.length === 0) {
      this.error = new Error('Choose how many of which items are coming back')
      return
    }
    const address = { name: this.#value('#rma-name'), line1: this.#value('#rma-line1'), city: this.#value('#rma-city'), postcode: this.#value('#rma-postcode') }
    const body = { order: order.id, lines, ...(address.line1 ? { address } : {}) }
    void this.#run(['rma', body], async (s, key) => {
      this.rma = await authoriseReturn(s.api, body, key)
      return `Return ${this.rma.number} authorised${this.rma.labelPrintJobId !== null ? ': the returns label is printing' : ''}`
    })
  }

  override render() {
    const o = this.order
    if (!o) return nothing
    const despatch = DESPATCHABLE.has(o.status) && o.fulfilledBy === 'merchant'
    const lost = LOSABLE.has(o.status)
    const returnable = o.lines.filter((l) => l.returnable > 0)
    // Kept on screen after the last action (an authorised return takes the units it covers out of `returnable`).
    if (!despatch && !lost && returnable.length === 0 && !this.done && !this.error && !this.rma) return nothing
    return html`<div class="card actions">
      <h2>Desk actions</h2>
      ${this.error ? errorAlert(this.error) : nothing}
      ${this.done ? successAlert(this.done) : nothing}
      ${despatch ? html`<form class="despatch" @submit=${this.#despatch}>
        <h3>Despatch</h3>
        <div class="row">
          <div class="field"><label for="carrier">Carrier</label><select id="carrier">${CARRIERS.map((c) => html`<option>${c}</option>`)}</select></div>
          <div class="field"><label for="service">Service</label><input id="service" placeholder="Tracked 48" /></div>
          <div class="field"><label for="tracking">Tracking number</label><input id="tracking" required autocomplete="off" /></div>
          <button class="btn btn-primary despatch-button" type="submit" ?disabled=${this.busy}>Despatch</button>
        </div>
      </form>` : nothing}
      ${lost ? html`<form class="lost" @submit=${this.#lost}>
        <h3>Lost in transit</h3>
        <div class="row">
          <div class="field grow"><label for="lost-reason">What happened</label><input id="lost-reason" required placeholder="Carrier confirmed lost, ref…" /></div>
          <label class="check"><input id="replace" type="checkbox" checked /> Send a replacement</label>
          <button class="btn lost-button" type="submit" ?disabled=${this.busy}>Mark lost</button>
        </div>
      </form>` : nothing}
      ${returnable.length ? html`<form class="rma" @submit=${this.#authorise}>
        <h3>Return by post</h3>
        <table><thead><tr><th scope="col">Item</th><th scope="col" class="num">Coming back</th><th scope="col">Reason</th></tr></thead>
          <tbody>${returnable.map((l) => html`<tr data-sku=${l.sku}>
            <td>${l.name}<div class="muted mono">${l.sku}</div></td>
            <td class="num"><input class="rma-qty" type="number" min="0" max=${l.returnable} value="0" aria-label="How many ${l.name} are coming back" /></td>
            <td><select class="rma-reason" aria-label="Why ${l.name} is coming back">${this.reasons.map((r) => html`<option value=${r}>${r.replace(/-/g, ' ')}</option>`)}</select></td>
          </tr>`)}</tbody></table>
        ${o.addresses.some((a) => a.kind === 'shipping') ? nothing : html`<fieldset class="row from">
          <legend>The customer's address (for the label)</legend>
          <div class="field"><label for="rma-name">Name</label><input id="rma-name" .value=${o.customer?.name ?? ''} /></div>
          <div class="field grow"><label for="rma-line1">Address</label><input id="rma-line1" /></div>
          <div class="field"><label for="rma-city">Town</label><input id="rma-city" /></div>
          <div class="field"><label for="rma-postcode">Postcode</label><input id="rma-postcode" /></div>
        </fieldset>`}
        <button class="btn authorise-button" type="submit" ?disabled=${this.busy}>Authorise return and print label</button>
      </form>` : nothing}
      ${this.rma ? html`<p class="rma-done">Return <strong class="rma-number">${this.rma.number}</strong> — receive it on the <a href="#/returns">returns screen</a> when the parcel arrives.</p>` : nothing}
      ${o.replacements.length ? html`<p>Replacement: ${o.replacements.map((r) => html`<a class="replacement" href=${orderHref(r.id)}>${r.number}</a> `)}</p>` : nothing}
    </div>`
  }

  static override styles = [baseStyles, feedbackStyles, css`
    :host { display: block; }
    .card { display: grid; gap: 0.75rem; }
    form { display: grid; gap: 0.5rem; border-top: 1px solid var(--pos-border); padding-top: 0.75rem; }
    h3 { margin: 0; }
    .row { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; }
    .field { display: grid; gap: 0.2rem; }
    .grow { flex: 1; min-width: 14rem; }
    .check { display: inline-flex; gap: 0.35rem; align-items: center; }
    .rma-qty { width: 5rem; }
    fieldset { border: 1px solid var(--pos-border); border-radius: 8px; padding: 0.5rem 0.75rem; }
    .num { text-align: right; }
  `]
}

customElements.define('pos-order-actions', PosOrderActions)

declare global {
  interface HTMLElementTagNameMap {
    'pos-order-actions': PosOrderActions
  }
}

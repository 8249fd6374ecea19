import { LitElement, css, html, nothing } from 'lit'
import type { CollectionDto } from '../../../appliance/api/fulfilment-contract.js'
import { ApiError } from '../../data/api.js'
import { handOver, lookupCollection } from '../../data/fulfilment.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { errorTone, okTone } from '../../till/tone.js'
import { tillStyles } from './till-styles.js'

/** Fired on the window by the sale screen when it scans a `COLLECT:<number>` QR. */
export const COLLECT_SCAN_EVENT = 'pos-collect-scan'

/**
 * Click and collect at the till: a "Collection" button (type the order number) that also
 * opens by itself when the customer's QR (`COLLECT:<number>`) is scanned on the sale screen.
 * Shows what to hand over, asks for the ID check, and hands it over once (the stock leaves
 * the collection location and the order completes).
 */
export class PosCollectionDialog extends LitElement {
  static override properties = {
    services: { attribute: false },
    open: { state: true },
    order: { state: true },
    done: { state: true },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare open: boolean
  declare order: CollectionDto | null
  declare done: CollectionDto | null
  declare busy: boolean
  declare error: unknown

  readonly #keys = new IdempotencyKeys()
  #onScan = (e: Event) => void this.find((e as CustomEvent<string>).detail)

  constructor() {
    super()
    this.services = undefined
    this.open = false
    this.order = null
    this.done = null
    this.busy = false
    this.error = undefined
  }

  override connectedCallback() {
    super.connectedCallback()
    window.addEventListener(COLLECT_SCAN_EVENT, this.#onScan)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    window.removeEventListener(COLLECT_SCAN_EVENT, this.#onScan)
  }

  /** Opens the dialog on the order a QR or a typed number names. */
  async find(code: string): Promise<void> {
    this.open = true
    this.done = null
    this.order = null
    this.error = undefined
    if (!this.services || !code.trim()) return
    this.busy = true
    try {
      this.order = await lookupCollection(this.services.api, code)
      okTone()
    } catch (error) {
      errorTone()
      this.error = error
    } finally {
      this.busy = false
    }
  }

  override render() {
    return html`<button class="btn collection-open" data-action="collection" @click=${this.#show}>${icon('box')}Collection</button>
      ${this.open ? html`<div class="modal-backdrop" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#close()}>
        <div class="modal" role="dialog" aria-modal="true" aria-label="Click and collect">
          <header><h2>Click and collect</h2><button class="btn btn-ghost" aria-label="Close" @click=${this.#close}>✕</button></header>
          ${this.#body()}
        </div></div>` : nothing}`
  }

  #body() {
    if (this.done) {
      return html`${successAlert(`${this.done.number} handed over${this.done.customer ? ` to ${this.done.customer}` : ''}.`)}
        <button class="btn btn-primary btn-large" autofocus @click=${this.#close}>Done</button>`
    }
    const o = this.order
    return html`<form class="stack find" @submit=${this.#typed}>
        <label class="field">Order number, or scan the customer's QR
          <input id="collect-code" autocomplete="off" placeholder="e.g. #9001" /></label>
        <button class="btn" type="submit" ?disabled=${this.busy}>${icon('search', 18)}Find</button>
      </form>
      ${this.error ? errorAlert(this.error) : nothing}
      ${o ? html`<section class="stack collect-order" data-order=${o.orderId}>
        <h3>${o.number}${o.customer ? ` · ${o.customer}` : ''}</h3>
        ${o.status !== 'ready' ? html`<div class="alert alert-warning" role="alert">${icon('alert')}<p>${o.status === 'completed' ? 'This order has already been collected.' : "This order isn't ready for collection yet."}</p></div>` : nothing}
        <ul class="lines">${o.lines.map((l) => html`<li><strong>${l.quantity} ×</strong> ${l.name} <span class="muted mono">${l.sku}</span></li>`)}</ul>
        <form class="stack" @submit=${(e: Event) => this.#handOver(e, o)}>
          <fieldset class="id-check"><legend class="label">ID check</legend>
            <label><input type="radio" name="idCheck" value="seen" checked /> I have seen the customer's ID</label>
            <label><input type="radio" name="idCheck" value="not-required" /> Not required for this order</label>
          </fieldset>
          <label class="field">Note (optional)<input name="note" autocomplete="off" maxlength="200" placeholder="e.g. collected by partner" /></label>
          <button class="btn btn-primary btn-large hand-over" type="submit" ?disabled=${this.busy || o.status !== 'ready'}>${icon('check')}Hand over</button>
        </form>
      </section>` : nothing}`
  }

  #show = () => {
    this.open = true
    this.order = null
    this.done = null
    this.error = undefined
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#collect-code')?.focus())
  }

  #close = () => {
    this.open = false
  }

  #typed(event: Event) {
    event.preventDefault()
    const code = this.renderRoot.querySelector<HTMLInputElement>('#collect-code')?.value ?? ''
    void this.find(code)
  }

  async #handOver(event: Event, order: CollectionDto) {
    event.preventDefault()
    if (!this.services) return
    const data = new FormData(event.target as HTMLFormElement)
    const note = String(data.get('note') ?? '').trim()
    const body = { idCheck: data.get('idCheck') === 'not-required' ? ('not-required' as const) : ('seen' as const), ...(note && { note }) }
    this.busy = true
    this.error = undefined
    try {
      this.done = await handOver(this.services.api, order.orderId, body, this.#keys.keyFor({ orderId: order.orderId, ...body }))
      this.#keys.settle()
      okTone()
    } catch (error) {
      if (!(error instanceof ApiError && error.retryable)) this.#keys.settle()
      errorTone()
      this.error = error
    } finally {
      this.busy = false
    }
  }

  static override styles = [baseStyles, feedbackStyles, tillStyles, css`
    :host { display: contents; }
    .lines { margin: 0; padding-left: 1.1rem; display: grid; gap: 0.3rem; }
    .id-check { border: 0; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
    .id-check label { display: flex; gap: 0.5rem; align-items: center; min-height: var(--pos-target); font-weight: 500; }
    .id-check input { width: auto; min-height: 0; }
  `]
}

customElements.define('pos-collection-dialog', PosCollectionDialog)

declare global {
  interface HTMLElementTagNameMap {
    'pos-collection-dialog': PosCollectionDialog
  }
}

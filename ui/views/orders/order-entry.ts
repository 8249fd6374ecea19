import { LitElement, css, html, nothing } from 'lit'
import type { CreatedOrderDto, CreateOrderRequest } from '../../../appliance/api/contract.js'
import { createOrder } from '../../data/orders.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'

interface DraftLine {
  sku: string
  quantity: number
}

/** "12.50" or "£12.50" → 1250; null when it is not an amount of money. */
export function penceOf(text: string): number | null {
  const t = text.trim().replace(/^£/, '')
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null
  const [pounds = '0', pence = ''] = t.split('.')
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'))
}

/**
 * Taking an order over the phone (or keying in a manual one): who it is for, where it goes,
 * what they want (SKUs and quantities — the appliance prices them from the catalogue), and a
 * card payment if one was taken. The order is allocated and given its despatch deadline at
 * once. Fires `order-created` with the new order.
 */
export class PosOrderEntry extends LitElement {
  static override properties = {
    services: { attribute: false },
    lines: { state: true },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare lines: DraftLine[]
  declare busy: boolean
  declare error: unknown

  readonly #keys = new IdempotencyKeys()

  constructor() {
    super()
    this.services = undefined
    this.lines = [{ sku: '', quantity: 1 }]
    this.busy = false
    this.error = undefined
    consumeServices(this)
  }

  #value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value.trim() ?? ''
  }

  #setLine(index: number, patch: Partial<DraftLine>) {
    this.lines = this.lines.map((l, i) => (i === index ? { ...l, ...patch } : l))
  }

  #request(): CreateOrderRequest | string {
    const lines = this.lines.filter((l) => l.sku.trim()).map((l) => ({ sku: l.sku.trim().toUpperCase(), quantity: l.quantity }))
    if (lines.length === 0) return 'Add at least one item (its SKU)'
    const optional = (value: string) => (value ? value : undefined)
    const paid = this.#value('paid')
    const amount = paid ? penceOf(paid) : null
    if (paid && amount === null) return 'The card payment is an amount like 12.50'
    const request: CreateOrderRequest = {
      channel: this.#value('kind') === 'manual' ? 'manual' : 'phone',
      customer: { name: this.#value('name'), ...(optional(this.#value('email')) ? { email: this.#value('email') } : {}), ...(optional(this.#value('phone')) ? { phone: this.#value('phone') } : {}) },
      shippingAddress: { name: this.#value('name'), line1: this.#value('line1'), city: this.#value('city'), postcode: this.#value('postcode'), ...(optional(this.#value('line2')) ? { line2: this.#value('line2') } : {}) },
      shippingMethod: this.#value('method') || 'Standard',
      lines,
    }
    if (amount) request.payments = [{ method: 'card', amountMinor: amount, ...(optional(this.#value('reference')) ? { reference: this.#value('reference') } : {}) }]
    return request
  }

  async #submit(event: Event) {
    event.preventDefault()
    if (!this.services || this.busy) return
    const request = this.#request()
    if (typeof request === 'string') {
      this.error = new Error(request)
      return
    }
    this.busy = true
    this.error = undefined
    try {
      const created = await createOrder(this.services.api, request, this.#keys.keyFor(request))
      this.#keys.settle()
      this.lines = [{ sku: '', quantity: 1 }]
      this.renderRoot.querySelector<HTMLFormElement>('form')?.reset()
      this.dispatchEvent(new CustomEvent<CreatedOrderDto>('order-created', { detail: created, bubbles: true, composed: true }))
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  override render() {
    return html`<form class="entry" @submit=${this.#submit} aria-labelledby="entry-title">
      <h2 id="entry-title">New phone order</h2>
      ${this.error ? errorAlert(this.error) : nothing}
      <fieldset>
        <legend>Customer</legend>
        <div class="field"><label for="name">Name</label><input id="name" required autocomplete="off" /></div>
        <div class="field"><label for="email">Email</label><input id="email" type="email" autocomplete="off" /></div>
        <div class="field"><label for="phone">Phone</label><input id="phone" type="tel" autocomplete="off" /></div>
        <div class="field"><label for="kind">Taken</label><select id="kind"><option value="phone">By phone</option><option value="manual">Manual entry</option></select></div>
      </fieldset>
      <fieldset>
        <legend>Deliver to</legend>
        <div class="field"><label for="line1">Address</label><input id="line1" required /></div>
        <div class="field"><label for="line2">Address line 2</label><input id="line2" /></div>
        <div class="field"><label for="city">Town</label><input id="city" required /></div>
        <div class="field"><label for="postcode">Postcode</label><input id="postcode" required /></div>
        <div class="field"><label for="method">Delivery</label><select id="method"><option>Standard</option><option>Next day</option></select></div>
      </fieldset>
      <fieldset class="items">
        <legend>Items</legend>
        ${this.lines.map((l, i) => html`<div class="item" data-line=${i}>
          <div class="field"><label for="sku-${i}">SKU</label><input id="sku-${i}" class="sku" .value=${l.sku} @input=${(e: Event) => this.#setLine(i, { sku: (e.target as HTMLInputElement).value })} /></div>
          <div class="field"><label for="qty-${i}">Qty</label><input id="qty-${i}" class="qty" type="number" min="1" .value=${String(l.quantity)} @input=${(e: Event) => this.#setLine(i, { quantity: Math.max(1, Number((e.target as HTMLInputElement).value) || 1) })} /></div>
          ${this.lines.length > 1 ? html`<button type="button" class="btn remove" aria-label="Remove item ${i + 1}" @click=${() => (this.lines = this.lines.filter((_, k) => k !== i))}>Remove</button>` : nothing}
        </div>`)}
        <button type="button" class="btn add-item" @click=${() => (this.lines = [...this.lines, { sku: '', quantity: 1 }])}>Add another item</button>
      </fieldset>
      <fieldset>
        <legend>Payment</legend>
        <div class="field"><label for="paid">Card payment taken (£)</label><input id="paid" inputmode="decimal" placeholder="leave empty if not paid yet" /></div>
        <div class="field"><label for="reference">Card reference</label><input id="reference" autocomplete="off" /></div>
      </fieldset>
      <button class="btn btn-primary place-order" type="submit" ?disabled=${this.busy}>Place order</button>
    </form>`
  }

  static override styles = [baseStyles, feedbackStyles, css`
    :host { display: block; }
    .entry { display: grid; gap: 0.75rem; }
    h2 { margin: 0; }
    fieldset { display: flex; flex-wrap: wrap; gap: 0.6rem; border: 1px solid var(--pos-border); border-radius: 8px; padding: 0.6rem 0.8rem; }
    legend { font-weight: 650; padding: 0 0.3rem; }
    .field { display: grid; gap: 0.2rem; min-width: 10rem; }
    .items { flex-direction: column; }
    .item { display: flex; gap: 0.6rem; align-items: end; }
    .qty { width: 5rem; }
    .field:has(.qty) { min-width: 0; }
  `]
}

customElements.define('pos-order-entry', PosOrderEntry)

declare global {
  interface HTMLElementTagNameMap {
    'pos-order-entry': PosOrderEntry
  }
}

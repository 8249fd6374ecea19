import { LitElement, css, html, nothing } from 'lit'
import type { SaleQuote, TenderInput } from '../../../appliance/api/contract.js'
import { formatMoney } from '../../data/format.js'
import { baseStyles } from '../../components/styles.js'
import { parsePounds, poundsText } from '../../till/basket.js'
import { tillStyles } from './till-styles.js'

const METHOD_LABEL: Record<string, string> = { cash: 'Cash', card: 'Card', voucher: 'Gift card' }

/**
 * Totals and payment: what is due, quick-cash buttons, card (with the terminal's
 * reference), gift card / store credit, and any split of them. Fires `tender-add`,
 * `tender-remove` and `voucher-use` (the sale screen checks the balance first).
 */
export class PosTenderPanel extends LitElement {
  static override properties = {
    quote: { attribute: false },
    tenders: { attribute: false },
    estimateMinor: { type: Number },
    disabled: { type: Boolean },
    method: { state: true },
    error: { state: true },
  }

  declare quote: SaleQuote | null
  declare tenders: TenderInput[]
  declare estimateMinor: number
  /** No payments while the basket is empty, being priced, or waiting for approval. */
  declare disabled: boolean
  declare method: 'cash' | 'card' | 'voucher'
  declare error: string

  constructor() {
    super()
    this.quote = null
    this.tenders = []
    this.estimateMinor = 0
    this.disabled = true
    this.method = 'cash'
    this.error = ''
  }

  get #remaining(): number {
    return this.quote?.payment.remainingMinor ?? Math.max(0, this.estimateMinor - this.tenders.reduce((s, t) => s + t.amountMinor, 0))
  }

  override render() {
    const q = this.quote
    const total = q?.totalMinor ?? this.estimateMinor
    return html`<section class="stack" aria-label="Payment">
      <dl class="figures">
        ${q && q.discountMinor > 0 ? html`<dt>Before discounts</dt><dd>${formatMoney(q.grossMinor)}</dd><dt>Discounts</dt><dd class="positive">−${formatMoney(q.discountMinor)}</dd>` : nothing}
        ${q?.vat.map((v) => html`<dt class="small">VAT ${v.ratePercent}% on ${formatMoney(v.grossMinor)}</dt><dd class="small">${formatMoney(v.vatMinor)}</dd>`)}
      </dl>
      <div class="total-row"><span>Total</span><strong class="total money" data-total=${total}>${formatMoney(total)}</strong></div>
      ${this.tenders.length ? html`<ul class="paid" aria-label="Payments taken">${this.tenders.map((t, i) => html`<li>
        <span>${METHOD_LABEL[t.method] ?? t.method}${t.reference ? html` <span class="muted small">${t.reference}</span>` : nothing}</span>
        <span class="money">${formatMoney(t.amountMinor)}</span>
        <button class="btn btn-ghost remove" aria-label="Remove this payment" @click=${() => this.#emit('tender-remove', { index: i })}>✕</button>
      </li>`)}</ul>` : nothing}
      <div class="total-row due"><span>To pay</span><strong class="money" data-remaining=${this.#remaining}>${formatMoney(this.#remaining)}</strong></div>
      ${this.#entry()}
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
    </section>`
  }

  #entry() {
    const disabled = this.disabled || this.#remaining === 0
    return html`<div class="tabs" role="tablist" aria-label="Payment method">
        ${(['cash', 'card', 'voucher'] as const).map((m) => html`<button role="tab" class="btn tab" aria-selected=${this.method === m} @click=${() => { this.method = m; this.error = '' }}>${METHOD_LABEL[m]}</button>`)}
      </div>
      <form class="entry stack" @submit=${this.#submit} ?inert=${disabled}>
        ${this.method === 'cash' ? html`<div class="quick row" aria-label="Quick cash">${(this.quote?.quickCashMinor ?? []).map((a) => html`<button type="button" class="btn quick-cash" data-amount=${a} ?disabled=${disabled} @click=${() => this.#add({ method: 'cash', amountMinor: a })}>${formatMoney(a)}</button>`)}</div>` : nothing}
        ${this.method === 'voucher' ? html`<input name="reference" autocomplete="off" aria-label="Voucher code" placeholder="Scan or type the voucher code" ?disabled=${disabled} required />` : nothing}
        <div class="row">
          <input name="amount" class="grow" inputmode="decimal" autocomplete="off" aria-label="${METHOD_LABEL[this.method]} amount (£)" placeholder=${poundsText(this.#remaining)} ?disabled=${disabled} />
          ${this.method === 'card' ? html`<input name="reference" class="grow" autocomplete="off" aria-label="Terminal reference" placeholder="Terminal ref." ?disabled=${disabled} />` : nothing}
          <button class="btn btn-primary take" type="submit" ?disabled=${disabled}>${this.method === 'cash' ? 'Take cash' : this.method === 'card' ? 'Card paid' : 'Use voucher'}</button>
        </div>
      </form>`
  }

  #submit(event: Event) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const text = String(data.get('amount') ?? '').trim()
    const amount = text === '' ? this.#remaining : parsePounds(text)
    if (amount === undefined || amount <= 0) return void (this.error = 'Enter an amount like 20 or 12.50')
    const reference = String(data.get('reference') ?? '').trim()
    if (this.method === 'voucher') {
      this.#emit('voucher-use', { code: reference, ...(text === '' ? {} : { amountMinor: amount }) })
    } else {
      if (this.method === 'card' && amount > this.#remaining) return void (this.error = 'A card payment can’t be more than is due')
      this.#add({ method: this.method, amountMinor: amount, ...(reference ? { reference } : {}) })
    }
    form.reset()
  }

  #add(tender: TenderInput) {
    this.error = ''
    this.#emit('tender-add', { tender })
  }

  #emit(type: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }

  static override styles = [
    baseStyles,
    tillStyles,
    css`
      :host { display: block; }
      .small { font-size: 0.85rem; }
      .total-row { display: flex; justify-content: space-between; align-items: baseline; font-size: 1.1rem; }
      .total { font-size: 2rem; }
      .due strong { font-size: 1.4rem; }
      .paid { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.2rem; }
      .paid li { display: grid; grid-template-columns: 1fr auto auto; align-items: center; gap: 0.5rem; }
      .remove { min-height: 36px; padding: 0 0.6rem; }
      .tabs { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.4rem; }
      .tab[aria-selected='true'] { background: var(--pos-primary-soft); border-color: var(--pos-primary); color: var(--pos-primary); }
      .quick { flex-wrap: wrap; }
      .quick-cash { flex: 1; min-width: 5.5rem; font-size: 1.05rem; }
      form[inert] { opacity: 0.55; }
    `,
  ]
}

customElements.define('pos-tender-panel', PosTenderPanel)

declare global {
  interface HTMLElementTagNameMap {
    'pos-tender-panel': PosTenderPanel
  }
}

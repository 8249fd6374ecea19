import { LitElement, css, html, nothing } from 'lit'
import type { SaleLine } from '../../../appliance/api/contract.js'
import { formatMoney } from '../../data/format.js'
import { baseStyles } from '../../components/styles.js'
import { parsePounds, poundsText, type BasketLine } from '../../till/basket.js'
import { tillStyles } from './till-styles.js'

/** `line-change` detail: what to do to one line. */
export type LineChange =
  | { id: string; kind: 'quantity'; quantity: number }
  | { id: string; kind: 'remove'; reason: string }
  | { id: string; kind: 'discount'; discount: { percent?: number; amountMinor?: number; reason: string } | null }
  | { id: string; kind: 'override'; override: { unitPriceMinor: number; reason: string } | null }

export const VOID_REASONS = ['Scanned twice', 'Customer changed their mind', 'Wrong item', 'Price dispute']

/**
 * The basket's lines: name, quantity (− / + or typed), price and total as the appliance
 * priced them (an estimate until it answers). Selecting a line opens its editor: discount
 * (percent or amount, with a reason), price override, or remove with a reason (a void).
 * Fires `line-change`; the sale screen owns the basket.
 */
export class PosBasketLines extends LitElement {
  static override properties = {
    lines: { attribute: false },
    priced: { attribute: false },
    locked: { type: Boolean },
    selected: { state: true },
    mode: { state: true },
    error: { state: true },
  }

  declare lines: BasketLine[]
  declare priced: SaleLine[] | undefined
  declare locked: boolean
  declare selected: string | null
  declare mode: 'menu' | 'discount' | 'override' | 'remove'
  declare error: string

  constructor() {
    super()
    this.lines = []
    this.priced = undefined
    this.locked = false
    this.selected = null
    this.mode = 'menu'
    this.error = ''
  }

  override render() {
    if (this.lines.length === 0) return html`<p class="empty muted" role="status">Scan an item, or search by name or SKU.</p>`
    return html`<ol class="lines" aria-label="Basket">${this.lines.map((line, i) => this.#line(line, this.priced?.[i]))}</ol>`
  }

  #line(line: BasketLine, priced: SaleLine | undefined) {
    const quantity = line.request.quantity ?? 1
    const open = this.selected === line.id
    const total = priced?.totalMinor ?? line.estimateMinor
    return html`<li class="line ${open ? 'open' : ''}" data-sku=${line.request.sku ?? ''} data-line=${line.id}>
      <button class="name" ?disabled=${this.locked} aria-expanded=${open} @click=${() => this.#select(line.id)}>
        <strong>${priced?.name ?? line.name}</strong>
        <span class="muted small">${priced?.weightGrams && priced.pricePerKgMinor !== null ? `${priced.weightGrams / 1000} kg @ ${formatMoney(priced.pricePerKgMinor)}/kg` : formatMoney(priced?.unitPriceMinor ?? Math.round(line.estimateMinor / quantity))}${
          priced && priced.discountMinor > 0 ? html` · <span class="discount">−${formatMoney(priced.discountMinor)}</span>` : nothing}${
          priced?.overrideReason ? html` · <span class="badge badge-warning">price changed</span>` : nothing}</span>
      </button>
      ${line.request.sku !== undefined ? html`<div class="qty" role="group" aria-label="Quantity of ${line.name}">
        <button class="btn step" aria-label="One fewer" ?disabled=${this.locked || quantity <= 1} @click=${() => this.#emit({ id: line.id, kind: 'quantity', quantity: quantity - 1 })}>−</button>
        <input class="qty-input" inputmode="numeric" aria-label="Quantity" .value=${String(quantity)} ?disabled=${this.locked}
          @input=${(e: Event) => this.#typedQuantity(line.id, quantity, (e.target as HTMLInputElement).value)}
          @change=${() => this.requestUpdate()} />
        <button class="btn step" aria-label="One more" ?disabled=${this.locked} @click=${() => this.#emit({ id: line.id, kind: 'quantity', quantity: quantity + 1 })}>+</button>
      </div>` : html`<span class="qty muted">1</span>`}
      <span class="total num">${formatMoney(total)}</span>
      ${open && !this.locked ? this.#editor(line) : nothing}
    </li>`
  }

  #editor(line: BasketLine) {
    const cancel = html`<button type="button" class="btn btn-ghost" @click=${() => this.#select(null)}>Cancel</button>`
    if (this.mode === 'remove') {
      return html`<div class="editor" role="group" aria-label="Why remove it?">
        <span class="label">Why remove it?</span>
        <div class="row">${VOID_REASONS.map((r) => html`<button class="btn reason" @click=${() => this.#emit({ id: line.id, kind: 'remove', reason: r })}>${r}</button>`)}${cancel}</div>
      </div>`
    }
    if (this.mode === 'discount' || this.mode === 'override') {
      const discount = this.mode === 'discount'
      return html`<form class="editor" @submit=${(e: Event) => this.#apply(e, line)}>
        <div class="row">
          ${discount ? html`<select name="kind" aria-label="Discount kind"><option value="percent">% off</option><option value="amount">£ off</option></select>` : nothing}
          <input name="value" inputmode="decimal" autocomplete="off" aria-label=${discount ? 'Discount' : 'New unit price (£)'} placeholder=${discount ? '10' : poundsText(line.estimateMinor)} required />
          <input name="reason" autocomplete="off" aria-label="Reason" placeholder="Reason (e.g. damaged box)" required />
          <button class="btn btn-primary" type="submit">Apply</button>
          ${(discount ? line.request.discount : line.request.priceOverride) ? html`<button type="button" class="btn" @click=${() => this.#emit(discount ? { id: line.id, kind: 'discount', discount: null } : { id: line.id, kind: 'override', override: null })}>Clear</button>` : nothing}
          ${cancel}
        </div>
        ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      </form>`
    }
    return html`<div class="editor row">
      ${line.request.giftCard ? nothing : html`<button class="btn" @click=${() => (this.mode = 'discount')}>Discount</button>
      <button class="btn" @click=${() => (this.mode = 'override')}>Change price</button>`}
      <button class="btn danger" @click=${() => (this.mode = 'remove')}>Remove</button>
      ${cancel}
    </div>`
  }

  #select(id: string | null) {
    this.selected = this.selected === id ? null : id
    this.mode = 'menu'
    this.error = ''
  }

  /** Takes a typed quantity as soon as it is a whole number 1–9999; anything else waits (and resets on leaving the field). */
  #typedQuantity(id: string, current: number, text: string) {
    const quantity = Number(text)
    if (text.trim() !== '' && Number.isInteger(quantity) && quantity >= 1 && quantity <= 9999 && quantity !== current) this.#emit({ id, kind: 'quantity', quantity })
  }

  #apply(event: Event, line: BasketLine) {
    event.preventDefault()
    const form = new FormData(event.target as HTMLFormElement)
    const value = String(form.get('value') ?? '').trim()
    const reason = String(form.get('reason') ?? '').trim()
    if (this.mode === 'override') {
      const price = parsePounds(value)
      if (price === undefined) return void (this.error = 'Enter a price like 4.99')
      return this.#emit({ id: line.id, kind: 'override', override: { unitPriceMinor: price, reason } })
    }
    if (form.get('kind') === 'amount') {
      const amount = parsePounds(value)
      if (amount === undefined || amount === 0) return void (this.error = 'Enter an amount like 2.50')
      return this.#emit({ id: line.id, kind: 'discount', discount: { amountMinor: amount, reason } })
    }
    const percent = Number(value.replace('%', ''))
    if (!Number.isFinite(percent) || percent <= 0) return void (this.error = 'Enter a percentage like 10')
    this.#emit({ id: line.id, kind: 'discount', discount: { percent, reason } })
  }

  #emit(detail: LineChange) {
    if (detail.kind !== 'quantity') this.selected = null
    this.dispatchEvent(new CustomEvent<LineChange>('line-change', { detail, bubbles: true, composed: true }))
  }

  static override styles = [
    baseStyles,
    tillStyles,
    css`
      :host { display: block; }
      .empty { padding: 2rem 1rem; text-align: center; }
      .lines { list-style: none; margin: 0; padding: 0; }
      .line {
        display: grid; grid-template-columns: 1fr auto 6.5rem; gap: 0.5rem 0.75rem; align-items: center;
        padding: 0.45rem 0.25rem; border-bottom: 1px solid var(--pos-border);
      }
      .line.open { background: var(--pos-primary-soft); }
      .name { all: unset; cursor: pointer; display: grid; gap: 0.1rem; min-height: 44px; padding: 0 0.5rem; border-radius: 8px; }
      .name:focus-visible { box-shadow: var(--pos-focus); }
      .small { font-size: 0.85rem; }
      .discount { color: var(--pos-success); font-weight: 600; }
      .qty { display: flex; align-items: center; gap: 0.3rem; }
      .step { min-width: 44px; padding: 0; font-size: 1.3rem; }
      .qty-input { width: 3.5rem; text-align: center; padding: 0; }
      .total { font-weight: 650; font-size: 1.05rem; }
      .editor { grid-column: 1 / -1; display: grid; gap: 0.5rem; padding: 0.4rem 0.5rem 0.6rem; }
      .editor .row { flex-wrap: wrap; }
      .editor input[name='value'] { width: 7rem; }
      .editor input[name='reason'] { flex: 1; min-width: 12rem; }
      .editor select { width: auto; }
      .danger { color: var(--pos-danger); border-color: rgb(180 35 24 / 40%); }
    `,
  ]
}

customElements.define('pos-basket-lines', PosBasketLines)

declare global {
  interface HTMLElementTagNameMap {
    'pos-basket-lines': PosBasketLines
  }
}

import { LitElement, css, html, nothing } from 'lit'
import type { ScanAnswer } from '../../../appliance/api/contract.js'
import { formatMoney } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'

export interface ExchangeItem {
  sku: string
  name: string
  unitPriceMinor: number
  quantity: number
}

export interface ExchangeItemsDetail {
  items: ExchangeItem[]
}

/** Returned units' value by the appliance's rule: a line's total shared over its units, earlier units taking the odd pennies. */
export function unitsValue(totalMinor: number, quantity: number, alreadyReturned: number, units: number): number {
  const base = Math.floor(totalMinor / quantity)
  const extra = totalMinor - base * quantity
  let value = 0
  for (let k = alreadyReturned; k < alreadyReturned + units; k++) value += base + (k < extra ? 1 : 0)
  return value
}

/**
 * The new items of an exchange (or the items brought back without a receipt): scan or type each one (the till's own scan lookup), change
 * how many, take one off. Fires `items-change` with the list.
 */
export class PosExchangeItems extends LitElement {
  static override properties = {
    services: { attribute: false },
    label: { type: String },
    items: { state: true },
    error: { state: true },
    busy: { state: true },
  }

  declare services: AppServices | undefined
  declare label: string
  declare items: ExchangeItem[]
  declare error: unknown
  declare busy: boolean

  constructor() {
    super()
    this.services = undefined
    this.label = 'New item: scan or type a barcode or SKU'
    this.items = []
    this.error = undefined
    this.busy = false
    consumeServices(this)
  }

  async add(code: string): Promise<void> {
    if (!this.services || !code.trim()) return
    this.busy = true
    this.error = undefined
    try {
      const answer = await this.services.api.get<ScanAnswer>(`/api/sales/scan?code=${encodeURIComponent(code.trim())}`)
      if (answer.kind !== 'product') throw new Error(`${code} is not a product`)
      const existing = this.items.find((i) => i.sku === answer.product.sku)
      this.#set(existing
        ? this.items.map((i) => (i === existing ? { ...i, quantity: i.quantity + 1 } : i))
        : [...this.items, { sku: answer.product.sku, name: answer.product.name, unitPriceMinor: answer.unitPriceMinor, quantity: 1 }])
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  #set(items: ExchangeItem[]) {
    this.items = items.filter((i) => i.quantity > 0)
    this.dispatchEvent(new CustomEvent<ExchangeItemsDetail>('items-change', { detail: { items: this.items }, bubbles: true, composed: true }))
  }

  override render() {
    return html`<div class="exchange">
      <form class="add" @submit=${(e: Event) => {
        e.preventDefault()
        const input = this.renderRoot.querySelector<HTMLInputElement>('#new-item')
        void this.add(input?.value ?? '').then(() => input && (input.value = ''))
      }}>
        <label for="new-item">${this.label}</label>
        <div class="row"><input id="new-item" autocomplete="off" ?disabled=${this.busy} /><button class="btn" type="submit" ?disabled=${this.busy}>Add</button></div>
      </form>
      ${this.error ? errorAlert(this.error) : nothing}
      ${this.items.length ? html`<ul class="items">${this.items.map((i) => html`<li data-sku=${i.sku}>
        <span>${i.name}</span>
        <input class="qty" type="number" min="0" .value=${String(i.quantity)} aria-label="How many ${i.name}"
          @input=${(e: Event) => this.#set(this.items.map((x) => (x.sku === i.sku ? { ...x, quantity: Math.max(0, Number((e.target as HTMLInputElement).value) || 0) } : x)))} />
        <span class="num">${formatMoney(i.unitPriceMinor * i.quantity)}</span>
      </li>`)}</ul>` : nothing}
    </div>`
  }

  static override styles = [baseStyles, feedbackStyles, css`
    :host { display: block; }
    .exchange, .add { display: grid; gap: 0.5rem; }
    .add .row input { flex: 1; }
    .items { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.4rem; }
    .items li { display: grid; grid-template-columns: 1fr 6rem 6rem; gap: 0.75rem; align-items: center; }
  `]
}

customElements.define('pos-exchange-items', PosExchangeItems)

declare global {
  interface HTMLElementTagNameMap {
    'pos-exchange-items': PosExchangeItems
  }
}

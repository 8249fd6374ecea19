import { LitElement, css, html, nothing } from 'lit'
import type { ReturnConditionDto, ReturnDto } from '../../../appliance/api/contract.js'
import { getReturn, receiveReturn } from '../../data/orders.js'
import { formatMoney } from '../../data/format.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'

const REFUNDED_BY: Record<string, string> = {
  cash: 'cash', card: 'card', voucher: 'gift card', channel: 'the website', 'store-credit': 'store credit', exchange: 'exchange',
}

/**
 * Receiving a return sent by post (authorised on the order's page, with a returns label):
 * find it by its R-number (scanned from the label or typed), say what arrived and in what
 * condition — sellable back to stock, damaged to quarantine, or written off — and refund it
 * to what paid or as store credit. The appliance moves the stock once and pays the refund.
 */
export class PosRmaDesk extends LitElement {
  static override properties = {
    services: { attribute: false },
    rma: { state: true },
    busy: { state: true },
    error: { state: true },
    received: { state: true },
  }

  declare services: AppServices | undefined
  declare rma: ReturnDto | undefined
  declare busy: boolean
  declare error: unknown
  declare received: ReturnDto | undefined

  readonly #keys = new IdempotencyKeys()

  constructor() {
    super()
    this.services = undefined
    this.rma = undefined
    this.busy = false
    this.error = undefined
    this.received = undefined
    consumeServices(this)
  }

  async #find(event: Event) {
    event.preventDefault()
    const ref = this.renderRoot.querySelector<HTMLInputElement>('#rma')?.value.trim().toUpperCase()
    if (!this.services || !ref) return
    this.error = undefined
    this.received = undefined
    try {
      const found = await getReturn(this.services.api, ref)
      if (found.kind !== 'rma' || found.status !== 'authorised') {
        this.rma = undefined
        this.error = new Error(`${found.number} is ${found.status === 'completed' ? 'received already' : `a ${found.kind === 'rma' ? found.status : 'desk'} return`}: nothing to receive`)
        return
      }
      this.rma = found
    } catch (error) {
      this.rma = undefined
      this.error = error
    }
  }

  async #receive(event: Event) {
    event.preventDefault()
    const rma = this.rma
    if (!this.services || !rma || this.busy) return
    const row = (sku: string, selector: string) => this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`tr[data-sku="${CSS.escape(sku)}"] ${selector}`)?.value ?? ''
    const lines = rma.lines.flatMap((l) => {
      const quantity = Number(row(l.sku, '.received')) || 0
      return quantity > 0 ? [{ sku: l.sku, quantity, condition: (row(l.sku, '.condition') || 'sellable') as ReturnConditionDto }] : []
    })
    if (lines.length === 0) {
      this.error = new Error('Say how many of the items arrived')
      return
    }
    const method = this.renderRoot.querySelector<HTMLSelectElement>('#rma-refund')?.value === 'store-credit' ? 'store-credit' : 'original'
    const body = { lines, refund: { method } as const }
    this.busy = true
    this.error = undefined
    try {
      this.received = await receiveReturn(this.services.api, rma.id, body, this.#keys.keyFor([rma.id, body]))
      this.#keys.settle()
      this.rma = undefined
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  override render() {
    const r = this.rma
    const done = this.received
    return html`<div class="card rma-desk">
      <form class="find-rma" @submit=${this.#find}>
        <label for="rma">A return by post arrived? Its R-number from the label</label>
        <div class="row"><input id="rma" autocomplete="off" placeholder="R-000123" /><button class="btn" type="submit">Find return</button></div>
      </form>
      ${this.error ? errorAlert(this.error) : nothing}
      ${done ? successAlert(html`<span class="rma-received">Return ${done.number} received: ${formatMoney(done.refundMinor)} refunded${done.refunds.length ? ` by ${done.refunds.map((f) => REFUNDED_BY[f.method] ?? f.method).join(', ')}` : ''}</span>`) : nothing}
      ${r ? html`<form class="receive" @submit=${this.#receive}>
        <h2>${r.number}${r.orderNumber ? ` · order ${r.orderNumber}` : ''}</h2>
        <table><thead><tr><th scope="col">Item</th><th scope="col" class="num">Authorised</th><th scope="col" class="num">Arrived</th><th scope="col">Condition</th></tr></thead>
          <tbody>${r.lines.map((l) => html`<tr data-sku=${l.sku}>
            <td>${l.name ?? l.sku}<div class="muted mono">${l.sku} · ${l.reason.replace(/-/g, ' ')}</div></td>
            <td class="num">${l.quantity}</td>
            <td class="num"><input class="received" type="number" min="0" max=${l.quantity - l.receivedQuantity} .value=${String(l.quantity - l.receivedQuantity)} aria-label="How many ${l.name ?? l.sku} arrived" /></td>
            <td><select class="condition" aria-label="Condition of ${l.name ?? l.sku}">
              <option value="sellable">Sellable: back to stock</option><option value="damaged">Damaged: quarantine</option><option value="write-off">Write off</option></select></td>
          </tr>`)}</tbody></table>
        <div class="row"><label for="rma-refund">Refund</label>
          <select id="rma-refund"><option value="original">To what paid</option><option value="store-credit">As store credit</option></select>
          <button class="btn btn-primary receive-button" type="submit" ?disabled=${this.busy}>Receive and refund</button></div>
      </form>` : nothing}
    </div>`
  }

  static override styles = [baseStyles, feedbackStyles, css`
    :host { display: block; }
    .card { display: grid; gap: 0.75rem; }
    form { display: grid; gap: 0.5rem; }
    .row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    .received { width: 5rem; }
    .num { text-align: right; }
    h2 { margin: 0; }
  `]
}

customElements.define('pos-rma-desk', PosRmaDesk)

declare global {
  interface HTMLElementTagNameMap {
    'pos-rma-desk': PosRmaDesk
  }
}

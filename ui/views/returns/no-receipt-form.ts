import { LitElement, css, html, nothing } from 'lit'
import type { ReturnConditionDto, ReturnDto, ReturnOptionsDto, ReturnRequest } from '../../../appliance/api/contract.js'
import { ApiError } from '../../data/api.js'
import { createReturn } from '../../data/orders.js'
import { formatMoney } from '../../data/format.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import type { ApprovalGrantedDetail } from '../stock/approval-prompt.js'
import '../stock/approval-prompt.js'
import type { ExchangeItem, ExchangeItemsDetail } from './exchange-items.js'
import './exchange-items.js'

export interface ReturnDoneDetail {
  result: ReturnDto
}

/**
 * A return without a receipt: the items scanned in, one reason and condition, store credit at
 * the shelf price up to the shop's limit — always with a manager's approval on this screen.
 * Fires `return-done` with the appliance's answer.
 */
export class PosNoReceiptReturn extends LitElement {
  static override properties = {
    services: { attribute: false },
    options: { attribute: false },
    items: { state: true },
    reason: { state: true },
    condition: { state: true },
    busy: { state: true },
    error: { state: true },
    approval: { state: true },
  }

  declare services: AppServices | undefined
  declare options: ReturnOptionsDto | undefined
  declare items: ExchangeItem[]
  declare reason: string
  declare condition: ReturnConditionDto
  declare busy: boolean
  declare error: unknown
  declare approval: { action: string; reason: string } | undefined

  readonly #keys = new IdempotencyKeys()

  constructor() {
    super()
    this.services = undefined
    this.options = undefined
    this.items = []
    this.reason = ''
    this.condition = 'sellable'
    this.busy = false
    this.error = undefined
    this.approval = undefined
    consumeServices(this)
  }

  #total = () => this.items.reduce((s, i) => s + i.unitPriceMinor * i.quantity, 0)

  async #submit(token?: string) {
    if (!this.services || this.busy || this.items.length === 0) return
    const reason = this.reason || this.options?.reasons[0] || 'changed-mind'
    const request: ReturnRequest = {
      noReceipt: true, lines: this.items.map((i) => ({ sku: i.sku, quantity: i.quantity, reason, condition: this.condition })),
      refund: { method: 'store-credit' }, ...(token ? { approvalToken: token } : {}),
    }
    this.busy = true
    this.error = undefined
    try {
      const result = await createReturn(this.services.api, request, this.#keys.keyFor(request))
      this.#keys.settle()
      this.approval = undefined
      this.dispatchEvent(new CustomEvent<ReturnDoneDetail>('return-done', { detail: { result }, bubbles: true, composed: true }))
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable) this.#keys.settle()
      if (error instanceof ApiError && error.code === 'approval_required') this.approval = { action: String(error.problem.action ?? 'return.no_receipt'), reason: error.detail }
      else this.error = error
    } finally {
      this.busy = false
    }
  }

  override render() {
    const limit = this.options?.noReceiptLimitMinor
    return html`<div class="card no-receipt">
      <h2>No receipt</h2>
      <p class="muted">Store credit only, at the shelf price${limit !== undefined ? `, up to ${formatMoney(limit)}` : ''}. A manager approves every return without a receipt.</p>
      <pos-exchange-items .services=${this.services} label="Item brought back: scan or type a barcode or SKU"
        @items-change=${(e: CustomEvent<ExchangeItemsDetail>) => (this.items = e.detail.items)}></pos-exchange-items>
      <div class="row">
        <label>Reason <select class="reason" @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value)}>
          ${(this.options?.reasons ?? []).map((r) => html`<option value=${r}>${r.replace(/-/g, ' ')}</option>`)}</select></label>
        <label>Condition <select class="condition" @change=${(e: Event) => (this.condition = (e.target as HTMLSelectElement).value as ReturnConditionDto)}>
          <option value="sellable">Sellable</option><option value="damaged">Damaged: to quarantine</option><option value="write-off">Write off</option></select></label>
      </div>
      ${this.approval ? html`<pos-approval-prompt .services=${this.services} action=${this.approval.action} reason=${this.approval.reason}
        @approval-granted=${(e: CustomEvent<ApprovalGrantedDetail>) => this.#submit(e.detail.grant.token)}
        @approval-cancelled=${() => (this.approval = undefined)}></pos-approval-prompt>` : html`
        <button type="button" class="btn btn-primary btn-large credit" ?disabled=${this.items.length === 0 || this.busy} @click=${() => this.#submit()}>
          ${this.items.length === 0 ? 'Scan the items first' : `Give ${formatMoney(this.#total())} store credit`}</button>`}
      ${this.error ? errorAlert(this.error) : nothing}
    </div>`
  }

  static override styles = [baseStyles, feedbackStyles, css`
    :host { display: block; }
    .card { display: grid; gap: 1rem; }
    .row label { display: grid; gap: 0.3rem; }
  `]
}

customElements.define('pos-no-receipt-return', PosNoReceiptReturn)

declare global {
  interface HTMLElementTagNameMap {
    'pos-no-receipt-return': PosNoReceiptReturn
  }
}

import { LitElement, css, html, nothing } from 'lit'
import { Task } from '@lit/task'
import type { AdjustmentRequest, AdjustmentResult, StockLevelDto } from '../../../appliance/api/contract.js'
import { ApiError } from '../../data/api.js'
import { formatCount, formatSigned } from '../../data/format.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { adjustStock, listLocations } from '../../data/stock.js'
import { errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import type { ApprovalGrantedDetail } from './approval-prompt.js'
import './approval-prompt.js'

export interface StockAdjustedDetail {
  result: AdjustmentResult
}

type Field = 'location' | 'quantity' | 'reason'
const REASONS = ['Damaged', 'Found in store', 'Count correction', 'Theft or loss', 'Returned to supplier']

/**
 * Records a stock adjustment (`POST /api/stock/adjustments`) with an idempotency key that
 * is reused when the same adjustment is retried. A 403 `approval_required` opens an inline
 * manager-approval prompt, then resends with the approval token. Fires `stock-adjusted`.
 */
export class PosStockAdjustment extends LitElement {
  static override properties = {
    services: { attribute: false },
    sku: { type: String },
    levels: { attribute: false },
    location: { state: true },
    quantity: { state: true },
    reason: { state: true },
    busy: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    done: { state: true },
    approval: { state: true },
  }

  declare services: AppServices | undefined
  declare sku: string
  declare levels: StockLevelDto[]
  declare location: string
  declare quantity: string
  declare reason: string
  declare busy: boolean
  declare error: unknown
  declare fieldErrors: Partial<Record<Field, string>>
  declare done: string | undefined
  /** The adjustment waiting for a manager, and why. */
  declare approval: { request: AdjustmentRequest; reason: string } | undefined

  #keys = new IdempotencyKeys()
  /** The last request that failed in a way worth retrying unchanged. */
  #retry: AdjustmentRequest | undefined
  #locations = new Task(this, {
    task: async ([services]) => (services ? listLocations(services.api) : []),
    args: () => [this.services] as const,
  })

  constructor() {
    super()
    this.services = undefined
    this.sku = ''
    this.levels = []
    this.location = ''
    this.quantity = ''
    this.reason = ''
    this.busy = false
    this.error = undefined
    this.fieldErrors = {}
    this.done = undefined
    this.approval = undefined
  }

  override render() {
    const locations = this.#locations.value ?? []
    const location = this.location || locations.find((l) => l.sellable)?.id || locations[0]?.id || ''
    const fe = this.fieldErrors
    return html`<form class="card" novalidate aria-labelledby="adjust-title" @submit=${this.#onSubmit} @input=${this.#onEdit}>
      <h2 id="adjust-title">Adjust stock</h2>
      <div class="field">
        <label for="location">Location</label>
        <select id="location" .value=${location} ?disabled=${this.busy} aria-invalid=${fe.location ? 'true' : 'false'}
          aria-describedby="location-error" @change=${(e: Event) => (this.location = (e.target as HTMLSelectElement).value)}>
          ${locations.map((l) => html`<option value=${l.id} ?selected=${l.id === location}>${l.name}</option>`)}
        </select>
        ${this.#fieldError('location')}
        ${this.#locations.render({ error: (e) => errorAlert(e) })}
      </div>
      <div class="field">
        <label for="quantity">Change in quantity</label>
        <div class="qty">
          <button type="button" class="btn sign" aria-label="Switch between adding and removing" ?disabled=${this.busy}
            @click=${this.#flipSign}>±</button>
          <input id="quantity" inputmode="numeric" autocomplete="off" placeholder="e.g. -2 or 5" .value=${this.quantity}
            ?disabled=${this.busy} aria-invalid=${fe.quantity ? 'true' : 'false'} aria-describedby="quantity-hint quantity-error"
            @input=${(e: Event) => (this.quantity = (e.target as HTMLInputElement).value)} />
        </div>
        <span id="quantity-hint" class="hint">${this.#preview(location)}</span>
        ${this.#fieldError('quantity')}
      </div>
      <div class="field">
        <label for="reason">Reason</label>
        <input id="reason" list="reasons" autocomplete="off" placeholder="Why is stock changing?" .value=${this.reason}
          ?disabled=${this.busy} aria-invalid=${fe.reason ? 'true' : 'false'} aria-describedby="reason-error" required
          @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} />
        <datalist id="reasons">${REASONS.map((r) => html`<option value=${r}></option>`)}</datalist>
        ${this.#fieldError('reason')}
      </div>
      ${this.approval
        ? html`<pos-approval-prompt .services=${this.services} action="stock.adjust" reason=${this.approval.reason}
            @approval-granted=${this.#onApproved} @approval-cancelled=${this.#onApprovalCancelled}></pos-approval-prompt>`
        : html`<button class="btn btn-primary btn-large" type="submit" ?disabled=${this.busy}>
            ${this.busy ? 'Recording…' : 'Record adjustment'}</button>`}
      ${this.error ? errorAlert(this.error, this.#retry
        ? html`<button type="button" class="btn retry" @click=${this.#onRetry}>Try again</button>` : undefined) : nothing}
      ${this.done ? successAlert(this.done) : nothing}
    </form>`
  }

  #fieldError(field: Field) {
    const message = this.fieldErrors[field]
    return html`<span id="${field}-error" class="field-error" ?hidden=${!message}>${message ?? ''}</span>`
  }

  #preview(location: string) {
    const level = this.levels.find((l) => l.location === location)
    const change = parseQuantity(this.quantity)
    if (!level) return 'Positive adds stock, negative removes it.'
    if (change === undefined || change === 0) return `${formatCount(level.onHand)} on hand at ${level.locationName}.`
    return `On hand at ${level.locationName}: ${formatCount(level.onHand)} → ${formatCount(level.onHand + change)}`
  }

  #flipSign() {
    const q = this.quantity.trim()
    this.quantity = q.startsWith('-') ? q.slice(1) : `-${q.replace(/^\+/, '')}`
    this.renderRoot.querySelector<HTMLInputElement>('#quantity')?.focus()
  }

  #onEdit() {
    this.done = undefined
  }

  #onSubmit(event: Event) {
    event.preventDefault()
    const locations = this.#locations.value ?? []
    const location = this.location || locations.find((l) => l.sellable)?.id || locations[0]?.id || ''
    const quantity = parseQuantity(this.quantity)
    const reason = this.reason.trim()
    const errors: Partial<Record<Field, string>> = {}
    if (!location) errors.location = 'Choose a location.'
    if (quantity === undefined || quantity === 0) errors.quantity = 'Enter a whole number other than 0, e.g. -2 or 5.'
    if (!reason) errors.reason = 'Say why the stock is changing.'
    this.fieldErrors = errors
    this.error = undefined
    const first = Object.keys(errors)[0]
    if (first || quantity === undefined) {
      this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus()
      return
    }
    void this.#send({ sku: this.sku, location, quantity, reason })
  }

  #onRetry() {
    if (this.#retry) void this.#send(this.#retry)
  }

  #onApproved(event: CustomEvent<ApprovalGrantedDetail>) {
    const request = this.approval?.request
    if (!request) return
    void this.#send({ ...request, approvalToken: event.detail.grant.token }, event.detail.grant.approvedBy)
  }

  #onApprovalCancelled() {
    this.approval = undefined
  }

  async #send(request: AdjustmentRequest, approvedBy?: string) {
    if (!this.services || this.busy) return
    this.busy = true
    this.error = undefined
    this.done = undefined
    this.#retry = undefined
    try {
      const result = await adjustStock(this.services.api, request, this.#keys.keyFor(request))
      this.#keys.settle()
      this.approval = undefined
      this.quantity = ''
      this.reason = ''
      const where = this.#locationName(request.location)
      this.done = `Recorded ${formatSigned(request.quantity)} at ${where}: now ${formatCount(result.level.onHand)} on hand${approvedBy ? ` (approved by ${approvedBy})` : ''}.`
      this.dispatchEvent(new CustomEvent<StockAdjustedDetail>('stock-adjusted', { detail: { result }, bubbles: true, composed: true }))
    } catch (error) {
      this.#onSendError(error, request)
    } finally {
      this.busy = false
    }
  }

  #locationName(id: string): string {
    return this.levels.find((l) => l.location === id)?.locationName ?? this.#locations.value?.find((l) => l.id === id)?.name ?? id
  }

  #onSendError(error: unknown, request: AdjustmentRequest) {
    if (error instanceof ApiError && error.retryable) {
      this.#retry = request
      this.error = error
      return
    }
    this.#keys.settle()
    if (error instanceof ApiError && error.code === 'approval_required' && !request.approvalToken) {
      this.approval = { request, reason: error.detail }
      return
    }
    this.approval = undefined
    const field = error instanceof ApiError ? error.field : undefined
    if (field === 'location' || field === 'quantity' || field === 'reason') {
      this.fieldErrors = { [field]: (error as ApiError).detail }
    } else {
      this.error = error
    }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      form { display: grid; gap: 1rem; }
      form > h2 { margin-bottom: 0; }
      .qty { display: flex; gap: 0.5rem; }
      .sign { flex: none; width: var(--pos-target); padding: 0; font-size: 1.3rem; }
      .retry { justify-self: start; background: var(--pos-surface); }
    `,
  ]
}

/** "-2", "+5", "5" → number; anything else (blank, 1.5, "two") → undefined. */
export function parseQuantity(text: string): number | undefined {
  const t = text.trim().replace(/^\u2212/, '-')
  return /^[+-]?\d{1,9}$/.test(t) ? Number(t) : undefined
}

customElements.define('pos-stock-adjustment', PosStockAdjustment)

declare global {
  interface HTMLElementTagNameMap {
    'pos-stock-adjustment': PosStockAdjustment
  }
}

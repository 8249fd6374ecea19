import { LitElement, html, nothing } from 'lit'
import type { PickExceptionReason, PickListDto, PickTaskDto } from '../../../appliance/api/fulfilment-contract.js'
import { openUnits, pickException } from '../../data/fulfilment.js'
import { ApiError } from '../../data/api.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import { fulfilStyles } from './fulfil-styles.js'

const TITLE: Record<PickExceptionReason, string> = { missing: 'Not in the bin', damaged: 'Damaged' }

/**
 * Confirms a pick exception: how many units could not be picked. The appliance adjusts the
 * stock with the reason (damaged goes to quarantine), releases or reallocates the order's
 * line and flags the order for customer contact. A retry after a lost answer reuses the
 * idempotency key, so it is never recorded twice. Fires `exception-done` with the updated list, or `exception-cancel`.
 */
export class PosPickException extends LitElement {
  static override properties = {
    services: { attribute: false },
    list: { attribute: false },
    task: { attribute: false },
    reason: { type: String },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare list: PickListDto | undefined
  declare task: PickTaskDto | undefined
  declare reason: PickExceptionReason
  readonly #keys = new IdempotencyKeys()
  declare busy: boolean
  declare error: unknown

  constructor() {
    super()
    this.services = undefined
    this.list = undefined
    this.task = undefined
    this.reason = 'missing'
    this.busy = false
    this.error = undefined
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('#units')?.focus()
  }

  override render() {
    const task = this.task
    if (!task) return nothing
    const left = openUnits(task)
    return html`<div class="modal-backdrop" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#cancel()}>
      <form class="modal" role="dialog" aria-modal="true" aria-labelledby="exc-title" @submit=${this.#submit}>
        <h2 id="exc-title">${TITLE[this.reason]}: ${task.name}</h2>
        <p class="muted">Bin ${task.bin ?? task.location} · order ${task.orderNumber}. The stock is adjusted and the order flagged for customer contact.</p>
        <label class="field">Units that can't be picked
          <input id="units" name="units" type="number" min="1" max=${left} .value=${String(left)} inputmode="numeric" required /></label>
        <label class="field">Note (optional)<input name="note" autocomplete="off" maxlength="200" /></label>
        ${this.error ? errorAlert(this.error) : nothing}
        <div class="row">
          <button type="button" class="btn btn-large" @click=${this.#cancel}>Cancel</button>
          <button type="submit" class="btn btn-primary btn-large confirm-exception" style="flex:1" ?disabled=${this.busy}>Record ${this.reason}</button>
        </div>
      </form>
    </div>`
  }

  #cancel = () => this.dispatchEvent(new CustomEvent('exception-cancel', { bubbles: true, composed: true }))

  async #submit(event: Event) {
    event.preventDefault()
    if (!this.services || !this.list || !this.task) return
    const data = new FormData(event.target as HTMLFormElement)
    const quantity = Number(data.get('units'))
    const left = openUnits(this.task)
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > left) {
      this.error = new Error(`Enter a whole number from 1 to ${left}.`)
      return
    }
    const note = String(data.get('note') ?? '').trim()
    this.busy = true
    this.error = undefined
    try {
      const body = { taskId: this.task.id, reason: this.reason, quantity, ...(note && { note }) }
      const list = await pickException(this.services.api, this.list.id, body, this.#keys.keyFor(body))
      this.#keys.settle()
      this.dispatchEvent(new CustomEvent<PickListDto>('exception-done', { detail: list, bubbles: true, composed: true }))
    } catch (error) {
      if (!(error instanceof ApiError && error.retryable)) this.#keys.settle()
      this.error = error
    } finally {
      this.busy = false
    }
  }

  static override styles = [baseStyles, feedbackStyles, fulfilStyles]
}

customElements.define('pos-pick-exception', PosPickException)

declare global {
  interface HTMLElementTagNameMap {
    'pos-pick-exception': PosPickException
  }
}

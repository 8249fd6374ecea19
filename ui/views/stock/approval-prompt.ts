import { LitElement, css, html, nothing } from 'lit'
import type { ApprovalGrant } from '../../../appliance/api/contract.js'
import { requestApproval } from '../../data/approvals.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import type { PinChangeDetail } from '../../components/pin-pad.js'
import { baseStyles } from '../../components/styles.js'
import '../../components/pin-pad.js'

export interface ApprovalGrantedDetail {
  grant: ApprovalGrant
}

/**
 * Inline manager approval: a manager types their staff ID and PIN on this screen
 * (`POST /api/approvals`). Fires `approval-granted` with the one-use token, or
 * `approval-cancelled`.
 */
export class PosApprovalPrompt extends LitElement {
  static override properties = {
    services: { attribute: false },
    action: { type: String },
    reason: { type: String },
    staff: { state: true },
    pin: { state: true },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  /** The action to approve, e.g. `stock.adjust`. */
  declare action: string
  /** Why approval is needed (the API's `detail`). */
  declare reason: string
  declare staff: string
  declare pin: string
  declare busy: boolean
  declare error: unknown

  constructor() {
    super()
    this.services = undefined
    this.action = ''
    this.reason = ''
    this.staff = ''
    this.pin = ''
    this.busy = false
    this.error = undefined
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('#approver')?.focus()
  }

  override render() {
    return html`<section class="approval" role="group" aria-labelledby="approval-title">
      <header>
        <span class="lock">${icon('lock')}</span>
        <div>
          <h3 id="approval-title">Manager approval needed</h3>
          ${this.reason ? html`<p class="muted">${this.reason}</p>` : nothing}
        </div>
      </header>
      <div class="field">
        <label for="approver">Manager's staff ID</label>
        <input id="approver" autocomplete="off" autocapitalize="none" spellcheck="false" .value=${this.staff}
          ?disabled=${this.busy} @input=${(e: Event) => (this.staff = (e.target as HTMLInputElement).value)}
          @keydown=${this.#onStaffKeydown} />
      </div>
      <pos-pin-pad compact label="Manager's PIN" submit-label=${this.busy ? 'Approving…' : 'Approve'} .value=${this.pin}
        ?disabled=${this.busy} @pin-change=${(e: CustomEvent<PinChangeDetail>) => (this.pin = e.detail.value)}
        @pin-submit=${() => this.#approve()}></pos-pin-pad>
      ${this.error ? errorAlert(this.error) : nothing}
      <button type="button" class="btn cancel" ?disabled=${this.busy} @click=${this.#cancel}>Cancel</button>
    </section>`
  }

  #onStaffKeydown(event: KeyboardEvent) {
    if (event.key !== 'Enter') return
    event.preventDefault()
    this.renderRoot.querySelector('pos-pin-pad')?.focus()
  }

  async #approve() {
    if (!this.services || this.busy) return
    const staff = this.staff.trim()
    if (!staff || !this.pin) {
      this.error = new Error("Enter the manager's staff ID and PIN.")
      return
    }
    this.busy = true
    this.error = undefined
    try {
      const grant = await requestApproval(this.services.api, { staff, pin: this.pin, action: this.action })
      this.dispatchEvent(new CustomEvent<ApprovalGrantedDetail>('approval-granted', { detail: { grant }, bubbles: true, composed: true }))
    } catch (error) {
      this.error = error
    } finally {
      this.pin = ''
      this.busy = false
    }
  }

  #cancel() {
    this.dispatchEvent(new Event('approval-cancelled', { bubbles: true, composed: true }))
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .approval {
        display: grid; gap: 0.9rem; padding: 1rem; border-radius: var(--pos-radius);
        background: var(--pos-warning-soft); border: 1px solid rgb(138 90 0 / 25%);
      }
      header { display: flex; gap: 0.7rem; align-items: flex-start; }
      .lock { color: var(--pos-warning); display: grid; padding-top: 0.1rem; }
      .cancel { width: 100%; }
    `,
  ]
}

customElements.define('pos-approval-prompt', PosApprovalPrompt)

declare global {
  interface HTMLElementTagNameMap {
    'pos-approval-prompt': PosApprovalPrompt
  }
}

import { LitElement, css, html, nothing } from 'lit'
import type { DeviceDto, StationDto } from '../../../appliance/api/contract.js'
import { ApiError } from '../../data/api.js'
import { openDrawer, type DrawerRequest } from '../../data/printing.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import type { ApprovalGrantedDetail } from '../stock/approval-prompt.js'
import { dialogStyles } from '../print-queue/dialog-styles.js'
import '../stock/approval-prompt.js'

const REASONS = ['Change for a customer', 'Cash count', 'Correcting a tender', 'Cash drop to the safe']

/**
 * "Open drawer" for this device's station: a drawer kick through the station's receipt
 * printer (`POST /api/drawer/open`), with a reason for the audit trail. An assistant gets
 * 403 `approval_required`; a manager then approves on this screen (the same prompt as stock
 * adjustments, action `till.open_drawer`) and the request goes again with the token.
 */
export class PosDrawerPanel extends LitElement {
  static override properties = {
    services: { attribute: false },
    station: { type: String },
    stations: { attribute: false },
    printers: { attribute: false },
    reason: { state: true },
    problem: { state: true },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
    approval: { state: true },
  }

  declare services: AppServices | undefined
  declare station: string
  declare stations: StationDto[]
  declare printers: DeviceDto[]
  declare reason: string
  declare problem: string | undefined
  declare busy: boolean
  declare error: unknown
  declare done: string | undefined
  /** The request waiting for a manager, and why. */
  declare approval: { request: DrawerRequest; reason: string } | undefined

  constructor() {
    super()
    this.services = undefined
    this.station = ''
    this.stations = []
    this.printers = []
    this.reason = ''
    this.problem = undefined
    this.busy = false
    this.error = undefined
    this.done = undefined
    this.approval = undefined
  }

  /** The printer the kick goes through: the station's receipt printer, else the shop's first active one (the appliance's rule). */
  #printer(): DeviceDto | undefined {
    const assigned = this.stations.find((s) => s.id === this.station)?.receiptPrinter
    const receipt = this.printers.filter((p) => p.type === 'receipt-printer' && p.active)
    return receipt.find((p) => p.id === assigned) ?? [...receipt].sort((a, b) => a.id.localeCompare(b.id))[0]
  }

  override render() {
    const station = this.stations.find((s) => s.id === this.station)
    const printer = this.#printer()
    return html`<section class="card drawer" aria-labelledby="drawer-title">
      <div class="head">
        <span class="head-icon">${icon('drawer', 22)}</span>
        <div>
          <h2 id="drawer-title">Cash drawer</h2>
          <p class="muted">This device is station <strong>${station?.name ?? this.station}</strong>.</p>
          <p class="muted small">${printer ? html`The drawer opens through <strong>${printer.name}</strong>.` : nothing}
            Opening it without a sale is recorded, and an assistant needs a manager’s approval.</p>
        </div>
      </div>
      <form novalidate @submit=${this.#submit}>
        <div class="field">
          <label for="drawer-reason">Why open the drawer?</label>
          <input id="drawer-reason" autocomplete="off" maxlength="200" .value=${this.reason} ?disabled=${this.busy || !!this.approval}
            aria-invalid=${this.problem ? 'true' : 'false'} aria-describedby="drawer-reason-hint drawer-reason-error"
            @input=${(e: Event) => this.#setReason((e.target as HTMLInputElement).value)} />
          <span id="drawer-reason-hint" class="hint">Kept in the audit trail with your name.</span>
          <span id="drawer-reason-error" class="field-error" ?hidden=${!this.problem}>${this.problem ?? ''}</span>
        </div>
        <div class="chips" role="group" aria-label="Common reasons">
          ${REASONS.map((r) => html`<button type="button" class="chip" aria-pressed=${this.reason === r ? 'true' : 'false'}
            ?disabled=${this.busy || !!this.approval} @click=${() => this.#setReason(r)}>${r}</button>`)}
        </div>
        ${this.approval
          ? html`<pos-approval-prompt .services=${this.services} action="till.open_drawer" reason=${this.approval.reason}
              @approval-granted=${this.#onApproved} @approval-cancelled=${() => (this.approval = undefined)}></pos-approval-prompt>`
          : html`<button type="submit" class="btn btn-primary btn-large open" ?disabled=${this.busy || !printer}>
              ${icon('drawer', 20)}${this.busy ? 'Opening…' : 'Open drawer'}</button>`}
        ${printer ? nothing : html`<p class="hint">No receipt printer is in use, so there is nothing to open the drawer with.</p>`}
        ${this.error ? errorAlert(this.error) : nothing}
        ${this.done ? successAlert(this.done) : nothing}
      </form>
    </section>`
  }

  #setReason(reason: string) {
    this.reason = reason
    this.problem = undefined
    this.done = undefined
  }

  #submit(event: Event) {
    event.preventDefault()
    const reason = this.reason.trim()
    if (!reason) {
      this.problem = 'Say why the drawer is being opened.'
      this.renderRoot.querySelector<HTMLInputElement>('#drawer-reason')?.focus()
      return
    }
    void this.#send({ station: this.station, reason })
  }

  #onApproved(event: CustomEvent<ApprovalGrantedDetail>) {
    const request = this.approval?.request
    if (request) void this.#send({ ...request, approvalToken: event.detail.grant.token }, event.detail.grant.approvedBy)
  }

  async #send(request: DrawerRequest, approvedBy?: string) {
    if (!this.services || this.busy) return
    this.busy = true
    this.error = undefined
    this.done = undefined
    try {
      const job = await openDrawer(this.services.api, request)
      this.approval = undefined
      this.reason = ''
      const through = this.printers.find((p) => p.id === job.printer)?.name ?? job.printer
      this.done = `Opening the drawer through ${through}${approvedBy ? ` (approved by ${approvedBy})` : ''}.`
    } catch (error) {
      if (error instanceof ApiError && error.code === 'approval_required' && !request.approvalToken) {
        this.approval = { request, reason: error.detail }
      } else {
        this.approval = undefined
        this.error = error
      }
    } finally {
      this.busy = false
    }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    dialogStyles,
    css`
      :host { display: block; }
      .drawer, form { display: grid; gap: 1rem; }
      .drawer { grid-template-columns: minmax(240px, 1fr) minmax(0, 1.6fr); gap: 1.5rem; align-items: start; }
      .head { display: flex; gap: 0.85rem; align-items: flex-start; }
      .head h2 { margin-bottom: 0.3rem; }
      .head p + p { margin-top: 0.5rem; }
      .small { font-size: 0.88rem; }
      @media (max-width: 900px) { .drawer { grid-template-columns: 1fr; } }
      .head-icon { display: grid; place-items: center; width: 44px; height: 44px; border-radius: 12px; background: var(--pos-warning-soft); color: var(--pos-warning); flex: none; }
      .open { justify-self: start; }
    `,
  ]
}

customElements.define('pos-drawer-panel', PosDrawerPanel)

declare global {
  interface HTMLElementTagNameMap {
    'pos-drawer-panel': PosDrawerPanel
  }
}

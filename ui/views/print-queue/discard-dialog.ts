import { LitElement, css, html, nothing } from 'lit'
import type { PrintJobDto } from '../../../appliance/api/contract.js'
import { discardJob, jobReference, jobKindLabel } from '../../data/printing.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { dialogStyles } from './dialog-styles.js'

export interface JobDiscardedDetail {
  job: PrintJobDto
}

const REASONS = ['Printed fine after all', 'Not needed any more', 'Reprinted instead', 'Sent to the wrong printer']

/**
 * "Discard this job?": asks why (kept in the audit trail), then `POST /api/print-jobs/{id}/cancel`.
 * Fires `job-discarded` with the job as the appliance now has it.
 */
export class PosDiscardDialog extends LitElement {
  static override properties = {
    services: { attribute: false },
    job: { attribute: false },
    reason: { state: true },
    problem: { state: true },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare job: PrintJobDto | undefined
  declare reason: string
  declare problem: string | undefined
  declare busy: boolean
  declare error: unknown

  constructor() {
    super()
    this.services = undefined
    this.job = undefined
    this.reason = ''
    this.problem = undefined
    this.busy = false
    this.error = undefined
  }

  /** Opens the dialog for a job, with an empty reason. */
  async open(job: PrintJobDto): Promise<void> {
    this.job = job
    this.reason = ''
    this.problem = undefined
    this.error = undefined
    await this.updateComplete
    const dialog = this.#dialog()
    if (dialog && !dialog.open) dialog.showModal()
    this.renderRoot.querySelector<HTMLInputElement>('#discard-reason')?.focus()
  }

  close(): void {
    this.#dialog()?.close()
  }

  #dialog() {
    return this.renderRoot.querySelector('dialog')
  }

  override render() {
    const job = this.job
    return html`<dialog aria-labelledby="discard-title" aria-describedby="discard-what">
      ${job ? html`<form class="dialog-body" novalidate @submit=${this.#submit}>
        <div class="dialog-head">
          <div>
            <h2 id="discard-title">Discard job #${job.id}?</h2>
            <p id="discard-what" class="muted">${jobKindLabel(job)}${jobReference(job) ? ` ${jobReference(job)}` : ''} won’t print. Say why: it goes in the audit trail.</p>
          </div>
          <button type="button" class="btn btn-ghost icon-btn" aria-label="Close" @click=${this.close}>${icon('close')}</button>
        </div>
        <div class="field">
          <label for="discard-reason">Reason</label>
          <input id="discard-reason" autocomplete="off" maxlength="200" .value=${this.reason} ?disabled=${this.busy}
            aria-invalid=${this.problem ? 'true' : 'false'} aria-describedby="discard-error"
            @input=${(e: Event) => { this.reason = (e.target as HTMLInputElement).value; this.problem = undefined }} />
          <span id="discard-error" class="field-error" ?hidden=${!this.problem}>${this.problem ?? ''}</span>
        </div>
        <div class="chips" role="group" aria-label="Common reasons">
          ${REASONS.map((r) => html`<button type="button" class="chip" aria-pressed=${this.reason === r ? 'true' : 'false'}
            ?disabled=${this.busy} @click=${() => { this.reason = r; this.problem = undefined }}>${r}</button>`)}
        </div>
        ${this.error ? errorAlert(this.error) : nothing}
        <div class="dialog-foot">
          <button type="button" class="btn" ?disabled=${this.busy} @click=${this.close}>Keep it</button>
          <button type="submit" class="btn btn-danger" ?disabled=${this.busy}>${icon('trash', 18)}${this.busy ? 'Discarding…' : 'Discard job'}</button>
        </div>
      </form>` : nothing}
    </dialog>`
  }

  async #submit(event: Event) {
    event.preventDefault()
    const job = this.job
    if (!job || !this.services || this.busy) return
    const reason = this.reason.trim()
    if (!reason) {
      this.problem = 'Say why this job is being discarded.'
      this.renderRoot.querySelector<HTMLInputElement>('#discard-reason')?.focus()
      return
    }
    this.busy = true
    this.error = undefined
    try {
      const updated = await discardJob(this.services.api, job.id, reason)
      this.close()
      this.dispatchEvent(new CustomEvent<JobDiscardedDetail>('job-discarded', { detail: { job: updated }, bubbles: true, composed: true }))
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  static override styles = [baseStyles, feedbackStyles, dialogStyles, css`:host { display: contents; }`]
}

customElements.define('pos-discard-dialog', PosDiscardDialog)

declare global {
  interface HTMLElementTagNameMap {
    'pos-discard-dialog': PosDiscardDialog
  }
}

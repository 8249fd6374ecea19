import { LitElement, css, html, nothing } from 'lit'
import type { TillDto, TillReportDto, TillSettingsDto } from '../../../appliance/api/contract.js'
import { ApiError, errorDetail } from '../../data/api.js'
import { formatMoney } from '../../data/format.js'
import { newIdempotencyKey } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { feedbackStyles } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import { closeTill, xReport } from '../../till/till-api.js'
import type { ApprovalGrantedDetail } from '../stock/approval-prompt.js'
import { tillStyles } from './till-styles.js'
import './till-report.js'
import '../stock/approval-prompt.js'

/**
 * Closing a till: count the drawer by denomination (the expected figure and the over/short
 * update as you count), then the Z report. Over or short beyond the shop's threshold needs
 * a manager's PIN on this screen. Fires `till-closed` with the Z report.
 */
export class PosCloseTill extends LitElement {
  static override properties = {
    services: { attribute: false },
    till: { attribute: false },
    settings: { attribute: false },
    expected: { state: true },
    counts: { state: true },
    busy: { state: true },
    error: { state: true },
    approval: { state: true },
  }

  declare services: AppServices | undefined
  declare till: TillDto | undefined
  declare settings: TillSettingsDto | undefined
  declare expected: TillReportDto | undefined
  declare counts: Record<string, number>
  declare busy: boolean
  declare error: unknown
  declare approval: string | null

  #key = newIdempotencyKey()

  constructor() {
    super()
    this.services = undefined
    this.till = undefined
    this.settings = undefined
    this.expected = undefined
    this.counts = {}
    this.busy = false
    this.error = undefined
    this.approval = null
  }

  override firstUpdated() {
    if (!this.services || !this.till) return
    xReport(this.services.api, this.till.id).then((r) => (this.expected = r), (error: unknown) => (this.error = error))
  }

  get #counted(): number {
    return Object.entries(this.counts).reduce((s, [d, n]) => s + Number(d) * n, 0)
  }

  override render() {
    const denominations = [...(this.settings?.denominationsMinor ?? [])].sort((a, b) => b - a)
    const expected = this.expected?.cash.expectedMinor
    const overShort = expected === undefined ? undefined : this.#counted - expected
    return html`<form class="stack" @submit=${this.#submit}>
      <p class="muted">Count the cash in the drawer, coin by coin and note by note.</p>
      <div class="grid">${denominations.map((d) => html`<label class="denomination">
        <span>${formatMoney(d)}</span>
        <input inputmode="numeric" autocomplete="off" data-denomination=${d} aria-label="How many ${formatMoney(d)}" .value=${String(this.counts[d] ?? '')}
          @input=${(e: Event) => this.#count(d, (e.target as HTMLInputElement).value)} />
      </label>`)}</div>
      <dl class="figures">
        <dt>Counted</dt><dd data-counted=${this.#counted}><strong>${formatMoney(this.#counted)}</strong></dd>
        <dt>Expected</dt><dd>${expected === undefined ? '…' : formatMoney(expected)}</dd>
        <dt>Over / short</dt><dd class=${(overShort ?? 0) < 0 ? 'negative' : 'positive'}>${overShort === undefined ? '…' : formatMoney(overShort)}</dd>
      </dl>
      ${this.approval ? html`<pos-approval-prompt .services=${this.services} action="till.close_discrepancy" reason=${this.approval}
        @approval-granted=${(e: CustomEvent<ApprovalGrantedDetail>) => void this.#close(e.detail.grant.token)}
        @approval-cancelled=${() => (this.approval = null)}></pos-approval-prompt>` : nothing}
      ${this.error ? html`<div class="alert alert-error" role="alert"><p>${errorDetail(this.error)}</p></div>` : nothing}
      <button class="btn btn-primary btn-large" type="submit" ?disabled=${this.busy || this.approval !== null}>${this.busy ? 'Closing…' : 'Close till and print Z report'}</button>
    </form>`
  }

  #count(denomination: number, text: string) {
    const n = Number(text)
    this.counts = { ...this.counts, [denomination]: Number.isInteger(n) && n >= 0 ? n : 0 }
  }

  #submit(event: Event) {
    event.preventDefault()
    void this.#close()
  }

  async #close(approvalToken?: string) {
    if (!this.services || !this.till) return
    this.busy = true
    this.error = undefined
    const denominations = Object.fromEntries(Object.entries(this.counts).filter(([, n]) => n > 0).map(([d, n]) => [d, n]))
    try {
      const z = await closeTill(this.services.api, this.till.id, { denominations, ...(approvalToken ? { approvalToken } : {}) }, this.#key)
      this.dispatchEvent(new CustomEvent<TillReportDto>('till-closed', { detail: z, bubbles: true, composed: true }))
    } catch (error) {
      if (error instanceof ApiError && error.code === 'approval_required') this.approval = error.detail
      else this.error = error
      this.#key = newIdempotencyKey()
    } finally {
      this.busy = false
    }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    tillStyles,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: 0.5rem; }
      .denomination { display: grid; grid-template-columns: 4rem 1fr; align-items: center; gap: 0.4rem; font-weight: 600; }
      .denomination input { text-align: right; }
    `,
  ]
}

customElements.define('pos-close-till', PosCloseTill)

declare global {
  interface HTMLElementTagNameMap {
    'pos-close-till': PosCloseTill
  }
}

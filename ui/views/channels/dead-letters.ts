import { LitElement, css, html, nothing } from 'lit'
import type { DeadLettersDto, SyncJobDto } from '../../../appliance/api/contract.js'
import { deadLetters, discardJob, refetchOrder, replayJob } from '../../data/channels.js'
import { formatDateTime } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'

/**
 * One account's dead letters: changes the channel refused (a 4xx, a payload it would not
 * take) with the reason, each replayable once the cause is fixed or discardable; and orders
 * we refused to take (unknown currency, negative quantity), which can be fetched again.
 * Fires `changed` after a replay, discard or fetch.
 */
export class PosDeadLetters extends LitElement {
  static override properties = {
    services: { attribute: false },
    account: {},
    letters: { state: true },
    error: { state: true },
    busy: { state: true },
  }

  declare services: AppServices | undefined
  declare account: string
  declare letters: DeadLettersDto | undefined
  declare error: unknown
  declare busy: ReadonlySet<string>

  constructor() {
    super()
    this.services = undefined
    this.account = ''
    this.letters = undefined
    this.error = undefined
    this.busy = new Set()
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if ((changed.has('services') || changed.has('account')) && this.services && this.account) void this.reload()
  }

  async reload(): Promise<void> {
    if (!this.services) return
    try {
      this.letters = await deadLetters(this.services.api, this.account)
      this.error = undefined
    } catch (error) {
      this.error = error
    }
  }

  async #act(key: string, work: () => Promise<unknown>) {
    if (this.busy.has(key)) return
    this.busy = new Set(this.busy).add(key)
    try {
      await work()
      this.error = undefined
      await this.reload()
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }))
    } catch (error) {
      this.error = error
    } finally {
      const busy = new Set(this.busy)
      busy.delete(key)
      this.busy = busy
    }
  }

  override render() {
    const letters = this.letters
    if (!letters) return this.error ? errorAlert(this.error) : html`<p class="muted" role="status">Loading…</p>`
    if (!letters.jobs.length && !letters.rejects.length) return html`<p class="muted">Nothing waiting for a person.</p>`
    const api = this.services?.api
    return html`
      ${this.error ? errorAlert(this.error) : nothing}
      ${letters.jobs.length > 1 ? html`<div class="row"><button class="btn" ?disabled=${!api || this.busy.has('all')}
        @click=${() => api && this.#act('all', async () => { for (const job of letters.jobs) await replayJob(api, job.id) })}>${icon('refresh', 16)}Replay all ${letters.jobs.length}</button></div>` : nothing}
      ${letters.jobs.length ? html`<table class="letters" aria-label="Changes the channel refused">
        <thead><tr><th>Change</th><th>Why</th><th>When</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${letters.jobs.map((job) => this.#job(job))}</tbody>
      </table>` : nothing}
      ${letters.rejects.length ? html`<table class="letters" aria-label="Orders we refused">
        <thead><tr><th>Order</th><th>Why</th><th>Last seen</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${letters.rejects.map((r) => html`<tr>
          <td class="mono">${r.channelOrderId}</td><td>${r.reason}</td><td>${formatDateTime(r.lastSeenAt)}</td>
          <td><button class="btn" ?disabled=${!api || this.busy.has(r.channelOrderId)} @click=${() => api && this.#act(r.channelOrderId, () => refetchOrder(api, this.account, r.channelOrderId))}>
            ${icon('refresh', 16)}Fetch again</button></td></tr>`)}</tbody>
      </table>` : nothing}`
  }

  #job(job: SyncJobDto) {
    const api = this.services?.api
    const busy = !api || this.busy.has(job.id)
    return html`<tr>
      <td><strong>${job.summary}</strong><span class="muted small">${job.attempts} attempt${job.attempts === 1 ? '' : 's'}</span></td>
      <td class="why">${job.lastError ?? '—'}</td>
      <td>${formatDateTime(job.createdAt)}</td>
      <td><div class="actions">
        <button class="btn btn-primary" ?disabled=${busy} @click=${() => api && this.#act(job.id, () => replayJob(api, job.id))}>${icon('refresh', 16)}Replay</button>
        <button class="btn btn-ghost" ?disabled=${busy} @click=${() => api && this.#act(job.id, () => discardJob(api, job.id, 'Discarded from the channels screen'))}>${icon('trash', 16)}Discard</button>
      </div></td></tr>`
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: grid; gap: 0.75rem; }
      table.letters { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
      th { text-align: left; font-weight: 600; color: var(--pos-text-muted); padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--pos-border); }
      td { padding: 0.5rem; border-bottom: 1px solid var(--pos-border); vertical-align: top; }
      td > strong { display: block; }
      .small { font-size: 0.82rem; }
      .why { max-width: 28rem; overflow-wrap: anywhere; }
      .actions { display: flex; gap: 0.4rem; justify-content: flex-end; flex-wrap: wrap; }
    `,
  ]
}

customElements.define('pos-dead-letters', PosDeadLetters)

declare global {
  interface HTMLElementTagNameMap {
    'pos-dead-letters': PosDeadLetters
  }
}

import { LitElement, css, html, nothing } from 'lit'
import type { PrintJobDto, ServerEvents } from '../../appliance/api/contract.js'
import { ApiError } from '../data/api.js'
import { formatDateTime } from '../data/format.js'
import { getPreviewText, getPrintJob, isPending, jobReference, jobKindLabel, JOB_STATUS_VIEW, INTERRUPTED_HELP, previewPath } from '../data/printing.js'
import type { AppServices } from '../data/services.js'
import { consumeServices } from './consume-services.js'
import { errorAlert, feedbackStyles } from './feedback.js'
import { icon } from './icons.js'
import { baseStyles } from './styles.js'

type JobChange = Parameters<ServerEvents['print-job.changed']>[0]

export interface PrintJobSettledDetail {
  job: PrintJobDto
}


/**
 * A print job's preview: the PNG the appliance renders from the job's exact bytes, or with
 * "Text" its transcript. Until the job has printed (or from the start with `eager`) it shows
 * a waiting state; it follows the job live from `print-job.changed`, and looks again every
 * two seconds while it waits in case an event was missed. Set `jobId` (or `job`); with no
 * job yet it waits for one. Fires `print-job-settled` once the job stops waiting.
 *
 * Tag `pos-print-preview`, not `pos-receipt-preview`: the till already registers that name
 * for its on-screen receipt layout (ui/views/till/receipt-preview.ts), and a tag can be
 * defined only once per page.
 */
export class PosPrintPreview extends LitElement {
  static override properties = {
    services: { attribute: false },
    jobId: { type: Number, attribute: 'job-id' },
    job: { attribute: false },
    eager: { type: Boolean },
    pollMs: { type: Number, attribute: 'poll-ms' },
    view: { type: String, reflect: true },
    transcript: { state: true },
    imageFailed: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare jobId: number | undefined
  /** The job as last seen; pass it in to skip the first request. */
  declare job: PrintJobDto | undefined
  /** Show the picture straight away, before the job prints (the queue's "View"). */
  declare eager: boolean
  /** How often to look again while the job waits, in case a live event was missed (the socket may still be connecting). */
  declare pollMs: number
  declare view: 'image' | 'text'
  declare transcript: string | undefined
  /** The appliance had no picture for this job (it answered its transcript): show the text. */
  declare imageFailed: boolean
  declare error: unknown

  #unsubscribe: (() => void) | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #settled = new Set<number>()
  #generation = 0
  /** The job the transcript and picture state belong to. */
  #shownId: number | undefined

  constructor() {
    super()
    this.services = undefined
    this.jobId = undefined
    this.job = undefined
    this.eager = false
    this.pollMs = 2000
    this.view = 'image'
    this.transcript = undefined
    this.imageFailed = false
    this.error = undefined
    consumeServices(this)
  }

  override connectedCallback() {
    super.connectedCallback()
    this.#subscribe()
    if (this.job && isPending(this.job.status)) this.#schedulePoll()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    clearTimeout(this.#timer)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services')) {
      this.#unsubscribe?.()
      this.#unsubscribe = undefined
      this.#subscribe()
    }
    let restart = changed.has('jobId') || changed.has('services')
    if (changed.has('job') && this.job && this.jobId !== this.job.id) {
      this.jobId = this.job.id
      restart = true
    }
    if (restart) this.#start()
    // A newer view of the same job from outside (or from a refresh): poll or settle by it.
    else if (changed.has('job') && this.job) this.#track(this.job)
    if (changed.has('view') && this.view === 'text') void this.#loadTranscript()
  }

  #start() {
    clearTimeout(this.#timer)
    const id = this.jobId
    if (this.job && this.job.id !== id) this.job = undefined
    if (this.#shownId !== id) {
      this.#shownId = id
      this.transcript = undefined
      this.imageFailed = false
      this.error = undefined
    }
    if (id === undefined || !this.services) return
    if (this.job) this.#track(this.job)
    else void this.#refresh()
    if (this.view === 'text') void this.#loadTranscript()
  }

  #subscribe() {
    if (this.#unsubscribe || !this.services || !this.isConnected) return
    this.#unsubscribe = this.services.realtime.on('print-job.changed', (change) => this.#onChanged(change))
  }

  #onChanged(change: JobChange) {
    if (change.id !== this.jobId || !this.job) return
    this.#track({ ...this.job, status: change.status, lastError: change.lastError ?? this.job.lastError })
    // The event carries no printedAt or attempts: read them once the job has an outcome.
    if (!isPending(change.status)) void this.#refresh()
  }

  async #refresh() {
    const id = this.jobId
    if (id === undefined || !this.services) return
    const generation = ++this.#generation
    try {
      const job = await getPrintJob(this.services.api, id)
      if (generation === this.#generation && job.id === this.jobId) this.#track(job)
    } catch (error) {
      if (generation !== this.#generation) return
      if (error instanceof ApiError && error.retryable && this.job) this.#schedulePoll()
      else this.error = error
    }
  }

  #track(job: PrintJobDto) {
    this.job = job
    this.error = undefined
    clearTimeout(this.#timer)
    if (isPending(job.status)) {
      this.#schedulePoll()
    } else if (!this.#settled.has(job.id)) {
      this.#settled.add(job.id)
      this.dispatchEvent(new CustomEvent<PrintJobSettledDetail>('print-job-settled', { detail: { job }, bubbles: true, composed: true }))
    }
  }

  #schedulePoll() {
    clearTimeout(this.#timer)
    if (this.isConnected) this.#timer = setTimeout(() => void this.#refresh(), this.pollMs)
  }

  async #loadTranscript() {
    const id = this.jobId
    if (id === undefined || !this.services || this.transcript !== undefined) return
    try {
      const text = await getPreviewText(this.services.api, id)
      if (id === this.jobId) this.transcript = text
    } catch (error) {
      this.error = error
    }
  }

  /** Switches between the picture and the transcript. */
  show(view: 'image' | 'text'): void {
    this.view = view
  }

  override render() {
    const job = this.job
    if (this.jobId === undefined || !job) {
      return html`<figure class="preview">
        ${this.error ? errorAlert(this.error) : html`<div class="paper waiting" role="status">${spinner()}<p>Waiting for the print job…</p></div>`}
      </figure>`
    }
    const status = JOB_STATUS_VIEW[job.status]
    const waiting = isPending(job.status) && !this.eager
    const textView = this.view === 'text' || this.imageFailed
    return html`<figure class="preview" aria-busy=${isPending(job.status) ? 'true' : 'false'}>
      <div class="bar">
        <span class="badge badge-${status.tone} status" role="status">${status.label}</span>
        <span class="muted what">${jobKindLabel(job)} · job #${job.id}${job.copyOf ? ' · copy' : ''}</span>
        <div class="toggle" role="group" aria-label="Show the preview as">
          <button type="button" class="seg" aria-pressed=${textView ? 'false' : 'true'} ?disabled=${this.imageFailed}
            @click=${() => this.show('image')}>${icon('image', 18)}Picture</button>
          <button type="button" class="seg" aria-pressed=${textView ? 'true' : 'false'}
            @click=${() => this.show('text')}>${icon('text', 18)}Text</button>
        </div>
      </div>
      ${this.#problem(job)}
      ${this.error ? errorAlert(this.error) : nothing}
      ${waiting ? this.#waiting(job) : textView ? this.#text() : this.#image(job)}
      ${job.printedAt ? html`<figcaption class="muted">Printed ${formatDateTime(job.printedAt)}</figcaption>` : nothing}
    </figure>`
  }

  #problem(job: PrintJobDto) {
    if (job.status === 'interrupted') {
      return html`<div class="alert alert-warning">${icon('alert')}<div class="alert-body"><p>${INTERRUPTED_HELP}</p>
        ${job.lastError ? html`<p class="small">${job.lastError}</p>` : nothing}</div></div>`
    }
    if (job.status === 'failed') return html`<div class="alert alert-error">${icon('alert')}<p>${job.lastError ?? 'The printer refused this job.'}</p></div>`
    return nothing
  }

  #waiting(job: PrintJobDto) {
    const blocked = job.status === 'queued' && job.lastError
    return html`<div class="paper waiting" role="status">
      ${spinner()}
      <p><strong>${blocked ? 'Waiting for the printer' : 'Printing…'}</strong></p>
      <p class="muted small">${blocked ? `${job.lastError}. It prints as soon as the printer is ready.` : 'The preview appears as soon as it has printed.'}</p>
    </div>`
  }

  #image(job: PrintJobDto) {
    const src = this.services?.api.url(previewPath(job.id)) ?? previewPath(job.id)
    return html`<div class="paper"><img src=${src} alt="How ${jobKindLabel(job).toLowerCase()} ${jobReference(job) ?? `#${job.id}`} looks on paper"
      @error=${this.#onImageError} /></div>`
  }

  #text() {
    return html`<div class="paper">${this.transcript === undefined
      ? html`<p class="muted small" role="status">Loading the transcript…</p>`
      : html`<pre class="transcript" tabindex="0" aria-label="Transcript of the print job">${this.transcript}</pre>`}</div>`
  }

  #onImageError() {
    // No picture for this job (e.g. a drawer kick): the preview answered text instead.
    this.imageFailed = true
    void this.#loadTranscript()
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      figure { margin: 0; display: grid; gap: 0.75rem; }
      .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; }
      .what { font-size: 0.9rem; }
      .toggle { margin-left: auto; display: inline-flex; padding: 3px; gap: 3px; border-radius: var(--pos-radius); background: var(--pos-surface-muted); border: 1px solid var(--pos-border); }
      .seg {
        display: inline-flex; align-items: center; gap: 0.35rem; min-height: 42px; padding: 0 0.85rem; border: none; border-radius: 8px;
        background: transparent; color: var(--pos-text-muted); font: inherit; font-weight: 600; cursor: pointer;
      }
      .seg[aria-pressed='true'] { background: var(--pos-surface); color: var(--pos-text); box-shadow: var(--pos-shadow); }
      .seg:focus-visible { outline: none; box-shadow: var(--pos-focus); }
      .seg:disabled { opacity: 0.45; cursor: not-allowed; }
      .paper {
        position: relative; background: #fff; border: 1px solid var(--pos-border); border-radius: 4px 4px 0 0;
        box-shadow: 0 6px 18px rgb(16 24 40 / 10%); padding: 0.9rem; margin-bottom: 8px;
        display: grid; justify-items: center; max-height: var(--preview-max-height, 60vh); overflow: auto;
      }
      .paper img { display: block; max-width: 100%; height: auto; image-rendering: auto; }
      .waiting { min-height: 220px; align-content: center; gap: 0.4rem; text-align: center; padding: 2rem 1rem; background: var(--pos-surface-muted); }
      .transcript {
        margin: 0; justify-self: stretch; font-family: var(--pos-font-mono); font-size: 0.8rem; line-height: 1.35; color: #111;
        white-space: pre; overflow-x: auto;
      }
      .small { font-size: 0.88rem; }
      figcaption { font-size: 0.85rem; }
      .spinner {
        width: 32px; height: 32px; border-radius: 50%; border: 3px solid var(--pos-primary-soft); border-top-color: var(--pos-primary);
        animation: spin 0.9s linear infinite; margin-bottom: 0.4rem;
      }
      @keyframes spin { to { transform: rotate(360deg); } }
      @media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }
    `,
  ]
}

function spinner() {
  return html`<span class="spinner" aria-hidden="true"></span>`
}

customElements.define('pos-print-preview', PosPrintPreview)

declare global {
  interface HTMLElementTagNameMap {
    'pos-print-preview': PosPrintPreview
  }
}

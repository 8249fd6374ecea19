import { LitElement, css, html, nothing } from 'lit'
import type { CatalogueImportJob } from '../../../appliance/api/contract.js'
import { CATALOGUE_EXPORT_PATH, getCatalogueImport, newerJob, startCatalogueImport } from '../../data/catalogue.js'
import { formatCount } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'

/** Bad rows shown at once; a 50,000-row file with a wrong column should not freeze a tablet. */
const MAX_ERROR_ROWS = 200

/**
 * Catalogue import and export. Uploads a CSV (202 → job), follows the job by socket events
 * and by polling (whichever is newer wins), then summarises what was imported and which
 * lines were refused and why.
 */
export class PosCatalogueImport extends LitElement {
  static override properties = {
    services: { attribute: false },
    pollMs: { type: Number, attribute: 'poll-ms' },
    file: { state: true },
    job: { state: true },
    uploading: { state: true },
    error: { state: true },
    pollError: { state: true },
  }

  declare services: AppServices | undefined
  declare pollMs: number
  declare file: File | undefined
  declare job: CatalogueImportJob | undefined
  declare uploading: boolean
  declare error: unknown
  declare pollError: unknown

  #timer: ReturnType<typeof setTimeout> | undefined
  #unsubscribe: (() => void) | undefined
  /** Events that arrive before the 202 tells us our job's id. */
  #early = new Map<string, CatalogueImportJob>()

  constructor() {
    super()
    this.services = undefined
    this.pollMs = 500
    this.file = undefined
    this.job = undefined
    this.uploading = false
    this.error = undefined
    this.pollError = undefined
    consumeServices(this)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#stopFollowing()
  }

  override render() {
    const exportUrl = this.services?.api.url(CATALOGUE_EXPORT_PATH) ?? CATALOGUE_EXPORT_PATH
    return html`<section class="page" aria-labelledby="title">
      <header class="page-header">
        <div><h1 id="title">Catalogue</h1><p class="muted">Bring in products from a spreadsheet, or take a copy of the whole catalogue.</p></div>
        <a class="btn" href=${exportUrl} download>${icon('download')}Export CSV</a>
      </header>
      <div class="card">
        <h2>Import products from CSV</h2>
        ${this.job ? this.#progress(this.job) : this.#form()}
      </div>
    </section>`
  }

  #form() {
    return html`<form class="upload" @submit=${this.#onSubmit}>
      <div class="field">
        <label for="file">CSV file</label>
        <input id="file" type="file" accept=".csv,text/csv" ?disabled=${this.uploading} aria-describedby="file-hint" @change=${this.#onFile} />
        <span id="file-hint" class="hint">Use the same columns as Export CSV. Existing SKUs are updated, new ones added.</span>
      </div>
      <button class="btn btn-primary btn-large" type="submit" ?disabled=${!this.file || this.uploading}>
        ${icon('upload')}${this.uploading ? 'Uploading…' : 'Import'}</button>
      ${this.error ? errorAlert(this.error) : nothing}
    </form>`
  }

  #progress(job: CatalogueImportJob) {
    const running = job.status === 'running'
    const percent = job.totalRows > 0 ? Math.floor((job.processedRows / job.totalRows) * 100) : undefined
    return html`<div class="job">
      <div class="progress-head">
        <span id="progress-label" class="label">${running ? `Importing ${this.file?.name ?? 'file'}…` : 'Import finished'}</span>
        <span class="muted" role="status">${job.totalRows > 0
          ? `${formatCount(job.processedRows)} of ${formatCount(job.totalRows)} rows${percent !== undefined ? ` (${percent}%)` : ''}`
          : `${formatCount(job.processedRows)} rows`}</span>
      </div>
      ${!running ? nothing : job.totalRows > 0
        ? html`<progress aria-labelledby="progress-label" max=${job.totalRows} .value=${job.processedRows}></progress>`
        : html`<progress aria-labelledby="progress-label"></progress>`}
      ${this.pollError && running ? html`<p class="muted small">Lost touch with the appliance, still trying…</p>` : nothing}
      ${running ? nothing : this.#summary(job)}
    </div>`
  }

  #summary(job: CatalogueImportJob) {
    const bad = job.errors.length
    return html`<div class="summary">
      ${job.status === 'failed'
        ? errorAlert(new Error(`The import stopped after ${formatCount(job.processedRows)} rows; ${formatCount(job.imported)} products were saved.`))
        : successAlert(html`Imported <strong class="imported">${formatCount(job.imported)}</strong> product${job.imported === 1 ? '' : 's'}.`)}
      ${bad ? html`<h3>${formatCount(bad)} row${bad === 1 ? '' : 's'} not imported</h3>${this.#errorTable(job)}` : nothing}
      <button class="btn" @click=${this.#reset}>Import another file</button>
    </div>`
  }

  #errorTable(job: CatalogueImportJob) {
    const shown = job.errors.slice(0, MAX_ERROR_ROWS)
    return html`<div class="table-wrap errors"><table>
      <thead><tr><th scope="col" class="num">Line</th><th scope="col">Field</th><th scope="col">Problem</th></tr></thead>
      <tbody>${shown.map((e) => html`<tr>
        <td class="num">${e.line}</td><td class="mono">${e.field ?? '—'}</td><td>${e.reason}</td>
      </tr>`)}</tbody>
    </table></div>
    ${job.errors.length > shown.length ? html`<p class="muted">…and ${formatCount(job.errors.length - shown.length)} more.</p>` : nothing}`
  }

  #onFile(event: Event) {
    this.file = (event.target as HTMLInputElement).files?.[0]
    this.error = undefined
  }

  async #onSubmit(event: Event) {
    event.preventDefault()
    const services = this.services
    if (!services || !this.file || this.uploading) return
    this.uploading = true
    this.error = undefined
    this.#early.clear()
    this.#unsubscribe = services.realtime.on('catalogue.import.progress', (update) => this.#onUpdate(update))
    try {
      const job = await startCatalogueImport(services.api, this.file)
      this.job = newerJob(job, this.#early.get(job.id) ?? job)
      this.#early.clear()
      if (this.job.status === 'running') this.#schedulePoll()
      else this.#stopFollowing()
    } catch (error) {
      this.error = error
      this.#stopFollowing()
    } finally {
      this.uploading = false
    }
  }

  #onUpdate(update: CatalogueImportJob) {
    if (!this.job) {
      this.#early.set(update.id, newerJob(this.#early.get(update.id) ?? null, update))
      return
    }
    if (update.id !== this.job.id) return
    this.job = newerJob(this.job, update)
    if (this.job.status !== 'running') this.#stopFollowing()
  }

  #schedulePoll() {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#poll(), this.pollMs)
  }

  async #poll() {
    const job = this.job
    if (!this.services || !job || job.status !== 'running') return
    try {
      const latest = await getCatalogueImport(this.services.api, job.id)
      this.pollError = undefined
      if (this.job?.id !== latest.id) return
      this.job = newerJob(this.job, latest)
    } catch (error) {
      this.pollError = error
    }
    if (this.job?.status === 'running' && this.isConnected) this.#schedulePoll()
    else this.#stopFollowing()
  }

  #stopFollowing() {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  #reset() {
    this.#stopFollowing()
    this.job = undefined
    this.file = undefined
    this.pollError = undefined
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .upload, .job, .summary { display: grid; gap: 1rem; }
      .upload { max-width: 560px; }
      .upload .btn-primary { justify-self: start; }
      .progress-head { display: flex; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
      .summary { margin-top: 0.5rem; }
      .summary > .btn { justify-self: start; }
      .errors { max-height: 420px; overflow-y: auto; border: 1px solid var(--pos-border); border-radius: var(--pos-radius); }
      .errors th { position: sticky; top: 0; background: var(--pos-surface); }
      .small { font-size: 0.85rem; }
    `,
  ]
}

customElements.define('pos-catalogue-import', PosCatalogueImport)

declare global {
  interface HTMLElementTagNameMap {
    'pos-catalogue-import': PosCatalogueImport
  }
}

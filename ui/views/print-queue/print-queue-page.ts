import { LitElement, css, html, nothing } from 'lit'
import type { DeviceList, PrintJobDto, ServerEvents } from '../../../appliance/api/contract.js'
import { listDevices, listPrintJobs, matchesFilter, mergeNewest, reprintJob, summariseCounts, type JobFilter } from '../../data/printing.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import type { JobDiscardedDetail, PosDiscardDialog } from './discard-dialog.js'
import type { PosPreviewDialog, ReprintRequestDetail } from './preview-dialog.js'
import { jobRows, jobRowStyles } from './job-rows.js'
import { queueFilters, queueHeaderStyles, queueSummary } from './queue-header.js'
import { dialogStyles } from './dialog-styles.js'
import './discard-dialog.js'
import './preview-dialog.js'

type JobChange = Parameters<ServerEvents['print-job.changed']>[0]

/** Live events come in bursts (queued, then printed): fetch the newest page once per burst. */
const REFRESH_DELAY_MS = 250

/**
 * The print queue: every receipt, label and test page, newest first, with what is waiting
 * and what needs a person at the top. Filters by status and station; follows
 * `print-job.changed` live; each job can be viewed (picture or transcript), reprinted or,
 * while it hasn't printed, discarded with a reason. "Load older jobs" pages with the cursor.
 */
export class PosPrintQueue extends LitElement {
  static override properties = {
    services: { attribute: false },
    refreshDelayMs: { type: Number, attribute: 'refresh-delay-ms' },
    filter: { state: true },
    items: { state: true },
    nextCursor: { state: true },
    counts: { state: true },
    loading: { state: true },
    loadingMore: { state: true },
    error: { state: true },
    actionError: { state: true },
    notice: { state: true },
    busy: { state: true },
    devices: { state: true },
  }

  declare services: AppServices | undefined
  declare refreshDelayMs: number
  declare filter: JobFilter
  declare items: PrintJobDto[]
  declare nextCursor: number | null
  declare counts: Record<string, number>
  declare loading: boolean
  declare loadingMore: boolean
  declare error: unknown
  declare actionError: unknown
  declare notice: string | undefined
  declare busy: ReadonlySet<number>
  /** Printer names and stations; the queue works without them (showing ids). */
  declare devices: DeviceList | undefined

  #generation = 0
  #loadedPages = 0
  /** Every station seen in the queue, so filtering doesn't take stations out of the filter. */
  #seenStations = new Set<string>()
  #refreshTimer: ReturnType<typeof setTimeout> | undefined
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.services = undefined
    this.refreshDelayMs = REFRESH_DELAY_MS
    this.filter = {}
    this.items = []
    this.nextCursor = null
    this.counts = {}
    this.loading = true
    this.loadingMore = false
    this.error = undefined
    this.actionError = undefined
    this.notice = undefined
    this.busy = new Set()
    this.devices = undefined
    consumeServices(this)
  }

  override connectedCallback() {
    super.connectedCallback()
    this.#subscribe()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    clearTimeout(this.#refreshTimer)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!changed.has('services') || !this.services) return
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this.#subscribe()
    void this.reload()
    listDevices(this.services.api).then((d) => (this.devices = d), () => undefined)
  }

  #subscribe() {
    if (this.#unsubscribe || !this.services || !this.isConnected) return
    this.#unsubscribe = this.services.realtime.on('print-job.changed', (change) => this.#onChanged(change))
  }

  /** The first page again, for the current filter. */
  async reload(): Promise<void> {
    if (!this.services) return
    const generation = ++this.#generation
    clearTimeout(this.#refreshTimer)
    this.loading = true
    this.error = undefined
    try {
      const page = await listPrintJobs(this.services.api, this.filter)
      if (generation !== this.#generation) return
      this.items = page.items
      this.nextCursor = page.nextCursor
      this.counts = page.counts
      this.#loadedPages = 1
    } catch (error) {
      if (generation === this.#generation) this.error = error
    } finally {
      if (generation === this.#generation) this.loading = false
    }
  }

  async #loadMore() {
    if (!this.services || this.nextCursor === null || this.loadingMore) return
    const generation = this.#generation
    this.loadingMore = true
    this.actionError = undefined
    try {
      const page = await listPrintJobs(this.services.api, this.filter, this.nextCursor)
      if (generation !== this.#generation) return
      const seen = new Set(this.items.map((j) => j.id))
      this.items = [...this.items, ...page.items.filter((j) => !seen.has(j.id))]
      this.nextCursor = page.nextCursor
      this.counts = page.counts
      this.#loadedPages++
    } catch (error) {
      this.actionError = error
    } finally {
      this.loadingMore = false
    }
  }

  /** Patches the row at once, then refreshes the newest page (new jobs, attempts, counts). */
  #onChanged(change: JobChange) {
    if (this.items.some((j) => j.id === change.id)) {
      this.items = this.items.map((j) => (j.id === change.id ? { ...j, status: change.status, lastError: change.lastError ?? j.lastError } : j))
    }
    this.#scheduleRefresh()
  }

  #scheduleRefresh() {
    clearTimeout(this.#refreshTimer)
    this.#refreshTimer = setTimeout(() => void this.#refreshNewest(), this.refreshDelayMs)
  }

  async #refreshNewest() {
    if (!this.services || this.loading) return
    const generation = this.#generation
    try {
      const page = await listPrintJobs(this.services.api, this.filter)
      if (generation !== this.#generation) return
      const onlyFirstPage = this.#loadedPages <= 1
      this.items = onlyFirstPage ? page.items : mergeNewest(this.items, page.items, page.nextCursor !== null)
      if (onlyFirstPage) this.nextCursor = page.nextCursor
      this.counts = page.counts
    } catch {
      // A missed refresh is harmless: the next event or "Refresh" brings the queue up to date.
    }
  }

  #setFilter(patch: JobFilter) {
    this.filter = { ...this.filter, ...patch }
    this.notice = undefined
    void this.reload()
  }

  #printerName = (id: string): string => this.devices?.items.find((d) => d.id === id)?.name ?? id

  #stations(): string[] {
    const ids = new Set<string>()
    for (const s of this.devices?.stations ?? []) ids.add(s.id)
    for (const j of this.items) if (j.station) this.#seenStations.add(j.station)
    for (const s of this.#seenStations) ids.add(s)
    const mine = this.services?.session.current?.station
    if (mine) ids.add(mine)
    if (this.filter.station) ids.add(this.filter.station)
    return [...ids].sort()
  }

  #stationLabel(id: string): string {
    const name = this.devices?.stations.find((s) => s.id === id)?.name
    return name && name !== id ? `${name} (${id})` : id
  }

  override render() {
    return html`<section class="page" aria-labelledby="title">
      <header class="page-header">
        <div>
          <h1 id="title">Print queue</h1>
          <p class="muted">Receipts, labels and test pages, newest first. A job waits here until its printer takes it: nothing is lost when a printer is offline.</p>
        </div>
        <div class="row">
          <a class="btn" href="#/settings/devices">${icon('printer', 18)}Printers</a>
          <button type="button" class="btn refresh" ?disabled=${this.loading} @click=${() => this.reload()}>${icon('refresh', 18)}Refresh</button>
        </div>
      </header>
      ${queueSummary(summariseCounts(this.counts), (status) => this.#setFilter({ status }))}
      <div class="card list">
        ${queueFilters(this.filter, this.#stations().map((id) => ({ id, label: this.#stationLabel(id) })), (patch) => this.#setFilter(patch))}
        ${this.notice ? successAlert(this.notice) : nothing}
        ${this.actionError ? errorAlert(this.actionError) : nothing}
        ${this.#list()}
      </div>
      <pos-preview-dialog .services=${this.services} @reprint-job=${(e: CustomEvent<ReprintRequestDetail>) => this.#reprint(e.detail.job)}></pos-preview-dialog>
      <pos-discard-dialog .services=${this.services} @job-discarded=${this.#onDiscarded}></pos-discard-dialog>
    </section>`
  }

  #list() {
    if (this.loading && this.items.length === 0) return html`<p class="muted loading" role="status">Loading the queue…</p>`
    if (this.error) return errorAlert(this.error, html`<button class="btn" @click=${() => this.reload()}>Try again</button>`)
    if (this.items.length === 0) {
      const filtered = Boolean(this.filter.status || this.filter.station)
      return emptyState(filtered
        ? { icon: 'search', title: 'No jobs match these filters', action: html`<button class="btn" @click=${() => this.#setFilter({ status: undefined, station: undefined })}>Clear filters</button>` }
        : { icon: 'printer', title: 'Nothing has been printed yet', body: 'Receipts, labels and test pages show up here as they print.', action: html`<a class="btn" href="#/settings/devices">Print a test page</a>` })
    }
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th scope="col">Job</th><th scope="col">Status</th><th scope="col">Station · printer</th>
        <th scope="col" class="num">Tries</th><th scope="col">Queued</th><th scope="col"><span class="visually-hidden">Actions</span></th>
      </tr></thead>
      <tbody>${jobRows(this.items, {
        view: (job) => void this.renderRoot.querySelector<PosPreviewDialog>('pos-preview-dialog')?.open(job, this.#printerName(job.printer)),
        reprint: (job) => void this.#reprint(job),
        discard: (job) => void this.renderRoot.querySelector<PosDiscardDialog>('pos-discard-dialog')?.open(job),
        busy: this.busy,
        printerName: this.#printerName,
        stationName: (id) => this.devices?.stations.find((s) => s.id === id)?.name ?? id,
      })}</tbody>
    </table></div>
    ${this.nextCursor !== null ? html`<div class="more"><button type="button" class="btn" ?disabled=${this.loadingMore} @click=${this.#loadMore}>
      ${this.loadingMore ? 'Loading…' : 'Load older jobs'}</button></div>` : nothing}`
  }

  async #reprint(job: PrintJobDto) {
    if (!this.services || this.busy.has(job.id)) return
    this.busy = new Set(this.busy).add(job.id)
    this.actionError = undefined
    this.notice = undefined
    try {
      const copy = await reprintJob(this.services.api, job.id)
      if (matchesFilter(copy, this.filter) && !this.items.some((j) => j.id === copy.id)) this.items = [copy, ...this.items]
      this.notice = `Reprinting job #${job.id} as job #${copy.id}${job.kind === 'receipt' ? ', marked COPY' : ''}.`
      this.#scheduleRefresh()
    } catch (error) {
      this.actionError = error
    } finally {
      const busy = new Set(this.busy)
      busy.delete(job.id)
      this.busy = busy
    }
  }

  #onDiscarded(event: CustomEvent<JobDiscardedDetail>) {
    const job = event.detail.job
    this.items = this.items.map((j) => (j.id === job.id ? job : j))
    this.notice = `Discarded job #${job.id}.`
    this.#scheduleRefresh()
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    dialogStyles,
    jobRowStyles,
    queueHeaderStyles,
    css`
      :host { display: block; }
      .page-header > div:first-child { flex: 1 1 24rem; }
      .page-header .muted { max-width: 42rem; }
      .more { display: flex; justify-content: center; }
      .loading { padding: 1rem 0; }
    `,
  ]
}

customElements.define('pos-print-queue', PosPrintQueue)

declare global {
  interface HTMLElementTagNameMap {
    'pos-print-queue': PosPrintQueue
  }
}

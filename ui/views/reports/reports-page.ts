import { LitElement, css, html, nothing } from 'lit'
import type { ReportFilterDto, ReportList, ReportResult, ReportSummaryDto, ReportValue } from '../../../appliance/api/contract.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import { exportHref, listReports, runReport, type DrillTarget, type ReportQuery } from '../../data/reports.js'
import type { AppServices } from '../../data/services.js'
import { formatCell } from './cells.js'
import { PRESETS, Throttle, includesToday, presetRange, type Preset } from './date-range.js'
import type { ShowReport } from './input-kit.js'
import type { ChartPick } from './report-chart.js'
import './expenses-panel.js'
import './issues-panel.js'
import './report-chart.js'
import './report-drill.js'
import './report-table.js'
import './targets-panel.js'

const GROUPS = ['Sales', 'Customer service', 'Operations'] as const

/** The dashboard's tabs: the reports, and what managers enter for them (`#/reports/expenses` opens one). */
const TABS = [
  { id: 'report', label: 'Reports' },
  { id: 'expenses', label: 'Expenses' },
  { id: 'targets', label: 'Sales targets' },
  { id: 'issues', label: 'Customer issues' },
] as const
type Tab = (typeof TABS)[number]['id']
const isInputTab = (id: string): id is Exclude<Tab, 'report'> => id !== 'report' && TABS.some((t) => t.id === id)

/**
 * The reports dashboard: pick a report, a date range (presets or custom) and filters; see
 * its chart and table; click any figure (a bar, a point, a cell) for the rows behind it and
 * on to the order; download either as CSV or Parquet. While the range reaches today, sales
 * as they complete re-run the report — at most once every few seconds however fast they come.
 * Beside the reports, tabs where managers enter what reports need: monthly expenses, sales
 * targets and customer issues.
 */
export class PosReports extends LitElement {
  static override properties = {
    services: { attribute: false },
    reportId: { type: String, attribute: 'report' },
    refreshMs: { type: Number },
    list: { state: true }, query: { state: true }, preset: { state: true }, result: { state: true },
    error: { state: true }, loading: { state: true }, drill: { state: true }, tab: { state: true },
  }
  declare services: AppServices | undefined
  declare reportId: string
  /** Least time between live re-runs. */
  declare refreshMs: number
  declare list: ReportList | undefined
  declare query: ReportQuery
  declare preset: Preset
  declare result: ReportResult | undefined
  declare error: unknown
  declare loading: boolean
  declare drill: DrillTarget | undefined
  declare tab: Tab
  #abort: AbortController | undefined
  #starting = false
  /** The report last run (a new `report` from the route runs another). */
  #selected = ''
  #unsubscribe: (() => void) | undefined
  #throttle = new Throttle(() => void this.#run(), 5000)

  constructor() {
    super()
    this.services = undefined
    this.reportId = ''
    this.refreshMs = 5000
    this.list = undefined
    this.query = { from: '', to: '', filters: {} }
    this.preset = '30d'
    this.result = undefined
    this.error = undefined
    this.loading = false
    this.drill = undefined
    this.tab = 'report'
    consumeServices(this)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this.#throttle.cancel()
    this.#abort?.abort()
  }

  override connectedCallback() {
    super.connectedCallback()
    if (this.services && !this.list) void this.#start()
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('refreshMs')) {
      this.#throttle.cancel()
      this.#throttle = new Throttle(() => void this.#run(), this.refreshMs)
    }
    if (changed.has('services') && this.services && this.isConnected && !this.list) void this.#start()
    if (changed.has('reportId') && isInputTab(this.reportId)) this.tab = this.reportId
    else if (changed.has('reportId') && this.list && this.reportId && this.reportId !== this.#selected) {
      this.tab = 'report'
      this.#select(this.reportId)
    }
  }

  get #report(): ReportSummaryDto | undefined {
    return this.list?.items.find((r) => r.id === this.reportId) ?? this.list?.items[0]
  }

  async #start() {
    if (this.#starting) return
    this.#starting = true
    const services = this.services!
    this.#unsubscribe ??= services.realtime.on('sale.completed', () => {
      const report = this.#report
      if (report?.dated && this.list && includesToday(this.query, this.list.today)) this.#throttle.poke()
    })
    try {
      this.list = await listReports(services.api)
      this.query = { ...presetRange(this.preset, this.list.today), filters: {} }
      this.#select(this.reportId && !isInputTab(this.reportId) ? this.reportId : this.list.items[0]!.id)
    } catch (error) {
      this.error = error
    } finally {
      this.#starting = false
    }
  }

  #select(id: string) {
    if (!this.list?.items.some((r) => r.id === id)) id = this.list!.items[0]!.id
    this.reportId = this.#selected = id
    this.query = { ...this.query, filters: {} }
    this.drill = undefined
    void this.#run()
  }

  async #run() {
    const report = this.#report
    if (!report || !this.services) return
    this.#abort?.abort()
    const abort = (this.#abort = new AbortController())
    this.loading = true
    try {
      const result = await runReport(this.services.api, report, this.query, abort.signal)
      if (abort.signal.aborted) return
      this.result = result
      this.error = undefined
      this.dispatchEvent(new CustomEvent('report-rendered', { detail: { id: report.id, rows: result.rows.length } }))
    } catch (error) {
      if (!abort.signal.aborted) this.error = error
    } finally {
      if (!abort.signal.aborted) this.loading = false
    }
  }

  #setQuery(query: ReportQuery) {
    this.query = query
    this.drill = undefined
    void this.#run()
  }

  #onPreset(event: Event) {
    this.preset = (event.target as HTMLSelectElement).value as Preset
    if (this.preset !== 'custom') this.#setQuery({ ...this.query, ...presetRange(this.preset, this.list!.today) })
  }

  #onDate(which: 'from' | 'to', event: Event) {
    const value = (event.target as HTMLInputElement).value
    if (!value) return
    this.preset = 'custom'
    this.#setQuery({ ...this.query, [which]: value })
  }

  #onFilter(filter: ReportFilterDto, event: Event) {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value.trim()
    const filters = { ...this.query.filters }
    if (value) filters[filter.name] = value
    else delete filters[filter.name]
    this.#setQuery({ ...this.query, filters })
  }

  /** From an input tab: the report that shows what was entered, over its month. */
  #showReport({ id, from, to }: ShowReport) {
    this.tab = 'report'
    this.preset = 'custom'
    this.query = { from, to, filters: {} }
    this.#select(id)
  }

  #onPick(detail: ChartPick) {
    const report = this.#report!
    const keys: Record<string, string> = {}
    for (const key of report.keys) if (detail.row[key] !== null && detail.row[key] !== undefined) keys[key] = String(detail.row[key])
    const column = report.columns.find((c) => c.key === detail.column)
    if (!column || !report.drillable.includes(column.key)) return
    const value: ReportValue = detail.row[column.key] ?? null
    const where = report.keys.map((k) => formatCell(detail.row[k], report.columns.find((c) => c.key === k)?.type ?? 'text')).join(', ')
    this.drill = { column: column.key, keys, value, label: `${column.label.toLowerCase()} · ${where}` }
  }

  override render() {
    const report = this.#report
    return html`<section class="page" aria-labelledby="reports-title">
      <header class="page-header"><h1 id="reports-title">Reports</h1></header>
      <nav class="tabs" role="tablist" aria-label="Reports and what they need">${TABS.map((t) => html`<button role="tab" type="button" id=${`tab-${t.id}`}
        aria-selected=${this.tab === t.id ? 'true' : 'false'} @click=${() => (this.tab = t.id)}>${t.label}</button>`)}</nav>
      ${this.tab === 'report' ? this.#reports(report) : this.#inputs(this.tab)}
    </section>`
  }

  #reports(report: ReportSummaryDto | undefined) {
    return html`${this.error ? errorAlert(this.error, html`<button class="btn" @click=${() => (this.list ? this.#run() : this.#start())}>Try again</button>`) : nothing}
      ${this.list && report ? this.#dashboard(report) : this.error ? nothing : html`<p class="muted" role="status">Loading reports…</p>`}`
  }

  #inputs(tab: Exclude<Tab, 'report'>) {
    if (!this.list) return this.error ? errorAlert(this.error) : html`<p class="muted" role="status">Loading…</p>`
    const today = this.list.today
    const categories = this.list.items.find((r) => r.id === 'sales-vs-targets')?.filters.find((f) => f.name === 'category')?.choices ?? []
    return html`<div role="tabpanel" aria-labelledby=${`tab-${tab}`} @show-report=${(e: CustomEvent<ShowReport>) => this.#showReport(e.detail)}>${
      tab === 'expenses' ? html`<pos-expenses-panel .services=${this.services} today=${today}></pos-expenses-panel>`
      : tab === 'targets' ? html`<pos-targets-panel .services=${this.services} today=${today} .categories=${categories}></pos-targets-panel>`
      : html`<pos-issues-panel .services=${this.services}></pos-issues-panel>`
    }</div>`
  }

  #dashboard(report: ReportSummaryDto) {
    const { services, query, result } = this
    return html`
      <div class="card controls">
        <div class="field picker">
          <label for="report">Report</label>
          <select id="report" @change=${(e: Event) => this.#select((e.target as HTMLSelectElement).value)}>
            ${GROUPS.map((g) => html`<optgroup label=${g}>${this.list!.items.filter((r) => r.group === g).map((r) => html`<option value=${r.id} ?selected=${r.id === report.id}>${r.title}</option>`)}</optgroup>`)}
          </select>
        </div>
        ${report.dated ? html`
          <div class="field"><label for="preset">Period</label>
            <select id="preset" @change=${this.#onPreset}>${PRESETS.map((p) => html`<option value=${p.id} ?selected=${p.id === this.preset}>${p.label}</option>`)}</select></div>
          <div class="field"><label for="from">From</label><input id="from" type="date" .value=${query.from} max=${query.to} @change=${(e: Event) => this.#onDate('from', e)} /></div>
          <div class="field"><label for="to">To</label><input id="to" type="date" .value=${query.to} min=${query.from} @change=${(e: Event) => this.#onDate('to', e)} /></div>` : nothing}
        ${report.filters.map((f) => this.#filter(f))}
        <div class="downloads">
          <a class="btn" download href=${exportHref(services!.api, report, query, 'csv')}>CSV</a>
          <a class="btn" download href=${exportHref(services!.api, report, query, 'parquet')}>Parquet</a>
        </div>
      </div>
      <p class="muted description">${report.description}${result ? html` <span class="stamp" role="status">${this.loading ? 'Updating…' : `Updated ${new Date(result.generatedAt).toLocaleTimeString('en-GB')}`}</span>` : nothing}</p>
      <div class="card" @chart-pick=${(e: CustomEvent<ChartPick>) => this.#onPick(e.detail)} @cell-pick=${(e: CustomEvent<ChartPick>) => this.#onPick(e.detail)}>
        <pos-report-chart .report=${report} .result=${result}></pos-report-chart>
        <pos-report-table .report=${report} .result=${result}></pos-report-table>
      </div>
      ${this.drill ? html`<pos-report-drill .services=${services} .report=${report} .query=${query} .target=${this.drill}
        @drill-close=${() => (this.drill = undefined)}></pos-report-drill>` : nothing}`
  }

  #filter(f: ReportFilterDto) {
    const id = `filter-${f.name}`
    const value = this.query.filters[f.name] ?? ''
    if (f.choices) {
      return html`<div class="field"><label for=${id}>${f.label}</label>
        <select id=${id} @change=${(e: Event) => this.#onFilter(f, e)}><option value="">All</option>
          ${f.choices.map((c) => html`<option value=${c} ?selected=${c === value}>${c}</option>`)}</select></div>`
    }
    const type = f.kind === 'number' ? 'number' : 'text'
    return html`<div class="field"><label for=${id}>${f.label}</label>
      <input id=${id} type=${type} .value=${value} placeholder=${f.default !== undefined ? String(f.default) : 'All'} min=${f.min ?? nothing} max=${f.max ?? nothing}
        @change=${(e: Event) => this.#onFilter(f, e)} /></div>`
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .page { display: grid; gap: 1rem; }
      .controls { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; }
      .controls .field { min-width: 9rem; }
      .controls .picker { min-width: 15rem; }
      .downloads { display: flex; gap: 0.5rem; margin-left: auto; }
      .description { font-size: 0.92rem; }
      .stamp { margin-left: 0.5rem; font-size: 0.85rem; }
      .tabs { display: flex; flex-wrap: wrap; gap: 0.25rem; border-bottom: 1px solid var(--pos-border); }
      .tabs button {
        font: inherit; font-weight: 600; color: var(--pos-text-muted); background: none; border: none; cursor: pointer;
        padding: 0.6rem 0.9rem; border-bottom: 3px solid transparent; margin-bottom: -1px; min-height: var(--pos-target);
      }
      .tabs button[aria-selected='true'] { color: var(--pos-primary); border-bottom-color: var(--pos-primary); }
      .tabs button:focus-visible { outline: none; box-shadow: var(--pos-focus); }
    `,
  ]
}

customElements.define('pos-reports', PosReports)

declare global {
  interface HTMLElementTagNameMap {
    'pos-reports': PosReports
  }
}

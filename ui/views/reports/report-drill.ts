import { LitElement, css, html, nothing } from 'lit'
import type { DrillResult, ReportSummaryDto, ReportValue } from '../../../appliance/api/contract.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import { drillReport, exportHref, type DrillTarget, type ReportQuery } from '../../data/reports.js'
import type { AppServices } from '../../data/services.js'
import { formatCell } from './cells.js'

const PAGE = 100

/**
 * The rows behind one figure: a page at a time, with the figure they make (it matches the
 * report's), each order linked to its page, and the lot as CSV or Parquet.
 */
export class PosReportDrill extends LitElement {
  static override properties = {
    services: { attribute: false }, report: { attribute: false }, query: { attribute: false }, target: { attribute: false },
    pages: { state: true }, error: { state: true }, loading: { state: true },
  }
  declare services: AppServices | undefined
  declare report: ReportSummaryDto | undefined
  declare query: ReportQuery | undefined
  declare target: DrillTarget | undefined
  declare pages: DrillResult[]
  declare error: unknown
  declare loading: boolean
  #abort: AbortController | undefined

  constructor() {
    super()
    this.pages = []
    this.error = undefined
    this.loading = false
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('target') || changed.has('query') || changed.has('report')) {
      this.pages = []
      void this.#load(0)
    }
  }

  async #load(offset: number) {
    const { services, report, query, target } = this
    if (!services || !report || !query || !target) return
    this.#abort?.abort()
    const abort = (this.#abort = new AbortController())
    this.loading = true
    this.error = undefined
    try {
      const page = await drillReport(services.api, report, query, target, { limit: PAGE, offset }, abort.signal)
      if (!abort.signal.aborted) this.pages = offset === 0 ? [page] : [...this.pages, page]
    } catch (error) {
      if (!abort.signal.aborted) this.error = error
    } finally {
      if (!abort.signal.aborted) this.loading = false
    }
  }

  override render() {
    const { report, query, target, services } = this
    if (!report || !query || !target || !services) return nothing
    const first = this.pages[0]
    const last = this.pages.at(-1)
    const rows = this.pages.flatMap((p) => p.rows)
    const column = report.columns.find((c) => c.key === target.column)
    return html`<section class="card drill" aria-labelledby="drill-title">
      <header>
        <div>
          <h2 id="drill-title">Behind ${target.label}</h2>
          ${first ? html`<p class="muted summary">${first.total.toLocaleString('en-GB')} ${first.total === 1 ? 'row makes' : 'rows make'} ${column ? formatCell(first.figure, column.type) : first.figure}</p>` : nothing}
        </div>
        <div class="actions">
          <a class="btn" download href=${exportHref(services.api, report, query, 'csv', target)}>CSV</a>
          <a class="btn" download href=${exportHref(services.api, report, query, 'parquet', target)}>Parquet</a>
          <button class="btn btn-ghost" @click=${() => this.dispatchEvent(new CustomEvent('drill-close', { bubbles: true, composed: true }))}>Close</button>
        </div>
      </header>
      ${this.error ? errorAlert(this.error) : nothing}
      ${first ? this.#table(first, rows) : html`<p class="muted" role="status">Loading…</p>`}
      ${last?.nextOffset != null
        ? html`<div class="more"><button class="btn" ?disabled=${this.loading} @click=${() => this.#load(last.nextOffset!)}>Show ${PAGE} more</button></div>`
        : nothing}
    </section>`
  }

  #table(page: DrillResult, rows: Array<Record<string, ReportValue>>) {
    if (rows.length === 0) return html`<p class="muted" role="status">No rows.</p>`
    const columns = page.columns.filter((c) => c.key !== 'orderId')
    return html`<div class="table-wrap"><table>
      <thead><tr>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
      <tbody>${rows.map((row) => html`<tr>${columns.map((c) => html`<td>${
        c.key === 'orderNumber' && row.orderId
          ? html`<a href="#/orders/${encodeURIComponent(String(row.orderId))}">${row.orderNumber ?? row.orderId}</a>`
          : formatCell(row[c.key], c.type)
      }</td>`)}</tr>`)}</tbody>
    </table></div>`
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .drill { display: grid; gap: 0.75rem; }
      header { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; flex-wrap: wrap; }
      .actions { display: flex; gap: 0.5rem; }
      .table-wrap { overflow: auto; max-height: 50vh; }
      table { width: 100%; border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
      th, td { padding: 0.35rem 0.55rem; border-bottom: 1px solid var(--pos-border); text-align: left; white-space: nowrap; }
      th { position: sticky; top: 0; background: var(--pos-surface); color: var(--pos-text-muted); }
      .more { display: flex; justify-content: center; }
    `,
  ]
}

customElements.define('pos-report-drill', PosReportDrill)

declare global {
  interface HTMLElementTagNameMap {
    'pos-report-drill': PosReportDrill
  }
}

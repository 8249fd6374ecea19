import { LitElement, css, html, nothing } from 'lit'
import type { ReportColumnDto, ReportResult, ReportSummaryDto, ReportValue } from '../../../appliance/api/contract.js'
import { baseStyles } from '../../components/styles.js'
import { formatCell } from './cells.js'

const NUMERIC = new Set(['money', 'count', 'percent', 'minutes', 'number'])

/** The report's rows; a drillable figure is a button that asks for the rows behind it (`cell-pick`). */
export class PosReportTable extends LitElement {
  static override properties = { report: { attribute: false }, result: { attribute: false } }
  declare report: ReportSummaryDto | undefined
  declare result: ReportResult | undefined

  override render() {
    const { report, result } = this
    if (!report || !result) return nothing
    if (result.rows.length === 0) return html`<p class="muted empty" role="status">Nothing to show for this period and these filters.</p>`
    const drillable = new Set(report.drillable)
    return html`<div class="table-wrap"><table>
      <thead><tr>${result.columns.map((c) => html`<th scope="col" class=${NUMERIC.has(c.type) ? 'num' : ''}>${c.label}</th>`)}</tr></thead>
      <tbody>${result.rows.map((row, i) => html`<tr data-row=${i}>${result.columns.map((c) => this.#cell(row, c, drillable.has(c.key)))}</tr>`)}</tbody>
    </table></div>`
  }

  #cell(row: Record<string, ReportValue>, column: ReportColumnDto, drillable: boolean) {
    const text = formatCell(row[column.key], column.type)
    const cls = NUMERIC.has(column.type) ? 'num' : ''
    if (!drillable || row[column.key] === null) return html`<td class=${cls} data-col=${column.key}>${text}</td>`
    const pick = () => this.dispatchEvent(new CustomEvent('cell-pick', { detail: { row, column: column.key }, bubbles: true, composed: true }))
    return html`<td class=${cls} data-col=${column.key}><button class="drill" title="Show the rows behind this figure" @click=${pick}>${text}</button></td>`
  }

  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      .table-wrap { overflow: auto; max-height: 60vh; }
      table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
      th, td { padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--pos-border); text-align: left; white-space: nowrap; }
      th { position: sticky; top: 0; background: var(--pos-surface); font-size: 0.85rem; color: var(--pos-text-muted); }
      .num { text-align: right; }
      button.drill {
        font: inherit; color: var(--pos-primary); background: none; border: none; padding: 0.2rem 0.3rem; margin: -0.2rem -0.3rem;
        border-radius: 6px; cursor: pointer; text-decoration: underline dotted; text-underline-offset: 3px;
      }
      button.drill:hover { background: var(--pos-primary-soft); }
      .empty { padding: 1.5rem 0; }
    `,
  ]
}

customElements.define('pos-report-table', PosReportTable)

declare global {
  interface HTMLElementTagNameMap {
    'pos-report-table': PosReportTable
  }
}

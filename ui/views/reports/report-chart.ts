import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit'
import uPlot from 'uplot'
import uplotCss from 'uplot/dist/uPlot.min.css?inline'
import type { ReportResult, ReportSummaryDto, ReportValue } from '../../../appliance/api/contract.js'
import { formatCell, timeOf } from './cells.js'

/** A figure picked on the chart: the row it belongs to and the column. */
export interface ChartPick {
  row: Record<string, ReportValue>
  column: string
}

const COLOURS = ['#2f6fdb', '#e07b24', '#2e9e6a', '#c0392b', '#8e44ad', '#16a2b8', '#b7950b', '#5d6d7e', '#d35400', '#1e8449']

interface Plotted {
  data: uPlot.AlignedData
  series: Array<{ label: string; column: string; seriesValue?: string }>
  /** For each x position, the rows behind it (by series value, or '' when not pivoted). */
  rowsAt: Array<Map<string, Record<string, ReportValue>>>
  time: boolean
  labels: string[]
}

/** Lays a report's rows out for uPlot: x values, then one series per figure (or per pivot value). */
export function plot(report: ReportSummaryDto, result: ReportResult): Plotted {
  const { x, y, series: pivot } = report.chart
  const xs: ReportValue[] = []
  const index = new Map<string, number>()
  for (const row of result.rows) {
    const key = String(row[x])
    if (!index.has(key)) index.set(key, xs.push(row[x] ?? null) - 1)
  }
  const time = xs.length > 0 && xs.every((v) => timeOf(v) !== undefined)
  const rowsAt = xs.map(() => new Map<string, Record<string, ReportValue>>())
  const series: Plotted['series'] = []
  const values: Array<Array<number | null>> = []
  const column = (label: string, col: string, seriesValue?: string) => {
    series.push({ label, column: col, ...(seriesValue !== undefined ? { seriesValue } : {}) })
    values.push(xs.map(() => null))
    return values.length - 1
  }
  const pivotValues = pivot ? [...new Set(result.rows.map((r) => String(r[pivot])))] : []
  const slots = new Map<string, number>()
  if (pivot) for (const v of pivotValues) slots.set(v, column(v, y[0]!, v))
  else for (const col of y) slots.set(col, column(report.columns.find((c) => c.key === col)?.label ?? col, col))
  for (const row of result.rows) {
    const i = index.get(String(row[x]))!
    rowsAt[i]!.set(pivot ? String(row[pivot]) : '', row)
    if (pivot) values[slots.get(String(row[pivot]))!]![i] = numberOf(row[y[0]!])
    else for (const col of y) values[slots.get(col)!]![i] = numberOf(row[col])
  }
  const xValues = time ? xs.map((v) => timeOf(v)!) : xs.map((_, i) => i)
  return { data: [xValues, ...values] as uPlot.AlignedData, series, rowsAt, time, labels: xs.map((v) => String(v)) }
}

const numberOf = (v: ReportValue | undefined) => (typeof v === 'number' ? v : null)

/**
 * The report's chart (uPlot): bars or lines, one series per figure or per pivot value.
 * Clicking a bar or point picks the figure under it (`chart-pick`) for a drill-down.
 */
export class PosReportChart extends LitElement {
  static override properties = { report: { attribute: false }, result: { attribute: false } }
  declare report: ReportSummaryDto | undefined
  declare result: ReportResult | undefined
  #plot: uPlot | undefined
  #plotted: Plotted | undefined
  #resize = new ResizeObserver(() => this.#plot?.setSize(this.#size()))

  override connectedCallback() {
    super.connectedCallback()
    this.#resize.observe(this)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#resize.disconnect()
    this.#plot?.destroy()
    this.#plot = undefined
  }

  override render() {
    return html`<div class="chart" role="img" aria-label=${this.report ? `${this.report.title} chart` : 'Chart'}></div>`
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('result') || changed.has('report')) this.#draw()
  }

  #size() {
    return { width: Math.max(280, this.clientWidth || 640), height: 280 }
  }

  #draw() {
    this.#plot?.destroy()
    this.#plot = undefined
    const target = this.renderRoot.querySelector<HTMLElement>('.chart')
    if (!target || !this.report || !this.result || this.result.rows.length === 0) return
    // happy-dom and very old browsers have no canvas: the table still shows every figure.
    if (!document.createElement('canvas').getContext?.('2d')) return
    const report = this.report
    const plotted = (this.#plotted = plot(report, this.result))
    const xType = report.columns.find((c) => c.key === report.chart.x)?.type ?? 'text'
    const yType = report.columns.find((c) => c.key === report.chart.y[0])?.type ?? 'number'
    const bars = report.chart.kind === 'bar'
    const n = plotted.series.length
    const opts: uPlot.Options = {
      ...this.#size(),
      scales: { x: { time: plotted.time, ...(bars && !plotted.time ? { range: (_u, min, max) => [min - 0.6, max + 0.6] } : {}) } },
      axes: [
        plotted.time ? {} : { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (plotted.labels[s] ?? '') : '')), rotate: 0 },
        { values: (_u, splits) => splits.map((s) => formatCell(yType === 'money' ? Math.round(s) : s, yType)), size: 80 },
      ],
      cursor: { focus: { prox: 24 } },
      series: [
        {
          label: report.columns.find((c) => c.key === report.chart.x)?.label ?? '',
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : plotted.time ? formatCell(plotted.labels[plotted.data[0].indexOf(v)] ?? '', xType) : (plotted.labels[v] ?? '')),
        },
        ...plotted.series.map((s, i) => ({
          label: s.label,
          stroke: COLOURS[i % COLOURS.length],
          fill: bars ? `${COLOURS[i % COLOURS.length]}cc` : undefined,
          width: bars ? 0 : 2,
          points: { show: !bars && plotted.data[0].length < 60 },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatCell(v, yType)),
          ...(bars ? { paths: uPlot.paths.bars!({ size: [0.8 / n, 60], align: 0 }), points: { show: false } } : {}),
        })),
      ],
    }
    this.#plot = new uPlot(opts, plotted.data, target)
    this.#plot.over.addEventListener('click', () => this.#pick())
  }

  /** The figure under the cursor: its x position and the series nearest the pointer. */
  #pick() {
    const u = this.#plot
    const plotted = this.#plotted
    const idx = u?.cursor.idx
    if (!u || !plotted || idx === null || idx === undefined) return
    const top = u.cursor.top ?? 0
    let best = 0
    let bestDistance = Infinity
    plotted.series.forEach((_, i) => {
      const v = u.data[i + 1]?.[idx]
      if (v === null || v === undefined) return
      const d = Math.abs(u.valToPos(v, 'y') - top)
      if (d < bestDistance) [best, bestDistance] = [i, d]
    })
    const s = plotted.series[best]!
    const row = plotted.rowsAt[idx]?.get(s.seriesValue ?? '')
    if (row) this.dispatchEvent(new CustomEvent<ChartPick>('chart-pick', { detail: { row, column: s.column }, bubbles: true, composed: true }))
  }

  static override styles = [
    unsafeCSS(uplotCss),
    css`
      :host { display: block; min-height: 300px; }
      .chart { width: 100%; }
      .u-over { cursor: pointer; }
      .u-legend { font-size: 0.85rem; }
    `,
  ]
}

customElements.define('pos-report-chart', PosReportChart)

declare global {
  interface HTMLElementTagNameMap {
    'pos-report-chart': PosReportChart
  }
}

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

/** Bars up to this many x positions; beyond, lines (a year of days in bars would be hairlines). */
export const MAX_BAR_POSITIONS = 62
/** The share of each x position a group of bars fills (the rest is the gap between groups). */
export const GROUP = 0.8

/** The left edge of series `i`'s bar (of `n`) at x position `j`, in x-scale units (positions are 0, 1, 2, …). */
export const barLeft = (j: number, i: number, n: number): number => j - GROUP / 2 + (i * GROUP) / n

/** The bar an x-scale value falls on: its position and series; undefined in the gap between groups. */
export function barAt(v: number, n: number, positions: number): { index: number; series: number } | undefined {
  const index = Math.round(v)
  const offset = v - index + GROUP / 2
  if (index < 0 || index >= positions || offset < 0 || offset >= GROUP) return undefined
  return { index, series: Math.min(n - 1, Math.floor((offset * n) / GROUP)) }
}

interface Plotted {
  data: uPlot.AlignedData
  series: Array<{ label: string; column: string; seriesValue?: string }>
  /** For each x position, the rows behind it (by series value, or '' when not pivoted). */
  rowsAt: Array<Map<string, Record<string, ReportValue>>>
  /** Drawn as (grouped) bars, on positions 0, 1, 2, …; otherwise lines. */
  bars: boolean
  time: boolean
  labels: string[]
}

const typeOf = (report: ReportSummaryDto, key: string | undefined) => report.columns.find((c) => c.key === key)?.type ?? 'text'

/** A day on a category axis: "5 Mar". */
const axisLabel = (value: ReportValue, type: ReturnType<typeof typeOf>) =>
  type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${Number(value.slice(8))} ${formatCell(value.slice(0, 7), 'month').slice(0, 3)}` : formatCell(value, type)

/** Lays a report's rows out for uPlot: x values, then one series per figure (or per pivot value). */
export function plot(report: ReportSummaryDto, result: ReportResult): Plotted {
  const { x, y, series: pivot, within } = report.chart
  const xs: ReportValue[] = []
  const withins: ReportValue[] = []
  const index = new Map<string, number>()
  const keyOf = (row: Record<string, ReportValue>) => (within ? `${String(row[within])}\u0000${String(row[x])}` : String(row[x]))
  for (const row of result.rows) {
    const key = keyOf(row)
    if (!index.has(key)) {
      index.set(key, xs.push(row[x] ?? null) - 1)
      withins.push(within ? (row[within] ?? null) : null)
    }
  }
  // Bars of days or months stand on every day (month) of the range asked for, not only those with figures.
  const xType = typeOf(report, x)
  const ends = !report.dated ? [] : xType === 'date' ? [result.from, result.to] : xType === 'month' ? [result.from.slice(0, 7), result.to.slice(0, 7)] : []
  const span = report.chart.kind === 'bar' && !within && xs.length > 0 ? everyStep([...xs, ...ends]) : undefined
  if (span && span.length <= MAX_BAR_POSITIONS) {
    xs.splice(0, xs.length, ...span)
    index.clear()
    span.forEach((v, i) => index.set(String(v), i))
  }
  const bars = report.chart.kind === 'bar' && (span ?? xs).length <= MAX_BAR_POSITIONS
  const time = !bars && !within && xs.length > 0 && xs.every((v) => timeOf(v) !== undefined)
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
    const i = index.get(keyOf(row))!
    rowsAt[i]!.set(pivot ? String(row[pivot]) : '', row)
    if (pivot) values[slots.get(String(row[pivot]))!]![i] = numberOf(row[y[0]!])
    else for (const col of y) values[slots.get(col)!]![i] = numberOf(row[col])
  }
  const xValues = time ? xs.map((v) => timeOf(v)!) : xs.map((_, i) => i)
  // "Mar 2024 · Toys" only when the range spans more than one month.
  const twoPart = within && new Set(withins.map(String)).size > 1
  const labels = xs.map((v, i) => (twoPart ? `${formatCell(withins[i], typeOf(report, within))} · ${axisLabel(v, xType)}` : time ? String(v) : axisLabel(v, xType)))
  return { data: [xValues, ...values] as uPlot.AlignedData, series, rowsAt, bars, time, labels }
}

const numberOf = (v: ReportValue | undefined) => (typeof v === 'number' ? v : null)

/** Every day (YYYY-MM-DD) or month (YYYY-MM) from the first of `xs` to the last; undefined for other values. */
export function everyStep(xs: readonly ReportValue[]): string[] | undefined {
  const days = xs.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
  const months = !days && xs.every((v) => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v))
  if (xs.length === 0 || (!days && !months)) return undefined
  const sorted = (xs as string[]).slice().sort()
  const at = new Date(`${sorted[0]!}${months ? '-01' : ''}T00:00:00Z`)
  const out: string[] = []
  // Capped: a span too long for bars is drawn as lines from the rows themselves.
  for (let n = 0; n <= MAX_BAR_POSITIONS; n++) {
    const value = at.toISOString().slice(0, months ? 7 : 10)
    out.push(value)
    if (value >= sorted.at(-1)!) return out
    if (months) at.setUTCMonth(at.getUTCMonth() + 1)
    else at.setUTCDate(at.getUTCDate() + 1)
  }
  return out
}

/** Series `i` of `n` side by side within each x position (uPlot's bars, placed by `disp`). */
function groupedBars(i: number, n: number): uPlot.Series.PathBuilder {
  const ScaleValue = 1 as uPlot.Series.BarsPathBuilderFacetUnit
  return uPlot.paths.bars!({
    disp: {
      x0: { unit: ScaleValue, values: (u) => Array.from(u.data[0], (_, j) => barLeft(j, i, n)) },
      size: { unit: ScaleValue, values: (u) => Array.from(u.data[0], () => GROUP / n) },
    },
  })
}

/**
 * The report's chart (uPlot): grouped bars (side by side, one per series) or lines, one
 * series per figure or per pivot value. Clicking a bar or point picks the figure under it
 * (`chart-pick`) for a drill-down.
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
    const xType = typeOf(report, report.chart.x)
    const yType = typeOf(report, report.chart.y[0])
    const { bars } = plotted
    const n = plotted.series.length
    const opts: uPlot.Options = {
      ...this.#size(),
      // Positions 0…n−1 with room for the outer groups (fixed: uPlot widens a lone x value to 0…100).
      scales: {
        x: { time: plotted.time, ...(bars ? { range: (): uPlot.Range.MinMax => [-0.6, plotted.labels.length - 0.4] } : {}) },
        // Bars stand on zero, so their heights compare.
        ...(bars ? { y: { range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => [min < 0 ? min * 1.08 : 0, max > 0 ? max * 1.08 : 1] } } : {}),
      },
      axes: [
        plotted.time ? {} : { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (plotted.labels[s] ?? '') : '')), incrs: [1, 2, 3, 5, 7, 10, 14, 20, 30, 50, 100], space: 60 },
        { values: (_u, splits) => splits.map((s) => formatCell(yType === 'money' ? Math.round(s) : s, yType)), size: 80 },
      ],
      // Lines: the series nearest the pointer stands out. Bars: the bar under it is what a click drills.
      cursor: bars ? { points: { show: false } } : { focus: { prox: 24 } },
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
          ...(bars ? { paths: groupedBars(i, n), points: { show: false } } : {}),
        })),
      ],
    }
    this.#plot = new uPlot(opts, plotted.data, target)
    this.#plot.over.addEventListener('click', () => this.#pick())
  }

  /** The figure under the cursor: the bar under the pointer, or on lines the point nearest it. */
  #pick() {
    const u = this.#plot
    const plotted = this.#plotted
    if (!u || !plotted) return
    if (plotted.bars) {
      const bar = barAt(u.posToVal(u.cursor.left ?? 0, 'x'), plotted.series.length, plotted.labels.length)
      if (!bar || u.series[bar.series + 1]?.show === false) return
      return this.#emit(plotted, bar.index, bar.series)
    }
    const idx = u.cursor.idx
    if (idx === null || idx === undefined) return
    const top = u.cursor.top ?? 0
    let best = 0
    let bestDistance = Infinity
    plotted.series.forEach((_, i) => {
      const v = u.data[i + 1]?.[idx]
      if (v === null || v === undefined) return
      const d = Math.abs(u.valToPos(v, 'y') - top)
      if (d < bestDistance) [best, bestDistance] = [i, d]
    })
    this.#emit(plotted, idx, best)
  }

  #emit(plotted: Plotted, index: number, series: number) {
    const s = plotted.series[series]!
    const row = plotted.rowsAt[index]?.get(s.seriesValue ?? '')
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

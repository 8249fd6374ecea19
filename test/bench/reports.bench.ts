/**
 * Report figures on generated history (`npm run bench -- reports`): the history generator's
 * time, each report's median through the HTTP API over the last year beside the same SQL
 * straight on a DuckDB connection, a drill-down page, and the dashboard's first paint in
 * Chromium. `REPORT_LINES` (default 10,000,000) and `REPORT_YEARS` (5) size the history;
 * `REPORT_DATA_DIR` reuses a data directory already generated (the generator is then not timed).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ReportResult } from '../../appliance/api/contract.js'
import { Database } from '../../appliance/db/database.js'
import { generateHistory } from '../../appliance/db/report-history.js'
import { bindNamed } from '../../appliance/db/report-runner.js'
import { seedDemoShop } from '../../appliance/db/seed-demo.js'
import { REPORTS } from '../../appliance/reports/index.js'
import { signInBrowser } from '../e2e/till-browser.js'
import { signIn, startAppliance } from '../support/appliance.js'
import { openPage } from '../support/browser.js'
import { percentiles, timeMany, type Benchmark, type Figure } from './harness.js'

const LINES = Number(process.env.REPORT_LINES ?? 10_000_000)
const YEARS = Number(process.env.REPORT_YEARS ?? 5)
const RUNS = Number(process.env.REPORT_RUNS ?? 15)
const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))
const ZONE = 'Europe/London'
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const median = (samples: number[]) => percentiles(samples, [50]).p50!

async function generate(dataDir: string): Promise<Figure> {
  const { db } = await Database.open(join(dataDir, 'appliance.duckdb'), { readers: 1 })
  try {
    await seedDemoShop(db, { products: 600 })
    const started = performance.now()
    const summary = await generateHistory(db, { years: YEARS, lines: LINES, end: day(-1), timeZone: ZONE })
    await db.checkpoint()
    const seconds = (performance.now() - started) / 1000
    return { name: `seed:history, ${summary.lines.toLocaleString('en-GB')} lines / ${summary.orders.toLocaleString('en-GB')} orders over ${YEARS} years`, values: { total: Math.round(seconds), ...summary.steps }, unit: 's', target: '< 180 s (10M lines)' }
  } finally {
    db.close()
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: `reports: ${LINES.toLocaleString('en-GB')} lines`,
    async run() {
      const reuse = process.env.REPORT_DATA_DIR
      const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'bench-reports-'))
      const figures: Figure[] = []
      if (!existsSync(join(dataDir, 'appliance.duckdb'))) figures.push(await generate(dataDir))
      const app = await startAppliance({ dataDir })
      try {
        const maya = await signIn(app.url)
        await app.deps.reports.facts.flush()
        const from = day(-365)
        const to = day(-1)
        for (const report of REPORTS) {
          const query = report.dated ? `from=${from}&to=${to}` : ''
          const bound = bindNamed(report.sql, { from, to, zone: ZONE, today: day(0), now: new Date(), values: Object.fromEntries(report.filters.map((f) => [f.name, f.default])) })
          // Interleaved, so both see the same load on the shared cores.
          const api: number[] = []
          const direct: number[] = []
          for (let i = -2; i < RUNS; i++) {
            let started = performance.now()
            const r = await maya.fetch(`/api/reports/${report.id}?${query}`)
            if (!r.ok) throw new Error(`${report.id}: ${r.status} ${await r.text()}`)
            await r.json()
            if (i >= 0) api.push(performance.now() - started)
            started = performance.now()
            await app.db.reader.all(bound.sql, bound.values)
            if (i >= 0) direct.push(performance.now() - started)
          }
          const [a, d] = [median(api), median(direct)]
          figures.push({
            name: `${report.id} over a year: API beside DuckDB direct (overhead ${Math.round(((a - d) / d) * 100)}%)`,
            values: { api: a, direct: d }, unit: 'ms', target: 'API < 300 ms, overhead < 20%',
          })
        }
        const categories = await maya.get<ReportResult>(`/api/reports/sales-by-category?from=${from}&to=${to}`)
        const top = encodeURIComponent(String(categories.rows[0]?.category ?? 'Toys'))
        const drill = await timeMany(RUNS, async () => {
          const r = await maya.fetch(`/api/reports/sales-by-category/drill?from=${from}&to=${to}&column=salesMinor&category=${top}&limit=100&offset=1000`)
          if (!r.ok) throw new Error(`drill: ${r.status}`)
          await r.json()
        }, 2)
        figures.push({ name: 'drill-down page (100 lines behind a category’s year of sales, with their count and sum)', values: { p50: median(drill) }, unit: 'ms' })
        figures.push(await firstPaint(app))
        return figures
      } finally {
        await app.stop()
        if (!reuse) rmSync(dataDir, { recursive: true, force: true })
      }
    },
  },
]

/** Navigation to the dashboard until the daily sales report's table and chart are on screen. */
async function firstPaint(app: Awaited<ReturnType<typeof startAppliance>>): Promise<Figure> {
  if (!existsSync(BUILT_UI)) return { name: 'dashboard first paint: ui/dist missing, run npm run build:ui', values: {}, unit: 'ms' }
  const browser = await openPage(app.url)
  try {
    await signInBrowser(app, browser, 'maya', '1111', 'office')
    const samples: number[] = []
    for (let i = 0; i < 6; i++) {
      await browser.page.goto('about:blank')
      const started = performance.now()
      await browser.page.goto('/#/reports/daily-sales-by-channel')
      await browser.page.locator('pos-report-table tbody tr').first().waitFor({ timeout: 15_000 })
      await browser.page.locator('pos-report-chart canvas').first().waitFor({ timeout: 15_000 })
      samples.push(performance.now() - started)
    }
    return { name: 'dashboard first paint in Chromium (daily sales by channel, 30 days: chart and table)', values: percentiles(samples.slice(1), [50, 95]), unit: 'ms', target: '< 1.5 s' }
  } finally {
    await browser.close()
  }
}

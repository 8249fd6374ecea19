/**
 * The head-office export: the order book as hive-partitioned Parquet (store=/date=), read back
 * with `read_parquet(…, hive_partitioning = true)` — totals equal the appliance's own reports,
 * and re-exporting a day replaces its partition rather than doubling it.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportResult } from '../../appliance/api/contract.js'
import { exportOrderBook, ParquetExportJob } from '../../appliance/jobs/parquet-export.js'
import { testClock } from '../api/till-fixtures.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { insertReportFixture } from './fixture.js'

let app: TestAppliance
let maya: Client
let dir: string
const clock = testClock()

beforeAll(async () => {
  app = await startAppliance({ clock })
  await insertReportFixture(app.db, clock.now())
  maya = await signIn(app.url)
  dir = mkdtempSync(join(tmpdir(), 'order-book-'))
})
afterAll(async () => {
  await app?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const lines = () => `read_parquet('${dir}/lines/*/*/*.parquet', hive_partitioning = true)`

describe('hive-partitioned Parquet export of the order book', () => {
  it('writes store=/date= partitions whose totals equal the appliance’s reports', async () => {
    await app.deps.reports.facts.flush()
    const summary = await exportOrderBook(app.db, { dir, from: '2024-03-01', to: '2024-04-30' })
    expect(summary).toMatchObject({ store: 'corner-shop-demo', days: 3, lines: 5, orders: 4 })
    expect(readdirSync(join(dir, 'lines'))).toEqual(['store=corner-shop-demo'])
    expect(readdirSync(join(dir, 'lines', 'store=corner-shop-demo')).sort()).toEqual(['date=2024-03-04', 'date=2024-03-05', 'date=2024-04-02'])

    const byCategory = await app.db.reader.all<{ category: string; sales: number }>(
      `SELECT category, sum(sales_minor)::BIGINT AS sales FROM ${lines()} WHERE store = 'corner-shop-demo' AND date BETWEEN DATE '2024-03-01' AND DATE '2024-03-31' GROUP BY 1 ORDER BY sales DESC`,
    )
    const report = await maya.get<ReportResult>('/api/reports/sales-by-category?from=2024-03-01&to=2024-03-31')
    expect(byCategory).toEqual(report.rows.map((r) => ({ category: r.category, sales: r.salesMinor })))

    const orders = await app.db.reader.all<{ channel: string; n: number; total: number }>(
      `SELECT channel, count(*) AS n, sum(total_minor)::BIGINT AS total FROM read_parquet('${dir}/orders/*/*/*.parquet', hive_partitioning = true) WHERE date < DATE '2024-04-01' GROUP BY 1 ORDER BY 1`,
    )
    const daily = await maya.get<ReportResult>('/api/reports/daily-sales-by-channel?from=2024-03-01&to=2024-03-31')
    expect(orders.map((o) => [o.channel, o.n, o.total])).toEqual(
      ['amazon', 'shopify', 'store'].map((ch) => {
        const rows = daily.rows.filter((r) => r.channel === ch)
        return [ch, rows.reduce((s, r) => s + Number(r.orders), 0), rows.reduce((s, r) => s + Number(r.salesMinor), 0)]
      }),
    )
  })

  it('re-exporting a day replaces its partition; the nightly job exports everything up to yesterday', async () => {
    await exportOrderBook(app.db, { dir, from: '2024-03-04', to: '2024-03-04' })
    const total = await app.db.reader.one<{ n: number }>(`SELECT count(*) AS n FROM ${lines()} WHERE date <= DATE '2024-04-30'`)
    expect(total!.n).toBe(5)

    const nightly = join(dir, 'nightly')
    const job = new ParquetExportJob({ db: app.db, clock, dir: nightly, flush: () => app.deps.reports.facts.flush(), timeZone: async () => 'Europe/London' })
    const first = await job.runNow()
    const yesterday = new Date(clock.now().getTime() - 86_400_000).toISOString().slice(0, 10)
    expect(first).toMatchObject({ from: '2024-03-04', to: yesterday })
    expect(existsSync(join(nightly, 'manifest.json'))).toBe(true)
    // The next run starts a week before the last exported day (late returns and cancellations).
    const second = await job.runNow()
    expect(second?.from).toBe(new Date(Date.parse(yesterday) - 7 * 86_400_000).toISOString().slice(0, 10))
    await job.stop()
  })
})

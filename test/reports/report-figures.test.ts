/**
 * Every report's figures on the fixed month of fixture.ts, worked out by hand; every figure
 * that drills down adds up from its rows; CSV and Parquet exports read back equal.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DrillResult, ReportList, ReportResult } from '../../appliance/api/contract.js'
import { testClock } from '../api/till-fixtures.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { insertReportFixture } from './fixture.js'

let app: TestAppliance
let maya: Client
const MARCH = 'from=2024-03-01&to=2024-03-31'

beforeAll(async () => {
  const clock = testClock()
  app = await startAppliance({ clock })
  await insertReportFixture(app.db, clock.now())
  maya = await signIn(app.url)
})
afterAll(() => app?.stop())

const report = (id: string, query = MARCH) => maya.get<ReportResult>(`/api/reports/${id}?${query}`)
/** Rows as arrays in column order (easy to read against the hand sums). */
const table = (r: ReportResult) => r.rows.map((row) => r.columns.map((c) => row[c.key]))

describe('report figures against hand-computed expectations', () => {
  it('sales: top products, by category, by region, daily by channel', async () => {
    expect(table(await report('top-products', `${MARCH}&category=Toys`))).toEqual([[1, 'RPT-A', 'Report Bear', 'Toys', 3, 2900, 2900 - 483 - 1200]])
    const top = await report('top-products')
    expect(top.rows.slice(0, 3).map((r) => [r.rank, r.sku, r.salesMinor])).toEqual([[1, 'RPT-A', 2900], [2, 'RPT-C', 2000], [3, 'RPT-B', 500]])

    expect(table(await report('sales-by-category'))).toEqual([
      ['Toys', 3, 2900, 1200, 1217, 53.7],
      ['Books', 1, 2000, 1200, 800, 37.04],
      ['Garden', 1, 500, 200, 217, 9.26],
    ])
    expect(table(await report('sales-by-region'))).toEqual([
      ['LA', 1, 3, 2500, 46.3],
      ['M', 1, 1, 2000, 37.04],
      ['FR', 1, 1, 900, 16.67],
    ])
    expect(table(await report('daily-sales-by-channel'))).toEqual([
      ['2024-03-04', 'shopify', 1, 1, 2000],
      ['2024-03-04', 'store', 1, 3, 2500],
      ['2024-03-05', 'amazon', 1, 1, 900],
    ])
    expect(table(await report('daily-sales-by-channel', `${MARCH}&channel=store`))).toEqual([['2024-03-04', 'store', 1, 3, 2500]])
  })

  it('profit and loss by month, and sales against targets', async () => {
    expect(table(await report('profit-and-loss', 'from=2024-03-01&to=2024-04-30'))).toEqual([
      // month, sales, discounts, VAT, refunds, revenue, cost of goods, gross, expenses, net, margin %
      ['2024-03', 5400, 100, 566, 2000, 2834, 2600, 234, 50000, -49766, 8.26],
      ['2024-04', 1000, 0, 167, 0, 833, 400, 433, 50000, -49567, 51.98],
    ])
    expect(table(await report('sales-vs-targets'))).toEqual([
      ['2024-03', 'Books', 2000, null, null, null],
      ['2024-03', 'Garden', 500, 1000, -500, 50],
      ['2024-03', 'Toys', 2900, 5000, -2100, 58],
    ])
  })

  it('customer service: issues by category and priority, response and resolution times', async () => {
    expect(table(await report('customer-issues'))).toEqual([
      ['delivery', 'high', 2, 1, 1],
      ['product', 'low', 1, 0, 1],
    ])
    expect(table(await report('issue-response-times'))).toEqual([
      ['delivery', 2, 2, 45, 1, 240],
      ['product', 1, 0, null, 0, null],
    ])
  })

  it('operations: despatch on time, pick errors, pick and pack rate, returns by reason', async () => {
    expect(table(await report('despatch-on-time'))).toEqual([['2024-03-05', 2, 1, 1, 50]])
    expect(table(await report('despatch-on-time', 'from=2024-01-01&to=2024-06-30'))).toEqual([['2024-03', 2, 1, 1, 50]])
    expect(table(await report('pick-errors'))).toEqual([['2024-03-05', 3, 1, 33.33]])
    expect(table(await report('pick-pack-rate'))).toEqual([
      ['2024-03-05', 'ash', 'Ash', 1, 1, 1, 1],
      ['2024-03-05', 'fin', 'Fin', 2, 1, 1, 1],
    ])
    expect(table(await report('returns-by-reason'))).toEqual([['faulty', 1, 1, 2000, 33.33]])
  })

  it('stock value and slow movers per location (a snapshot of now)', async () => {
    expect(table(await report('stock-value', 'location=rpt-store'))).toEqual([['rpt-store', 'Report shop', 2, 7, 4400, 9000, 1, 2000]])
    expect(table(await report('slow-movers', 'location=rpt-store'))).toEqual([['RPT-A', 'Report Bear', 'Toys', 'rpt-store', 5, 2000, '2024-04-02']])
  })
})

describe('drill-down', () => {
  it('every drillable figure of every report is made by the rows behind it', async () => {
    const { items } = await maya.get<ReportList>('/api/reports')
    expect(items).toHaveLength(14)
    let checked = 0
    for (const def of items) {
      const query = def.id === 'stock-value' || def.id === 'slow-movers' ? 'location=rpt-store' : def.id === 'profit-and-loss' ? 'from=2024-03-01&to=2024-04-30' : MARCH
      const result = await report(def.id, query)
      for (const row of result.rows) {
        for (const column of def.drillable) {
          const value = row[column]
          if (value === null) continue
          const keys = def.keys.map((k) => `&${k}=${encodeURIComponent(String(row[k]))}`).join('')
          const drill = await maya.get<DrillResult>(`/api/reports/${def.id}/drill?${query}&column=${column}${keys}&limit=1000`)
          expect(drill.figure, `${def.id} ${column} ${JSON.stringify(row)}`).toBe(value)
          expect(drill.rows.length).toBe(drill.total)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(60)
  })

  it('drill rows are the order lines, summed client-side, and page with nextOffset', async () => {
    const drill = await maya.get<DrillResult>(`/api/reports/sales-by-category/drill?${MARCH}&column=salesMinor&category=Toys&limit=1`)
    expect(drill).toMatchObject({ total: 2, figure: 2900, limit: 1, offset: 0, nextOffset: 1, keys: { category: 'Toys' } })
    const next = await maya.get<DrillResult>(`/api/reports/sales-by-category/drill?${MARCH}&column=salesMinor&category=Toys&limit=1&offset=1`)
    const rows = [...drill.rows, ...next.rows]
    expect(rows.map((r) => r.orderId).sort()).toEqual(['rpt-o1', 'rpt-o3'])
    expect(rows.reduce((s, r) => s + Number(r.salesMinor), 0)).toBe(2900)
    expect(next.nextOffset).toBeNull()
    const month = await maya.get<DrillResult>('/api/reports/profit-and-loss/drill?from=2024-03-01&to=2024-04-30&column=refundsMinor&month=2024-03')
    expect(month.rows).toMatchObject([{ orderId: 'rpt-o2', returnNumber: 'R-RPT1', amountMinor: 2000 }])
  })
})

describe('exports', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-export-test-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('CSV has the report rows (snake_case columns, money in minor units)', async () => {
    const r = await maya.fetch(`/api/reports/sales-by-category?${MARCH}&format=csv`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('text/csv')
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="sales-by-category-2024-03-01-2024-03-31.csv"')
    const lines = (await r.text()).trim().split('\n')
    expect(lines).toEqual(['category,quantity,sales_minor,cost_minor,margin_minor,share_pct', 'Toys,3,2900,1200,1217,53.7', 'Books,1,2000,1200,800,37.04', 'Garden,1,500,200,217,9.26'])
  })

  it('Parquet of a report and of a drill-down read back equal to the JSON', async () => {
    const json = await report('daily-sales-by-channel')
    const r = await maya.fetch(`/api/reports/daily-sales-by-channel?${MARCH}&format=parquet`)
    expect(r.headers.get('content-type')).toBe('application/vnd.apache.parquet')
    const path = join(dir, 'daily.parquet')
    writeFileSync(path, Buffer.from(await r.arrayBuffer()))
    const back = await app.db.reader.all<Record<string, unknown>>(`SELECT * FROM read_parquet('${path}')`)
    expect(back).toEqual(json.rows.map((row) => ({ day: row.day, channel: row.channel, orders: row.orders, quantity: row.quantity, sales_minor: row.salesMinor })))

    const d = await maya.fetch(`/api/reports/sales-by-category/drill?${MARCH}&column=salesMinor&category=Toys&format=parquet`)
    const drillPath = join(dir, 'drill.parquet')
    writeFileSync(drillPath, Buffer.from(await d.arrayBuffer()))
    const sum = await app.db.reader.one<{ n: number; s: number }>(`SELECT count(*) AS n, sum(sales_minor)::BIGINT AS s FROM read_parquet('${drillPath}')`)
    expect(sum).toEqual({ n: 2, s: 2900 })
  })
})

describe('the facts follow the order book', () => {
  it('an order cancelled later drops out of the facts and the daily roll-up (found by event or by updated_at)', async () => {
    const april = 'from=2024-04-01&to=2024-04-30'
    expect((await report('daily-sales-by-channel', april)).rows).toEqual([{ day: '2024-04-02', channel: 'store', orders: 1, quantity: 1, salesMinor: 1000 }])
    await app.db.transaction(async (tx) => {
      await tx.sql.run("UPDATE orders SET status = 'cancelled', updated_at = ?::TIMESTAMP WHERE id = 'rpt-o5'", [new Date().toISOString()])
    })
    app.deps.bus.publish({ type: 'order.changed', orderId: 'rpt-o5' })
    expect((await report('daily-sales-by-channel', april)).rows).toEqual([])
    expect((await report('profit-and-loss', april)).rows[0]).toMatchObject({ month: '2024-04', salesMinor: 0, cogsMinor: 0 })
    const lines = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM report_lines WHERE order_id = 'rpt-o5'")
    expect(lines!.n).toBe(0)
  })
})

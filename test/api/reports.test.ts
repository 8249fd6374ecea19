/**
 * Reports over HTTP: managers only, bad input answered as problem+json, expenses, targets
 * and customer issues entered through the API show up in the reports, and a till sale is
 * in the next report at once (the facts are brought up to date before a report runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CustomerIssueDto, DrillResult, ReportList, ReportResult } from '../../appliance/api/contract.js'
import { newKey, openTill, problemOf, testClock } from './till-fixtures.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'

let app: TestAppliance
let maya: Client
let ash: Client
const clock = testClock()
const today = () => clock.now().toISOString().slice(0, 10)

beforeAll(async () => {
  app = await startAppliance({ clock })
  maya = await signIn(app.url)
  ash = await signIn(app.url, 'ash', '2222')
})
afterAll(() => app?.stop())

describe('who may see reports', () => {
  it('refuses assistants (403) and the signed-out (401) on every report route', async () => {
    for (const path of ['/api/reports', '/api/reports/top-products', '/api/reports/top-products/drill?column=salesMinor&sku=X', '/api/expenses', '/api/sales-targets']) {
      const r = await ash.fetch(path)
      expect(r.status, path).toBe(403)
      expect(r.headers.get('content-type')).toBe('application/problem+json')
      expect((await r.json()) as { detail: string }).toMatchObject({ code: 'forbidden' })
      expect((await fetch(`${app.url}${path}`)).status).toBe(401)
    }
    expect((await ash.post('/api/expenses', { month: '2024-03', category: 'rent', amountMinor: 100 })).status).toBe(403)
  })

  it('lists the reports with their filters and the values to offer', async () => {
    const { items, today: day } = await maya.get<ReportList>('/api/reports')
    expect(day).toBe(today())
    expect(items.map((r) => r.id)).toContain('profit-and-loss')
    const top = items.find((r) => r.id === 'top-products')!
    expect(top.filters.find((f) => f.name === 'channel')?.choices).toEqual(expect.arrayContaining(['store', 'shopify', 'amazon']))
    expect(top.filters.find((f) => f.name === 'category')?.choices).toContain('Toys')
    expect(top.drillable).toEqual(['quantity', 'salesMinor', 'marginMinor'])
  })

  it('every bar and point of every chart can be drilled into; reports that compare series draw grouped bars', async () => {
    const { items } = await maya.get<ReportList>('/api/reports')
    for (const r of items) for (const y of r.chart.y) expect(r.drillable, `${r.id} charts ${y}`).toContain(y)
    const chart = (id: string) => items.find((r) => r.id === id)!.chart
    expect(chart('sales-vs-targets')).toEqual({ kind: 'bar', x: 'category', within: 'month', y: ['salesMinor', 'targetMinor'] })
    expect(chart('daily-sales-by-channel')).toEqual({ kind: 'bar', x: 'day', y: ['salesMinor'], series: 'channel' })
    expect(chart('profit-and-loss')).toEqual({ kind: 'bar', x: 'month', y: ['salesMinor', 'cogsMinor', 'refundsMinor', 'expensesMinor'] })
  })
})

describe('bad input is a clear problem', () => {
  const cases: Array<[string, number, string, RegExp]> = [
    ['/api/reports/top-products?from=2024-03-31&to=2024-03-01', 400, 'from', /reversed/],
    ['/api/reports/top-products?from=2001-01-01&to=2024-03-01', 400, 'from', /at most ten years/],
    ['/api/reports/top-products?from=2024-02-30', 400, 'from', /real date/],
    ['/api/reports/top-products?from=yesterday', 400, 'from', /YYYY-MM-DD/],
    ['/api/reports/top-products?colour=red', 400, 'colour', /unknown filter colour: Top products takes from, to, format, channel, category, limit/],
    ['/api/reports/top-products?limit=0', 400, 'limit', /./],
    ['/api/reports/top-products?format=xlsx', 400, 'format', /./],
    ['/api/reports/nope', 404, 'id', /no report "nope"/],
    ['/api/reports/top-products/drill?column=rank&sku=X', 400, 'column', /pick a figure that can be drilled: quantity, salesMinor, marginMinor/],
    ['/api/reports/top-products/drill?sku=X', 400, 'column', /./],
    ['/api/reports/profit-and-loss/drill?column=salesMinor&month=March', 400, 'month', /not a month/],
    ['/api/reports/top-products/drill?column=salesMinor&region=LA', 400, 'region', /unknown filter region/],
  ]
  it.each(cases)('%s → %i on %s', async (path, status, field, detail) => {
    const problem = await problemOf(await maya.fetch(path))
    expect(problem.status).toBe(status)
    expect(problem.field).toBe(field)
    expect(problem.detail).toMatch(detail)
  })
})

describe('what managers enter', () => {
  it('expenses and targets feed profit and loss and sales against targets', async () => {
    const created = await maya.post('/api/expenses', { month: '2023-02', category: 'rent', amountMinor: 80000, note: 'February' })
    expect(created.status).toBe(201)
    const expense = (await created.json()) as { id: string }
    expect((await maya.post('/api/expenses', { month: '2023-13', category: 'rent', amountMinor: 1 })).status).toBe(400)
    const pl = await maya.get<ReportResult>('/api/reports/profit-and-loss?from=2023-02-01&to=2023-02-28')
    expect(pl.rows).toMatchObject([{ month: '2023-02', expensesMinor: 80000, netMarginMinor: -80000 }])
    const net = await maya.get<DrillResult>('/api/reports/profit-and-loss/drill?from=2023-02-01&to=2023-02-28&column=netMarginMinor&month=2023-02')
    expect(net).toMatchObject({ figure: -80000, total: 1, rows: [{ kind: 'expense', item: 'rent (February)', netMarginMinor: -80000, revenueMinor: 0 }] })
    expect((await maya.fetch(`/api/expenses/${expense.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await maya.get<ReportResult>('/api/reports/profit-and-loss?from=2023-02-01&to=2023-02-28')).rows[0]).toMatchObject({ expensesMinor: 0 })

    const put = await maya.fetch('/api/sales-targets', { method: 'PUT', json: { items: [{ month: '2023-02', category: 'Toys', targetMinor: 12345 }] } })
    expect(put.status).toBe(200)
    const targets = await maya.get<ReportResult>('/api/reports/sales-vs-targets?from=2023-02-01&to=2023-02-28')
    expect(targets.rows).toEqual([{ month: '2023-02', category: 'Toys', salesMinor: 0, targetMinor: 12345, varianceMinor: -12345, achievedPct: 0 }])
    const variance = await maya.get<DrillResult>('/api/reports/sales-vs-targets/drill?from=2023-02-01&to=2023-02-28&column=varianceMinor&month=2023-02&category=Toys')
    expect(variance).toMatchObject({ figure: -12345, rows: [{ kind: 'target', category: 'Toys', targetMinor: 12345, varianceMinor: -12345 }] })
    const target = await maya.get<DrillResult>('/api/reports/sales-vs-targets/drill?from=2023-02-01&to=2023-02-28&column=targetMinor&month=2023-02&category=Toys')
    expect(target).toMatchObject({ figure: 12345, rows: [{ month: '2023-02', category: 'Toys', targetMinor: 12345, staffId: 'maya' }] })
  })

  it('customer issues: anyone logs one, a response and closing are timed', async () => {
    const r = await ash.post('/api/issues', { category: 'Delivery', priority: 'high', summary: 'Parcel not here', note: 'Called at 10' })
    expect(r.status).toBe(201)
    const issue = (await r.json()) as CustomerIssueDto
    expect(issue).toMatchObject({ category: 'delivery', status: 'open', firstResponseAt: null, notes: [{ body: 'Called at 10', response: false }] })
    const answered = await ash.fetch(`/api/issues/${issue.id}`, { method: 'PATCH', json: { note: { body: 'Sent tracking', response: true } } })
    expect(((await answered.json()) as CustomerIssueDto).firstResponseAt).not.toBeNull()
    const closed = (await (await maya.fetch(`/api/issues/${issue.id}`, { method: 'PATCH', json: { status: 'closed' } })).json()) as CustomerIssueDto
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'maya' })
    expect((await problemOf(await ash.fetch(`/api/issues/${issue.id}`, { method: 'PATCH', json: { note: { body: 'more' } } }))).status).toBe(409)
    expect((await problemOf(await ash.post('/api/issues', { category: 'x', priority: 'whenever', summary: 's' }))).field).toBe('priority')
    expect((await problemOf(await ash.post('/api/issues', { orderId: 'no-such-order', category: 'x', priority: 'low', summary: 's' }))).status).toBe(404)
    const report = await maya.get<ReportResult>(`/api/reports/customer-issues?from=${today()}&to=${today()}`)
    expect(report.rows).toEqual([{ category: 'delivery', priority: 'high', logged: 1, closed: 1, open: 0 }])
  })
})

describe('live figures', () => {
  it('a till sale is in the next report at once', async () => {
    const q = `/api/reports/daily-sales-by-channel?from=${today()}&to=${today()}&channel=store`
    const before = (await maya.get<ReportResult>(q)).rows[0]?.salesMinor ?? 0
    await openTill(maya, 'till-1')
    const product = (await maya.get<{ items: Array<{ sku: string; priceMinor: number }> }>('/api/products?q=Mug&limit=5')).items.find((p) => p.priceMinor > 0)!
    const sale = await maya.post('/api/sales', { till: 'till-1', lines: [{ sku: product.sku }], tenders: [{ method: 'card', amountMinor: product.priceMinor }] }, { 'idempotency-key': newKey('report') })
    expect(sale.status).toBe(201)
    const after = await maya.get<ReportResult>(q)
    expect(after.rows[0]?.salesMinor).toBe(Number(before) + product.priceMinor)
  })
})

/** GET /metrics: Prometheus text a scraper can parse, behind a bearer token, with no personal data. */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMetrics, renderMetrics } from '../../appliance/ops/prometheus.js'
import { openTill, productsByRate, sell, testClock } from '../api/till-fixtures.js'
import { signIn, startAppliance, type TestAppliance } from '../support/appliance.js'

describe('GET /metrics', () => {
  let appliance: TestAppliance
  let token: string

  beforeAll(async () => {
    appliance = await startAppliance({ clock: testClock() })
    const path = join(appliance.dataDir, 'secrets', 'metrics-token')
    token = readFileSync(path, 'utf8').trim()
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const maya = await signIn(appliance.url)
    await openTill(maya, 'till-1')
    const [p] = (await productsByRate(maya))[20]
    for (let i = 0; i < 3; i++) await sell(maya, { till: 'till-1', lines: [{ sku: p!.sku }], tenders: [{ method: 'card', amountMinor: p!.priceMinor, reference: `T-${i}` }] })
  })
  afterAll(async () => appliance?.stop())

  it('refuses a scrape without the token, or with a wrong one, and never asks for a session', async () => {
    const anonymous = await fetch(`${appliance.url}/metrics`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json')
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer')
    expect((await fetch(`${appliance.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401)
    // A signed-in manager's cookie is not a scrape token either.
    const maya = await signIn(appliance.url)
    expect((await maya.fetch('/metrics')).status).toBe(401)
  })

  it('reports sales, queue depths, sync lag, backups and the process in Prometheus text format', async () => {
    const r = await fetch(`${appliance.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    const text = await r.text()
    const metrics = parseMetrics(text)
    for (const name of ['store_orders_total', 'store_order_value_minor_total', 'store_print_jobs', 'store_sync_outbox_jobs', 'store_sync_import_lag_seconds',
      'store_backup_last_timestamp_seconds', 'process_resident_memory_bytes', 'process_uptime_seconds', 'store_appliance_info']) {
      expect(text, name).toContain(`# TYPE ${name} `)
    }
    const db = appliance.db.reader
    const store = (await db.one<{ n: number; total: number }>("SELECT count(*) AS n, sum(total_minor)::BIGINT AS total FROM orders WHERE channel = 'store'"))!
    expect(store.n).toBeGreaterThanOrEqual(3)
    expect(metrics.get('store_orders_total')!.find((s) => s.labels['channel'] === 'store')!.value).toBe(store.n)
    expect(metrics.get('store_order_value_minor_total')!.find((s) => s.labels['channel'] === 'store')!.value).toBe(store.total)
    const jobs = (await db.one<{ n: number }>('SELECT count(*) AS n FROM print_jobs'))!.n
    expect(metrics.get('store_print_jobs')!.reduce((sum, s) => sum + s.value, 0)).toBe(jobs)
    expect(metrics.get('store_print_jobs')!.map((s) => s.labels['status'])).toEqual(expect.arrayContaining(['queued', 'failed', 'interrupted']))
    expect(metrics.get('process_resident_memory_bytes')![0]!.value).toBeGreaterThan(10_000_000)
    // Counts and ages only: no staff, customers, SKUs or receipt numbers.
    expect(text).not.toMatch(/maya|ash|fin|S-01-|@/i)
  })

  it('renders and parses label escapes and infinities', () => {
    const text = renderMetrics([{ name: 'x_lag', help: 'a\nb', type: 'gauge', samples: [{ labels: { account: 'we"ird\\name' }, value: Infinity }, { value: 1.5 }] }])
    expect(text).toBe('# HELP x_lag a\\nb\n# TYPE x_lag gauge\nx_lag{account="we\\"ird\\\\name"} +Inf\nx_lag 1.5\n')
    expect(parseMetrics(text).get('x_lag')).toEqual([{ labels: { account: 'we"ird\\name' }, value: Infinity }, { labels: {}, value: 1.5 }])
  })
})

/**
 * Till figures on a 100,000-product catalogue: committing a sale through the API (3-line
 * basket, one tender, idempotency key), sustained sales with 4 tills selling at once, and
 * in Chromium the time from a wedge scan's last key to its line on screen.
 * `BENCH_TILL_SECONDS` shortens the sustained run (default 30 s, as the issue asks).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Product, ProductList } from '../../appliance/api/contract.js'
import { testClock } from '../api/till-fixtures.js'
import { openTillScreen, recordScanTimings, signInBrowser, tolerantScanner, wedgeScan } from '../e2e/till-browser.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { openPage } from '../support/browser.js'
import { percentiles, timeMany, type Benchmark, type Figure } from './harness.js'

const PRODUCTS = 100_000
const SECONDS = Number(process.env.BENCH_TILL_SECONDS ?? 30)
const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))

let runId = 0
const key = () => `bench-sale-${process.pid}-${++runId}`

/** A 3-line basket (mixed rates), paid with one cash tender for the exact amount. */
function basket(till: string, products: Product[], i: number) {
  const lines = [0, 1, 2].map((k) => products[(i * 3 + k) % products.length]!)
  const total = lines.reduce((s, p) => s + p.priceMinor, 0)
  return { till, lines: lines.map((p) => ({ sku: p.sku })), tenders: [{ method: 'cash', amountMinor: total }] }
}

async function sell(client: Client, body: unknown): Promise<void> {
  const r = await client.post('/api/sales', body, { 'idempotency-key': key() })
  if (r.status !== 201) throw new Error(`sale failed ${r.status} ${await r.text()}`)
  await r.arrayBuffer()
}

async function sustained(app: TestAppliance, products: Product[]): Promise<Figure[]> {
  const maya = await signIn(app.url)
  for (const n of [3, 4]) await maya.post('/api/tills', { id: `till-${n}`, name: `Till ${n}`, number: n, location: 'floor' })
  const clients = await Promise.all([1, 2, 3, 4].map(async (n) => {
    const client = await signIn(app.url, 'maya', '1111', `till-${n}`)
    await client.post(`/api/tills/till-${n}/open`, { floatMinor: 10000 })
    return { client, till: `till-${n}` }
  }))
  const latencies: number[] = []
  let done = 0
  const until = performance.now() + SECONDS * 1000
  await Promise.all(clients.map(async ({ client, till }, c) => {
    for (let i = c * 100_000; performance.now() < until; i++) {
      const started = performance.now()
      await sell(client, basket(till, products, i))
      latencies.push(performance.now() - started)
      done++
    }
  }))
  return [
    { name: `completed sales, 4 tills selling at once for ${SECONDS} s`, values: { perSecond: Math.round(done / SECONDS), total: done }, unit: 'per s', target: '≥ 100 per s' },
    { name: 'sale commit under that load', values: percentiles(latencies), unit: 'ms' },
  ]
}

async function scanToRender(app: TestAppliance, products: Product[]): Promise<Figure[]> {
  if (!existsSync(BUILT_UI)) return [{ name: 'scan to line rendered (Chromium): ui/dist missing, run npm run build:ui', values: {}, unit: 'ms' }]
  // The bench shares two cores with the appliance: allow 90 ms gaps so a stalled key isn't read as typing.
  await tolerantScanner(app)
  const browser = await openPage(app.url)
  try {
    await signInBrowser(app, browser, 'ash', '2222', 'till-2')
    await openTillScreen(browser.page, 'till-2')
    const timings = await recordScanTimings(browser.page)
    // A key delayed past the scanner gap by a CPU stall (this machine runs the appliance, the
    // browser and the bench on two cores) splits a scan into typing: counted, not fatal.
    let rendered = 0
    let split = 0
    for (let i = 0; i < 120; i++) {
      // A new product each time: every scan goes to the appliance and adds a line.
      await wedgeScan(browser.page, products[(i * 7) % products.length]!.barcodes[0]!, 12)
      const ok = await browser.page
        .waitForFunction((n) => (window as unknown as { __scanMs: number[] }).__scanMs.length >= n, rendered + 1, { timeout: 3000 })
        .then(() => true, () => false)
      if (ok) rendered++
      else split++
    }
    const samples = (await timings()).slice(20)
    return [{ name: `scan (last key) to line rendered, Chromium, 12 ms per key (${split} of 120 scans split by CPU stalls)`, values: percentiles(samples, [50, 95, 99]), unit: 'ms', target: 'p95 < 50 ms' }]
  } finally {
    await browser.close()
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'till: sale commit, 4 tills sustained, scan to screen (100k products)',
    async run() {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-till-'))
      const app = await startAppliance({ products: PRODUCTS, dataDir, clock: testClock() })
      try {
        const maya = await signIn(app.url, 'maya', '1111', 'till-1')
        await maya.post('/api/tills/till-1/open', { floatMinor: 10000 })
        const products: Product[] = []
        for (const q of ['Mug', 'Logs', 'Oats', 'Bear', 'Notebook', 'Soap']) products.push(...(await maya.get<ProductList>(`/api/products?q=${q}&limit=100`)).items.filter((p) => p.priceMinor > 0))
        const commits = await timeMany(1000, (i) => sell(maya, basket('till-1', products, i)), 50)
        return [
          { name: 'sale committed via HTTP (3 lines, one tender)', values: percentiles(commits), unit: 'ms', target: 'p99 < 20 ms' },
          ...(await sustained(app, products)),
          ...(await scanToRender(app, products)),
        ]
      } finally {
        await app.stop()
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
  },
]

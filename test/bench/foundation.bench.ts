/**
 * Foundation figures on a 100,000-product catalogue: barcode lookup and a stock
 * adjustment through the HTTP API, and start-up on an existing database.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { percentiles, timeMany, type Benchmark } from './harness.js'
import { signIn, startAppliance } from '../support/appliance.js'

const PRODUCTS = 100_000

async function startupMs(dataDir: string): Promise<number> {
  const started = performance.now()
  // node --import tsx, not npx: killing npx would leave the appliance running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'appliance/main.ts'], {
    env: { ...process.env, APPLIANCE_DATA_DIR: dataDir, PORT: '18931', HTTPS_PORT: '0', HOST: '127.0.0.1' },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      try {
        const r = await fetch('http://127.0.0.1:18931/health')
        if (r.ok) return performance.now() - started
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      if (performance.now() - started > 30_000) throw new Error('the appliance did not start in 30 s')
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'foundation: lookup, adjustment, start-up (100k products)',
    async run() {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-foundation-'))
      const seedStart = performance.now()
      const appliance = await startAppliance({ products: PRODUCTS, dataDir })
      const seedMs = performance.now() - seedStart
      const maya = await signIn(appliance.url)
      const barcodes = (await appliance.db.reader.all<{ barcode: string }>('SELECT barcode FROM barcodes USING SAMPLE 2000 ROWS')).map((r) => r.barcode)
      const skus = (await appliance.db.reader.all<{ sku: string }>('SELECT sku FROM products USING SAMPLE 1000 ROWS')).map((r) => r.sku)

      const lookups = await timeMany(2000, async (i) => {
        const r = await maya.fetch(`/api/products?barcode=${barcodes[i % barcodes.length]}`)
        if (!r.ok) throw new Error(`lookup failed ${r.status}`)
        await r.json()
      })
      const adjustments = await timeMany(1000, async (i) => {
        const r = await maya.post('/api/stock/adjustments', { sku: skus[i % skus.length], location: 'floor', quantity: 1, reason: 'bench' }, { 'idempotency-key': `bench-${Date.now()}-${i}` })
        if (r.status !== 201) throw new Error(`adjustment failed ${r.status} ${await r.text()}`)
        await r.json()
      })
      await appliance.stop()
      const startups: number[] = []
      for (let i = 0; i < 3; i++) startups.push(await startupMs(dataDir))
      rmSync(dataDir, { recursive: true, force: true })
      return [
        { name: `seeding a new demo shop of ${PRODUCTS.toLocaleString('en-GB')} products`, values: { total: Math.round(seedMs) }, unit: 'ms' },
        { name: 'barcode lookup via HTTP', values: percentiles(lookups), unit: 'ms', target: 'p99 < 5 ms' },
        { name: 'stock adjustment committed via HTTP', values: percentiles(adjustments), unit: 'ms', target: 'p99 < 15 ms' },
        { name: 'start to listening, existing database (node --import tsx, 3 runs)', values: { min: Math.round(Math.min(...startups)), max: Math.round(Math.max(...startups)) }, unit: 'ms', target: '< 3 s' },
      ]
    },
  },
]

/**
 * The sync outbox, end to end through a real appliance (DuckDB file, serial writer, HTTP):
 *
 * 1. A stock change reaching all four channels: an adjustment over HTTP until every
 *    simulator holds the new figure, with production timings and the channels' own limits,
 *    no faults. Target: p95 <= 2 s.
 * 2. Outbox throughput: an account's first full push of SYNC_BENCH_SKUS (default 2,000)
 *    stock jobs, claimed, computed, sent and finished, to each simulator with its limits off.
 *    Target: >= 200 pushes/s.
 */
import { DEFAULT_CONNECTOR_HTTP } from '../../appliance/jobs/sync-connectors.js'
import { DEFAULT_SYNC_TIMING } from '../../appliance/jobs/sync-service.js'
import type { ChannelKind } from '../../appliance/api/contract.js'
import type { SimProduct } from '../../sync/simulators/shared/catalogue.js'
import { accountFor, SKUS, startSims, startSyncAppliance, type Sims, type SyncAppliance } from '../api/sync-harness.js'
import { percentiles, type Benchmark, type Figure } from './harness.js'

const KINDS: ChannelKind[] = ['shopify', 'woocommerce', 'amazon', 'ebay']
const env = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function untilAll(check: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now()
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out')
    await sleep(2)
  }
}

async function stockChangeLatency(changes: number): Promise<Figure[]> {
  const sims = await startSims({ shopify: { rateLimit: { maximumAvailable: 1000, restoreRate: 100 } }, amazon: { rateLimits: {}, listingDelayMs: 50 } })
  const app = await startSyncAppliance({ http: DEFAULT_CONNECTOR_HTTP, timing: DEFAULT_SYNC_TIMING })
  try {
    for (const kind of KINDS) await app.createAccount(accountFor(kind, sims, kind === 'amazon' ? { settings: { sellerId: sims.amazon.sellerId, marketplaceId: sims.amazon.marketplaceId, authUrl: sims.urls.amazon } } : {}))
    const sku = SKUS[0]!
    const held = () => KINDS.map((k) => sims[k].stockOf(sku))
    const onHand = async () => (await app.db.reader.one<{ n: number }>('SELECT sum(on_hand - allocated)::BIGINT AS n FROM stock_levels WHERE sku = ?', [sku]))!.n
    await untilAll(() => held().every((v) => v !== undefined), 10_000)
    await sleep(1500) // the first full push settles
    const samples: number[] = []
    for (let i = 0; i < changes; i++) {
      const quantity = i % 2 === 0 ? -1 : 1
      const started = performance.now()
      const res = await app.maya.post('/api/stock/adjustments', { sku, location: 'floor', quantity, reason: 'bench' })
      if (res.status !== 201) throw new Error(`adjust: ${res.status}`)
      const want = await onHand()
      await untilAll(() => held().every((v) => v === want), 10_000)
      samples.push(performance.now() - started)
      await sleep(250) // a shop's pace, inside Amazon's 5 patches a second
    }
    return [{ name: `stock change → all four simulators (${changes} changes, production timings and limits, no faults)`, values: percentiles(samples, [50, 95, 99]), unit: 'ms', target: 'p95 <= 2000 ms' }]
  } finally {
    await app.destroy()
    await sims.stop()
  }
}

async function outboxThroughput(skus: number): Promise<Figure[]> {
  const products: SimProduct[] = Array.from({ length: skus }, (_, i) => ({ sku: `BENCH-${String(i).padStart(5, '0')}`, title: `Bench item ${i}`, priceMinor: 500, stock: 10 }))
  const sims: Sims = await startSims({ shopify: { rateLimit: false, products }, woocommerce: { products }, amazon: { rateLimits: false, listingDelayMs: 0, products }, ebay: { products } })
  const app: SyncAppliance = await startSyncAppliance({ http: DEFAULT_CONNECTOR_HTTP, timing: DEFAULT_SYNC_TIMING })
  const figures: Figure[] = []
  try {
    const skuMap = Object.fromEntries(products.map((p) => [p.sku, p.sku]))
    for (const kind of KINDS) {
      const started = performance.now()
      const account = await app.createAccount(accountFor(kind, sims, { skuMap }))
      const pending = async () => (await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM sync_outbox WHERE account = ? AND status <> 'done'", [account.id]))!.n
      const total = async () => (await app.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM sync_outbox WHERE account = ?', [account.id]))!.n
      while ((await total()) < skus || (await pending()) > 0) {
        if (performance.now() - started > 300_000) throw new Error(`${kind}: the outbox did not drain`)
        await sleep(20)
      }
      const seconds = (performance.now() - started) / 1000
      const failed = (await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM sync_outbox WHERE account = ? AND (result->>'status') NOT IN ('applied', 'accepted')", [account.id]))!.n
      if (failed) throw new Error(`${kind}: ${failed} pushes were not applied`)
      figures.push({ name: `outbox → ${kind} simulator without limits: ${skus} stock jobs (claim, compute, send, finish)`, values: { pushesPerSecond: Math.round(skus / seconds), seconds: Number(seconds.toFixed(2)) }, unit: 'per s', target: '>= 200 pushes/s' })
      await app.maya.fetch(`/api/channels/${account.id}`, { method: 'PUT', json: { active: false } })
    }
    return figures
  } finally {
    await app.destroy()
    await sims.stop()
  }
}

export const benchmarks: Benchmark[] = [
  { name: 'sync outbox: a stock change reaching all four channels', run: () => stockChangeLatency(env('SYNC_BENCH_CHANGES', 40)) },
  { name: 'sync outbox: pushes per second', run: () => outboxThroughput(env('SYNC_BENCH_SKUS', 2000)) },
]

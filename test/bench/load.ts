/**
 * `npm run bench:load`: the whole shop at once on loopback, for DURATION seconds (default 60):
 * 6 tills selling, 2 pickers picking (when the picking routes exist), 4 channel workers
 * (a simulator customer orders, the account imports and pushes, stock is received) and a
 * manager's dashboard refreshing reports. Prints p50/p99 per action, errors (must be 0) and
 * memory, and writes them to its own section of docs/PERFORMANCE.md (BENCH_LOAD_WRITE=0: don't).
 *
 * Knobs: DURATION (s), BENCH_PRODUCTS (demo catalogue, default 2000), TILL_THINK_MS (between
 * customers, default 200), CHANNEL_THINK_MS (default 500), DASHBOARD_REFRESH_MS (default 2000).
 * The appliance runs in this process, so RSS is the appliance plus the small load generator.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { Product, ProductList } from '../../appliance/api/contract.js'
import { signIn, startAppliance } from '../support/appliance.js'
import { percentiles } from './harness.js'
import { channelLoop, dashboardLoop, LoadRecorder, pickerLoop, tillLoop, type LoadContext } from './load-actors.js'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const DURATION_S = env('DURATION', 60)
const TILLS = 6
const PICKERS = 2
const CHANNELS = ['shopify', 'woocommerce', 'amazon', 'ebay'] as const
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const appliance = await startAppliance({ products: env('BENCH_PRODUCTS', 2000), env: { APPLIANCE_DEMO_CHANNELS: '1', APPLIANCE_BACKUP_TIME: 'off' } })
if (!appliance.demoChannels) throw new Error('the demo channels did not start')
// The simulators' own customers would add unmeasured orders: the channel workers order instead.
for (const sim of Object.values(appliance.demoChannels.simulators)) sim.stopCustomers()

const manager = await signIn(appliance.url, 'maya', '1111', 'back-office')
const tills = Array.from({ length: TILLS }, (_, i) => `till-${i + 1}`)
const known = new Set((await manager.get<{ items: Array<{ id: string }> }>('/api/tills')).items.map((t) => t.id))
for (const [i, id] of tills.entries()) {
  if (!known.has(id)) {
    const r = await manager.post('/api/tills', { id, name: `Till ${i + 1}`, number: i + 1, location: 'floor' })
    if (!r.ok) throw new Error(`create ${id}: ${r.status} ${await r.text()}`)
  }
  const opened = await manager.post(`/api/tills/${id}/open`, { floatMinor: 10_000 })
  if (!opened.ok) throw new Error(`open ${id}: ${opened.status} ${await opened.text()}`)
}
const products: Product[] = []
for (const q of ['Mug', 'Tea', 'Oats', 'Bear', 'Seat', 'Penne', 'Logs', 'Atlas', 'Candle', 'Soap']) {
  products.push(...(await manager.get<ProductList>(`/api/products?q=${q}&limit=50`)).items.filter((p) => p.priceMinor > 0))
}
if (products.length < 10) throw new Error(`only ${products.length} products to sell`)
const routes = Object.keys(((await manager.get<{ paths: Record<string, unknown> }>('/api/openapi.json')).paths))
const picking = routes.includes('/api/picking/queue') && routes.includes('/api/picking/waves')
const reportIds = (await manager.get<{ items: Array<{ id: string }> }>('/api/reports')).items.map((r) => r.id)
const dashboardReports = ['daily-sales-by-channel', 'sales-by-category', 'top-products'].filter((id) => reportIds.includes(id))

const ctx: LoadContext = { recorder: new LoadRecorder(), until: Date.now() + DURATION_S * 1000, sleep }
const memory: number[] = []
const sampler = setInterval(() => memory.push(process.memoryUsage().rss), 1000)
const rssBefore = process.memoryUsage().rss
process.stdout.write(`load: ${TILLS} tills, ${picking ? PICKERS : 0} pickers${picking ? '' : ' (no /api/picking routes yet: skipped)'}, ${CHANNELS.length} channels, 1 dashboard, ${DURATION_S} s, ${products.length} products to sell\n`)

const started = performance.now()
const [sales, picked, channelOrders, refreshes] = await Promise.all([
  Promise.all(tills.map(async (till) => tillLoop(ctx, await signIn(appliance.url, 'ash', '2222', till), till, products, env('TILL_THINK_MS', 200)))),
  picking
    ? Promise.all(Array.from({ length: PICKERS }, async (_, i) => pickerLoop(ctx, await signIn(appliance.url, 'fin', '3333', `picker-${i + 1}`), 'fin', { index: i, of: PICKERS }, 300)))
    : Promise.resolve([0]),
  Promise.all(CHANNELS.map((kind) => channelLoop(ctx, manager, `demo-${kind}`, appliance.demoChannels!.simulators[kind], env('CHANNEL_THINK_MS', 500)))),
  dashboardLoop(ctx, manager, dashboardReports, env('DASHBOARD_REFRESH_MS', 2000)),
])
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
const rssEnd = process.memoryUsage().rss
await appliance.stop()

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const rows = [...ctx.recorder.samples].sort(([a], [b]) => a.localeCompare(b)).map(([action, samples]) => {
  const p = percentiles(samples, [50, 99])
  return { action, count: samples.length, p50: p['p50']!.toFixed(1), p99: p['p99']!.toFixed(1) }
})
const mb = (n: number) => Math.round(n / 1024 / 1024)
const summary = {
  seconds: Math.round(seconds),
  sales: sum(sales),
  salesPerSecond: Number((sum(sales) / seconds).toFixed(1)),
  picked: sum(picked),
  channelOrders: sum(channelOrders),
  refreshes,
  errors: ctx.recorder.errors.length,
  rss: { before: mb(rssBefore), peak: mb(Math.max(rssEnd, ...memory)), end: mb(rssEnd) },
  load: loadavg().map((l) => l.toFixed(1)).join(' '),
}

const table = [
  '| action | count | p50 ms | p99 ms |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.action} | ${r.count} | ${r.p50} | ${r.p99} |`),
].join('\n')
process.stdout.write(`\n${table}\n\n`)
process.stdout.write(`sales ${summary.sales} (${summary.salesPerSecond}/s), units picked ${summary.picked}, channel orders ${summary.channelOrders}, dashboard refreshes ${summary.refreshes}\n`)
const counted = [...ctx.recorder.counts].map(([what, n]) => `${what} ${n}`).join(', ')
process.stdout.write(`${counted}\n`)
process.stdout.write(`errors: ${summary.errors}   RSS: ${summary.rss.before} MB before, peak ${summary.rss.peak} MB, ${summary.rss.end} MB at the end   load average: ${summary.load}\n`)
for (const e of ctx.recorder.errors.slice(0, 10)) process.stdout.write(`  error ${e.action}: ${e.status} ${e.detail}\n`)

if (process.env['BENCH_LOAD_WRITE'] !== '0') {
  const path = fileURLToPath(new URL('../../docs/PERFORMANCE.md', import.meta.url))
  const start = '<!-- bench:load:start -->'
  const end = '<!-- bench:load:end -->'
  const section = [
    start,
    `## Load: the whole shop at once (issue 9) (\`npm run bench:load\`; this run DURATION=${DURATION_S}${DURATION_S < 60 ? ', a short validation run — the issue asks for 60' : ''})`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on this machine (${cpus().length} cores, load average ${summary.load} at the end), `
      + `${summary.seconds} s on loopback: ${TILLS} tills (3 scans then a card sale, ${env('TILL_THINK_MS', 200)} ms between customers), `
      + `${picking ? `${PICKERS} pickers` : 'no pickers (the /api/picking routes did not exist yet: skipped)'}, ${CHANNELS.length} channel workers (simulator order → import + push, `
      + `then a stock receipt, every ${env('CHANNEL_THINK_MS', 500)} ms), a dashboard refreshing ${dashboardReports.length} reports and the order list every ${env('DASHBOARD_REFRESH_MS', 2000)} ms.`,
    '',
    table,
    '',
    `- Sales: ${summary.sales} (${summary.salesPerSecond}/s); units picked: ${summary.picked}; channel orders: ${summary.channelOrders}; dashboard refreshes: ${summary.refreshes}.`,
    `- Channel sync: ${counted}.`,
    `- Errors: **${summary.errors}**${summary.errors ? ` (first: ${ctx.recorder.errors[0]!.action} ${ctx.recorder.errors[0]!.status})` : ''}.`,
    `- Memory (RSS of the appliance process, load generator included): ${summary.rss.before} MB before, peak ${summary.rss.peak} MB, ${summary.rss.end} MB at the end.`,
    end,
  ].join('\n')
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n'
  const next = doc.includes(start) && doc.includes(end)
    ? doc.slice(0, doc.indexOf(start)) + section + doc.slice(doc.indexOf(end) + end.length)
    : `${doc.trimEnd()}\n\n${section}\n`
  writeFileSync(path, next)
  process.stdout.write(`written to docs/PERFORMANCE.md\n`)
}
process.exit(summary.errors ? 1 : 0)

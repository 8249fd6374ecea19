/**
 * Pick, pack and ship at shop scale, through HTTP on a real appliance: creating a wave from
 * 1,000 allocated orders (target under 1 s) and a pick scan confirmed (target p99 under
 * 20 ms), over an order book with history (`BENCH_FULFIL_HISTORY` shipped orders, default
 * 100k). Allocated orders are generated set-based (INSERT … SELECT from range()), two lines
 * each, with their allocations and the levels' allocated counts, exactly as allocation leaves
 * them; the wave then runs through the real route.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PickListDto, WaveDto } from '../../appliance/api/fulfilment-contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { percentiles, type Benchmark } from './harness.js'

const HISTORY = Number(process.env.BENCH_FULFIL_HISTORY ?? 100_000)
const WAVE = 1000
const ROUNDS = Number(process.env.BENCH_FULFIL_ROUNDS ?? 3)
const SCANS = Number(process.env.BENCH_FULFIL_SCANS ?? 600)

/** `n` orders of batch `tag` in `status`, two lines each (1 and 2 units of SKUs from the catalogue), placed before `now`. */
export async function generate(app: TestAppliance, tag: string, n: number, status: 'allocated' | 'shipped'): Promise<void> {
  await app.db.transaction(async (tx) => {
    const sql = tx.sql
    await sql.run(`CREATE OR REPLACE TEMP TABLE bench_products AS SELECT row_number() OVER (ORDER BY sku) - 1 AS k, sku, name, price_minor, vat_rate_bp FROM products WHERE price_minor > 0 AND sku NOT LIKE 'DELI-%'`)
    const count = (await sql.one<{ n: number }>('SELECT count(*) AS n FROM bench_products'))!.n
    await sql.run(`CREATE OR REPLACE TEMP TABLE bench_lines AS
      SELECT i, l, p.sku, p.name, p.price_minor, p.vat_rate_bp, l AS quantity FROM range(${n}) t(i), range(1, 3) u(l)
      JOIN bench_products p ON p.k = (i * 7 + l * 13 + ${tag.length * 101}) % ${count}`)
    const id = `'bench-${tag}-' || lpad(i::VARCHAR, 7, '0')`
    await sql.run(`INSERT INTO orders BY NAME
      SELECT ${id} AS id, 'shopify' AS channel, ${id} AS channel_order_id, '#${tag}-' || i AS number, '${status}' AS status,
        now()::TIMESTAMP - to_seconds((${n} - i) * 30) AS placed_at, 'GBP' AS currency, t.total AS gross_minor, 0 AS discount_minor, t.total AS total_minor,
        t.vat AS vat_minor, t.total AS paid_minor, 0 AS change_minor, '[]' AS discounts, now()::TIMESTAMP AS created_at,
        now()::TIMESTAMP + to_seconds(3600 + (i % 50) * 1800) AS despatch_by, 'Standard' AS shipping_method, 'merchant' AS fulfilled_by,
        0 AS refunded_minor, '[]' AS flags, '[]' AS escalated, now()::TIMESTAMP AS updated_at
      FROM (SELECT i, sum(price_minor * quantity) AS total, sum(price_minor * quantity * vat_rate_bp // (10000 + vat_rate_bp)) AS vat FROM bench_lines GROUP BY i) t`)
    await sql.run(`INSERT INTO order_lines BY NAME
      SELECT ${id} AS order_id, l AS line_no, 'goods' AS kind, sku, name, quantity, price_minor AS list_unit_price_minor, price_minor AS unit_price_minor,
        price_minor * quantity AS gross_minor, 0 AS line_discount_minor, 0 AS basket_discount_minor, price_minor * quantity AS total_minor, vat_rate_bp,
        price_minor * quantity * vat_rate_bp // (10000 + vat_rate_bp) AS vat_minor, ${id} || '-L' || l AS channel_line_id, 0 AS backordered,
        0 AS cancelled_quantity, ${status === 'shipped' ? 'quantity' : '0'} AS shipped_quantity, 0 AS returned_quantity, true AS known_sku
      FROM bench_lines`)
    if (status === 'allocated') {
      await sql.run(`INSERT INTO allocations SELECT ${id} || ':' || l || '@floor', ${id}, l, sku, 'floor', quantity, now()::TIMESTAMP FROM bench_lines`)
      // Enough stock on the floor for every allocation (a receipt in the ledger would say the same).
      await sql.run(`UPDATE stock_levels SET on_hand = on_hand + b.units, allocated = allocated + b.units
        FROM (SELECT sku, sum(quantity) AS units FROM bench_lines GROUP BY sku) b WHERE stock_levels.id = b.sku || '@floor'`)
    }
    await sql.run('DROP TABLE bench_lines')
  })
}

async function post<T>(client: Client, path: string, body: unknown, status = 200): Promise<T> {
  const r = await client.post(path, body)
  if (r.status !== status) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`)
  return (await r.json()) as T
}

export const benchmarks: Benchmark[] = [
  {
    name: `fulfilment: a wave from ${WAVE.toLocaleString('en-GB')} allocated orders, and pick scans (${HISTORY.toLocaleString('en-GB')} orders of history)`,
    async run() {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-fulfilment-'))
      const app = await startAppliance({ products: 5000, dataDir })
      try {
        if (HISTORY > 0) await generate(app, 'H', HISTORY, 'shipped')
        // The report facts catch up with the bulk-loaded history once, before anything is timed.
        await app.deps.reports.facts.flush()
        const fin = await signIn(app.url, 'fin', '3333', 'pack-bench')
        const waves: number[] = []
        let last: WaveDto | undefined
        for (let round = 0; round < ROUNDS; round++) {
          await generate(app, `W${round}`, WAVE, 'allocated')
          const started = performance.now()
          last = await post<WaveDto>(fin, '/api/picking/waves', { method: 'wave', limit: WAVE, pickers: ['fin', 'maya', 'ash'] }, 201)
          waves.push(performance.now() - started)
          if (last.orderCount !== WAVE) throw new Error(`the wave took ${last.orderCount} orders, not ${WAVE}`)
        }
        await app.deps.reports.facts.flush()
        // Pick scans: bin label, then the product's barcode, task after task, through the lists of the last wave.
        const bins: number[] = []
        const products: number[] = []
        for (const summary of last!.lists) {
          const list = await fin.get<PickListDto>(`/api/picking/lists/${summary.id}`)
          for (const t of list.tasks) {
            if (products.length >= SCANS) break
            let started = performance.now()
            await post(fin, `/api/picking/lists/${list.id}/scan`, { code: t.bin })
            bins.push(performance.now() - started)
            started = performance.now()
            await post(fin, `/api/picking/lists/${list.id}/scan`, { code: t.barcode, quantity: t.quantity })
            products.push(performance.now() - started)
          }
        }
        const warm = products.slice(20)
        return [
          { name: `create a wave of ${WAVE} orders over 3 pickers (HTTP, ${ROUNDS} rounds)`, values: { first: Number(waves[0]!.toFixed(1)), best: Number(Math.min(...waves).toFixed(1)), worst: Number(Math.max(...waves).toFixed(1)) }, unit: 'ms', target: '< 1000 ms' },
          { name: `pick scan confirmed: product barcode (HTTP, ${warm.length} scans)`, values: percentiles(warm), unit: 'ms', target: 'p99 < 20 ms' },
          { name: `pick scan: bin label (HTTP, ${bins.length - 20} scans)`, values: percentiles(bins.slice(20)), unit: 'ms' },
        ]
      } finally {
        await app.stop()
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
  },
]

/**
 * The order book at a million orders: a search by email and by order number (and a scanned
 * receipt), an order with its timeline, and a return with its refund committed — all through
 * HTTP on a real appliance. The orders are generated set-based with INSERT … SELECT from
 * range() (seconds, not the hours row-at-a-time would take): every channel, ~300k customers,
 * two lines, a payment and two timeline entries per order. `BENCH_ORDERS` scales it down.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testClock } from '../api/till-fixtures.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { percentiles, timeMany, type Benchmark, type Figure } from './harness.js'

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000)
const CUSTOMERS = Math.max(1000, Math.floor(ORDERS * 0.3))
const SAMPLES = Number(process.env.BENCH_ORDER_SAMPLES ?? 400)

/** Order ids shaped like the appliance's own (UUIDs), numbered for sampling. */
const oid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
const pad = (n: number, width: number) => String(n).padStart(width, '0')

/**
 * Orders i ≡ 0 (mod 5) are till sales paid by card; the rest are channel orders, shipped but for
 * a few of the last day's (still to despatch). They are placed 45 s apart, the newest just
 * before the benchmark's clock.
 */
export async function generate(app: TestAppliance, n: number): Promise<void> {
  await app.db.transaction(async (tx) => {
    const sql = tx.sql
    // A bulk load builds secondary indexes once at the end (as a restore would) rather than row by row.
    const indexes = await sql.all<{ name: string; ddl: string }>(
      `SELECT index_name AS name, sql AS ddl FROM duckdb_indexes() WHERE table_name IN ('orders', 'order_lines', 'payments', 'order_events', 'customers', 'customer_phones') AND sql IS NOT NULL`,
    )
    for (const index of indexes) await sql.run(`DROP INDEX ${index.name}`)
    await sql.run(`CREATE TEMP TABLE bench_products AS SELECT row_number() OVER (ORDER BY sku) - 1 AS k, sku, name, price_minor, vat_rate_bp FROM products WHERE price_minor > 0`)
    const count = (await sql.one<{ n: number }>('SELECT count(*) AS n FROM bench_products'))!.n
    await sql.run(`INSERT INTO customers (id, name, email, phone, created_at)
      SELECT 'bc' || i, 'Bench Customer ' || i, 'bench.customer.' || i || '@example.com', '07700 ' || lpad((i % 1000000)::VARCHAR, 6, '0'), TIMESTAMP '2024-01-01'
      FROM range(${CUSTOMERS}) t(i)`)
    await sql.run(`INSERT INTO customer_phones SELECT '+447700' || lpad(i::VARCHAR, 6, '0') || ' bc' || i, '+447700' || lpad(i::VARCHAR, 6, '0'), 'bc' || i FROM range(${Math.min(CUSTOMERS, 999_999)}) t(i)`)
    await sql.run(`CREATE TEMP TABLE bench_lines AS
      SELECT i, l, p.sku, p.name, p.price_minor, p.vat_rate_bp FROM range(${n}) t(i), range(1, 3) u(l) JOIN bench_products p ON p.k = (i * 7 + l * 13) % ${count}`)
    await sql.run(`INSERT INTO orders BY NAME
      SELECT '00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0') AS id,
        CASE i % 5 WHEN 0 THEN 'store' WHEN 1 THEN 'shopify' WHEN 2 THEN 'amazon' WHEN 3 THEN 'ebay' ELSE 'woocommerce' END AS channel,
        CASE WHEN i % 5 = 0 THEN NULL ELSE 'bench-' || i END AS channel_order_id,
        CASE WHEN i % 5 = 0 THEN 'S-09-' || lpad(i::VARCHAR, 6, '0') ELSE '#' || (1000000 + i) END AS number,
        CASE WHEN i % 5 = 0 THEN 'completed' WHEN i % 23 = 0 AND i >= ${n} - 1000 THEN 'allocated' ELSE 'shipped' END AS status,
        TIMESTAMP '2026-06-15 08:00:00' - to_seconds((${n} - i) * 45) AS placed_at, 'bc' || (i % ${CUSTOMERS}) AS customer_id, 'GBP' AS currency,
        t.total AS gross_minor, 0 AS discount_minor, t.total AS total_minor, t.vat AS vat_minor, t.total AS paid_minor, 0 AS change_minor, '[]' AS discounts,
        TIMESTAMP '2026-06-15 08:00:00' - to_seconds((${n} - i) * 45) AS created_at, TIMESTAMP '2026-06-16 08:00:00' - to_seconds((${n} - i) * 45) AS despatch_by,
        CASE WHEN i % 5 = 0 THEN NULL ELSE 'Standard' END AS shipping_method, 0 AS refunded_minor, '[]' AS flags, '[]' AS escalated,
        TIMESTAMP '2026-06-15 08:00:00' - to_seconds((${n} - i) * 45) AS updated_at
      FROM (SELECT i, sum(price_minor) AS total, sum(price_minor * vat_rate_bp // (10000 + vat_rate_bp)) AS vat FROM bench_lines GROUP BY i) t`)
    await sql.run(`INSERT INTO order_lines BY NAME
      SELECT '00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0') AS order_id, l AS line_no, 'goods' AS kind, sku, name, 1 AS quantity, price_minor AS list_unit_price_minor,
        price_minor AS unit_price_minor, price_minor AS gross_minor, 0 AS line_discount_minor, 0 AS basket_discount_minor, price_minor AS total_minor,
        vat_rate_bp, price_minor * vat_rate_bp // (10000 + vat_rate_bp) AS vat_minor, 'floor' AS location,
        CASE WHEN i % 5 = 0 THEN NULL ELSE 'bench-' || i || '-L' || l END AS channel_line_id, 0 AS backordered, 0 AS cancelled_quantity,
        CASE WHEN i % 5 = 0 OR (i % 23 = 0 AND i >= ${n} - 1000) THEN 0 ELSE 1 END AS shipped_quantity, 0 AS returned_quantity, true AS known_sku
      FROM bench_lines`)
    await sql.run(`INSERT INTO payments BY NAME
      SELECT id AS order_id, 1 AS seq, CASE WHEN channel = 'store' THEN 'card' ELSE 'channel' END AS method, total_minor AS amount_minor,
        total_minor AS applied_minor, CASE WHEN channel = 'store' THEN 'AUTH-' || id ELSE channel_order_id END AS reference, placed_at AS occurred_at
      FROM orders WHERE id LIKE '00000000-0000-4000-8000-%'`)
    await sql.run(`INSERT INTO order_events BY NAME
      SELECT id || ':' || k AS id, id AS order_id, placed_at + to_seconds(k * 3600) AS occurred_at, 0 AS seq,
        CASE k WHEN 0 THEN 'imported' ELSE 'status' END AS kind, CASE k WHEN 0 THEN 'Imported from ' || channel ELSE 'Despatched' END AS summary
      FROM orders, range(2) u(k) WHERE id LIKE '00000000-0000-4000-8000-%'`)
    await sql.run('DROP TABLE bench_lines')
    await sql.run('DROP TABLE bench_products')
    for (const index of indexes) await sql.run(index.ddl)
  })
  await app.db.checkpoint()
}

async function get(client: Client, path: string): Promise<unknown> {
  const r = await client.fetch(path)
  if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`)
  return r.json()
}

let key = 0

export const benchmarks: Benchmark[] = [
  {
    name: `orders: search, order with timeline, return with refund (${ORDERS.toLocaleString('en-GB')} orders)`,
    async run() {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-orders-'))
      const app = await startAppliance({ products: 5000, dataDir, clock: testClock() })
      try {
        const started = performance.now()
        await generate(app, ORDERS)
        const generated = (performance.now() - started) / 1000
        // The report facts catch up with the bulk-loaded history once, before anything is timed
        // (in a shop they follow the orders as they come).
        const factsStarted = performance.now()
        await app.deps.reports.facts.flush()
        const factsBuilt = (performance.now() - factsStarted) / 1000
        const ash = await signIn(app.url, 'ash', '2222', 'till-1')
        const random = (max: number) => Math.floor(Math.random() * max)
        const email = await timeMany(SAMPLES, async () => {
          const body = (await get(ash, `/api/orders?q=${encodeURIComponent(`bench.customer.${random(CUSTOMERS)}@example.com`)}`)) as { items: unknown[] }
          if (body.items.length === 0) throw new Error('an email search found nothing')
        })
        const number = await timeMany(SAMPLES, async (i) => {
          const n = random(ORDERS)
          const q = n % 5 === 0 ? `S09${pad(0, 1)}${pad(n, 7)}` : i % 2 ? `#${1000000 + n}` : String(1000000 + n)
          const body = (await get(ash, `/api/orders?q=${encodeURIComponent(q)}`)) as { items: unknown[] }
          if (body.items.length !== 1) throw new Error(`searching ${q} found ${body.items.length}`)
        })
        const phone = await timeMany(Math.floor(SAMPLES / 2), () => get(ash, `/api/orders?q=${encodeURIComponent(`07700 ${pad(random(Math.min(CUSTOMERS, 999_999)), 6)}`)}`))
        const detail = await timeMany(SAMPLES, async () => {
          const body = (await get(ash, `/api/orders/${oid(random(ORDERS))}`)) as { timeline: unknown[] }
          if (body.timeline.length < 2) throw new Error('no timeline')
        })
        const page = await timeMany(Math.floor(SAMPLES / 4), () => get(ash, '/api/orders?limit=50'))
        const filtered = await timeMany(Math.floor(SAMPLES / 4), () => get(ash, '/api/orders?channel=ebay&status=shipped&limit=50'))
        // Distinct till sales to bring back, each line looked up first: only the POST is timed.
        // From the last 40,000 orders: a till sale is returnable for 28 days (orders are 45 s apart, the newest just now).
        const recent = Math.min(ORDERS, 40_000)
        const picks = new Set<number>()
        while (picks.size < SAMPLES + 20) picks.add(ORDERS - recent + random(recent / 5) * 5)
        const toReturn = await Promise.all([...picks].map(async (n) => ({ id: oid(n), sku: ((await get(ash, `/api/orders/${oid(n)}`)) as { lines: Array<{ sku: string }> }).lines[0]!.sku })))
        for (const { id, sku } of toReturn.slice(0, 20)) {
          // Warm-up returns, untimed (timeMany's own warm-up would reuse the timed orders).
          await ash.post('/api/returns', { order: id, lines: [{ sku, quantity: 1, reason: 'faulty', condition: 'sellable' }], refund: { method: 'original' } }, { 'idempotency-key': `bench-warm-${process.pid}-${++key}` })
        }
        const returnOne = async (i: number) => {
          const { id, sku } = toReturn[i + 20]!
          const r = await ash.post('/api/returns', { order: id, lines: [{ sku, quantity: 1, reason: 'faulty', condition: 'sellable' }], refund: { method: 'original' } }, { 'idempotency-key': `bench-return-${process.pid}-${++key}` })
          if (r.status !== 201) throw new Error(`return: ${r.status} ${await r.text()}`)
          await r.arrayBuffer()
        }
        const half = Math.floor(SAMPLES / 2)
        const returns = await timeMany(half, returnOne, 0)
        // The report facts follow every order change on their own connection (1.5 s debounce): measured
        // again without them, to show the return's own cost apart from the reports' catching up.
        const facts = (app.deps as unknown as { reports?: { facts?: { stop(): Promise<void> } } }).reports?.facts
        await facts?.stop()
        const quiet = facts ? await timeMany(SAMPLES - half, (i) => returnOne(half + i), 0) : []
        return [
          { name: `generated ${ORDERS.toLocaleString('en-GB')} orders (2 lines, payment, 2 timeline entries each), indexes and checkpoint`, values: { seconds: Number(generated.toFixed(1)) }, unit: 's' },
          { name: `report facts built for the ${ORDERS.toLocaleString('en-GB')} orders (untimed below)`, values: { seconds: Number(factsBuilt.toFixed(1)) }, unit: 's' },
          { name: 'search by email via HTTP', values: percentiles(email), unit: 'ms', target: 'p99 < 50 ms' },
          { name: 'search by order number / receipt barcode via HTTP', values: percentiles(number), unit: 'ms', target: 'p99 < 50 ms' },
          { name: 'search by phone via HTTP', values: percentiles(phone), unit: 'ms' },
          { name: 'order with its timeline via HTTP', values: percentiles(detail), unit: 'ms', target: 'p99 < 20 ms' },
          { name: 'first page of the order book (50, newest first)', values: percentiles(page), unit: 'ms' },
          { name: 'filtered page (channel + status)', values: percentiles(filtered), unit: 'ms' },
          { name: 'return of a till sale with its card refund committed via HTTP (stock, refund, timeline, audit, receipt)', values: percentiles(returns), unit: 'ms', target: 'p99 < 25 ms' },
          ...(quiet.length ? [{ name: '… the same with the report facts refresher stopped', values: percentiles(quiet), unit: 'ms' as const, target: 'p99 < 25 ms' }] : []),
        ] satisfies Figure[]
      } finally {
        await app.stop()
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
  },
]

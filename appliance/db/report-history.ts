/**
 * Years of believable trading history, for reports and their benchmarks: orders on every
 * channel with seasonality (a growing trend, Saturdays busy, Sundays quiet, a December
 * peak, closed on Christmas Day; firewood in winter, garden in spring, toys before
 * Christmas), lines drawn from the catalogue with a long tail of slow sellers, discounts,
 * shipping addresses across UK postcode areas and abroad, despatch deadlines (a few
 * missed), returns with reasons and refunds, customer issues, pick and pack records with
 * errors, monthly expenses and sales targets — then the report facts.
 *
 * Everything is `INSERT … SELECT` from `range()` inside DuckDB (no row crosses into
 * JavaScript), randomness is `hash(row, salt)` so the same options make the same shop.
 * Ids start `h-` so history never collides with real orders.
 */
import type { Database } from './database.js'
import { rebuildRollUp } from './report-facts.js'
import type { Sql } from './sql.js'

export interface HistoryOptions {
  years: number
  lines: number
  /** The last day of history (store-local date, YYYY-MM-DD). */
  end: string
  timeZone: string
  /** Changes every random draw. */
  seed?: number
}

export interface HistoryStep {
  step: string
  done: number
  total: number
}

export interface HistorySummary {
  orders: number
  lines: number
  returns: number
  picks: number
  seconds: number
  /** Seconds each step took, in order (where the time goes, for docs/PERFORMANCE.md). */
  steps: Record<string, number>
}

/** UK postcode areas, busiest first, and a few countries abroad. */
const AREAS = ['LA', 'M', 'B', 'L', 'LS', 'G', 'BS', 'NE', 'S', 'SW', 'E', 'N', 'CA', 'PR', 'BD', 'EH', 'CF', 'NG', 'OX', 'BN', 'EX', 'TR', 'YO', 'AB']
const ABROAD = ['IE', 'FR', 'DE', 'NL', 'US', 'ES']

/** Products per category are ranked below this: (category, rank) packs into one integer key. */
const PRODUCT_KEY = 1_000_000

/** Mean lines per order of the draw below (1 + floor(6u²)): 2.58. */
const MEAN_LINES = 1 + 5 - [1, 2, 3, 4, 5].reduce((s, j) => s + Math.sqrt(j / 6), 0)

/** Month (1–12) multipliers of a category's sales; unnamed categories sell evenly. */
const SEASONS: Record<string, number[]> = {
  'Fuel & Firewood': [3, 2.6, 1.6, 0.8, 0.3, 0.15, 0.1, 0.15, 0.5, 1.4, 2.6, 3.2],
  Garden: [0.3, 0.5, 1.4, 2.4, 2.8, 2.4, 1.8, 1.4, 0.9, 0.5, 0.3, 0.5],
  Toys: [0.7, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9, 1.2, 2.2, 3.2],
  Confectionery: [0.8, 1.2, 1, 1.6, 0.9, 0.9, 0.9, 0.9, 0.9, 1.3, 1.2, 2],
  Stationery: [1.1, 0.9, 0.9, 0.8, 0.8, 0.9, 1, 1.6, 1.8, 0.9, 1.1, 1.5],
  "Children's Clothing": [0.9, 0.8, 1, 1, 1, 1.1, 1.3, 1.6, 1.4, 1, 1, 1.2],
  Homeware: [0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1.1, 1.4, 1.8],
}

/**
 * Runs a bulk load into `tables` with their secondary indexes dropped and rebuilt after: an
 * ART index maintained row by row made 10M lines take minutes; built once it takes seconds.
 * The definitions come from DuckDB itself, so indexes added by later migrations are kept.
 */
async function withoutIndexes(
  db: Database, tables: string[], load: () => Promise<void>, rebuild: (work: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const indexes = await db.reader.all<{ index_name: string; sql: string }>(
    `SELECT index_name, sql FROM duckdb_indexes() WHERE database_name = current_database() AND schema_name = 'main'
       AND table_name IN (${tables.map((t) => `'${t}'`).join(', ')}) AND sql IS NOT NULL`,
  )
  // Each in its own transaction: indexes built inside the loading transaction are merged row by row at COMMIT.
  await db.transaction(async (tx) => {
    for (const index of indexes) await tx.sql.run(`DROP INDEX "${index.index_name}"`)
  })
  try {
    await load()
  } finally {
    await rebuild(() => db.transaction(async (tx) => {
      for (const index of indexes) await tx.sql.run(index.sql)
    }))
  }
}

/** The serial writer's connection, borrowed for the whole run (a CLI or bench holds the database alone). */
const writerSql = (db: Database): Promise<Sql> => db.transaction(async (tx) => tx.sql)

const q = (s: string) => `'${s.replace(/'/g, "''")}'`
/** A uniform draw in [0, 1) for row `key` and `salt`. */
const u = (key: string, salt: number) => `((hash(${key}, ${salt}::BIGINT) % 1000003) / 1000003.0)`

export async function generateHistory(
  db: Database,
  options: HistoryOptions,
  onProgress: (step: HistoryStep) => void = () => undefined,
): Promise<HistorySummary> {
  const started = performance.now()
  // One connection throughout (the writer's, through the serial writer): the temporary tables live on it.
  const sql = await writerSql(db)
  const seed = options.seed ?? 1
  const s = (n: number) => seed * 1000 + n
  const zone = q(options.timeZone)
  const end = q(options.end)
  const start = `(DATE ${end} - INTERVAL ${Math.round(options.years * 365)} DAY)::DATE`
  const orderCount = Math.max(1, Math.round(options.lines / MEAN_LINES))
  const steps = ['catalogue', 'days', 'orders', 'lines', 'order book', 'addresses', 'returns', 'picking', 'issues', 'expenses and targets', 'indexes', 'report facts']
  const took: Record<string, number> = {}
  let done = 0
  const step = async (name: string, work: () => Promise<void>) => {
    onProgress({ step: name, done, total: steps.length })
    const began = performance.now()
    await work()
    took[name] = Math.round((performance.now() - began) / 100) / 10
    onProgress({ step: name, done: ++done, total: steps.length })
  }

  const existing = await sql.one<{ n: number }>("SELECT count(*) AS n FROM orders WHERE id LIKE 'h-%'")
  if ((existing?.n ?? 0) > 0) throw new Error('This database already has generated history (orders h-…): start from a fresh data directory.')

  await step('catalogue', async () => {
    await sql.run(`CREATE OR REPLACE TEMP TABLE h_prod AS
      SELECT sku, name, category, price_minor, cost_minor, vat_rate_bp,
        (row_number() OVER (ORDER BY sku))::INTEGER AS p,
        dense_rank() OVER (ORDER BY category) - 1 AS c,
        row_number() OVER (PARTITION BY category ORDER BY hash(sku, ${s(1)}::BIGINT)) - 1 AS k,
        -- One integer key per (category, rank): lines join on it alone (see 'lines').
        (dense_rank() OVER (ORDER BY category) - 1) * ${PRODUCT_KEY} + row_number() OVER (PARTITION BY category ORDER BY hash(sku, ${s(1)}::BIGINT)) - 1 AS ck
      FROM products WHERE price_minor > 0 AND handle NOT LIKE 'deli-%' AND active`)
    await sql.run('CREATE OR REPLACE TEMP TABLE h_cat AS SELECT c, any_value(category) AS category, count(*) AS n FROM h_prod GROUP BY c')
    const cats = await sql.all<{ c: number; category: string; n: number }>('SELECT c, category, n FROM h_cat ORDER BY c')
    if (cats.length === 0) throw new Error('There is no catalogue to sell: seed the demo shop or import a catalogue first.')
    // 1,000 buckets a month shared out by each category's size × its season.
    const rows: string[] = []
    for (let month = 1; month <= 12; month++) {
      const weights = cats.map((cat) => Math.sqrt(cat.n) * (SEASONS[cat.category]?.[month - 1] ?? 1))
      const total = weights.reduce((a, b) => a + b, 0)
      let bucket = 0
      let acc = 0
      cats.forEach((cat, i) => {
        acc += weights[i]!
        const until = i === cats.length - 1 ? 1000 : Math.round((acc / total) * 1000)
        for (; bucket < until; bucket++) rows.push(`(${month},${bucket},${cat.c})`)
      })
    }
    await sql.run(`CREATE OR REPLACE TEMP TABLE h_bucket AS SELECT t.month, t.bucket, t.c, hc.n FROM (VALUES ${rows.join(',')}) t(month, bucket, c) JOIN h_cat hc USING (c)`)
  })

  await step('days', async () => {
    await sql.run(`CREATE OR REPLACE TEMP TABLE h_days AS
      WITH d AS (SELECT (${start} + INTERVAL (range) DAY)::DATE AS day FROM range(datediff('day', ${start}, DATE ${end}) + 1)),
      w AS (SELECT day,
        (1 + 0.12 * datediff('day', ${start}, day) / 365.0)
        * (1 + 0.25 * cos(2 * pi() * (dayofyear(day) - 355) / 365.0))
        * CASE dayofweek(day) WHEN 6 THEN 1.45 WHEN 0 THEN 0.75 WHEN 5 THEN 1.1 ELSE 1.0 END
        * CASE WHEN month(day) = 12 AND day(day) BETWEEN 8 AND 24 THEN 1.7 WHEN month(day) = 12 AND day(day) = 25 THEN 0.0 ELSE 1 END AS w
        FROM d)
      SELECT day, coalesce(sum(w) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(w) OVER () AS lo FROM w`)
  })

  const shopRegion = (await sql.one<{ r: string | null }>("SELECT json_extract_string(value, '$.region') AS r FROM settings WHERE key = 'shop'"))?.r ?? 'Shop'
  await step('orders', async () => {
    const uj = (n: number) => u('j', s(n))
    await sql.run(`CREATE OR REPLACE TEMP TABLE h_orders AS
      WITH o AS (SELECT range AS j, range / ${orderCount}.0 AS at FROM range(${orderCount})),
      od AS (SELECT o.j, d.day, ${uj(2)} AS u_ch, ${uj(3)} AS u_t, ${uj(4)} AS u_k, ${uj(5)} AS u_ret, ${uj(6)} AS u_late,
               ${uj(7)} AS u_fba, ${uj(8)} AS u_can, ${uj(9)} AS u_misc
             FROM o ASOF JOIN h_days d ON o.at >= d.lo),
      ch AS (SELECT *, CASE WHEN u_ch < 0.56 THEN 'store' WHEN u_ch < 0.74 THEN 'shopify' WHEN u_ch < 0.87 THEN 'amazon'
                      WHEN u_ch < 0.95 THEN 'ebay' ELSE 'woocommerce' END AS channel FROM od),
      t AS (SELECT *, timezone(${zone}, (day + CASE WHEN channel = 'store' THEN INTERVAL 9 HOUR + to_microseconds((u_t * 8.5 * 3600e6)::BIGINT)
                              ELSE to_microseconds((sqrt(u_t) * 23.9 * 3600e6)::BIGINT) END))::TIMESTAMP AS placed_at FROM ch)
      SELECT j, 'h-' || lpad(j::VARCHAR, 9, '0') AS id, day, channel, channel = 'store' AS store, placed_at,
        CASE WHEN channel = 'store' THEN 'S-0' || (1 + j % 2) || '-H' || lpad(j::VARCHAR, 9, '0') ELSE '#H' || (100000 + j) END AS number,
        CASE WHEN channel = 'store' THEN CASE WHEN j % 3 = 0 THEN 'maya' ELSE 'ash' END END AS staff_id,
        -- Despatch: the same working day if placed before 15:00 (local), else the next; weekends roll to Monday.
        (sqrt(u_t) * 23.9 >= 15)::INTEGER + CASE dayofweek(day + (sqrt(u_t) * 23.9 >= 15)::INTEGER) WHEN 6 THEN 2 WHEN 0 THEN 1 ELSE 0 END AS despatch_days,
        1 + floor(6 * u_k * u_k)::INTEGER AS k,
        channel <> 'store' AND NOT (channel = 'amazon' AND u_fba < 0.3) AS merchant,
        channel <> 'store' AND u_can < 0.012 AND day < DATE ${end} - 3 AS cancelled,
        u_ret < CASE WHEN channel = 'store' THEN 0.02 ELSE 0.075 END AND day < DATE ${end} - 10 AND NOT (channel <> 'store' AND u_can < 0.012) AS returned,
        u_late, u_misc,
        CASE WHEN channel = 'store' THEN ${q(shopRegion)}
             WHEN ${u('j', s(20))} < 0.05 THEN [${ABROAD.map(q).join(',')}][1 + floor(${ABROAD.length} * ${u('j', s(21))})::INTEGER]
             ELSE [${AREAS.map(q).join(',')}][1 + floor(${AREAS.length} * pow(${u('j', s(21))}, 1.6))::INTEGER] END AS region
      FROM t`)
  })

  const loaded = ['order_lines', 'orders', 'addresses', 'payments', 'returns', 'return_lines', 'refunds', 'pick_events', 'pack_events', 'customer_issues']
  // One transaction for the whole load (its commit is timed on its own); rebuilding the indexes is a step of its own.
  await withoutIndexes(db, loaded, async () => {
    let loadedAt = 0
    await db.transaction(async () => {
      await loadHistory(sql, { s, zone, end, start, step })
      loadedAt = performance.now()
    })
    took.commit = Math.round((performance.now() - loadedAt) / 100) / 10
  }, (work) => step('indexes', work))

  await step('report facts', () => db.transaction(async () => {
    // Straight from the generator's own tables (int joins, already in day order), exactly as
    // db/report-facts.ts derives them from the order book (test/reports/history.test.ts checks).
    await sql.run('DELETE FROM report_lines')
    await sql.run(`INSERT INTO report_lines
      SELECT o.id, (l.n + 1)::INTEGER, o.number, o.day, o.placed_at, o.channel, p.sku, p.name, p.category, o.region,
        CASE WHEN o.channel = 'store' THEN 'floor' ELSE 'backroom' END, o.staff_id, l.quantity, l.total_minor, l.vat_minor, l.line_discount_minor, l.cost_minor, (l.n = 0)::INTEGER
      FROM h_lines l JOIN h_orders o ON o.j = l.j JOIN h_prod p ON p.p = l.p
      WHERE NOT o.cancelled`)
    await rebuildRollUp(sql)
    await sql.run("INSERT OR REPLACE INTO report_state VALUES ('facts', (SELECT coalesce(max(rowid), -1) FROM orders), ?::TIMESTAMP)", [new Date().toISOString()])
  }))
  for (const t of ['h_prod', 'h_cat', 'h_bucket', 'h_days', 'h_orders', 'h_lines', 'h_totals', 'h_returns']) await sql.run(`DROP TABLE IF EXISTS ${t}`)

  const count = async (table: string, where = '') => (await sql.one<{ n: number }>(`SELECT count(*) AS n FROM ${table} ${where}`))!.n
  return {
    orders: await count('orders', "WHERE id LIKE 'h-%'"),
    lines: await count('order_lines', "WHERE order_id LIKE 'h-%'"),
    returns: await count('returns', "WHERE id LIKE 'hr-%'"),
    picks: await count('pick_events'),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    steps: took,
  }
}

interface LoadContext {
  s: (n: number) => number
  zone: string
  end: string
  start: string
  step: (name: string, work: () => Promise<void>) => Promise<void>
}

async function loadHistory(sql: Sql, { s, zone, end, start, step }: LoadContext): Promise<void> {
  await step('lines', async () => {
    const ul = (n: number) => u('o.j * 16 + n', s(n))
    // Integers only: 10M rows of strings cost minutes; ids and names are joined in as they are written.
    await sql.run(`CREATE OR REPLACE TEMP TABLE h_lines AS
      WITH l AS (SELECT o.j, o.day, o.store, o.returned, unnest(range(o.k))::INTEGER AS n FROM h_orders o),
      d AS (SELECT o.*, ${ul(10)} AS u_cat, ${ul(11)} AS u_prod, ${ul(12)} AS u_q, ${ul(13)} AS u_disc FROM l o),
      -- The product: the category's bucket, then a rank in it skewed to the best sellers, as one
      -- integer key (joined on category and a rank worked out after the join, DuckDB matched
      -- every product of the category first — 50 rows per line — and filtered after).
      c AS (SELECT d.j, d.n, d.day, d.store, d.returned, d.u_q, d.u_disc,
              b.c * ${PRODUCT_KEY} + floor(b.n * pow(d.u_prod, 2.5))::BIGINT AS ck
            FROM d JOIN h_bucket b ON b.month = month(d.day) AND b.bucket = floor(d.u_cat * 1000)::INTEGER),
      p AS (SELECT c.j, c.n, c.day, c.store, c.returned, c.u_disc, p.p, p.price_minor, p.cost_minor, p.vat_rate_bp,
              1 + (u_q < 0.16)::INTEGER + (u_q < 0.05)::INTEGER + 2 * (u_q < 0.01)::INTEGER AS quantity
            FROM c JOIN h_prod p ON p.ck = c.ck),
      m AS (SELECT j, n, day, store, returned, p, quantity, price_minor, vat_rate_bp, price_minor * quantity AS gross_minor,
              cost_minor * quantity AS cost_minor,
              CASE WHEN u_disc < 0.07 THEN round(price_minor * quantity * 0.1)::BIGINT ELSE 0 END AS line_discount_minor FROM p)
      SELECT *, gross_minor - line_discount_minor AS total_minor,
        (gross_minor - line_discount_minor) - round((gross_minor - line_discount_minor) * 10000.0 / (10000 + vat_rate_bp))::BIGINT AS vat_minor
      FROM m`)
    await sql.run(`INSERT INTO order_lines BY NAME
      SELECT 'h-' || lpad(l.j::VARCHAR, 9, '0') AS order_id, (l.n + 1)::INTEGER AS line_no, 'goods' AS kind, p.sku, p.name, l.quantity,
        l.price_minor AS list_unit_price_minor, l.price_minor AS unit_price_minor, l.gross_minor, l.line_discount_minor,
        CASE WHEN l.line_discount_minor > 0 THEN 'Multi-buy' END AS line_discount_reason, 0::BIGINT AS basket_discount_minor,
        l.total_minor, l.vat_rate_bp, l.vat_minor, CASE WHEN l.store THEN 'floor' ELSE 'backroom' END AS location,
        CASE WHEN l.store THEN 0 ELSE l.quantity END AS shipped_quantity,
        CASE WHEN l.returned AND l.n = 0 THEN l.quantity ELSE 0 END AS returned_quantity
      FROM h_lines l JOIN h_prod p ON p.p = l.p`)
    await sql.run(`CREATE OR REPLACE TEMP TABLE h_totals AS
      SELECT j, sum(gross_minor) AS gross, sum(line_discount_minor) AS disc, sum(total_minor) AS total, sum(vat_minor) AS vat,
        sum(quantity) AS items, sum(total_minor) FILTER (WHERE n = 0) AS first_line, arg_min(p, n) AS first_p, min(quantity) FILTER (WHERE n = 0) AS first_q
      FROM h_lines GROUP BY j`)
  })

  await step('order book', async () => {
    await sql.run(`INSERT INTO orders BY NAME
      WITH d AS (SELECT o.*, t.gross, t.disc, t.total, t.vat, t.first_line,
              CASE WHEN o.store OR NOT o.merchant THEN NULL
                   ELSE timezone(${zone}, (o.day + o.despatch_days + INTERVAL 16 HOUR))::TIMESTAMP END AS despatch_by,
              CASE WHEN o.store THEN 0 WHEN t.total >= 4000 THEN 0 ELSE 399 END AS shipping
            FROM h_orders o JOIN h_totals t USING (j))
      SELECT id, channel, CASE WHEN store THEN NULL ELSE upper(channel[1:2]) || '-' || (100000 + j) END AS channel_order_id,
        number,
        CASE WHEN cancelled THEN 'cancelled' WHEN returned AND k = 1 THEN 'returned' WHEN returned THEN 'partially_returned'
             WHEN store THEN 'completed' WHEN day >= DATE ${end} - 1 AND merchant THEN 'allocated'
             WHEN day >= DATE ${end} - 4 THEN 'shipped' ELSE 'delivered' END AS status,
        placed_at, CASE WHEN store THEN day END AS business_day,
        'GBP' AS currency, gross AS gross_minor, disc AS discount_minor, total + shipping AS total_minor, vat AS vat_minor,
        total + shipping AS paid_minor, 0 AS change_minor,
        CASE WHEN store THEN 'till-' || (1 + j % 2) END AS till_id, CASE WHEN store THEN 'till-' || (1 + j % 2) END AS station,
        staff_id, placed_at AS created_at,
        CASE WHEN store THEN NULL WHEN shipping > 0 THEN 'Standard' ELSE 'Free' END AS shipping_method, shipping AS shipping_minor,
        CASE WHEN store OR merchant THEN 'merchant' ELSE 'channel' END AS fulfilled_by,
        despatch_by, despatch_by + INTERVAL 2 DAY AS deliver_by, CASE WHEN despatch_by IS NOT NULL THEN 'rules' END AS deadline_source,
        CASE WHEN returned THEN first_line ELSE 0 END AS refunded_minor,
        CASE WHEN store OR cancelled OR (merchant AND day >= DATE ${end} - 1) THEN NULL
             WHEN despatch_by IS NULL THEN placed_at + INTERVAL 20 HOUR
             WHEN u_late < 0.06 THEN despatch_by + to_microseconds((3600e6 * (2 + 40 * u_late / 0.06))::BIGINT)
             ELSE least(despatch_by - INTERVAL 30 MINUTE, placed_at + to_microseconds((3600e6 * (1 + 20 * u_late))::BIGINT)) END AS shipped_at,
        CASE WHEN cancelled THEN placed_at + INTERVAL 3 HOUR END AS cancelled_at,
        placed_at AS updated_at
      FROM d`)
    await sql.run(`INSERT INTO payments BY NAME
      SELECT o.id AS order_id, 1 AS seq,
        CASE WHEN NOT o.store THEN o.channel WHEN o.u_misc < 0.28 THEN 'cash' ELSE 'card' END AS method,
        t.total + CASE WHEN o.store OR t.total >= 4000 THEN 0 ELSE 399 END AS amount_minor,
        t.total + CASE WHEN o.store OR t.total >= 4000 THEN 0 ELSE 399 END AS applied_minor, o.placed_at AS occurred_at
      FROM h_orders o JOIN h_totals t USING (j)`)
  })

  await step('addresses', async () => {
    await sql.run(`INSERT INTO addresses BY NAME
      SELECT id || ':shipping' AS id, id AS order_id, 'shipping' AS kind, 'Customer ' || j AS name, (1 + j % 200) || ' High Street' AS line1,
        'Town' AS city, CASE WHEN length(region) = 2 AND region IN (${ABROAD.map(q).join(',')}) THEN 'P' || (j % 9000 + 1000)
                             ELSE region || (1 + j % 20) || ' ' || (j % 9) || 'AB' END AS postcode,
        CASE WHEN region IN (${ABROAD.map(q).join(',')}) THEN region ELSE 'GB' END AS country
      FROM h_orders WHERE NOT store`)
  })

  await step('returns', async () => {
    const reasons = ['changed-mind', 'faulty', 'damaged-in-transit', 'wrong-item', 'not-as-described', 'wrong-size', 'arrived-late', 'other']
    await sql.run(`CREATE OR REPLACE TEMP TABLE h_returns AS
      SELECT o.j, o.id AS order_id, o.channel, o.store, 'hr-' || lpad(o.j::VARCHAR, 9, '0') AS id, 'R-H' || lpad(o.j::VARCHAR, 9, '0') AS number,
        p.sku, t.first_q AS quantity, t.first_line AS value_minor,
        o.placed_at + to_microseconds((86400e6 * (1 + 27 * ${u('o.j', s(30))}))::BIGINT) AS created_at,
        [${reasons.map(q).join(',')}][1 + floor(${reasons.length} * pow(${u('o.j', s(31))}, 1.3))::INTEGER] AS reason
      FROM h_orders o JOIN h_totals t USING (j) JOIN h_prod p ON p.p = t.first_p WHERE o.returned`)
    await sql.run(`INSERT INTO returns BY NAME
      SELECT id, number, order_id, CASE WHEN store THEN 'desk' ELSE 'rma' END AS kind, 'completed' AS status, channel,
        value_minor, value_minor AS refund_minor, value_minor AS credited_minor, 'original' AS method, created_at, created_at AS completed_at,
        CASE WHEN store THEN 'till-1' END AS till_id, 'ash' AS staff_id
      FROM h_returns`)
    await sql.run(`INSERT INTO return_lines BY NAME
      SELECT id || ':1' AS id, id AS return_id, 1 AS seq, 1 AS order_line_no, sku, quantity, quantity AS received_quantity, reason,
        CASE WHEN reason IN ('faulty', 'damaged-in-transit') THEN 'damaged' ELSE 'sellable' END AS condition,
        CASE WHEN reason IN ('faulty', 'damaged-in-transit') THEN 'quarantine' ELSE 'backroom' END AS location, value_minor
      FROM h_returns`)
    await sql.run(`INSERT INTO refunds BY NAME
      SELECT id || ':refund' AS id, id AS return_id, order_id, CASE WHEN store THEN 'card' ELSE 'channel' END AS method,
        value_minor AS amount_minor, 'completed' AS status, 'ash' AS staff_id, created_at
      FROM h_returns`)
  })

  await step('picking', async () => {
    const errors = ['wrong-item', 'wrong-quantity', 'damaged', 'not-found']
    const staff = "['fin', 'ash', 'maya']"
    await sql.run(`INSERT INTO pick_events
      SELECT o.id || ':' || (l.n + 1) || ':1', o.id, (l.n + 1)::INTEGER, p.sku, 'backroom', l.quantity, l.quantity,
        CASE WHEN ${u('l.j * 16 + l.n', s(40))} < 0.012 THEN ${`[${errors.map(q).join(',')}]`}[1 + floor(4 * ${u('l.j * 16 + l.n', s(41))})::INTEGER] END,
        ${staff}[1 + floor(3 * pow(${u('o.j', s(42))}, 0.6))::INTEGER], 'pack-bench', 'pl-' || strftime(o.day, '%Y%m%d'),
        o.placed_at + to_microseconds((3600e6 * (0.5 + 3 * ${u('o.j', s(43))}) + l.n * 45e6)::BIGINT)
      FROM h_lines l JOIN h_orders o ON o.j = l.j JOIN h_prod p ON p.p = l.p
      WHERE o.merchant AND NOT o.cancelled AND o.day < DATE ${end} - 1`)
    await sql.run(`INSERT INTO pack_events
      SELECT o.id || ':1', o.id, t.items, 1, ${staff}[1 + floor(3 * pow(${u('o.j', s(44))}, 0.5))::INTEGER], 'pack-bench',
        o.placed_at + INTERVAL 4 HOUR, o.placed_at + INTERVAL 4 HOUR + to_microseconds((60e6 * (2 + 6 * ${u('o.j', s(45))}))::BIGINT)
      FROM h_orders o JOIN h_totals t USING (j)
      WHERE o.merchant AND NOT o.cancelled AND o.day < DATE ${end} - 1`)
  })
  await step('issues', async () => {
    const categories = ['delivery', 'damaged', 'wrong-item', 'refund', 'product', 'other']
    const priorities = ['low', 'normal', 'high', 'urgent']
    await sql.run(`INSERT INTO customer_issues BY NAME
      WITH i AS (SELECT o.*, ${u('o.j', s(50))} AS u1, ${u('o.j', s(51))} AS u2, ${u('o.j', s(52))} AS u3, ${u('o.j', s(53))} AS u4
                 FROM h_orders o WHERE ${u('o.j', s(54))} < CASE WHEN o.channel = 'store' THEN 0.002 ELSE 0.015 END),
      t AS (SELECT *, placed_at + to_microseconds((86400e6 * (0.5 + 6 * u1))::BIGINT) AS opened_at,
              [${categories.map(q).join(',')}][1 + floor(${categories.length} * pow(u2, 1.4))::INTEGER] AS category,
              [${priorities.map(q).join(',')}][1 + floor(4 * pow(u3, 1.8))::INTEGER] AS priority FROM i)
      SELECT 'hi-' || lpad(j::VARCHAR, 9, '0') AS id, id AS order_id, category, priority,
        CASE WHEN opened_at > (DATE ${end} - 7)::TIMESTAMP AND u4 < 0.6 THEN 'open' ELSE 'closed' END AS status,
        'Customer got in touch about ' || category AS summary, '[]' AS notes, opened_at,
        opened_at + to_microseconds((60e6 * (5 + CASE priority WHEN 'urgent' THEN 40 WHEN 'high' THEN 120 ELSE 600 END * u4))::BIGINT) AS first_response_at,
        CASE WHEN opened_at > (DATE ${end} - 7)::TIMESTAMP AND u4 < 0.6 THEN NULL
             ELSE opened_at + to_microseconds((3600e6 * (1 + CASE priority WHEN 'urgent' THEN 6 WHEN 'high' THEN 24 ELSE 96 END * u1))::BIGINT) END AS closed_at,
        'ash' AS opened_by, opened_at AS updated_at
      FROM t`)
  })

  await step('expenses and targets', async () => {
    const kinds: Array<[string, number]> = [['rent', 250_000], ['wages', 900_000], ['utilities', 60_000], ['marketing', 40_000], ['card fees', 25_000]]
    await sql.run(`INSERT INTO expenses BY NAME
      WITH m AS (SELECT DISTINCT date_trunc('month', day)::DATE AS month FROM h_days),
      k AS (SELECT * FROM (VALUES ${kinds.map(([k, a]) => `(${q(k)}, ${a})`).join(',')}) t(category, base))
      SELECT 'he-' || strftime(month, '%Y-%m') || '-' || category AS id, month, category,
        round(base * (1 + 0.03 * datediff('month', ${start}, month) / 12.0) * (0.9 + 0.2 * ${u("strftime(month, '%Y-%m') || category", s(60))}))::BIGINT AS amount_minor,
        'history' AS note, 'maya' AS staff_id, month::TIMESTAMP AS created_at
      FROM m, k`)
    // Targets: last year's month plus 5–15% (the first year: its own figures plus 10%).
    await sql.run(`INSERT INTO sales_targets BY NAME
      WITH a AS (SELECT date_trunc('month', l.day)::DATE AS month, p.category, sum(l.total_minor) AS sales
                 FROM h_lines l JOIN h_prod p ON p.p = l.p GROUP BY ALL)
      SELECT strftime(a.month, '%Y-%m') || ':' || a.category AS id, a.month, a.category,
        round(coalesce(prev.sales, a.sales) * (1.05 + 0.1 * ${u("strftime(a.month, '%Y-%m') || a.category", s(61))}))::BIGINT AS target_minor,
        'maya' AS staff_id, a.month::TIMESTAMP AS updated_at
      FROM a LEFT JOIN a prev ON prev.category = a.category AND prev.month = a.month - INTERVAL 1 YEAR`)
  })
}

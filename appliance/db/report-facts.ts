/**
 * The report schema's line facts (`report_lines`, migration 0006): one row per goods line
 * of every order that is not cancelled, with the business day, channel, category, region and
 * location already on it, so no report joins at query time (a join of 10M lines to orders
 * and products cost 260–480 ms; a scan of the facts costs a tenth of that).
 *
 * Kept from the order book by report-refresher.ts (on a connection of its own, so it only
 * ever sees committed orders — see there why that matters for the rowid watermark):
 * - new orders: those whose `rowid` is past the watermark (orders are never deleted, so a
 *   new order has a higher rowid whatever the clock that stamped it said);
 * - changed orders: ids the event bus named (`order.changed`, `return.completed`) and any
 *   whose `updated_at` is at or after the last refresh (a minute's overlap).
 * Each refresh re-derives those orders' facts (delete, then insert from the join) and the
 * daily roll-up of every day they touch, so a cancelled order drops out and a re-priced one
 * is right: ~0.25 s at 10M lines, off the tills' path. `rebuildReportFacts` derives
 * everything from scratch (a database that never had facts gets that at start).
 */
import type { Sql } from './sql.js'

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`
/** Orders re-derived per statement (a restart after a long stop catches up in slices). */
const SLICE = 2000
/** More orders than this to re-derive and the facts are rebuilt whole instead. */
const REBUILD_AT = 20_000

/**
 * The join every fact comes from, over the order tables or (for a refresh) over copies of
 * just the orders being re-derived. Those copies are taken first, each with a semi-join on a
 * literal id list (a few ms at 10M lines): joined in one statement, DuckDB cannot tell the
 * narrowed sides are small and built hash tables on the big ones (0.2–0.6 s; with the filter
 * last, tens of seconds).
 */
const deriveSql = (t: { lines: string; orders: string; addresses: string }) => `
  SELECT l.order_id, l.line_no, o.number AS order_number,
    coalesce(o.business_day, timezone($1, o.placed_at::TIMESTAMPTZ)::DATE) AS day,
    o.placed_at, o.channel, l.sku, l.name,
    coalesce(p.category, 'Unknown') AS category,
    CASE
      WHEN o.channel = 'store' THEN (SELECT coalesce(json_extract_string(value, '$.region'), 'Shop') FROM settings WHERE key = 'shop')
      WHEN a.postcode IS NOT NULL AND coalesce(upper(a.country), 'GB') IN ('GB', 'UK')
        THEN coalesce(nullif(upper(regexp_extract(trim(a.postcode), '^([A-Za-z]{1,2})', 1)), ''), 'GB')
      WHEN a.country IS NOT NULL THEN upper(a.country)
      ELSE 'Unknown'
    END AS region,
    l.location, o.staff_id, l.quantity,
    l.total_minor AS sales_minor, l.vat_minor,
    l.line_discount_minor + l.basket_discount_minor AS discount_minor,
    CASE WHEN l.weight_grams IS NOT NULL THEN round(coalesce(p.cost_minor, 0) * l.weight_grams / 1000.0)::BIGINT
         ELSE coalesce(p.cost_minor, 0) * l.quantity END AS cost_minor,
    (row_number() OVER (PARTITION BY l.order_id ORDER BY l.line_no) = 1)::INTEGER AS order_count
  FROM ${t.lines} l
  JOIN ${t.orders} o ON o.id = l.order_id
  LEFT JOIN products p ON p.sku = l.sku
  LEFT JOIN (SELECT * FROM ${t.addresses} WHERE kind = 'shipping') a ON a.order_id = o.id
  WHERE l.kind = 'goods' AND o.status <> 'cancelled'
  ORDER BY day, o.placed_at, l.order_id, l.line_no`

const ORDER_TABLES = { lines: 'order_lines', orders: 'orders', addresses: 'addresses' }
const COPIES = { lines: 'refresh_lines', orders: 'refresh_orders', addresses: 'refresh_addresses' }

/** The roll-up of `report_lines` per day, channel and category, for the days `scope` picks. */
const rollUpSql = (scope: string) => `
  INSERT INTO report_daily
  SELECT day, channel, category, sum(order_count), sum(quantity), sum(sales_minor), sum(vat_minor), sum(discount_minor), sum(cost_minor)
  FROM report_lines ${scope}
  GROUP BY ALL ORDER BY day, channel, category`

/** Derives every fact and the roll-up from scratch (inside the caller's transaction). */
export async function rebuildReportFacts(sql: Sql, timeZone: string, refreshedAt: Date): Promise<void> {
  await sql.run('DELETE FROM report_lines')
  await sql.run(`INSERT INTO report_lines ${deriveSql(ORDER_TABLES)}`, [timeZone])
  await rebuildRollUp(sql)
  await saveState(sql, refreshedAt)
}

/** Derives the daily roll-up from the facts (the history generator calls it after loading them). */
export async function rebuildRollUp(sql: Sql): Promise<void> {
  await sql.run('DELETE FROM report_daily')
  await sql.run(rollUpSql(''))
}

async function saveState(sql: Sql, refreshedAt: Date): Promise<void> {
  await sql.run(
    `INSERT OR REPLACE INTO report_state VALUES ('facts', (SELECT coalesce(max(rowid), -1) FROM orders), ?::TIMESTAMP)`,
    [refreshedAt.toISOString()],
  )
}

interface State {
  last_order_rowid: number
  refreshed_at: Date
}

/** Where a refresh connection remembers which lately changed orders it re-derived, at which updated_at. */
const SEEN = 'report_refresh_seen'

/**
 * Brings the facts up to date for new orders, the `dirty` ones, and any order changed since
 * a minute before the last refresh (a change committed by another process, or by a
 * transaction older than the refresh). Run it on one connection, inside a transaction: a
 * temporary table there remembers each lately changed order's `updated_at` as re-derived,
 * and an order still at that version is skipped — without it, a bulk import re-derived
 * every imported order on every refresh for a minute, which took the CPU from the pick
 * face. Returns how many orders were re-derived. A database whose facts were never built
 * gets a full rebuild.
 */
export async function refreshReportFacts(sql: Sql, timeZone: string, dirty: Iterable<string>, now: Date): Promise<number> {
  await sql.run(`CREATE TEMP TABLE IF NOT EXISTS ${SEEN} (id VARCHAR, v TIMESTAMP)`)
  const state = await sql.one<State>("SELECT last_order_rowid, refreshed_at FROM report_state WHERE id = 'facts'")
  if (!state) {
    await rebuildReportFacts(sql, timeZone, now)
    return -1
  }
  const since = new Date(state.refreshed_at.getTime() - 60_000).toISOString()
  // Two queries, not one with OR: each is pruned (rowid range, zone maps on updated_at); together they were a full scan.
  // Each answers one JSON text: after a bulk import, 100,000 rows made into JS objects one by one held the event loop 0.2 s.
  const added = await jsonIds(sql, 'SELECT to_json(list(id))::VARCHAR AS j FROM orders WHERE rowid > ?', [state.last_order_rowid])
  const changed = await jsonIds(sql,
    `SELECT to_json(list(o.id))::VARCHAR AS j FROM orders o LEFT JOIN ${SEEN} s ON s.id = o.id
     WHERE o.updated_at >= ?::TIMESTAMP AND s.v IS DISTINCT FROM o.updated_at`, [since])
  const ids = new Set([...dirty, ...added, ...changed])
  if (changed.length) await sql.run(`CREATE OR REPLACE TEMP TABLE ${SEEN} AS SELECT id, updated_at AS v FROM orders WHERE updated_at >= ?::TIMESTAMP`, [since])
  if (ids.size === 0) {
    await saveState(sql, now)
    return 0
  }
  // A bulk load (a restored backup, a big import, generated history) is rebuilt set-based:
  // slice by slice, each slice's semi-joins scan the order tables again.
  if (ids.size > REBUILD_AT) await rebuildReportFacts(sql, timeZone, now)
  else {
    const all = [...ids]
    for (let i = 0; i < all.length; i += SLICE) await rederive(sql, timeZone, all.slice(i, i + SLICE))
    await saveState(sql, now)
  }
  return ids.size
}

async function jsonIds(sql: Sql, query: string, params: Parameters<Sql['one']>[1]): Promise<string[]> {
  return JSON.parse((await sql.one<{ j: string | null }>(query, params))?.j ?? '[]') as string[]
}

/** Re-derives the facts of `ids` and the roll-up of every day they were on before and are on now. */
async function rederive(sql: Sql, timeZone: string, ids: readonly string[]): Promise<void> {
  const inList = `IN (SELECT unnest([${ids.map(literal).join(", ")}]))`
  const days = async () => (await sql.all<{ day: string }>(`SELECT DISTINCT day::VARCHAR AS day FROM report_lines WHERE order_id ${inList}`)).map((d) => d.day)
  const before = await days()
  await sql.run(`DELETE FROM report_lines WHERE order_id ${inList}`)
  await sql.run(`CREATE OR REPLACE TEMP TABLE ${COPIES.lines} AS SELECT * FROM order_lines WHERE order_id ${inList}`)
  await sql.run(`CREATE OR REPLACE TEMP TABLE ${COPIES.orders} AS SELECT * FROM orders WHERE id ${inList}`)
  await sql.run(`CREATE OR REPLACE TEMP TABLE ${COPIES.addresses} AS SELECT * FROM addresses WHERE order_id ${inList}`)
  await sql.run(`INSERT INTO report_lines ${deriveSql(COPIES)}`, [timeZone])
  for (const table of Object.values(COPIES)) await sql.run(`DROP TABLE ${table}`)
  const touched = [...new Set([...before, ...(await days())])]
  if (touched.length === 0) return
  const dayList = `IN (${touched.map((d) => `DATE ${literal(d)}`).join(', ')})`
  await sql.run(`DELETE FROM report_daily WHERE day ${dayList}`)
  await sql.run(rollUpSql(`WHERE day ${dayList}`))
}

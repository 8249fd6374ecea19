/**
 * The order book as hive-partitioned Parquet for head office: `<dir>/orders/store=<id>/date=<day>/`
 * and `<dir>/lines/store=<id>/date=<day>/` (one file per partition; `date` is the business
 * day in the store's zone). Any engine reads the folders of every shop as one table
 * (DuckDB: `read_parquet('…/lines/*\/*\/*.parquet', hive_partitioning = true)`; see README).
 *
 * Nightly by default (02:00 store time): each run rewrites the days from a week before the
 * last day it exported (returns and cancellations change recent days) up to yesterday; the
 * first run exports all history. Runs on a connection of its own, in one read transaction,
 * so the files agree with each other while the shop keeps trading.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../app/ports.js'
import { addDays, localDate, localDateTime } from '../core/orders/zoned-time.js'
import type { Database } from '../db/database.js'

export interface ExportSummary {
  store: string
  from: string
  to: string
  days: number
  lines: number
  orders: number
}

const MANIFEST = 'manifest.json'
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`
/** `Corner Shop (demo)` → `corner-shop-demo`. */
export const storeSlug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'store'

/** Writes the partitions of days `from`…`to` (inclusive), replacing what was there. */
export async function exportOrderBook(db: Database, options: { dir: string; from: string; to: string; store?: string }): Promise<ExportSummary> {
  const sql = await db.dedicatedConnection()
  try {
    await sql.run('BEGIN TRANSACTION')
    const shop = await sql.one<{ id: string | null; name: string | null }>(
      "SELECT json_extract_string(value, '$.storeId') AS id, json_extract_string(value, '$.name') AS name FROM settings WHERE key = 'shop'",
    )
    const store = options.store ?? shop?.id ?? storeSlug(shop?.name ?? 'store')
    const range = [options.from, options.to]
    const days = (await sql.all<{ day: string }>('SELECT DISTINCT day::VARCHAR AS day FROM report_lines WHERE day BETWEEN ?::DATE AND ?::DATE', range)).map((d) => d.day)
    for (const dataset of ['orders', 'lines']) {
      // A day re-exported replaces its partition whole (a file left from a bigger run would double count).
      for (const day of days) rmSync(join(options.dir, dataset, `store=${store}`, `date=${day}`), { recursive: true, force: true })
    }
    const copy = (query: string, dataset: string) =>
      sql.run(`COPY (${query}) TO ${quote(join(options.dir, dataset))} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (store, date), OVERWRITE_OR_IGNORE true)`, [store, ...range])
    await copy(`SELECT ?::VARCHAR AS store, day AS date, order_id, line_no, order_number, placed_at, channel, sku, name, category, region, location,
        staff_id, quantity, sales_minor, vat_minor, discount_minor, cost_minor, order_count
      FROM report_lines WHERE day BETWEEN ?::DATE AND ?::DATE ORDER BY day, placed_at, order_id, line_no`, 'lines')
    await copy(`SELECT ?::VARCHAR AS store, f.day AS date, o.id AS order_id, o.number, o.channel, o.channel_order_id, o.status, o.placed_at,
        o.gross_minor, o.discount_minor, o.total_minor, o.vat_minor, o.shipping_minor, o.refunded_minor, o.despatch_by, o.shipped_at, o.cancelled_at
      FROM orders o JOIN (SELECT order_id, min(day) AS day FROM report_lines WHERE day BETWEEN ?::DATE AND ?::DATE GROUP BY 1) f ON f.order_id = o.id
      ORDER BY f.day, o.placed_at, o.id`, 'orders')
    const counts = (await sql.one<{ lines: number; orders: number }>(
      'SELECT count(*) AS lines, sum(order_count)::BIGINT AS orders FROM report_lines WHERE day BETWEEN ?::DATE AND ?::DATE', range,
    ))!
    await sql.run('COMMIT')
    return { store, from: options.from, to: options.to, days: days.length, lines: counts.lines, orders: counts.orders ?? 0 }
  } catch (error) {
    await sql.run('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    sql.connection.closeSync()
  }
}

export interface ParquetExportOptions {
  db: Database
  clock: Clock
  dir: string
  timeZone: () => Promise<string>
  /** Brings the report facts up to date first. */
  flush: () => Promise<void>
  /** Store-local hour of the nightly run. */
  hour?: number
  /** Days before the last exported one that are written again. */
  overlapDays?: number
}

/** The nightly export: schedules itself for the next `hour` in the store's zone. */
export class ParquetExportJob {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<ExportSummary | undefined> | undefined
  private scheduling: Promise<void> | undefined
  private stopped = false

  constructor(private readonly options: ParquetExportOptions) {}

  start(): void {
    this.stopped = false
    this.scheduling = this.schedule()
  }

  async stop(): Promise<void> {
    this.stopped = true
    // The first schedule reads the store's zone: let it finish before the database closes.
    await this.scheduling
    clearTimeout(this.timer)
    this.timer = undefined
    await this.running?.catch(() => undefined)
  }

  /** Exports what is due now (all history the first time), up to yesterday. */
  runNow(): Promise<ExportSummary | undefined> {
    this.running ??= this.run().finally(() => (this.running = undefined))
    return this.running
  }

  private async run(): Promise<ExportSummary | undefined> {
    const { db, clock, dir, overlapDays = 7 } = this.options
    await this.options.flush()
    const zone = await this.options.timeZone()
    const yesterday = addDays(localDate(clock.now(), zone), -1)
    const manifestPath = join(dir, MANIFEST)
    const last = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { lastDay?: string }).lastDay : undefined
    const first = last
      ? addDays(last, -overlapDays)
      : (await db.reader.one<{ d: string | null }>('SELECT min(day)::VARCHAR AS d FROM report_lines'))?.d
    if (!first || first > yesterday) return undefined
    mkdirSync(dir, { recursive: true })
    const summary = await exportOrderBook(db, { dir, from: first, to: yesterday })
    writeFileSync(manifestPath, JSON.stringify({ lastDay: yesterday, exportedAt: clock.now().toISOString(), ...summary }, null, 2))
    return summary
  }

  private async schedule(): Promise<void> {
    const zone = await this.options.timeZone().catch((error: unknown) => {
      console.error('[export] could not read the store\'s time zone; the nightly export is not scheduled', error)
      return undefined
    })
    if (zone === undefined || this.stopped) return
    const hour = this.options.hour ?? 2
    const now = this.options.clock.now()
    const local = localDateTime(now, zone)
    let wait = (hour * 60 - local.minutes) * 60_000
    if (wait <= 0) wait += 24 * 60 * 60_000
    this.timer = setTimeout(() => {
      this.runNow()
        .catch((error: unknown) => console.error('[export] the nightly Parquet export failed', error))
        .finally(() => (this.scheduling = this.schedule()))
    }, wait)
    this.timer.unref()
  }
}

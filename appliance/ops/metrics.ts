/**
 * What /metrics reports, read from the database on each scrape (Prometheus scrapes every
 * 15–60 s; each query is a small aggregate on a reader connection, never the writer).
 * Only counts, sums, ages and process figures: no names, customers, staff or SKUs, so the
 * endpoint exposes no personal data.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupService } from '../app/backup.js'
import type { Clock } from '../app/ports.js'
import type { Database } from '../db/database.js'
import { renderMetrics, type Metric } from './prometheus.js'

export interface MetricsSource {
  /** The bearer token a scraper must send. */
  readonly token: string
  render(): Promise<string>
}

export interface ApplianceMetricsOptions {
  db: Database
  clock: Clock
  version: string
  backups: BackupService
  token: string
  startedAt?: number
}

const PRINT_STATUSES = ['queued', 'sending', 'printed', 'failed', 'interrupted', 'cancelled']
const OUTBOX_STATUSES = ['pending', 'sending', 'retry', 'done', 'failed', 'dead']

export class ApplianceMetrics implements MetricsSource {
  readonly token: string
  private readonly startedAt: number

  constructor(private readonly options: ApplianceMetricsOptions) {
    this.token = options.token
    this.startedAt = options.startedAt ?? performance.now()
  }

  async render(): Promise<string> {
    const sql = this.options.db.reader
    const now = this.options.clock.now().getTime() / 1000
    const [orders, prints, outbox, oldest, imports, backups] = await Promise.all([
      sql.all<{ channel: string; n: number; total: number }>('SELECT channel, count(*) AS n, coalesce(sum(total_minor), 0)::BIGINT AS total FROM orders GROUP BY channel ORDER BY channel'),
      sql.all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM print_jobs GROUP BY status'),
      sql.all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM sync_outbox GROUP BY status'),
      sql.all<{ account: string; t: number }>(
        "SELECT coalesce(account, channel) AS account, epoch(min(created_at)) AS t FROM sync_outbox WHERE status IN ('pending', 'sending', 'retry') GROUP BY 1 ORDER BY 1"),
      sql.all<{ account: string; ok: number | null; err: number | null }>(
        "SELECT a.id AS account, epoch(s.last_ok_at) AS ok, epoch(s.last_error_at) AS err FROM channel_accounts a LEFT JOIN sync_status s ON s.account = a.id AND s.kind = 'import' WHERE a.active ORDER BY a.id"),
      this.options.backups.list(),
    ])
    const byStatus = (rows: Array<{ status: string; n: number }>, known: string[]) => {
      const counts = new Map(known.map((s) => [s, 0]))
      for (const r of rows) counts.set(r.status, r.n)
      return [...counts].map(([status, n]) => ({ labels: { status }, value: n }))
    }
    const memory = process.memoryUsage()
    const lastBackup = backups[0] ? Date.parse(backups[0].createdAt) / 1000 : 0
    const metrics: Metric[] = [
      { name: 'store_appliance_info', help: 'The running version (always 1).', type: 'gauge', samples: [{ labels: { version: this.options.version }, value: 1 }] },
      { name: 'store_orders_total', help: 'Orders recorded, by channel (store = till sales).', type: 'counter', samples: orders.map((r) => ({ labels: { channel: r.channel }, value: r.n })) },
      { name: 'store_order_value_minor_total', help: 'Sum of order totals in minor units (pence), by channel.', type: 'counter', samples: orders.map((r) => ({ labels: { channel: r.channel }, value: r.total })) },
      { name: 'store_print_jobs', help: 'Print jobs by status (failed and interrupted ones wait for a person).', type: 'gauge', samples: byStatus(prints, PRINT_STATUSES) },
      { name: 'store_sync_outbox_jobs', help: 'Outgoing channel changes by status (dead ones wait for a person).', type: 'gauge', samples: byStatus(outbox, OUTBOX_STATUSES) },
      { name: 'store_sync_outbox_oldest_pending_seconds', help: 'Age of the oldest change not yet sent, per channel account.', type: 'gauge', samples: oldest.map((r) => ({ labels: { account: r.account }, value: round(now - r.t) })) },
      { name: 'store_sync_import_lag_seconds', help: 'Seconds since the last successful order import, per active channel account (+Inf: never).', type: 'gauge', samples: imports.map((r) => ({ labels: { account: r.account }, value: r.ok === null ? Infinity : round(now - r.ok) })) },
      { name: 'store_sync_import_failing', help: '1 when the latest order import of an account failed.', type: 'gauge', samples: imports.map((r) => ({ labels: { account: r.account }, value: r.err !== null && (r.ok === null || r.err > r.ok) ? 1 : 0 })) },
      { name: 'store_backup_last_timestamp_seconds', help: 'When the newest backup was made (0: none).', type: 'gauge', samples: [{ value: lastBackup }] },
      { name: 'store_backups', help: 'Backups kept on this appliance.', type: 'gauge', samples: [{ value: backups.length }] },
      { name: 'process_resident_memory_bytes', help: 'Resident memory of the appliance process.', type: 'gauge', samples: [{ value: memory.rss }] },
      { name: 'nodejs_heap_used_bytes', help: 'V8 heap in use.', type: 'gauge', samples: [{ value: memory.heapUsed }] },
      { name: 'process_uptime_seconds', help: 'Seconds since the appliance started.', type: 'gauge', samples: [{ value: round((performance.now() - this.startedAt) / 1000) }] },
    ]
    return renderMetrics(metrics)
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000

/** The scrape token: APPLIANCE_METRICS_TOKEN, else `<dataDir>/secrets/metrics-token` (made once, mode 0600). */
export function loadMetricsToken(dataDir: string, envToken: string | undefined): string {
  if (envToken) return envToken
  const dir = join(dataDir, 'secrets')
  const path = join(dir, 'metrics-token')
  if (existsSync(path)) return readFileSync(path, 'utf8').trim()
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const token = randomBytes(24).toString('base64url')
  writeFileSync(path, `${token}\n`, { mode: 0o600 })
  chmodSync(path, 0o600)
  return token
}

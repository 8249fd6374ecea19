/** Read side of channel sync, on reader connections (SyncQueries). */
import type { AccountStatus, ChannelAccount, RejectRecord, RunRecord, StockStateRecord, SyncQueries, SyncStream } from '../app/sync/ports.js'
import type { Database } from './database.js'
import { ACCOUNT_COLUMNS, accountOf, JOB_COLUMNS, jobOf, marks, type AccountRow, type JobRow } from './sync-rows.js'

const OWNED = '(account = ? OR (account IS NULL AND channel = ? AND ?::BOOLEAN))'

export class DuckDbSyncQueries implements SyncQueries {
  constructor(private readonly db: Database) {}

  async accounts(): Promise<ChannelAccount[]> {
    const rows = await this.db.reader.all<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts ORDER BY created_at, id`)
    return rows.map((r) => accountOf(r).account)
  }

  async account(id: string) {
    const row = await this.db.reader.one<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = ?`, [id])
    return row ? accountOf(row) : undefined
  }

  async status(account: ChannelAccount, now: Date): Promise<AccountStatus> {
    const sql = this.db.reader
    const primary = await this.isPrimary(account)
    const [states, backlog, dead, rejects, imported, webhooks] = await Promise.all([
      sql.all<{ kind: string; last_ok_at: Date | null; last_error_at: Date | null; last_error: string | null; details: string | null }>(
        'SELECT kind, last_ok_at, last_error_at, last_error, details::VARCHAR AS details FROM sync_status WHERE account = ?', [account.id]),
      sql.one<{ n: number; oldest: Date | null }>(`SELECT count(*) AS n, min(created_at) AS oldest FROM sync_outbox WHERE status IN ('pending', 'sending', 'retry') AND ${OWNED}`, [account.id, account.kind, primary]),
      sql.one<{ n: number }>(`SELECT count(*) AS n FROM sync_outbox WHERE status = 'dead' AND ${OWNED}`, [account.id, account.kind, primary]),
      sql.one<{ n: number }>('SELECT count(*) AS n FROM sync_inbound_rejects WHERE account = ? AND resolved_at IS NULL', [account.id]),
      sql.one<{ n: number }>('SELECT count(*) AS n FROM orders WHERE channel = ?', [account.kind]),
      sql.one<{ n: number }>('SELECT count(*) AS n FROM webhook_events WHERE account = ? AND processed_at IS NULL', [account.id]),
    ])
    const of = (kind: string) => states.find((s) => s.kind === kind)
    const errorOf = (kind: string) => {
      const s = of(kind)
      return s?.last_error_at && s.last_error ? { at: s.last_error_at, message: s.last_error } : null
    }
    const reconcile = of('reconcile')
    return {
      account: account.id,
      lastImportAt: of('import')?.last_ok_at ?? null,
      lastImportError: errorOf('import'),
      lastPushAt: of('push')?.last_ok_at ?? null,
      lastPushError: errorOf('push'),
      lastReconcileAt: reconcile?.last_ok_at ?? null,
      lastReconcile: reconcile?.details ? (JSON.parse(reconcile.details) as unknown) : null,
      backlog: backlog?.n ?? 0,
      oldestPendingMs: backlog?.oldest ? Math.max(0, now.getTime() - backlog.oldest.getTime()) : 0,
      dead: dead?.n ?? 0,
      rejects: rejects?.n ?? 0,
      ordersImported: imported?.n ?? 0,
      webhooksPending: webhooks?.n ?? 0,
    }
  }

  /** The account that takes outbox rows written without one: its channel's first active account. */
  async isPrimary(account: ChannelAccount): Promise<boolean> {
    const first = await this.db.reader.one<{ id: string }>('SELECT id FROM channel_accounts WHERE kind = ? AND active ORDER BY created_at, id LIMIT 1', [account.kind])
    return first?.id === account.id
  }

  async jobs(filter: { account?: string; status?: string; limit: number }) {
    const where: string[] = []
    const params: Array<string | number> = []
    if (filter.account) {
      const found = await this.account(filter.account)
      const primary = found ? await this.isPrimary(found.account) : false
      where.push(`(account = ? OR (account IS NULL AND channel = ? AND ?::BOOLEAN))`)
      params.push(filter.account, found?.account.kind ?? '', String(primary))
    }
    if (filter.status) {
      where.push('status = ?')
      params.push(filter.status)
    }
    const rows = await this.db.reader.all<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM sync_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT ?`, [...params, filter.limit])
    return rows.map(jobOf)
  }

  async nextDue(account: ChannelAccount, primary: boolean): Promise<Date | null> {
    const row = await this.db.reader.one<{ at: Date | null }>(
      `SELECT min(next_attempt_at) AS at FROM sync_outbox WHERE status IN ('pending', 'retry') AND ${OWNED}`, [account.id, account.kind, primary])
    return row?.at ?? null
  }

  async rejects(account: string): Promise<RejectRecord[]> {
    const rows = await this.db.reader.all<{ account: string; channel_order_id: string; reason: string; code: string | null; first_seen_at: Date; last_seen_at: Date }>(
      'SELECT * FROM sync_inbound_rejects WHERE account = ? AND resolved_at IS NULL ORDER BY last_seen_at DESC LIMIT 200', [account])
    return rows.map((r) => ({ account: r.account, channelOrderId: r.channel_order_id, reason: r.reason, code: r.code, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at }))
  }

  async runs(account: string, limit: number): Promise<RunRecord[]> {
    const rows = await this.db.reader.all<{ account: string; kind: string; started_at: Date; finished_at: Date; ok: boolean; items: number; error: string | null; details: string | null }>(
      'SELECT account, kind, started_at, finished_at, ok, items, error, details::VARCHAR AS details FROM sync_runs WHERE account = ? ORDER BY finished_at DESC LIMIT ?', [account, limit])
    return rows.map((r) => ({
      account: r.account, kind: r.kind as RunRecord['kind'], startedAt: r.started_at, finishedAt: r.finished_at, ok: r.ok, items: r.items, error: r.error,
      details: r.details ? (JSON.parse(r.details) as unknown) : undefined,
    }))
  }

  async levels(skus: readonly string[], locations: readonly string[]) {
    const out = new Map<string, { onHand: number; allocated: number }>()
    if (skus.length === 0 || locations.length === 0) return out
    const rows = await this.db.reader.all<{ sku: string; on_hand: number; allocated: number }>(
      `SELECT sku, sum(on_hand)::BIGINT AS on_hand, sum(allocated)::BIGINT AS allocated FROM stock_levels
       WHERE id IN (SELECT unnest(from_json(?::JSON, '["VARCHAR"]'))) GROUP BY sku`,
      [JSON.stringify(skus.flatMap((sku) => locations.map((l) => `${sku}@${l}`)))],
    )
    for (const r of rows) out.set(r.sku, { onHand: r.on_hand, allocated: r.allocated })
    return out
  }

  async stockedSkus(locations: readonly string[]): Promise<string[]> {
    if (locations.length === 0) return []
    const rows = await this.db.reader.all<{ sku: string }>(`SELECT DISTINCT sku FROM stock_levels WHERE location IN (${marks(locations.length)}) ORDER BY sku`, [...locations])
    return rows.map((r) => r.sku)
  }

  async onlineLocations(): Promise<string[]> {
    return (await this.db.reader.all<{ id: string }>('SELECT id FROM locations WHERE fulfils_online ORDER BY walk_order, id')).map((r) => r.id)
  }

  async stockState(account: string, skus?: readonly string[]) {
    const rows = await this.db.reader.all<{ sku: string; available: number | null; listed: boolean; pushed_at: Date }>(
      skus ? `SELECT sku, available, listed, pushed_at FROM sync_stock_state WHERE id IN (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))`
        : 'SELECT sku, available, listed, pushed_at FROM sync_stock_state WHERE account = ?',
      [skus ? JSON.stringify(skus.map((s) => `${account}:${s}`)) : account],
    )
    return new Map<string, StockStateRecord & { pushedAt: Date }>(rows.map((r) => [r.sku, { sku: r.sku, available: r.available, listed: r.listed, pushedAt: r.pushed_at }]))
  }

  async cursor(account: string, stream: SyncStream): Promise<string | null> {
    return (await this.db.reader.one<{ cursor: string | null }>('SELECT cursor FROM sync_cursors WHERE id = ?', [`${account}:${stream}`]))?.cursor ?? null
  }

  async outstandingStockSkus(account: string): Promise<Set<string>> {
    const rows = await this.db.reader.all<{ sku: string }>(`SELECT DISTINCT sku FROM sync_outbox WHERE kind = 'stock' AND account = ? AND status IN ('pending', 'sending', 'retry') AND sku IS NOT NULL`, [account])
    return new Set(rows.map((r) => r.sku))
  }

  async unprocessedWebhooks(account: string) {
    const rows = await this.db.reader.all<{ order_id: string }>('SELECT DISTINCT order_id FROM webhook_events WHERE account = ? AND processed_at IS NULL AND order_id IS NOT NULL', [account])
    return rows.map((r) => ({ orderId: r.order_id }))
  }
}

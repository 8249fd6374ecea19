/**
 * The sync tables inside a serial-writer transaction (SyncStore).
 *
 * How a stock change becomes a push, transactionally, without touching each use case:
 * - Every change of on-hand is a row in `stock_movements`, whose ids the one serial writer
 *   hands out in commit order. Each account keeps a watermark (sync_cursors) and its push
 *   lane turns the SKUs of movements past it into stock jobs. The ledger is the outbox:
 *   nothing extra is written on a sale's hot path, and no movement can be missed.
 * - Allocation changes (an order reserved or released stock) move no ledger row. Every
 *   change to available-to-sell publishes `stock.changed` for the screens, so the unit of
 *   work (tx-stores.ts) collects those SKUs and appends them to `sync_stock_dirty` in the
 *   same transaction, just before COMMIT: one place, all callers, rolled back with them.
 * Rejected alternatives: writing outbox rows inside StockStore.move would miss allocation
 * changes and write one row per movement per account on the till's path; subscribing to
 * `stock.changed` after commit is not transactional (a crash between commit and the
 * subscriber loses the push). The jobs carry only the SKU: the figure is computed at send
 * time, so one outstanding job per (account, SKU) is enough however many changes arrive.
 */
import { randomUUID } from 'node:crypto'
import type { ChannelAccount, JobFinish, OutboxJob, OutboxKind, RunRecord, StockStateRecord, SyncStore, SyncStream } from '../app/sync/ports.js'
import { appendRows } from './appender.js'
import type { Tx } from './serial-writer.js'
import { ACCOUNT_COLUMNS, accountOf, JOB_COLUMNS, jobOf, marks, type AccountRow, type JobRow } from './sync-rows.js'

const cursorId = (account: string, stream: SyncStream) => `${account}:${stream}`

/** The newest stock mark per connection, known after a commit (as the serial writer keeps ids): no max() per transaction. */
const lastMark = new WeakMap<object, number>()
const OWNED = '(account = ? OR (account IS NULL AND channel = ? AND ?::BOOLEAN))'

export function syncStore(tx: Tx): SyncStore {
  const sql = tx.sql
  /** The newest mark written in this transaction (a transaction may mark twice). */
  let markTop: number | undefined

  async function cursor(account: string, stream: SyncStream): Promise<string | null> {
    return (await sql.one<{ cursor: string | null }>('SELECT cursor FROM sync_cursors WHERE id = ?', [cursorId(account, stream)]))?.cursor ?? null
  }

  async function saveCursor(account: string, stream: SyncStream, value: string, now: Date): Promise<void> {
    const id = cursorId(account, stream)
    const updated = await sql.one('UPDATE sync_cursors SET cursor = ?, updated_at = ?::TIMESTAMP WHERE id = ? RETURNING id', [value, now, id])
    if (!updated) await appendRows(sql, 'sync_cursors', [{ id, account, stream, cursor: value, updated_at: now }])
  }

  async function enqueueStock(account: ChannelAccount, skus: readonly string[], now: Date): Promise<number> {
    if (skus.length === 0) return 0
    const waiting = new Set((await sql.all<{ sku: string }>(
      `SELECT sku FROM sync_outbox WHERE kind = 'stock' AND account = ? AND status IN ('pending', 'retry')`, [account.id])).map((r) => r.sku))
    const rows = [...new Set(skus)].filter((sku) => !waiting.has(sku)).map((sku) => {
      const id = randomUUID()
      return {
        id, channel: account.kind, account: account.id, kind: 'stock', payload: JSON.stringify({ sku, channelSku: account.skuMap[sku] ?? sku }),
        idempotency_key: `stock:${id}`, status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, created_at: now,
        reference: sku, sku, updated_at: now,
      }
    })
    await appendRows(sql, 'sync_outbox', rows)
    return rows.length
  }

  /** Reads a log past the watermark, returns its SKUs (null the first time: it starts at the present) and saves the new mark. */
  async function pastWatermark(account: string, stream: 'stock-movements' | 'stock-dirty', now: Date): Promise<string[] | null> {
    const [table, key] = stream === 'stock-movements' ? ['stock_movements', 'id'] : ['sync_stock_dirty', 'seq']
    const top = (await sql.one<{ top: number | null }>(`SELECT max(${key}) AS top FROM ${table}`))?.top ?? 0
    const mark = await cursor(account, stream)
    if (mark === null) {
      await saveCursor(account, stream, String(top), now)
      return null
    }
    const from = Number(mark)
    if (top <= from) return []
    const rows = await sql.all<{ sku: string }>(`SELECT DISTINCT sku FROM ${table} WHERE ${key} > ? AND ${key} <= ?`, [from, top])
    await saveCursor(account, stream, String(top), now)
    return rows.map((r) => r.sku)
  }

  return {
    async account(id) {
      const row = await sql.one<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = ?`, [id])
      return row ? accountOf(row) : undefined
    },
    async saveAccount(a, credentialsEnc) {
      await sql.run(
        `INSERT INTO channel_accounts (id, kind, name, base_url, credentials_enc, credential_fields, settings, location_map, sku_map, rules, import_interval_s, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?::JSON, ?::JSON, ?::JSON, ?::JSON, ?::JSON, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, base_url = EXCLUDED.base_url, credentials_enc = EXCLUDED.credentials_enc,
           credential_fields = EXCLUDED.credential_fields, settings = EXCLUDED.settings, location_map = EXCLUDED.location_map, sku_map = EXCLUDED.sku_map,
           rules = EXCLUDED.rules, import_interval_s = EXCLUDED.import_interval_s, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at`,
        [a.id, a.kind, a.name, a.baseUrl, credentialsEnc, JSON.stringify(a.credentialFields), JSON.stringify(a.settings), JSON.stringify(a.locationMap),
          JSON.stringify(a.skuMap), JSON.stringify(a.rules), a.importIntervalSeconds, a.active, a.createdAt, a.updatedAt],
      )
    },

    cursor,
    saveCursor,

    async stockChanged(skus, now) {
      const unique = [...new Set(skus)]
      if (unique.length === 0) return
      const top = markTop ?? lastMark.get(sql) ?? (await sql.one<{ top: number | null }>('SELECT max(seq) AS top FROM sync_stock_dirty'))?.top ?? 0
      await appendRows(sql, 'sync_stock_dirty', unique.map((sku, i) => ({ seq: top + 1 + i, sku, changed_at: now })))
      const newest = (markTop = top + unique.length)
      tx.afterCommit(() => lastMark.set(sql, newest))
    },

    async collectStock(account, locations, now) {
      const moved = await pastWatermark(account.id, 'stock-movements', now)
      const marked = await pastWatermark(account.id, 'stock-dirty', now)
      let skus: string[]
      if (moved === null) {
        // The account's first collection: everything in scope goes once (the first full push).
        skus = account.rules.scope === 'mapped' || locations.length === 0 ? Object.keys(account.skuMap)
          : (await sql.all<{ sku: string }>(`SELECT DISTINCT sku FROM stock_levels WHERE location IN (${marks(locations.length)})`, [...locations])).map((r) => r.sku)
      } else skus = [...new Set([...moved, ...(marked ?? [])])]
      const wanted = account.rules.scope === 'mapped' ? skus.filter((sku) => sku in account.skuMap) : skus
      return enqueueStock(account, wanted, now)
    },
    enqueueStock,
    async resetStockWatermarks(account) {
      await sql.run("DELETE FROM sync_cursors WHERE account = ? AND stream IN ('stock-movements', 'stock-dirty')", [account])
    },

    async claim(account, primary, now, limits) {
      const jobs: OutboxJob[] = []
      for (const [kind, limit] of Object.entries(limits) as Array<[OutboxKind, number]>) {
        if (!(limit > 0)) continue
        const rows = await sql.all<JobRow>(
          `SELECT ${JOB_COLUMNS} FROM sync_outbox WHERE status IN ('pending', 'retry') AND kind = ? AND next_attempt_at <= ?::TIMESTAMP AND ${OWNED}
           ORDER BY created_at, id LIMIT ?`,
          [kind, now, account.id, account.kind, primary, limit],
        )
        jobs.push(...rows.map(jobOf))
      }
      if (jobs.length === 0) return []
      await sql.run(`UPDATE sync_outbox SET status = 'sending', attempts = attempts + 1, account = ?, updated_at = ?::TIMESTAMP WHERE id IN (${marks(jobs.length)})`, [
        account.id, now, ...jobs.map((j) => j.id),
      ])
      return jobs.map((j) => ({ ...j, status: 'sending' as const, attempts: j.attempts + 1, account: account.id }))
    },

    async finish(updates: readonly JobFinish[], now) {
      if (updates.length === 0) return
      const batch = JSON.stringify(updates.map((u) => ({
        id: u.id, status: u.status, next: u.nextAttemptAt?.toISOString() ?? null, err: u.lastError, result: u.result === undefined ? null : JSON.stringify(u.result),
      })))
      await sql.run(
        // Numbered parameters: DuckDB binds an UPDATE's FROM clause before its SET list.
        `UPDATE sync_outbox SET status = src.u.status, next_attempt_at = coalesce(src.u.next::TIMESTAMP, sync_outbox.next_attempt_at), last_error = src.u.err,
           result = coalesce(src.u.result::JSON, sync_outbox.result), updated_at = $1::TIMESTAMP,
           done_at = CASE WHEN src.u.status = 'done' THEN $1::TIMESTAMP ELSE sync_outbox.done_at END
         FROM (SELECT unnest(from_json($2::JSON, '[{"id":"VARCHAR","status":"VARCHAR","next":"VARCHAR","err":"VARCHAR","result":"VARCHAR"}]')) AS u) AS src
         WHERE sync_outbox.id = src.u.id`,
        [now, batch],
      )
    },

    async interruptSending(now) {
      const rows = await sql.all<{ id: string }>(
        `UPDATE sync_outbox SET status = 'retry', next_attempt_at = ?::TIMESTAMP, updated_at = ?::TIMESTAMP, last_error = coalesce(last_error, 'interrupted by a restart')
         WHERE status = 'sending' RETURNING id`, [now, now])
      return rows.map((r) => r.id)
    },

    async job(id) {
      const row = await sql.one<JobRow>(`SELECT ${JOB_COLUMNS} FROM sync_outbox WHERE id = ?`, [id])
      return row ? jobOf(row) : undefined
    },

    async setStatus(id, status, now, options = {}) {
      await sql.run(
        `UPDATE sync_outbox SET status = ?, updated_at = ?::TIMESTAMP, next_attempt_at = ?::TIMESTAMP${options.resetAttempts ? ', attempts = 0' : ''} WHERE id = ?`,
        [status, now, now, id],
      )
    },

    async recordStockState(account, states: readonly StockStateRecord[], now) {
      if (states.length === 0) return
      const batch = JSON.stringify(states.map((s) => ({ id: `${account}:${s.sku}`, sku: s.sku, available: s.available, listed: s.listed })))
      await sql.run(
        `INSERT INTO sync_stock_state (id, account, sku, available, listed, pushed_at)
         SELECT u.id, ?, u.sku, u.available, u.listed, ?::TIMESTAMP
         FROM (SELECT unnest(from_json(?::JSON, '[{"id":"VARCHAR","sku":"VARCHAR","available":"BIGINT","listed":"BOOLEAN"}]')) AS u)
         ON CONFLICT (id) DO UPDATE SET available = EXCLUDED.available, listed = EXCLUDED.listed, pushed_at = EXCLUDED.pushed_at`,
        [account, now, batch],
      )
    },

    async recordWebhook(account, event, now) {
      const id = `${account}:${event.eventId}`
      if (await sql.one('SELECT 1 AS x FROM webhook_events WHERE id = ?', [id])) return false
      await appendRows(sql, 'webhook_events', [{ id, account, topic: event.topic, order_id: event.orderId, received_at: now, processed_at: event.orderId ? null : now }])
      return true
    },
    async markWebhooksProcessed(account, orderId, now) {
      await sql.run('UPDATE webhook_events SET processed_at = ?::TIMESTAMP WHERE account = ? AND order_id = ? AND processed_at IS NULL', [now, account, orderId])
    },

    async recordReject(account, channelOrderId, reason, code, now) {
      await sql.run(
        `INSERT INTO sync_inbound_rejects VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, NULL)
         ON CONFLICT (id) DO UPDATE SET reason = EXCLUDED.reason, code = EXCLUDED.code, last_seen_at = EXCLUDED.last_seen_at, resolved_at = NULL`,
        [`${account}:${channelOrderId}`, account, channelOrderId, reason, code, now, now],
      )
    },
    async resolveReject(account, channelOrderId, now) {
      await sql.run('UPDATE sync_inbound_rejects SET resolved_at = ?::TIMESTAMP WHERE id = ? AND resolved_at IS NULL', [now, `${account}:${channelOrderId}`])
    },

    async recordRun(run: RunRecord) {
      if (run.kind !== 'webhook') {
        const id = `${run.account}:${run.kind}`
        const params = run.ok
          ? ['UPDATE sync_status SET last_ok_at = ?::TIMESTAMP, details = coalesce(?::JSON, details) WHERE id = ? RETURNING id', [run.finishedAt, run.details === undefined ? null : JSON.stringify(run.details), id]] as const
          : ['UPDATE sync_status SET last_error_at = ?::TIMESTAMP, last_error = ? WHERE id = ? RETURNING id', [run.finishedAt, run.error, id]] as const
        if (!(await sql.one(params[0], [...params[1]]))) {
          await appendRows(sql, 'sync_status', [{
            id, account: run.account, kind: run.kind, last_ok_at: run.ok ? run.finishedAt : null, last_error_at: run.ok ? null : run.finishedAt,
            last_error: run.ok ? null : run.error, details: run.ok && run.details !== undefined ? JSON.stringify(run.details) : null,
          }])
        }
      }
      // Only runs that did something or failed are history; an idle poll every minute is not.
      if (run.ok && run.items === 0) return
      await appendRows(sql, 'sync_runs', [{
        id: randomUUID(), account: run.account, kind: run.kind, started_at: run.startedAt, finished_at: run.finishedAt, ok: run.ok, items: run.items,
        error: run.error, details: run.details === undefined ? null : JSON.stringify(run.details),
      }])
    },

    async housekeeping(now) {
      const day = 86_400_000
      const watermarks = await sql.all<{ cursor: string | null }>(`SELECT c.cursor FROM sync_cursors c JOIN channel_accounts a ON a.id = c.account WHERE c.stream = 'stock-dirty' AND a.active`)
      const floor = watermarks.length ? Math.min(...watermarks.map((m) => Number(m.cursor ?? 0))) : Number.MAX_SAFE_INTEGER
      // The newest mark stays: the next mark's seq continues from it, above every watermark.
      await sql.run('DELETE FROM sync_stock_dirty WHERE seq <= ? AND seq < (SELECT max(seq) FROM sync_stock_dirty)', [floor])
      await sql.run(`DELETE FROM sync_outbox WHERE kind = 'stock' AND status IN ('done', 'discarded') AND coalesce(done_at, updated_at, created_at) < ?::TIMESTAMP`, [new Date(now.getTime() - day)])
      await sql.run('DELETE FROM webhook_events WHERE received_at < ?::TIMESTAMP AND processed_at IS NOT NULL', [new Date(now.getTime() - 30 * day)])
      await sql.run('DELETE FROM sync_runs WHERE finished_at < ?::TIMESTAMP', [new Date(now.getTime() - 30 * day)])
    },
  }
}

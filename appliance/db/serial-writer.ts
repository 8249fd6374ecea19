/**
 * The one serial writer: every business action is one transaction, and transactions
 * run one after another on one connection. DuckDB's optimistic concurrency throws
 * `Conflict on update!` when two transactions touch the same stock row; a queue makes
 * that impossible instead of retrying it.
 *
 * Group commit: when several tills are waiting, their actions run one after another
 * inside ONE database transaction and commit together, so the fsync and the BEGIN are
 * paid once per group, not once per sale. DuckDB has no savepoints, so if any action in
 * a group fails, the group is rolled back and every action is run again on its own: the
 * failing one fails alone and the others commit as if nothing happened. Actions are
 * plain functions of the database (their effects outside it wait for `afterCommit`), so
 * running one twice is safe.
 */
import type { Sql } from './sql.js'

/** A write transaction: SQL plus work to do only once it has committed. */
export interface Tx {
  readonly sql: Sql
  /** Runs after COMMIT succeeds (publishing events); dropped on rollback. */
  afterCommit(callback: () => void): void
  /** Next id for a table whose ids we assign (no sequences: backups restore them by value). */
  nextId(table: 'stock_movements' | 'audit_log' | 'print_jobs'): Promise<number>
}

interface QueuedWork {
  work: (tx: Tx) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  queuedAt: number
}

/** How many waiting actions share one commit at most. */
const MAX_GROUP = 16

/**
 * How long background work waits behind people at most. Without a limit, four tills selling
 * flat out printed no receipt at all until they paused (found by the crash suite).
 */
export const BACKGROUND_MAX_WAIT_MS = 250

/** `now`: a person is waiting (a sale, a scan-driven write). `background`: the print worker, monitors. */
export type WritePriority = 'now' | 'background'

export class SerialWriter {
  private readonly queues: Record<WritePriority, QueuedWork[]> = { now: [], background: [] }
  private running = false
  private readonly lastIds = new Map<string, number>()

  constructor(private readonly sql: Sql) {}

  /** Transactions waiting or running: a health figure for /metrics and the status screen. */
  get depth(): number {
    return this.queues.now.length + this.queues.background.length + (this.running ? 1 : 0)
  }

  /**
   * Queues one transaction. Background work runs when no one is waiting, or once it has
   * waited BACKGROUND_MAX_WAIT_MS: a busy print queue never stands between a till and its
   * sale, and a busy shop still gets its receipts.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>, priority: WritePriority = 'now'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queues[priority].push({ work, resolve: resolve as (value: unknown) => void, reject, queuedAt: performance.now() })
      void this.pump()
    })
  }

  private async pump(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (let batch = this.takeBatch(); batch.length > 0; batch = this.takeBatch()) {
        if (batch.length === 1) await this.settle(batch[0]!)
        else await this.runGroup(batch)
      }
    } finally {
      this.running = false
    }
  }

  /** Everyone waiting (up to a limit), or one background action when no one is or it has waited long enough. */
  private takeBatch(): QueuedWork[] {
    const overdue = (this.queues.background[0]?.queuedAt ?? Infinity) <= performance.now() - BACKGROUND_MAX_WAIT_MS
    if (this.queues.now.length > 0 && !overdue) return this.queues.now.splice(0, MAX_GROUP)
    const background = this.queues.background.shift()
    return background ? [background] : []
  }

  private async settle(item: QueuedWork): Promise<void> {
    try {
      item.resolve(await this.runGroupOf([item.work]).then((values) => values[0]))
    } catch (error) {
      item.reject(error)
    }
  }

  private async runGroup(batch: QueuedWork[]): Promise<void> {
    let values: unknown[]
    try {
      values = await this.runGroupOf(batch.map((item) => item.work))
    } catch {
      for (const item of batch) await this.settle(item)
      return
    }
    batch.forEach((item, i) => item.resolve(values[i]))
  }

  /** Runs works in one transaction; all commit or none does. */
  private async runGroupOf(works: Array<(tx: Tx) => Promise<unknown>>): Promise<unknown[]> {
    const callbacks: Array<() => void> = []
    const claimed = new Map<string, number>()
    const tx: Tx = {
      sql: this.sql,
      afterCommit: (callback) => callbacks.push(callback),
      nextId: async (table) => {
        const last = claimed.get(table) ?? this.lastIds.get(table) ?? (await this.maxId(table))
        claimed.set(table, last + 1)
        return last + 1
      },
    }
    await this.sql.run('BEGIN TRANSACTION')
    const values: unknown[] = []
    try {
      for (const work of works) values.push(await work(tx))
      await this.sql.run('COMMIT')
    } catch (error) {
      await this.sql.run('ROLLBACK').catch(() => undefined)
      throw error
    }
    for (const [table, id] of claimed) this.lastIds.set(table, id)
    for (const callback of callbacks) callback()
    return values
  }

  private async maxId(table: string): Promise<number> {
    const row = await this.sql.one<{ id: number | null }>(`SELECT max(id) AS id FROM ${table}`)
    return row?.id ?? 0
  }
}

/**
 * The one serial writer: every business action is one transaction, and transactions
 * run one after another on one connection. DuckDB's optimistic concurrency throws
 * `Conflict on update!` when two transactions touch the same stock row; a queue makes
 * that impossible instead of retrying it.
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
}

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
   * Queues one transaction. Background work runs only when no one is waiting, so a busy
   * print queue never stands between a till and its sale.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>, priority: WritePriority = 'now'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queues[priority].push({ work, resolve: resolve as (value: unknown) => void, reject })
      void this.pump()
    })
  }

  private async pump(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (let next = this.take(); next; next = this.take()) {
        try {
          next.resolve(await this.runOne(next.work))
        } catch (error) {
          next.reject(error)
        }
      }
    } finally {
      this.running = false
    }
  }

  private take(): QueuedWork | undefined {
    return this.queues.now.shift() ?? this.queues.background.shift()
  }

  private async runOne<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
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
    let value: T
    try {
      value = await work(tx)
      await this.sql.run('COMMIT')
    } catch (error) {
      await this.sql.run('ROLLBACK').catch(() => undefined)
      throw error
    }
    for (const [table, id] of claimed) this.lastIds.set(table, id)
    for (const callback of callbacks) callback()
    return value
  }

  private async maxId(table: string): Promise<number> {
    const row = await this.sql.one<{ id: number | null }>(`SELECT max(id) AS id FROM ${table}`)
    return row?.id ?? 0
  }
}

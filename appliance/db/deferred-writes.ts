/**
 * Writes held back until something could read them, so a group of transactions (see
 * serial-writer.ts) pays for each kind of write once instead of once per transaction.
 *
 * Flushing an appender costs about a millisecond here whatever it holds, and a stock level
 * UPDATE three to five; a till sale appends to seven tables and updates its levels. When
 * four tills' sales share one group commit, their rows go out in one flush per table and
 * their level changes in one UPDATE.
 *
 * Everything held is written before any statement that names one of the held tables (so a
 * transaction always reads its own writes) and before COMMIT. An error found then (a
 * duplicate key) fails the group, which the writer runs again one transaction at a time.
 */
import { writeRows, type Rows } from './appender.js'
import type { Param, Sql } from './sql.js'

/** Held work for one table, merged across the group's transactions. */
export interface Held {
  flush(): Promise<void>
}

export class DeferredWrites {
  /** In the order first held: rows of one table are written before a later table's. */
  private readonly held = new Map<string, { table: string; work: Held }>()
  /** The flush under way: every statement waits for it, whatever it reads (see `before`). */
  private flushing: Promise<void> | undefined

  constructor(private readonly sql: Sql) {}

  append(table: string, rows: Rows): void {
    const key = `append:${table}`
    let entry = this.held.get(key) as { table: string; work: HeldRows } | undefined
    if (!entry) this.held.set(key, (entry = { table, work: new HeldRows(this.sql, table) }))
    for (const row of rows) entry.work.rows.push(row) // not push(...rows): a seed appends 200,000 at once
  }

  /** The group's held work of one kind (`key`) on `table`, made by `create` the first time. */
  hold<T extends Held>(table: string, key: string, create: () => T): T {
    let entry = this.held.get(key)
    if (!entry) this.held.set(key, (entry = { table, work: create() }))
    return entry.work as T
  }

  /**
   * Writes everything held if `statement` names a held table; while a flush is under way,
   * any statement waits for it. (A transaction's reads in parallel — an order's page is read
   * with Promise.all — once ran between an appender's opening and its flush on the same
   * connection, which DuckDB refuses: "unsuccessful or closed pending query result".)
   */
  async before(statement: string): Promise<void> {
    if (this.flushing) return this.flushing
    if (this.held.size === 0) return
    for (const { table } of this.held.values()) {
      if (new RegExp(`\\b${table}\\b`, 'i').test(statement)) return this.flush()
    }
  }

  /** Writes everything held (before COMMIT). Held work writes through `sql.unheld`. */
  flush(): Promise<void> {
    // `.finally` clears the mark after it is set, even when there is nothing to write.
    this.flushing ??= this.writeHeld().finally(() => (this.flushing = undefined))
    return this.flushing
  }

  private async writeHeld(): Promise<void> {
    for (const [key, { work }] of this.held) {
      this.held.delete(key)
      await work.flush()
    }
  }

  /** Forgets everything held (the transaction rolled back). */
  discard(): void {
    this.held.clear()
  }
}

class HeldRows implements Held {
  readonly rows: Array<Readonly<Record<string, Param>>> = []
  constructor(private readonly sql: Sql, private readonly table: string) {}
  flush(): Promise<void> {
    return writeRows(this.sql, this.table, this.rows)
  }
}

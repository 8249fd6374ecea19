/**
 * Keeps the report facts up to date as the shop trades: committed sales, order changes and
 * returns (from the event bus) mark the facts stale; a refresh runs a moment later (several
 * sales a second share one) once no one has written for a second — during a rush, at most
 * 30 s after the first change — and a report asks for one first (`flush`), so a report
 * always includes every sale committed before it was asked for.
 *
 * Refreshes run on a connection of their own, one at a time, not on the serial writer. The
 * writer exists so two transactions never update the same rows; nothing else writes the
 * report tables, so a refresh cannot conflict with a sale, and a till never waits behind
 * one. It also means a refresh only ever sees committed orders: inside a transaction that
 * has appended rows, DuckDB reports those rows with transaction-local rowids (2^55 and up),
 * which would throw the rowid watermark far ahead if a refresh shared a sale's transaction.
 */
import type { EventBus } from '../app/events.js'
import type { Clock } from '../app/ports.js'
import type { Database } from './database.js'
import { refreshReportFacts } from './report-facts.js'
import type { Sql } from './sql.js'

export interface RefreshTiming {
  /** After a change, how long before a refresh (several sales a second share one). */
  delayMs?: number
  /** A refresh waits until no one has written for this long… */
  quietMs?: number
  /** …but never longer than this after the oldest change. */
  maxWaitMs?: number
}

export class ReportRefresher {
  /** Orders named by events; new orders are found by rowid. */
  private readonly dirty = new Set<string>()
  /** Something may have changed (always true at start: catch up with what happened while stopped). */
  private stale = true
  private running: Promise<void> | undefined
  private timer: NodeJS.Timeout | undefined
  private unsubscribe: (() => void) | undefined
  private sql: Promise<Sql> | undefined

  /** When the oldest change not yet in the facts was marked (performance.now()). */
  private markedAt: number | undefined
  /** Changes marked so far (the start counts as one: catch up), and how many the facts include. */
  private marks = 1
  private included = 0

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly timeZone: () => Promise<string>,
    private readonly timing: RefreshTiming = {},
  ) {}

  start(): void {
    this.unsubscribe ??= this.bus.subscribe((event) => {
      if (event.type === 'sale.completed') this.mark()
      else if (event.type === 'order.changed') this.mark(event.orderId)
      else if (event.type === 'return.completed') this.mark(event.orderId ?? undefined)
    })
    this.schedule()
  }

  async stop(): Promise<void> {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    clearTimeout(this.timer)
    this.timer = undefined
    await this.running?.catch(() => undefined)
    const sql = this.sql
    this.sql = undefined
    if (sql) (await sql).connection.closeSync()
  }

  private mark(orderId?: string): void {
    this.marks++
    this.markedAt ??= performance.now()
    this.stale = true
    if (orderId) this.dirty.add(orderId)
    this.schedule()
  }

  private schedule(delayMs = this.timing.delayMs ?? 1500): void {
    if (this.timer || !this.unsubscribe) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      // A refresh scans the big order tables on both of DuckDB's threads: while people are
      // writing (a till, the returns desk, a picker), it waits for a lull — at most maxWaitMs.
      const { quietMs = 1000, maxWaitMs = 30_000 } = this.timing
      const idle = this.db.writer.idleForMs
      if (idle < quietMs && performance.now() - (this.markedAt ?? performance.now()) < maxWaitMs) return this.schedule(quietMs - idle)
      this.catchUp().catch((error: unknown) => console.error('[reports] refreshing the report facts failed', error))
    }, delayMs)
    this.timer.unref()
  }

  /**
   * One refresh per tick: what is marked while it runs waits for the next tick. (Looping
   * until clean, as `flush` does, ran refreshes back to back while the tills sold, and
   * each one's commit queued in front of a sale's.)
   */
  private async catchUp(): Promise<void> {
    try {
      if (this.running) await this.running
      else if (this.stale || this.dirty.size > 0) await this.refreshNow()
    } finally {
      if (this.stale || this.dirty.size > 0) this.schedule()
    }
  }

  private refreshNow(): Promise<void> {
    const ids = [...this.dirty]
    this.dirty.clear()
    this.stale = false
    this.markedAt = undefined
    const through = this.marks
    this.running = this.refresh(ids)
      .then(() => void (this.included = Math.max(this.included, through)))
      .finally(() => (this.running = undefined))
    return this.running
  }

  /**
   * Brings the facts up to date with everything committed before it was called. Not with
   * what is marked while it waits: at twenty sales a second every refresh saw new sales, and
   * a report chased them through refresh after refresh for up to 2.6 s (the load bench).
   */
  async flush(): Promise<void> {
    const target = this.marks
    while (this.included < target) {
      if (this.running) await this.running
      else await this.refreshNow()
    }
  }

  private async refresh(ids: string[]): Promise<void> {
    const zone = await this.timeZone()
    this.sql ??= this.db.dedicatedConnection()
    const sql = await this.sql
    try {
      await sql.run('BEGIN TRANSACTION')
      try {
        await refreshReportFacts(sql, zone, ids, this.clock.now())
        await sql.run('COMMIT')
      } catch (error) {
        await sql.run('ROLLBACK').catch(() => undefined)
        throw error
      }
    } catch (error) {
      for (const id of ids) this.dirty.add(id)
      this.stale = true
      this.markedAt ??= performance.now()
      throw error
    }
  }
}

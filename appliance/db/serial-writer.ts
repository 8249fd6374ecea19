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
 *
 * Appends and a sale's stock level changes are held back (deferred-writes.ts): a group's
 * rows for one table go out in one flush, its level changes in one UPDATE, before COMMIT or
 * before a statement that reads those tables.
 */
import { DeferredWrites } from './deferred-writes.js'
import type { Sql } from './sql.js'

/** A write transaction: SQL plus work to do only once it has committed. */
export interface Tx {
  readonly sql: Sql
  /** Runs after COMMIT succeeds (publishing events); dropped on rollback. */
  afterCommit(callback: () => void): void
  /** Next id for a table whose ids we assign (no sequences: backups restore them by value). */
  nextId(table: 'stock_movements' | 'audit_log' | 'print_jobs'): Promise<number>
  /**
   * The next value of a counter the writer keeps in memory: read once with `last` (the
   * highest value the database holds), then counted here, so taking a number costs no
   * statement. A rollback takes the number back.
   */
  next(counter: string, last: () => Promise<number>): Promise<number>
}

interface QueuedWork {
  priority: WritePriority
  work: (tx: Tx) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  queuedAt: number
  /** Order of arrival, to tell other tills' work from what a batch's own callers sent once answered. */
  seq: number
}

/** How many waiting actions share one commit at most. */
const MAX_GROUP = 16

/**
 * How long background work waits behind people at most. Without a limit, four tills selling
 * flat out printed no receipt at all until they paused (found by the crash suite).
 */
export const BACKGROUND_MAX_WAIT_MS = 250

/**
 * How long the writer must have been free of people's work before background work starts.
 * A till selling back to back sends its next sale 2–5 ms after the last one commits; a
 * background transaction that slipped into that gap (a receipt's print outcome, 10–15 ms)
 * made the next sale wait for it. Background work now goes in the pauses, or once overdue.
 */
export const BACKGROUND_QUIET_MS = 20

/**
 * How long the writer holds a group open for tills that are on their way back. A group's
 * fixed costs (BEGIN, one level UPDATE, one flush per table, COMMIT: about 20 ms here) are
 * shared by its sales, but four tills selling flat out fell into two alternating pairs (a
 * pair commits while the other pair's next sales arrive), paying them twice as often. After
 * a busy group, the writer now waits up to this long for as many actions as were in play
 * (the group plus those queued behind it). A lone till never waits.
 */
export const GATHER_MS = 5

/** `now`: a person is waiting (a sale, a scan-driven write). `background`: the print worker, monitors. */
export type WritePriority = 'now' | 'background'

export class SerialWriter {
  private readonly queues: Record<WritePriority, QueuedWork[]> = { now: [], background: [] }
  private running = false
  private peopleRunning = false
  /** When people's work last finished (performance.now()). */
  private lastNowDone = -Infinity
  private wake: { at: number; timer: ReturnType<typeof setTimeout> } | undefined
  /** After a busy group: how many actions were in play, and until when to wait for them. */
  private gather: { size: number; until: number } | undefined
  /** The last `seq` handed out, and the last one that was waiting when a batch was answered. */
  private seq = 0
  private seqAtAnswer = 0
  /** Counters' last committed values (ids, receipt numbers). */
  private readonly counters = new Map<string, number>()

  constructor(private readonly sql: Sql) {}

  /** How long no one's work has been waiting or running (0 while some is). */
  get idleForMs(): number {
    return this.queues.now.length > 0 || this.peopleRunning ? 0 : performance.now() - this.lastNowDone
  }

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
      this.queues[priority].push({ priority, work, resolve: resolve as (value: unknown) => void, reject, queuedAt: performance.now(), seq: ++this.seq })
      if (this.gather && this.queues.now.length >= this.gather.size) this.gather = undefined // everyone is back
      void this.pump()
    })
  }

  private async pump(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (let batch = this.takeBatch(); batch.length > 0; batch = this.takeBatch()) {
        const peopleInBatch = batch.filter((item) => item.priority === 'now').length
        const people = peopleInBatch > 0
        this.peopleRunning = people
        if (batch.length === 1) await this.settle(batch[0]!)
        else await this.runGroup(batch)
        this.peopleRunning = false
        if (people) {
          this.lastNowDone = performance.now()
          // Only work that arrived before the batch was answered is another till's: a lone
          // till's next sale, sent the moment its last one was answered, must not wait.
          const waitingBehind = this.queues.now.filter((item) => item.seq <= this.seqAtAnswer).length
          const inPlay = Math.min(MAX_GROUP, peopleInBatch + waitingBehind)
          this.gather = inPlay > 1 ? { size: inPlay, until: this.lastNowDone + GATHER_MS } : undefined
        }
      }
    } finally {
      this.running = false
    }
  }

  /**
   * Everyone waiting (up to a limit, once the busy group's tills are back or GATHER_MS has
   * passed), with the first background action when it has waited long enough; or, when no
   * one is waiting and no one has been for BACKGROUND_QUIET_MS, one background action.
   */
  private takeBatch(): QueuedWork[] {
    const now = performance.now()
    const overdue = (this.queues.background[0]?.queuedAt ?? Infinity) <= now - BACKGROUND_MAX_WAIT_MS
    if (this.queues.now.length > 0) {
      if (!overdue && this.gather && now < this.gather.until) return this.sleepUntil(this.gather.until)
      this.gather = undefined
      if (!overdue) return this.queues.now.splice(0, MAX_GROUP)
      // Overdue background work rides along in people's group: its few statements share their
      // commit, where its own transaction made the next sale wait for a BEGIN and COMMIT too
      // (two thirds of a back-to-back till's slowest sales did).
      return [...this.queues.now.splice(0, MAX_GROUP - 1), this.queues.background.shift()!]
    }
    if (this.queues.background.length === 0) return []
    const quietAt = this.lastNowDone + BACKGROUND_QUIET_MS
    if (!overdue && now < quietAt) return this.sleepUntil(quietAt)
    return [this.queues.background.shift()!]
  }

  /** Nothing to run yet: pump again at `at` (or sooner, when new work arrives). */
  private sleepUntil(at: number): [] {
    if (this.wake && this.wake.at <= at) return []
    if (this.wake) clearTimeout(this.wake.timer)
    const timer = setTimeout(() => {
      this.wake = undefined
      void this.pump()
    }, Math.max(0, at - performance.now()))
    this.wake = { at, timer }
    return []
  }

  private async settle(item: QueuedWork): Promise<void> {
    try {
      const [value] = await this.runGroupOf([item.work])
      this.seqAtAnswer = this.seq
      item.resolve(value)
    } catch (error) {
      this.seqAtAnswer = this.seq
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
    this.seqAtAnswer = this.seq
    batch.forEach((item, i) => item.resolve(values[i]))
  }

  /** Runs works in one transaction; all commit or none does. */
  private async runGroupOf(works: Array<(tx: Tx) => Promise<unknown>>): Promise<unknown[]> {
    const callbacks: Array<() => void> = []
    const claimed = new Map<string, number>()
    const next = async (counter: string, last: () => Promise<number>) => {
      const value = (claimed.get(counter) ?? this.counters.get(counter) ?? (await last())) + 1
      claimed.set(counter, value)
      return value
    }
    const tx: Tx = {
      sql: this.sql,
      afterCommit: (callback) => callbacks.push(callback),
      nextId: (table) => next(`id:${table}`, () => this.maxId(table)),
      next,
    }
    await this.sql.run('BEGIN TRANSACTION')
    const deferred = new DeferredWrites(this.sql)
    this.sql.deferred = deferred
    const values: unknown[] = []
    try {
      for (const work of works) values.push(await work(tx))
      await deferred.flush()
      this.sql.deferred = undefined
      await this.sql.run('COMMIT')
    } catch (error) {
      deferred.discard()
      this.sql.deferred = undefined
      await this.sql.run('ROLLBACK').catch(() => undefined)
      throw error
    }
    for (const [counter, value] of claimed) this.counters.set(counter, value)
    for (const callback of callbacks) callback()
    return values
  }

  private async maxId(table: string): Promise<number> {
    const row = await this.sql.one<{ id: number | null }>(`SELECT max(id) AS id FROM ${table}`)
    return row?.id ?? 0
  }
}

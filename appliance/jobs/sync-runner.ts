/**
 * One channel account's sync, in four lanes that never wait on each other:
 *
 * - import: every `importIntervalSeconds` (sooner on "sync now", after a webhook that could
 *   not be fetched, or when a stock push found the channel changed): pages from the durable
 *   cursor, each page and its new cursor one transaction, so a restart resumes exactly there;
 * - push: drains the outbox — stock changes since the watermarks become jobs, due jobs are
 *   claimed (`sending`), sent, and finished with core/sync-job.ts's transitions. Woken
 *   (debounced) by every stock change and after imports, and by a timer for retries;
 * - webhooks: orders named by verified webhooks, fetched one at a time (the answer to the
 *   channel went out long before);
 * - reconcile: every `reconcileIntervalMs`, read the channel's levels back and fix drift.
 *
 * A lane asked to run while running runs once more afterwards; `…Now()` joins the pass in
 * flight. Every write is a background transaction: a till's sale never waits for sync.
 */
import type { ChannelConnector } from '../../sync/connector.js'
import { isChannelError } from '../../sync/connector.js'
import type { EventBus } from '../app/events.js'
import type { Clock, UnitOfWork } from '../app/ports.js'
import { addTally, applyOrders, applyPage, emptyTally, type ImportTally, type UpsertChannelOrder } from '../app/sync/import.js'
import type { ChannelAccount, RunKind, SyncQueries } from '../app/sync/ports.js'
import { sendJobs, type PushContext } from '../app/sync/push.js'
import { reconcile, skusToCheck, type ReconcileReport } from '../app/sync/reconcile.js'
import { settleRefunds } from '../app/sync/refund-outcomes.js'
import type { SyncRetryPolicy } from '../core/sync-job.js'

export interface SyncTiming {
  /** Wait after a stock change before pushing, so a burst goes as one batch. */
  pushDebounceMs: number
  /** Stock jobs per claim (connectors split them into the channel's own batch sizes). */
  pushBatch: number
  /** How often the push lane looks for work without being woken (stock changed outside a transaction's events). */
  safetyTickMs: number
  reconcileIntervalMs: number
  /** Longest wait between failed imports before the regular interval applies again. */
  importRetryMaxMs: number
  /** Days of history the first import reads when the account has no cursor and no `importSince`. */
  importLookbackDays: number
  retry: SyncRetryPolicy
  random: () => number
}

export interface RunnerDeps {
  uow: UnitOfWork
  queries: SyncQueries
  bus: EventBus
  clock: Clock
  upsert: UpsertChannelOrder
  timing: SyncTiming
}

export interface ImportSummary extends ImportTally {
  pages: number
  error: string | null
  /** The channel's rate limit paused the pass (not an error): the rest follows after this many ms. */
  throttledMs: number | null
}

export interface PushSummary {
  sent: number
  failed: number
  error: string | null
}

type Lane = 'import' | 'push' | 'reconcile'
const WEBHOOK_FETCHES = 4
const BG = { background: true } as const

export class AccountRunner {
  private readonly running = new Map<Lane, Promise<unknown>>()
  private readonly next = new Map<Lane, Promise<unknown>>()
  private readonly timers = new Map<Lane | 'kick', ReturnType<typeof setTimeout>>()
  private readonly webhookQueue = new Set<string>()
  private readonly webhookTries = new Map<string, number>()
  private webhookDraining: Promise<void> | undefined
  private importFailures = 0
  private stopped = false

  constructor(
    public account: ChannelAccount,
    public connector: ChannelConnector,
    /** Takes the outbox jobs written with no account (its channel's first account). */
    public primary: boolean,
    private readonly deps: RunnerDeps,
  ) {}

  get id(): string {
    return this.account.id
  }

  async start(): Promise<void> {
    for (const { orderId } of await this.deps.queries.unprocessedWebhooks(this.id)) this.webhook(orderId)
    this.schedule('import', 0)
    this.schedule('push', 0)
    this.schedule('reconcile', this.deps.timing.reconcileIntervalMs)
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    // Let passes in flight write their outcome (a channel call is at most one timeout away).
    const settled = Promise.allSettled([...this.running.values(), ...this.next.values(), this.webhookDraining])
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 20_000).unref())])
  }

  /** A stock change or a new job: push after the debounce. */
  kickPush(delayMs = this.deps.timing.pushDebounceMs): void {
    if (this.stopped || this.timers.has('kick')) return
    const timer = setTimeout(() => {
      this.timers.delete('kick')
      this.pushNow().catch((error: unknown) => console.error(`[sync] ${this.id} push:`, error))
    }, delayMs)
    timer.unref()
    this.timers.set('kick', timer)
  }

  importNow(): Promise<ImportSummary> {
    return this.lane('import', () => this.importOnce())
  }

  pushNow(): Promise<PushSummary> {
    return this.lane('push', () => this.drain())
  }

  reconcileNow(): Promise<ReconcileReport | null> {
    return this.lane('reconcile', () => this.reconcileOnce())
  }

  /** An order a verified webhook named: fetched after the channel has had its answer. */
  webhook(orderId: string): void {
    if (this.stopped) return
    this.webhookQueue.add(orderId)
    // A few fetches at once: a burst of webhooks (a sale, a campaign) should not queue behind one slow answer.
    this.webhookDraining ??= Promise.all(Array.from({ length: WEBHOOK_FETCHES }, () => this.drainWebhooks()))
      .then(() => undefined)
      .finally(() => (this.webhookDraining = undefined))
  }

  /**
   * Runs a lane's pass now, or — when one is in flight, which may have started before the
   * caller's change — the next pass after it (callers meanwhile share that one).
   */
  private lane<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    const running = this.running.get(lane)
    if (!running) {
      const pass = work().finally(() => this.running.delete(lane))
      this.running.set(lane, pass)
      return pass
    }
    let next = this.next.get(lane) as Promise<T> | undefined
    if (!next) {
      next = running.catch(() => undefined).then(() => {
        this.next.delete(lane)
        return this.lane(lane, work)
      })
      this.next.set(lane, next)
    }
    return next
  }

  private schedule(lane: Lane, delayMs: number): void {
    if (this.stopped) return
    clearTimeout(this.timers.get(lane))
    const timer = setTimeout(() => {
      this.timers.delete(lane)
      const run = lane === 'import' ? this.importNow() : lane === 'push' ? this.pushNow() : this.reconcileNow()
      void run.catch((error: unknown) => console.error(`[sync] ${this.id} ${lane}:`, error))
    }, Math.max(0, delayMs))
    timer.unref()
    this.timers.set(lane, timer)
  }

  private now(): Date {
    return this.deps.clock.now()
  }

  private async record(kind: RunKind, startedAt: Date, ok: boolean, items: number, error: string | null, details?: unknown): Promise<void> {
    await this.deps.uow.run((s) => s.sync.recordRun({ account: this.id, kind, startedAt, finishedAt: this.now(), ok, items, error, details }), BG)
    if (!ok || items > 0 || kind === 'reconcile') this.deps.bus.publish({ type: 'sync.changed', account: this.id, what: kind, ok })
  }

  // ─── import ────────────────────────────────────────────────────────────────

  private async importOnce(): Promise<ImportSummary> {
    const started = this.now()
    const summary: ImportSummary = { ...emptyTally(), pages: 0, error: null, throttledMs: null }
    try {
      let cursor = (await this.deps.queries.cursor(this.id, 'orders')) ?? this.connector.initialCursor(this.importSince())
      for (;;) {
        if (this.stopped) break
        const page = await this.connector.fetchOrders(cursor)
        Object.assign(summary, addTally(summary, await applyPage(this.deps.uow, this.account, page, this.deps.upsert, () => this.now())))
        summary.pages += 1
        cursor = page.nextCursor
        if (page.done) break
      }
      this.importFailures = 0
    } catch (error) {
      if (isChannelError(error) && error.kind === 'rate_limited') {
        // The channel pacing us is not a failure: every page so far is kept with its cursor,
        // and the pass goes on when the channel said it may.
        summary.throttledMs = Math.max(200, error.retryAfterMs ?? 1000)
        this.importFailures = 0
      } else {
        summary.error = error instanceof Error ? error.message : String(error)
        // A pass that took orders before failing made progress: go on soon. Only a pass that
        // got nowhere backs off (2 s, 4 s, … up to the interval).
        this.importFailures = summary.pages > 0 ? 0 : this.importFailures + 1
      }
    }
    const items = summary.created + summary.updated + summary.rejected
    await this.record('import', started, summary.error === null, items, summary.error, { ...summary }).catch(() => undefined)
    if (summary.created + summary.updated > 0) this.kickPush()
    const interval = this.account.importIntervalSeconds * 1000
    const retry = summary.throttledMs ?? (summary.error === null ? interval : this.importFailures === 0 ? 200 : Math.min(interval, this.deps.timing.importRetryMaxMs, 1000 * 2 ** this.importFailures))
    this.schedule('import', retry)
    return summary
  }

  private importSince(): Date {
    const since = this.account.settings.importSince
    if (since && !Number.isNaN(Date.parse(since))) return new Date(since)
    return new Date(this.now().getTime() - this.deps.timing.importLookbackDays * 86_400_000)
  }

  private async drainWebhooks(): Promise<void> {
    while (!this.stopped && this.webhookQueue.size) {
      const orderId = this.webhookQueue.values().next().value as string
      this.webhookQueue.delete(orderId)
      const started = this.now()
      try {
        const order = await this.connector.fetchOrder(orderId)
        this.webhookTries.delete(orderId)
        const tally = await this.deps.uow.run((s) => applyOrders(s, this.account, { orders: [order], rejected: [] }, this.deps.upsert, this.now()), BG)
        if (tally.created + tally.updated) this.kickPush()
        this.deps.bus.publish({ type: 'sync.changed', account: this.id, what: 'webhook', ok: true })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        if (isChannelError(error) && (error.kind === 'contract' || error.kind === 'invalid' || error.kind === 'not_found')) {
          await this.deps.uow.run(async (s) => {
            if (error.kind !== 'not_found') await s.sync.recordReject(this.id, orderId, message, error.code ?? error.kind, this.now())
            await s.sync.markWebhooksProcessed(this.id, orderId, this.now())
          }, BG).catch(() => undefined)
        } else {
          // The channel is struggling: fetch again after a backoff (a few times; after that a
          // restart re-queues it), and ask polling — the backbone — to look soon as well.
          const tries = (this.webhookTries.get(orderId) ?? 0) + 1
          this.webhookTries.set(orderId, tries)
          if (tries <= 8) setTimeout(() => this.webhook(orderId), Math.min(5000, 200 * 2 ** tries)).unref()
          this.schedule('import', 1000)
        }
        await this.record('webhook', started, false, 0, message).catch(() => undefined)
      }
    }
  }

  // ─── push ──────────────────────────────────────────────────────────────────

  private async locations(): Promise<string[]> {
    return this.account.locationMap.from.length ? this.account.locationMap.from : this.deps.queries.onlineLocations()
  }

  private async drain(): Promise<PushSummary> {
    const { uow, queries, timing } = this.deps
    const started = this.now()
    const summary: PushSummary = { sent: 0, failed: 0, error: null }
    const errors: string[] = []
    try {
      const locations = await this.locations()
      await uow.run((s) => s.sync.collectStock(this.account, locations, this.now()), BG)
      const ctx: PushContext = {
        account: this.account,
        connector: this.connector,
        levels: (skus) => queries.levels(skus, locations),
        stockState: (skus) => queries.stockState(this.id, skus),
        // Bounded: a channel that paces its order reads (Amazon) must not hold stock pushes for long.
        importNow: () => Promise.race([this.importNow().then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref())]),
        now: () => this.now(),
        random: timing.random,
        policy: timing.retry,
      }
      for (let round = 0; round < 10_000 && !this.stopped; round++) {
        const jobs = await uow.run((s) => s.sync.claim(this.account, this.primary, this.now(), { stock: timing.pushBatch, shipment: 10, refund: 10 }), BG)
        if (jobs.length === 0) break
        const result = await sendJobs(ctx, jobs)
        await uow.run(async (s) => {
          await s.sync.finish(result.finishes, this.now())
          await settleRefunds(s, jobs, result.finishes, this.now()) // refunds.status and the order's timeline follow the job
          await s.sync.recordStockState(this.id, result.states, this.now())
        }, BG)
        summary.sent += result.sent
        summary.failed += result.finishes.length - result.sent
        errors.push(...result.errors)
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error))
    }
    summary.error = errors[0] ?? null
    if (summary.sent || errors.length) await this.record('push', started, errors.length === 0, summary.sent, summary.error, { sent: summary.sent, failed: summary.failed }).catch(() => undefined)
    await this.scheduleNextPush()
    return summary
  }

  /** Sleeps until the next retry falls due (or the safety tick). */
  private async scheduleNextPush(): Promise<void> {
    const due = await this.deps.queries.nextDue(this.account, this.primary).catch(() => null)
    const tick = this.deps.timing.safetyTickMs
    const wait = due ? Math.min(tick, Math.max(10, due.getTime() - this.now().getTime())) : tick
    this.schedule('push', wait)
  }

  // ─── reconcile ─────────────────────────────────────────────────────────────

  private async reconcileOnce(): Promise<ReconcileReport | null> {
    const { uow, queries } = this.deps
    const started = this.now()
    try {
      const locations = await this.locations()
      const known = await queries.stockState(this.id)
      const recent = new Set([...known.values()].filter((s) => started.getTime() - s.pushedAt.getTime() < 60_000).map((s) => s.sku))
      const { report, states, toPush } = await reconcile({
        account: this.account, connector: this.connector, levels: (skus) => queries.levels(skus, locations),
        outstanding: await queries.outstandingStockSkus(this.id), recentlyPushed: recent,
      }, skusToCheck(this.account, known))
      await uow.run(async (s) => {
        await s.sync.recordStockState(this.id, states, this.now())
        await s.sync.enqueueStock(this.account, toPush, this.now())
      }, BG)
      if (toPush.length) this.kickPush(0)
      const details = { ...report, drift: report.drift.slice(0, 50) }
      if (report.drift.length) console.warn(`[sync] ${this.id}: stock drift on ${report.drift.length} SKU(s), pushing our figures: ${report.drift.slice(0, 5).map((d) => `${d.sku} ${d.channel}→${d.ours}`).join(', ')}`)
      await this.record('reconcile', started, true, report.drift.length, null, details)
      return report
    } catch (error) {
      await this.record('reconcile', started, false, 0, error instanceof Error ? error.message : String(error)).catch(() => undefined)
      return null
    } finally {
      this.schedule('reconcile', this.deps.timing.reconcileIntervalMs)
    }
  }
}

/**
 * Channel sync for the whole appliance: one AccountRunner per active account, the wake-ups
 * (every committed stock change kicks every account's push lane), restart recovery (jobs
 * left `sending` go back to `retry`; webhooks recorded but not fetched are fetched), daily
 * housekeeping, and what the API asks of sync: test a connection, sync now, take a webhook.
 */
import type { ChannelConnector, ConnectionInfo, WebhookHeaders } from '../../sync/connector.js'
import { ChannelError } from '../../sync/connector.js'
import type { EventBus } from '../app/events.js'
import type { Clock, UnitOfWork } from '../app/ports.js'
import type { CredentialBox } from '../app/sync/accounts.js'
import { applyOrders, type ImportTally, type UpsertChannelOrder } from '../app/sync/import.js'
import type { ChannelAccount, ConnectorFactory, SyncControl, SyncQueries, WebhookOutcome } from '../app/sync/ports.js'
import type { ReconcileReport } from '../app/sync/reconcile.js'
import { notFound } from '../core/errors.js'
import { DEFAULT_SYNC_RETRY } from '../core/sync-job.js'
import { AccountRunner, type ImportSummary, type PushSummary, type SyncTiming } from './sync-runner.js'

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  pushDebounceMs: 50,
  pushBatch: 100,
  safetyTickMs: 5000,
  reconcileIntervalMs: 15 * 60_000,
  importRetryMaxMs: 60_000,
  importLookbackDays: 14,
  retry: DEFAULT_SYNC_RETRY,
  random: Math.random,
}

export interface SyncServiceDeps {
  uow: UnitOfWork
  queries: SyncQueries
  bus: EventBus
  clock: Clock
  box: CredentialBox
  connectors: ConnectorFactory
  upsert: UpsertChannelOrder
  timing?: Partial<SyncTiming>
}

const HOUSEKEEPING_MS = 6 * 3600_000

export class SyncService implements SyncControl {
  private readonly runners = new Map<string, AccountRunner>()
  /** Accounts that could not start (credentials that no longer decrypt), with the reason. */
  readonly problems = new Map<string, string>()
  private readonly timing: SyncTiming
  private unsubscribe: (() => void) | undefined
  private housekeeping: ReturnType<typeof setInterval> | undefined
  private stopped = false
  private loaded = false

  constructor(private readonly deps: SyncServiceDeps) {
    this.timing = { ...DEFAULT_SYNC_TIMING, ...deps.timing }
  }

  async start(): Promise<void> {
    const now = this.deps.clock.now()
    const interrupted = await this.deps.uow.run(async (s) => {
      await s.sync.housekeeping(now)
      return s.sync.interruptSending(now)
    }, { background: true })
    if (interrupted.length) console.warn(`[sync] ${interrupted.length} job(s) were being sent at shutdown: sending them again (each carries its idempotency key)`)
    this.unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.type === 'stock.changed') for (const runner of this.runners.values()) runner.kickPush()
    })
    this.housekeeping = setInterval(() => {
      void this.deps.uow.run((s) => s.sync.housekeeping(this.deps.clock.now()), { background: true }).catch((error: unknown) => console.error('[sync] housekeeping:', error))
    }, HOUSEKEEPING_MS)
    this.housekeeping.unref()
    await this.reload()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    clearInterval(this.housekeeping)
    await Promise.all([...this.runners.values()].map((r) => r.stop()))
    this.runners.clear()
  }

  /** Starts, restarts or stops runners to match the accounts as saved (after any account change). */
  async reload(changed?: string): Promise<void> {
    if (this.stopped) return
    const accounts = await this.deps.queries.accounts()
    for (const id of this.problems.keys()) if (!accounts.some((a) => a.id === id && a.active)) this.problems.delete(id)
    const primaries = new Set<string>()
    for (const a of accounts) if (a.active && ![...primaries].some((id) => accounts.find((x) => x.id === id)?.kind === a.kind)) primaries.add(a.id)
    for (const [id, runner] of this.runners) {
      const account = accounts.find((a) => a.id === id)
      if (account?.active && id !== changed && account.updatedAt.getTime() === runner.account.updatedAt.getTime()) {
        runner.primary = primaries.has(id)
        continue
      }
      this.runners.delete(id)
      await runner.stop()
    }
    for (const account of accounts) {
      if (!account.active || this.runners.has(account.id)) continue
      try {
        const runner = new AccountRunner(account, await this.connectorFor(account), primaries.has(account.id), { ...this.deps, timing: this.timing })
        this.runners.set(account.id, runner)
        this.problems.delete(account.id)
        await runner.start()
      } catch (error) {
        this.problems.set(account.id, error instanceof Error ? error.message : String(error))
        console.error(`[sync] ${account.id} cannot start:`, error)
      }
    }
    this.loaded = true
  }

  runner(id: string): AccountRunner | undefined {
    return this.runners.get(id)
  }

  isRunning(id: string): boolean {
    return this.runners.has(id)
  }

  /**
   * Whether committed stock changes need marking for the channels: not while no account
   * syncs (a shop without channels pays nothing). Safe to skip then: an account's first
   * push after it starts sends every SKU in scope.
   */
  get wantsStockMarks(): boolean {
    return !this.loaded || this.runners.size > 0 || this.problems.size > 0
  }

  /** A fresh connector from the account as saved. */
  async connectorFor(account: ChannelAccount): Promise<ChannelConnector> {
    const found = await this.deps.queries.account(account.id)
    if (!found) throw notFound(`There is no channel account "${account.id}"`, 'id')
    return this.deps.connectors(found.account, this.deps.box.openJson<Record<string, string>>(found.credentialsEnc, found.account.id))
  }

  async testConnection(id: string): Promise<ConnectionInfo> {
    const found = await this.deps.queries.account(id)
    if (!found) throw notFound(`There is no channel account "${id}"`, 'id')
    return (await this.connectorFor(found.account)).testConnection()
  }

  /** Tests an account that is not saved yet (the add form's "Test connection"). */
  testUnsaved(account: ChannelAccount, credentials: Record<string, string>): Promise<ConnectionInfo> {
    return this.deps.connectors(account, credentials).testConnection()
  }

  /** Import and push now, for "Sync now": both passes' outcomes. */
  async syncNow(id: string): Promise<{ import: ImportSummary; push: PushSummary }> {
    const runner = this.activeRunner(id)
    const imported = await runner.importNow()
    return { import: imported, push: await runner.pushNow() }
  }

  reconcileNow(id: string): Promise<ReconcileReport | null> {
    return this.activeRunner(id).reconcileNow()
  }

  /** After a replay or a new job: wake the account that will send it. */
  kick(accountId: string | null): void {
    const runner = accountId ? this.runners.get(accountId) : undefined
    if (runner) runner.kickPush(0)
    else for (const r of this.runners.values()) r.kickPush(0)
  }

  /**
   * A webhook: verified over the raw bytes, recorded once (a repeat is answered and ignored),
   * answered at once; the order it names is fetched afterwards.
   */
  async webhook(accountId: string, rawBody: Uint8Array, headers: WebhookHeaders): Promise<WebhookOutcome> {
    const runner = this.runners.get(accountId)
    if (!runner) throw notFound(`There is no active channel account "${accountId}"`, 'accountId')
    const event = await runner.connector.verifyWebhook(rawBody, headers)
    const fresh = await this.deps.uow.run((s) => s.sync.recordWebhook(accountId, event, this.deps.clock.now()))
    if (!fresh) return { status: 'duplicate', eventId: event.eventId }
    if (event.orderId) runner.webhook(event.orderId)
    return { status: 'accepted', eventId: event.eventId, orderId: event.orderId }
  }

  /** Fetches one order again (a refused order a person has had fixed on the channel). */
  async refetch(accountId: string, channelOrderId: string): Promise<ImportTally> {
    const runner = this.activeRunner(accountId)
    const order = await runner.connector.fetchOrder(channelOrderId)
    const tally = await this.deps.uow.run((s) => applyOrders(s, runner.account, { orders: [order], rejected: [] }, this.deps.upsert, this.deps.clock.now()))
    runner.kickPush()
    return tally
  }

  private activeRunner(id: string): AccountRunner {
    const runner = this.runners.get(id)
    if (runner) return runner
    const problem = this.problems.get(id)
    if (problem) throw new ChannelError('auth', 'sync', `${id} cannot sync: ${problem}`)
    throw notFound(`There is no active channel account "${id}"`, 'id')
  }
}

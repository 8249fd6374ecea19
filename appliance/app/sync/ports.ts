/**
 * The sync engine's ports: channel accounts, the outbox as the engine sees it, cursors,
 * webhook dedupe, stock watermarks and status. db/sync-store.ts implements the write side
 * (inside one serial-writer transaction), db/sync-queries.ts the read side.
 */
import type { ChannelId } from '../../../sync/channel-id.js'
import type { ChannelConnector, ConnectionInfo, WebhookHeaders } from '../../../sync/connector.js'
import type { ChannelStockRules } from '../../core/sync-stock-rule.js'
import type { SyncJobStatus } from '../../core/sync-job.js'

/** Non-secret connection settings, per channel. */
export interface AccountSettings {
  /** Amazon: the seller (merchant token) and marketplace. */
  sellerId?: string
  marketplaceId?: string
  /** Amazon: Login with Amazon's URL (default https://api.amazon.com). eBay: the Identity API's. */
  authUrl?: string
  /** Shopify Admin API version (default the connector's). */
  apiVersion?: string
  /** Pace requests to the channel's published limits (default true; off for unlimited simulators). */
  pacing?: boolean
  /** Import orders changed since this instant when the account has no cursor yet (default 14 days back). */
  importSince?: string
}

/** Whose stock a channel sells: our locations (empty: every location that fulfils online) and the channel's location id. */
export interface LocationMap {
  from: string[]
  channelLocation?: string
}

export interface ChannelAccount {
  id: string
  kind: ChannelId
  name: string
  baseUrl: string
  /** Names of the credential fields that are set (values are never read back out). */
  credentialFields: string[]
  settings: AccountSettings
  locationMap: LocationMap
  /** Our SKU → the channel's, where they differ. */
  skuMap: Record<string, string>
  rules: ChannelStockRules
  importIntervalSeconds: number
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export type OutboxKind = 'refund' | 'shipment' | 'stock'

export interface OutboxJob {
  id: string
  channel: ChannelId
  account: string | null
  kind: OutboxKind
  payload: unknown
  idempotencyKey: string
  status: SyncJobStatus
  attempts: number
  nextAttemptAt: Date
  lastError: string | null
  createdAt: Date
  updatedAt: Date | null
  reference: string | null
  sku: string | null
}

export interface JobFinish {
  id: string
  status: SyncJobStatus
  nextAttemptAt: Date | null
  lastError: string | null
  result?: unknown
}

export type SyncStream = 'orders' | 'stock-movements' | 'stock-dirty'
export type RunKind = 'import' | 'push' | 'reconcile' | 'webhook'

export interface RunRecord {
  account: string
  kind: RunKind
  startedAt: Date
  finishedAt: Date
  ok: boolean
  items: number
  error: string | null
  details?: unknown
}

export interface StockStateRecord {
  sku: string
  /** What the channel holds now, as far as we know; null when it doesn't list the SKU. */
  available: number | null
  listed: boolean
}

/** The sync tables, inside a write transaction. */
export interface SyncStore {
  account(id: string): Promise<{ account: ChannelAccount; credentialsEnc: string } | undefined>
  saveAccount(account: ChannelAccount, credentialsEnc: string): Promise<void>

  cursor(account: string, stream: SyncStream): Promise<string | null>
  saveCursor(account: string, stream: SyncStream, cursor: string, now: Date): Promise<void>

  /**
   * Marks SKUs whose available-to-sell changed without a stock movement (allocation taken or
   * released): call it in the transaction that changed them. Movements need no mark.
   */
  stockChanged(skus: Iterable<string>, now: Date): Promise<void>
  /**
   * Turns stock movements and dirty marks past the account's watermarks into stock jobs (one
   * outstanding job per SKU), advancing the watermarks. Returns how many jobs were added.
   * On an account's first call the watermarks start at the present and every SKU in scope
   * (stocked at `locations`, or mapped) is queued: the first full push.
   */
  collectStock(account: ChannelAccount, locations: readonly string[], now: Date): Promise<number>
  /** Forgets the account's stock watermarks: its next collection pushes every SKU in scope again (rules or mapping changed). */
  resetStockWatermarks(account: string): Promise<void>
  /** Queues stock jobs for these SKUs unless one is already waiting. */
  enqueueStock(account: ChannelAccount, skus: readonly string[], now: Date): Promise<number>

  /**
   * Claims due jobs for the account (and, for its channel's primary account, jobs written
   * with no account): marks them `sending`, counts the attempt, returns them oldest first.
   */
  claim(account: ChannelAccount, primary: boolean, now: Date, limits: Partial<Record<OutboxKind, number>>): Promise<OutboxJob[]>
  finish(updates: readonly JobFinish[], now: Date): Promise<void>
  /** Jobs a crash left `sending` go back to `retry` (every send is idempotent); returns their ids. */
  interruptSending(now: Date): Promise<string[]>
  job(id: string): Promise<OutboxJob | undefined>
  /** A person's replay (dead → pending, attempts reset) or discard (dead → discarded). */
  setStatus(id: string, status: SyncJobStatus, now: Date, options?: { resetAttempts?: boolean }): Promise<void>

  recordStockState(account: string, states: readonly StockStateRecord[], now: Date): Promise<void>

  /** Records a webhook event; false when it was seen before (a retry or replay). */
  recordWebhook(account: string, event: { eventId: string; topic: string; orderId: string | null }, now: Date): Promise<boolean>
  markWebhooksProcessed(account: string, orderId: string, now: Date): Promise<void>

  recordReject(account: string, channelOrderId: string, reason: string, code: string | null, now: Date): Promise<void>
  resolveReject(account: string, channelOrderId: string, now: Date): Promise<void>

  recordRun(run: RunRecord): Promise<void>
  /** Drops what nobody needs any more: consumed stock marks, old finished stock jobs, old webhook ids and runs. */
  housekeeping(now: Date): Promise<void>
}

export interface AccountStatus {
  account: string
  lastImportAt: Date | null
  lastImportError: { at: Date; message: string } | null
  lastPushAt: Date | null
  lastPushError: { at: Date; message: string } | null
  lastReconcileAt: Date | null
  lastReconcile: unknown
  backlog: number
  /** Age of the oldest job still owed to the channel, ms (0 when none). */
  oldestPendingMs: number
  dead: number
  rejects: number
  ordersImported: number
  /** Webhooks answered whose order has not been fetched yet. */
  webhooksPending: number
}

export interface RejectRecord {
  account: string
  channelOrderId: string
  reason: string
  code: string | null
  firstSeenAt: Date
  lastSeenAt: Date
}

/** Read side: never blocks the writer. */
export interface SyncQueries {
  accounts(): Promise<ChannelAccount[]>
  account(id: string): Promise<{ account: ChannelAccount; credentialsEnc: string } | undefined>
  status(account: ChannelAccount, now: Date): Promise<AccountStatus>
  jobs(filter: { account?: string; status?: SyncJobStatus; limit: number }): Promise<OutboxJob[]>
  /** Due work exists (the runner's cheap "anything to do?" check), and when the next retry falls due. */
  nextDue(account: ChannelAccount, primary: boolean): Promise<Date | null>
  rejects(account: string): Promise<RejectRecord[]>
  runs(account: string, limit: number): Promise<RunRecord[]>
  /** On hand and allocated summed over `locations`, per SKU (SKUs with no level are absent). */
  levels(skus: readonly string[], locations: readonly string[]): Promise<Map<string, { onHand: number; allocated: number }>>
  /** Every SKU with a stock level at these locations. */
  stockedSkus(locations: readonly string[]): Promise<string[]>
  /** Locations that fulfil online orders (the default feed for a channel). */
  onlineLocations(): Promise<string[]>
  stockState(account: string, skus?: readonly string[]): Promise<Map<string, StockStateRecord & { pushedAt: Date }>>
  cursor(account: string, stream: SyncStream): Promise<string | null>
  /** Our SKUs with a stock job waiting or being sent for the account. */
  outstandingStockSkus(account: string): Promise<Set<string>>
  /** Webhook events recorded but not yet followed by a fetch (re-queued after a restart). */
  unprocessedWebhooks(account: string): Promise<Array<{ orderId: string }>>
}

/** Builds the connector for an account from its record and decrypted credentials. */
export type ConnectorFactory = (account: ChannelAccount, credentials: Record<string, string>) => ChannelConnector

export interface ImportPassSummary {
  created: number
  updated: number
  unchanged: number
  stale: number
  rejected: number
  pages: number
  error: string | null
  throttledMs: number | null
}

export interface PushPassSummary {
  sent: number
  failed: number
  error: string | null
}

export type WebhookOutcome = { status: 'accepted'; eventId: string; orderId: string | null } | { status: 'duplicate'; eventId: string }

/** What the API asks of the running sync engine (jobs/sync-service.ts). */
export interface SyncControl {
  /** Accounts that could not start, with the reason. */
  readonly problems: ReadonlyMap<string, string>
  isRunning(id: string): boolean
  /** Starts, restarts or stops runners to match the saved accounts. */
  reload(changed?: string): Promise<void>
  testConnection(id: string): Promise<ConnectionInfo>
  testUnsaved(account: ChannelAccount, credentials: Record<string, string>): Promise<ConnectionInfo>
  syncNow(id: string): Promise<{ import: ImportPassSummary; push: PushPassSummary }>
  reconcileNow(id: string): Promise<unknown>
  /** Wakes the account that will send a job (null: every account). */
  kick(accountId: string | null): void
  webhook(accountId: string, rawBody: Uint8Array, headers: WebhookHeaders): Promise<WebhookOutcome>
  refetch(accountId: string, channelOrderId: string): Promise<{ created: number; updated: number; unchanged: number; stale: number; rejected: number }>
}

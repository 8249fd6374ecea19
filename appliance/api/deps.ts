/** What createApp needs; main.ts and the tests build it. */
import type { Approvals } from '../app/auth.js'
import type { DuckDbReportInputs } from '../db/report-inputs.js'
import type { DuckDbReports } from '../db/report-runner.js'
import type { BackupService } from '../app/backup.js'
import type { CatalogueImports } from '../app/catalogue-import.js'
import type { EventBus } from '../app/events.js'
import type { PrintDevices, PrintEncoder, PrintQueries } from '../app/print-queue.js'
import type { CatalogueQueries, Clock, StockQueries, TxStores, UnitOfWork } from '../app/ports.js'
import type { SessionCache } from '../app/session-cache.js'
import type { SaleQueries } from '../app/sale/ports.js'
import type { TillQueries } from '../app/till/ports.js'
import type { TillSettingsCache } from '../app/till/settings-cache.js'
import type { RandomBytes } from '../core/sale/index.js'
import type { CredentialBox } from '../app/sync/accounts.js'
import type { SyncControl, SyncQueries } from '../app/sync/ports.js'
import type { OrderSettingsCache } from '../app/orders/config.js'
import type { OrderQueries } from '../app/orders/ports.js'
import type { ReturnQueries } from '../app/returns/ports.js'
import type { ReturnsLabelEncoder } from '../app/returns/rma.js'
import type { FulfilmentQueries } from '../app/fulfilment/ports.js'
import type { CarrierRegistry } from '../app/fulfilment/carriers.js'
import type { CustomerMessenger } from '../app/fulfilment/collect.js'
import type { DespatchLabelEncoder } from '../app/fulfilment/pack.js'
import type { MetricsSource } from '../ops/metrics.js'

/** What the till's routes need beyond the foundation's deps. */
export interface TillDeps {
  settings: TillSettingsCache
  sales: SaleQueries
  tills: TillQueries
  /** Randomness for voucher codes (`crypto.getRandomValues` in the appliance). */
  randomBytes: RandomBytes
}

export interface AppDeps {
  version: string
  demo: boolean
  sessionIdleMs: number
  /** Send cookies with `Secure` (behind HTTPS). */
  secureCookies: boolean
  clock: Clock
  uow: UnitOfWork
  bus: EventBus
  sessions: SessionCache
  approvals: Approvals
  catalogue: CatalogueQueries
  stock: StockQueries
  imports: CatalogueImports
  backups: BackupService
  till: TillDeps
  printing: {
    queries: PrintQueries
    devices: PrintDevices
    encoder: PrintEncoder
  }
  /** Channel sync: accounts, status, the running engine. */
  sync: SyncDeps
  /** Reports, their drill-downs and exports; what managers enter for them; customer issues. */
  reports: ReportDeps
  /** The order book and the returns desk. */
  orders: OrderDeps
  /** Pick, pack and ship: pick lists, the packing bench, carriers, manifests, click and collect. */
  fulfilment: FulfilmentDeps
  /** The built UI (ui/dist); omitted in API-only tests. */
  uiRoot?: string
  /** Prometheus figures for GET /metrics (bearer token); omitted: /metrics answers 404. */
  metrics?: MetricsSource
}

/** What the channel routes need. */
export interface SyncDeps {
  control: SyncControl
  queries: SyncQueries
  /** Seals credentials before they are stored. */
  box: CredentialBox
}

/** What the order and return routes need. */
export interface OrderDeps {
  queries: OrderQueries
  returns: ReturnQueries
  settings: OrderSettingsCache
  /** Returns labels in the label printer's language. */
  labels: ReturnsLabelEncoder
  /** Runs the escalation rules now (the schedule runs them every minute); returns how many fired. */
  escalate(): Promise<number>
  /**
   * Refills backorders of these SKUs inside the caller's transaction (a stock receipt), when
   * some order waits for them — an in-memory check, so a receipt nobody waits for pays nothing.
   * Set once the backorder watcher runs (start.ts); absent in bare test apps.
   */
  refill?: (s: TxStores, skus: readonly string[], now: Date) => Promise<void>
}

/** What the pick, pack and ship routes need. */
export interface FulfilmentDeps {
  queries: FulfilmentQueries
  carriers: CarrierRegistry
  /** Despatch labels in the label printer's language. */
  labels: DespatchLabelEncoder
  /** Tells a customer their order is ready to collect; null: a slip prints instead. */
  messenger: CustomerMessenger | null
}

/** What the report routes need. */
export interface ReportDeps {
  queries: DuckDbReports
  inputs: DuckDbReportInputs
  /** Brings the report facts up to date with every committed sale (reports call it first). */
  facts: { flush(): Promise<void> }
}

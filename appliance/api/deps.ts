/** What createApp needs; main.ts and the tests build it. */
import type { Approvals } from '../app/auth.js'
import type { BackupService } from '../app/backup.js'
import type { CatalogueImports } from '../app/catalogue-import.js'
import type { EventBus } from '../app/events.js'
import type { PrintDevices, PrintEncoder, PrintQueries } from '../app/print-queue.js'
import type { CatalogueQueries, Clock, StockQueries, UnitOfWork } from '../app/ports.js'
import type { SessionCache } from '../app/session-cache.js'
import type { SaleQueries } from '../app/sale/ports.js'
import type { TillQueries } from '../app/till/ports.js'
import type { TillSettingsCache } from '../app/till/settings-cache.js'
import type { RandomBytes } from '../core/sale/index.js'

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
  /** The built UI (ui/dist); omitted in API-only tests. */
  uiRoot?: string
}

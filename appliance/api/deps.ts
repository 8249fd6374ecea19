/** What createApp needs; main.ts and the tests build it. */
import type { Approvals } from '../app/auth.js'
import type { BackupService } from '../app/backup.js'
import type { CatalogueImports } from '../app/catalogue-import.js'
import type { EventBus } from '../app/events.js'
import type { CatalogueQueries, Clock, StockQueries, UnitOfWork } from '../app/ports.js'
import type { SessionCache } from '../app/session-cache.js'

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
  /** The built UI (ui/dist); omitted in API-only tests. */
  uiRoot?: string
}

/**
 * Wires the appliance together from a Config: database, use cases, HTTP API, UI and
 * socket.io. main.ts calls it with the environment's config; tests call it with a
 * temporary data directory on port 0.
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { Approvals } from './app/auth.js'
import { CatalogueCache } from './app/catalogue-cache.js'
import { CatalogueImports } from './app/catalogue-import.js'
import { EventBus } from './app/events.js'
import type { Clock } from './app/ports.js'
import { SessionCache } from './app/session-cache.js'
import { createApp } from './api/create-app.js'
import type { AppDeps } from './api/deps.js'
import type { Config } from './config.js'
import { ParquetBackups } from './db/backup.js'
import { Database } from './db/database.js'
import { DuckDbCatalogueQueries, DuckDbSessionQueries, DuckDbStockQueries } from './db/queries.js'
import { seedDemoShop } from './db/seed-demo.js'
import { DuckDbSaleQueries } from './db/sale-queries.js'
import { DuckDbTillQueries } from './db/till-queries.js'
import { TillSettingsCache } from './app/till/settings-cache.js'
import { DuckDbUnitOfWork } from './db/tx-stores.js'
import { attachRealtime } from './realtime/socket-server.js'
import { DuckDbPrintQueries } from './db/print-queries.js'
import { DriverPrinterFleet } from './devices/printer-fleet.js'
import { driversEncoder } from './devices/print-encoder.js'
import { printDevices } from './devices/print-devices.js'
import { PrintWorker } from './jobs/print-worker.js'
import { DeviceMonitor } from './jobs/device-monitor.js'
import { driverScannerFactory, ScannerService, type ScannerFactory } from './devices/scanner-service.js'
import { upsertChannelOrder } from './app/orders/import-order.js'
import type { ConnectorFactory } from './app/sync/ports.js'
import { DuckDbSyncQueries } from './db/sync-queries.js'
import { connectorFactory, DEFAULT_CONNECTOR_HTTP } from './jobs/sync-connectors.js'
import { startDemoSync } from './jobs/sync-demo.js'
import type { SyncTiming } from './jobs/sync-runner.js'
import { SyncService } from './jobs/sync-service.js'
import { loadSecretBox } from './secrets/key-file.js'
import type { DemoChannels } from '../sync/simulators/demo.js'
import { OrderSettingsCache } from './app/orders/config.js'
import { BackorderWatcher, runEscalations, SlaEscalator } from './app/orders/escalation.js'
import { DuckDbOrderQueries } from './db/order-queries.js'
import { DuckDbReturnQueries } from './db/return-queries.js'
import { seedDemoOrders } from './db/order-demo.js'
import { returnsLabelTspl, returnsLabelZpl, shippingLabelTspl, shippingLabelZpl, zplToBytes } from '../drivers/printer/label.js'
import { DuckDbFulfilmentQueries } from './db/fulfilment-queries.js'
import { CarrierRegistry } from './app/fulfilment/carriers.js'
import { ReportRefresher } from './db/report-refresher.js'
import { DuckDbReports } from './db/report-runner.js'
import { DuckDbReportInputs } from './db/report-inputs.js'
import { ParquetExportJob } from './jobs/parquet-export.js'
import { BackupScheduleJob } from './jobs/backup-schedule.js'
import { ApplianceMetrics, loadMetricsToken } from './ops/metrics.js'
import { httpFetch, listenHttps, prepareOperations, type LoggingOptions } from './ops/operations.js'
import type { Logger } from './ops/logger.js'
import type { TlsMaterial } from './ops/tls.js'

export const UI_ROOT = fileURLToPath(new URL('../ui/dist/', import.meta.url))
const VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string }).version

export interface RunningAppliance {
  url: string
  port: number
  db: Database
  deps: AppDeps
  /** The printers (virtual ones show what printed). */
  fleet: DriverPrinterFleet
  seeded: boolean
  /** Channel sync (runners per account). */
  sync: SyncService
  /** The demo channels' simulators, when they run. */
  demoChannels: DemoChannels | undefined
  /** The HTTPS address when HTTPS is on (then plain HTTP serves loopback clients only). */
  httpsUrl: string | undefined
  httpsPort: number | undefined
  tls: TlsMaterial | undefined
  /** Structured logs (stdout and `<dataDir>/logs/appliance.log`). */
  logger: Logger
  /** The nightly backup (tests run it now). */
  backupSchedule: BackupScheduleJob | undefined
  stop(): Promise<void>
}

export const systemClock: Clock = { now: () => new Date() }

export interface StartOptions {
  clock?: Clock
  /** How scanner records become transports (tests inject fakes; there is no USB bus here). */
  scannerFactory?: ScannerFactory
  /** How channel accounts become connectors (tests wrap it to script faults or shorten timeouts). */
  connectorFactory?: ConnectorFactory
  /** Sync timings (debounce, retry policy, reconciliation interval). */
  syncTiming?: Partial<SyncTiming>
  /** Run the demo channels (default: config.demoChannels). */
  demoChannels?: boolean
  /** Where logs go besides the log file; main.ts routes console.* through the logger. */
  logging?: LoggingOptions
}

export async function startAppliance(config: Config, options: StartOptions = {}): Promise<RunningAppliance> {
  const { clock = systemClock, scannerFactory = driverScannerFactory } = options
  const ops = await prepareOperations(config, options.logging)
  const { db, created } = await Database.open(config.databasePath)
  const seeded = created && config.demo
  if (seeded) await seedDemoShop(db, { products: config.demoProducts, now: clock.now() })
  const demo = (await db.reader.one<{ v: string }>("SELECT value::VARCHAR AS v FROM settings WHERE key = 'demo'"))?.v === 'true'

  const bus = new EventBus()
  const catalogue = await CatalogueCache.load(new DuckDbCatalogueQueries(db), bus)
  const syncRef: { current?: SyncService } = {}
  const uow = new DuckDbUnitOfWork(db, bus, (sku) => catalogue.has(sku), () => syncRef.current?.wantsStockMarks ?? true)
  const fleet = new DriverPrinterFleet()
  const printQueries = new DuckDbPrintQueries(db)
  const scanners = new ScannerService({
    bus,
    factory: scannerFactory,
    scanners: () => printQueries.scanners(),
    stationsOf: (id) => printQueries.stationsOfScanner(id),
  })
  const box = loadSecretBox({ dataDir: config.dataDir, envKey: config.secretKey })
  const syncQueries = new DuckDbSyncQueries(db)
  const sync = new SyncService({
    uow, bus, clock, box, queries: syncQueries, upsert: upsertChannelOrder,
    connectors: options.connectorFactory ?? connectorFactory({ ...DEFAULT_CONNECTOR_HTTP, timeoutMs: config.syncTimeoutMs }), timing: options.syncTiming,
  })
  syncRef.current = sync
  const orderQueries = new DuckDbOrderQueries(db)
  const orderSettings = new OrderSettingsCache(orderQueries)
  // The report facts follow the order book; the zone is the till settings' (a manager may change it).
  const reportFacts = new ReportRefresher(db, bus, clock, async () => (await deps.till.settings.current()).settings.timeZone)
  const deps: AppDeps = {
    version: VERSION,
    demo,
    sessionIdleMs: config.sessionIdleMs,
    secureCookies: false,
    clock,
    uow,
    bus,
    sessions: new SessionCache(new DuckDbSessionQueries(db), uow, config.sessionIdleMs),
    approvals: new Approvals(),
    catalogue,
    stock: new DuckDbStockQueries(db),
    imports: new CatalogueImports(uow, bus, clock),
    backups: new ParquetBackups(db, config.backupDir, clock),
    till: {
      settings: new TillSettingsCache(new DuckDbTillQueries(db), config.timeZone),
      sales: new DuckDbSaleQueries(db),
      tills: new DuckDbTillQueries(db),
      randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    },
    printing: { queries: printQueries, devices: printDevices(fleet, scanners), encoder: driversEncoder },
    sync: { control: sync, queries: syncQueries, box },
    orders: {
      queries: orderQueries,
      returns: new DuckDbReturnQueries(db),
      settings: orderSettings,
      labels: { encode: (label, format) => (format === 'zpl' ? zplToBytes(returnsLabelZpl(label)) : returnsLabelTspl(label)) },
      escalate: () => runEscalations(uow, orderQueries, orderSettings, clock.now()),
    },
    reports: { queries: new DuckDbReports(db), inputs: new DuckDbReportInputs(db), facts: reportFacts },
    fulfilment: {
      queries: new DuckDbFulfilmentQueries(db),
      carriers: new CarrierRegistry(),
      labels: { encode: (label, format) => (format === 'zpl' ? zplToBytes(shippingLabelZpl(label)) : shippingLabelTspl(label)) },
      messenger: null,
    },
    uiRoot: existsSync(UI_ROOT) ? UI_ROOT : undefined,
    metrics: new ApplianceMetrics({ db, clock, version: VERSION, backups: new ParquetBackups(db, config.backupDir, clock), token: loadMetricsToken(config.dataDir, config.metricsToken) }),
  }
  const printWorker = new PrintWorker({ uow, fleet, clock, bus, printers: () => printQueries.printers() })
  await printWorker.start()
  await scanners.start()
  const deviceMonitor = new DeviceMonitor({ bus, printers: () => printQueries.printers(), status: (p) => fleet.status(p) })
  deviceMonitor.start()
  const { app } = createApp(deps)
  const https = ops.tls ? await listenHttps(app.fetch, config, ops.tls) : undefined
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: httpFetch(app.fetch, https, ops.tls) as typeof app.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server))
  })
  const io = attachRealtime(server, { bus, sessions: deps.sessions, clock })
  const ioHttps = https && attachRealtime(https.server, { bus, sessions: deps.sessions, clock })
  const port = (server.address() as AddressInfo).port
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host
  const demoChannels = (options.demoChannels ?? config.demoChannels)
    ? await startDemoSync({ uow, clock, box, applianceUrl: `http://${host}:${port}` }).catch((error: unknown) => {
      console.error('[sync] the demo channels did not start:', error)
      return undefined
    })
    : undefined
  await sync.start()
  if (seeded) await seedDemoOrders(uow, clock.now())
  const escalator = new SlaEscalator(deps.orders.escalate)
  escalator.start()
  const backorders = new BackorderWatcher({ bus, uow, queries: orderQueries, settings: orderSettings, now: () => clock.now() })
  await backorders.start()
  deps.orders.refill = (s, skus, now) => backorders.refillNow(s, skus, now) // a receipt fills waiting orders in its own transaction
  reportFacts.start()
  // Head office's copy of the order book: hive-partitioned Parquet under the data directory, nightly.
  const parquetExport = new ParquetExportJob({
    db, clock, dir: `${config.dataDir}/exports/order-book`, flush: () => reportFacts.flush(),
    timeZone: async () => (await deps.till.settings.current()).settings.timeZone,
  })
  parquetExport.start()
  const backupSchedule = config.backupSchedule.time === undefined ? undefined : new BackupScheduleJob({
    backups: deps.backups, dir: config.backupDir, clock, time: config.backupSchedule.time, keep: config.backupSchedule.keep,
    timeZone: async () => (await deps.till.settings.current()).settings.timeZone,
    log: (level, msg, fields) => ops.logger.write(level, msg, fields),
  })
  backupSchedule?.start()
  return {
    url: `http://${host}:${port}`,
    httpsUrl: https && `https://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${https.port}`,
    httpsPort: https?.port,
    tls: ops.tls,
    logger: ops.logger,
    backupSchedule,
    port,
    db,
    deps,
    seeded,
    fleet,
    sync,
    demoChannels,
    async stop() {
      await backupSchedule?.stop()
      await parquetExport.stop()
      await reportFacts.stop()
      await escalator.stop()
      await backorders.stop()
      await sync.stop()
      await demoChannels?.stop()
      await deviceMonitor.stop()
      await printWorker.stop()
      await scanners.stop()
      await fleet.close()
      await io.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await ioHttps?.close()
      if (https) await new Promise<void>((resolve) => https.server.close(() => resolve()))
      await db.checkpoint().catch(() => undefined)
      db.close()
      ops.close()
    },
  }
}

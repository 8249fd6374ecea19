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
  stop(): Promise<void>
}

export const systemClock: Clock = { now: () => new Date() }

export interface StartOptions {
  clock?: Clock
  /** How scanner records become transports (tests inject fakes; there is no USB bus here). */
  scannerFactory?: ScannerFactory
}

export async function startAppliance(config: Config, { clock = systemClock, scannerFactory = driverScannerFactory }: StartOptions = {}): Promise<RunningAppliance> {
  const { db, created } = await Database.open(config.databasePath)
  const seeded = created && config.demo
  if (seeded) await seedDemoShop(db, { products: config.demoProducts, now: clock.now() })
  const demo = (await db.reader.one<{ v: string }>("SELECT value::VARCHAR AS v FROM settings WHERE key = 'demo'"))?.v === 'true'

  const bus = new EventBus()
  const catalogue = await CatalogueCache.load(new DuckDbCatalogueQueries(db), bus)
  const uow = new DuckDbUnitOfWork(db, bus, (sku) => catalogue.has(sku))
  const fleet = new DriverPrinterFleet()
  const printQueries = new DuckDbPrintQueries(db)
  const scanners = new ScannerService({
    bus,
    factory: scannerFactory,
    scanners: () => printQueries.scanners(),
    stationsOf: (id) => printQueries.stationsOfScanner(id),
  })
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
    uiRoot: existsSync(UI_ROOT) ? UI_ROOT : undefined,
  }
  const printWorker = new PrintWorker({ uow, fleet, clock, bus, printers: () => printQueries.printers() })
  await printWorker.start()
  await scanners.start()
  const deviceMonitor = new DeviceMonitor({ bus, printers: () => printQueries.printers(), status: (p) => fleet.status(p) })
  deviceMonitor.start()
  const { app } = createApp(deps)
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server))
  })
  const io = attachRealtime(server, { bus, sessions: deps.sessions, clock })
  const port = (server.address() as AddressInfo).port
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    deps,
    seeded,
    fleet,
    async stop() {
      await deviceMonitor.stop()
      await printWorker.stop()
      await scanners.stop()
      await fleet.close()
      await io.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await db.checkpoint().catch(() => undefined)
      db.close()
    },
  }
}

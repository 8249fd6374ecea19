/**
 * The operations side of startAppliance, kept out of start.ts: the structured logger
 * (and, for the real process, console routed through it), the HTTPS certificate and
 * listener, and the nightly backup job.
 */
import type { Server } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { Config } from '../config.js'
import { captureConsole } from './console-bridge.js'
import { httpFront, httpsFront, type Fetch } from './https-front.js'
import { Logger } from './logger.js'
import { loadOrCreateTls, type TlsMaterial } from './tls.js'

export interface LoggingOptions {
  /** stdout as JSON lines (a service), readable lines (a terminal) or nothing (tests: the file only). */
  stdout?: 'json' | 'pretty' | false
  /** Route console.* through the logger (the real process; never in tests, which share one console). */
  captureConsole?: boolean
}

export interface Operations {
  logger: Logger
  tls: TlsMaterial | undefined
  close(): void
}

export async function prepareOperations(config: Config, logging: LoggingOptions = {}): Promise<Operations> {
  const logger = new Logger({
    level: config.logLevel,
    stdout: logging.stdout ?? false,
    file: { path: join(config.log.dir, 'appliance.log'), maxBytes: config.log.maxBytes, keep: config.log.files },
  })
  const restoreConsole = logging.captureConsole ? captureConsole(logger) : undefined
  let tls: TlsMaterial | undefined
  if (config.https.enabled) {
    tls = await loadOrCreateTls({ dataDir: config.dataDir, certFile: config.https.certFile, keyFile: config.https.keyFile, hostnames: config.https.hostnames })
    logger.info(`HTTPS certificate ${tls.origin}`, { component: 'tls', names: tls.names, fingerprint: tls.fingerprint, ca: tls.caPath })
  }
  return {
    logger,
    tls,
    close() {
      restoreConsole?.()
      logger.close()
    },
  }
}

/** The fetch handler for the plain-HTTP listener: unchanged without HTTPS, else loopback-only. */
export function httpFetch(app: Fetch, https: { port: number } | undefined, tls: TlsMaterial | undefined): Fetch {
  return https && tls ? httpFront(app, { httpsPort: https.port, caCert: tls.caCert }) : app
}

/** Starts the HTTPS listener on config.https.port. */
export async function listenHttps(app: Fetch, config: Config, tls: TlsMaterial): Promise<{ server: Server; port: number }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: httpsFront(app, { caCert: tls.caCert }) as never, port: config.https.port, hostname: config.host, createServer, serverOptions: { key: tls.key, cert: tls.cert } }, () => resolve(s as Server))
    s.once('error', reject)
  })
  return { server, port: (server.address() as AddressInfo).port }
}

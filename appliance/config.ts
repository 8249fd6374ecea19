/**
 * The only reader of process.env. Parsed once, with zod, into a frozen object; every
 * problem is reported before the server listens.
 */
import { resolve } from 'node:path'
import { z } from 'zod'

const Env = z.object({
  APPLIANCE_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Seed the demo shop when the database is new ("1"/"0"); on by default so a newcomer sees a working shop. */
  APPLIANCE_DEMO: z.enum(['0', '1']).default('1'),
  STORE_TIME_ZONE: z.string().default('Europe/London'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(12 * 60),
  /** Demo catalogue size; the bench seeds 100k. */
  DEMO_PRODUCTS: z.coerce.number().int().min(10).max(1_000_000).default(600),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** The key that encrypts channel credentials (64 hex digits or base64 of 32 bytes); default: `<dataDir>/secrets/channel-key`. */
  APPLIANCE_SECRET_KEY: z.string().regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'use 64 hex digits or the base64 of 32 bytes').optional(),
  /** Run the four channel simulators with simulated customers and one demo account each ("1"/"0"); see demoChannels below. */
  APPLIANCE_DEMO_CHANNELS: z.enum(['0', '1']).optional(),
  /** How long one call to a channel may take before it counts as a timeout (and is retried). */
  SYNC_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  // Operations (see docs/OPERATIONS.md).
  /** HTTPS on the LAN ("on"/"off"); default: on from the real environment (`npm start`, the service), off for explicit configs (tests). */
  APPLIANCE_HTTPS: z.enum(['on', 'off']).optional(),
  /** Default 8443, or 0 (any free port) when PORT is 0. */
  HTTPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** A certificate and key (PEM files) to use instead of the generated one. */
  APPLIANCE_TLS_CERT: z.string().min(1).optional(),
  APPLIANCE_TLS_KEY: z.string().min(1).optional(),
  /** Extra names/addresses for the generated certificate, comma-separated (e.g. till.shop.lan,192.168.1.50). */
  APPLIANCE_TLS_HOSTNAMES: z.string().default(''),
  /** Bearer token for GET /metrics; default: `<dataDir>/secrets/metrics-token`, made on first start. */
  APPLIANCE_METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  /** Store-local time of the nightly backup (HH:MM), or "off". */
  APPLIANCE_BACKUP_TIME: z.string().regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'use HH:MM (24-hour) or off').default('01:30'),
  /** Scheduled backups kept (older ones are deleted; backups made by hand are never deleted). */
  APPLIANCE_BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  APPLIANCE_LOG_MAX_MB: z.coerce.number().min(0.01).max(1024).default(10),
  APPLIANCE_LOG_FILES: z.coerce.number().int().min(1).max(100).default(5),
})

export interface Config {
  readonly dataDir: string
  readonly databasePath: string
  readonly backupDir: string
  readonly port: number
  readonly host: string
  readonly demo: boolean
  readonly timeZone: string
  readonly sessionIdleMs: number
  readonly demoProducts: number
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  /** From APPLIANCE_SECRET_KEY; undefined: the key file in the data directory. */
  readonly secretKey: string | undefined
  /**
   * Demo channels on loopback. Default: on in a demo shop started from the real environment
   * (`npm start`), off for configs built from an explicit object (tests, benchmarks), so a
   * test never pays for four simulators and their customers unless it asks.
   */
  readonly demoChannels: boolean
  /** Per-call timeout for channel APIs. */
  readonly syncTimeoutMs: number
  /** HTTPS on the LAN: the port, and a supplied certificate (else one is generated under `<dataDir>/tls`). */
  readonly https: { readonly enabled: boolean; readonly port: number; readonly certFile?: string; readonly keyFile?: string; readonly hostnames: readonly string[] }
  /** From APPLIANCE_METRICS_TOKEN; undefined: the token file in the data directory. */
  readonly metricsToken: string | undefined
  /** Nightly backup: store-local time (undefined: off) and how many scheduled backups are kept. */
  readonly backupSchedule: { readonly time: string | undefined; readonly keep: number }
  /** Structured logs: `<dataDir>/logs/appliance.log`, rotated by size. */
  readonly log: { readonly dir: string; readonly maxBytes: number; readonly files: number }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new ConfigError(`The appliance's settings are not valid:\n${problems}`)
  }
  const e = parsed.data
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: e.STORE_TIME_ZONE })
  } catch {
    throw new ConfigError(`STORE_TIME_ZONE "${e.STORE_TIME_ZONE}" is not an IANA time zone (e.g. Europe/London)`)
  }
  if (Boolean(e.APPLIANCE_TLS_CERT) !== Boolean(e.APPLIANCE_TLS_KEY)) {
    throw new ConfigError('Set both APPLIANCE_TLS_CERT and APPLIANCE_TLS_KEY (a certificate and its private key), or neither')
  }
  const dataDir = resolve(e.APPLIANCE_DATA_DIR)
  return Object.freeze({
    dataDir,
    databasePath: resolve(dataDir, 'appliance.duckdb'),
    backupDir: resolve(dataDir, 'backups'),
    port: e.PORT,
    host: e.HOST,
    demo: e.APPLIANCE_DEMO === '1',
    timeZone: e.STORE_TIME_ZONE,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    demoProducts: e.DEMO_PRODUCTS,
    logLevel: e.LOG_LEVEL,
    secretKey: e.APPLIANCE_SECRET_KEY,
    syncTimeoutMs: e.SYNC_TIMEOUT_MS,
    demoChannels: e.APPLIANCE_DEMO_CHANNELS === undefined ? e.APPLIANCE_DEMO === '1' && env === process.env : e.APPLIANCE_DEMO_CHANNELS === '1',
    https: {
      enabled: e.APPLIANCE_HTTPS === undefined ? env === process.env : e.APPLIANCE_HTTPS === 'on',
      port: e.HTTPS_PORT ?? (e.PORT === 0 ? 0 : 8443),
      ...(e.APPLIANCE_TLS_CERT && { certFile: resolve(e.APPLIANCE_TLS_CERT) }),
      ...(e.APPLIANCE_TLS_KEY && { keyFile: resolve(e.APPLIANCE_TLS_KEY) }),
      hostnames: e.APPLIANCE_TLS_HOSTNAMES.split(',').map((h) => h.trim()).filter(Boolean),
    },
    metricsToken: e.APPLIANCE_METRICS_TOKEN,
    backupSchedule: { time: e.APPLIANCE_BACKUP_TIME === 'off' ? undefined : e.APPLIANCE_BACKUP_TIME, keep: e.APPLIANCE_BACKUP_KEEP },
    log: { dir: resolve(dataDir, 'logs'), maxBytes: Math.round(e.APPLIANCE_LOG_MAX_MB * 1024 * 1024), files: e.APPLIANCE_LOG_FILES },
  })
}

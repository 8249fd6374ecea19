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
  })
}

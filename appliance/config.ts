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
  })
}

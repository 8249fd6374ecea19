/**
 * The nightly backup: a consistent Parquet snapshot (the same as Settings → Back up now)
 * at a store-local time (01:30 by default, APPLIANCE_BACKUP_TIME), into `<dataDir>/backups`,
 * shown in the backups screen like any other. Scheduled backups carry a `.scheduled`
 * marker; only they are pruned (the newest `keep` stay), never one a person made.
 *
 * A shop may switch the mini-PC off at night: if the newest scheduled backup is more than
 * a day old when the appliance starts, one runs `catchUpDelayMs` after start.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupService, BackupSummary } from '../app/backup.js'
import type { Clock } from '../app/ports.js'
import { localDateTime } from '../core/orders/zoned-time.js'

export const SCHEDULED_MARKER = '.scheduled'
const DAY_MS = 24 * 60 * 60_000

export interface BackupScheduleOptions {
  backups: BackupService
  dir: string
  clock: Clock
  timeZone: () => Promise<string>
  /** Store-local HH:MM. */
  time: string
  /** Scheduled backups kept. */
  keep: number
  /** How long after start a missed nightly backup runs (default 10 minutes). */
  catchUpDelayMs?: number
  log?: (level: 'info' | 'error', msg: string, fields?: Record<string, unknown>) => void
}

/** Scheduled backups on disk, newest first. */
export function scheduledBackups(dir: string): Array<{ name: string; createdAt: string }> {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, SCHEDULED_MARKER)) && existsSync(join(dir, name, 'manifest.json')))
    .map((name) => ({ name, createdAt: (JSON.parse(readFileSync(join(dir, name, 'manifest.json'), 'utf8')) as { createdAt: string }).createdAt }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/** Milliseconds from `now` to the next `HH:MM` in the zone (always in the future, at most a day). */
export function msUntil(time: string, now: Date, zone: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number]
  const local = localDateTime(now, zone)
  let wait = ((h * 60 + m - local.minutes) * 60 - local.second) * 1000 - now.getUTCMilliseconds()
  if (wait <= 0) wait += DAY_MS
  return wait
}

export class BackupScheduleJob {
  private timer: NodeJS.Timeout | undefined
  private catchUp: NodeJS.Timeout | undefined
  private running: Promise<BackupSummary> | undefined
  private stopped = false
  private scheduling: Promise<void> | undefined

  constructor(private readonly options: BackupScheduleOptions) {}

  start(): void {
    this.stopped = false
    const newest = scheduledBackups(this.options.dir)[0]
    const age = newest ? this.options.clock.now().getTime() - Date.parse(newest.createdAt) : Infinity
    if (age > DAY_MS + 60 * 60_000) {
      this.catchUp = setTimeout(() => void this.runNow().catch(() => undefined), this.options.catchUpDelayMs ?? 10 * 60_000)
      this.catchUp.unref()
    }
    this.scheduling = this.schedule()
  }

  async stop(): Promise<void> {
    this.stopped = true
    // The first schedule reads the store's zone: let it finish before the database closes.
    await this.scheduling
    clearTimeout(this.timer)
    clearTimeout(this.catchUp)
    await this.running?.catch(() => undefined)
  }

  /** Makes a scheduled backup now and prunes old ones; one at a time. */
  runNow(): Promise<BackupSummary> {
    this.running ??= this.run().finally(() => (this.running = undefined))
    return this.running
  }

  private async run(): Promise<BackupSummary> {
    const log = this.options.log ?? (() => undefined)
    try {
      const summary = await this.options.backups.create()
      writeFileSync(join(summary.path, SCHEDULED_MARKER), `${summary.createdAt}\n`)
      const pruned = this.prune()
      log('info', 'scheduled backup written', { component: 'backup', name: summary.name, sizeBytes: summary.sizeBytes, pruned })
      return summary
    } catch (error) {
      log('error', 'the scheduled backup failed', { component: 'backup', err: error })
      throw error
    }
  }

  /** Deletes scheduled backups beyond the newest `keep`; returns their names. */
  prune(): string[] {
    const old = scheduledBackups(this.options.dir).slice(this.options.keep)
    for (const b of old) rmSync(join(this.options.dir, b.name), { recursive: true, force: true })
    return old.map((b) => b.name)
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return
    const zone = await this.options.timeZone().catch((error: unknown) => {
      this.options.log?.('error', 'could not read the store\'s time zone; the nightly backup is not scheduled', { component: 'backup', err: error })
      return undefined
    })
    if (zone === undefined || this.stopped) return
    const wait = msUntil(this.options.time, this.options.clock.now(), zone)
    this.timer = setTimeout(() => {
      this.runNow().catch(() => undefined).finally(() => (this.scheduling = this.schedule()))
    }, wait)
    this.timer.unref()
  }
}

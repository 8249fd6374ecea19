/**
 * The nightly backup: scheduled backups are written, marked, listed with the others and
 * pruned to the newest N (hand-made ones are never pruned); and a scheduled backup restores
 * to a database equal to its source in EVERY table — row counts and content checksums.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ParquetBackups, restoreBackup } from '../../appliance/db/backup.js'
import { Database } from '../../appliance/db/database.js'
import { BackupScheduleJob, msUntil, SCHEDULED_MARKER, scheduledBackups } from '../../appliance/jobs/backup-schedule.js'
import { openTill, productsByRate, sell, testClock } from '../api/till-fixtures.js'
import { signIn, startAppliance } from '../support/appliance.js'
import { tableChecksums } from './table-checksums.js'

describe('the nightly backup', () => {
  it('waits until the next store-local time, across midnight and clock changes', () => {
    // 01:00 UTC on a summer day is 02:00 in London: 01:30 London is 23.5 hours away.
    expect(msUntil('01:30', new Date('2026-06-15T01:00:00Z'), 'Europe/London')).toBe(23.5 * 3600_000)
    expect(msUntil('01:30', new Date('2026-01-15T01:00:00Z'), 'Europe/London')).toBe(30 * 60_000)
    expect(msUntil('01:30', new Date('2026-01-15T01:30:00Z'), 'Europe/London')).toBe(24 * 3600_000)
  })

  it('writes scheduled backups the backups screen lists, and keeps only the newest N of them', async () => {
    const clock = testClock()
    const appliance = await startAppliance({ clock, env: { APPLIANCE_BACKUP_KEEP: '3' } })
    try {
      const maya = await signIn(appliance.url)
      // One backup made by hand: retention must never delete it.
      expect((await maya.fetch('/api/backups', { method: 'POST' })).status).toBe(202)
      await expect.poll(async () => (await maya.get<{ items: unknown[] }>('/api/backups')).items.length).toBe(1)
      const job = appliance.backupSchedule!
      const made: string[] = []
      for (let night = 0; night < 5; night++) {
        clock.advance(24 * 3600_000)
        made.push((await job.runNow()).name)
      }
      const kept = scheduledBackups(join(appliance.dataDir, 'backups')).map((b) => b.name)
      expect(kept).toEqual(made.slice(-3).reverse())
      // Five nights later the morning's session has long ended: sign in again.
      const manager = await signIn(appliance.url)
      const listed = (await manager.get<{ items: Array<{ name: string }> }>('/api/backups')).items.map((b) => b.name)
      expect(listed).toHaveLength(4)
      expect(listed).toEqual(expect.arrayContaining(kept))
      for (const name of made.slice(0, 2)) expect(existsSync(join(appliance.dataDir, 'backups', name))).toBe(false)
    } finally {
      await appliance.stop()
    }
  })

  it('restores a scheduled backup to a database equal to the source in every table', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ops-backup-'))
    try {
      // A shop with history in most tables: the demo shop, its orders, till sales, a closed print queue.
      const clock = testClock()
      const appliance = await startAppliance({ dataDir, clock })
      const maya = await signIn(appliance.url)
      await openTill(maya, 'till-1')
      const rates = await productsByRate(maya)
      for (const [i, p] of [rates[20][0]!, rates[5][0]!, rates[0][0]!, rates[20][1]!].entries()) {
        await sell(maya, { till: 'till-1', lines: [{ sku: p.sku, quantity: 1 + i }], tenders: [{ method: 'cash', amountMinor: p.priceMinor * (1 + i) + 500 }] })
      }
      await appliance.stop()

      // The source is quiet (nothing else writes), so its checksums are the backup's moment.
      const { db } = await Database.open(join(dataDir, 'appliance.duckdb'), { readers: 1 })
      const source = await tableChecksums(db.reader)
      const job = new BackupScheduleJob({ backups: new ParquetBackups(db, join(dataDir, 'backups'), clock), dir: join(dataDir, 'backups'), clock, time: '01:30', keep: 14, timeZone: async () => 'Europe/London' })
      const backup = await job.runNow()
      db.close()
      expect(existsSync(join(backup.path, SCHEDULED_MARKER))).toBe(true)

      const restoredPath = join(dataDir, 'restored.duckdb')
      await restoreBackup(backup.path, restoredPath)
      const { db: restoredDb } = await Database.open(restoredPath, { readers: 1 })
      const restored = await tableChecksums(restoredDb.reader)
      restoredDb.close()

      expect(Object.keys(restored).sort()).toEqual(Object.keys(source).sort())
      expect(Object.keys(source).length).toBeGreaterThan(40)
      for (const table of Object.keys(source)) expect(restored[table], table).toEqual(source[table])
      // The comparison is not vacuous: the tables a sale writes hold rows.
      for (const table of ['orders', 'order_lines', 'payments', 'stock_movements', 'print_jobs', 'audit_log']) expect(source[table]!.rows, table).toBeGreaterThan(0)
      expect(readdirSync(join(dataDir, 'backups'))).toContain(backup.name)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

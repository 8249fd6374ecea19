/**
 * Background jobs stop cleanly: a job stopped while its first schedule still reads the
 * store's zone waits for that read (the database closes right after stop), schedules
 * nothing afterwards, and a failed read is logged, never an unhandled rejection.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../appliance/app/events.js'
import { BackupScheduleJob } from '../../appliance/jobs/backup-schedule.js'
import { DeviceMonitor } from '../../appliance/jobs/device-monitor.js'
import { ParquetExportJob } from '../../appliance/jobs/parquet-export.js'
import type { Database } from '../../appliance/db/database.js'
import type { BackupService } from '../../appliance/app/backup.js'

const clock = { now: () => new Date('2026-11-22T10:00:00Z') }
const rejections: unknown[] = []
const onRejection = (reason: unknown) => rejections.push(reason)
beforeEach(() => {
  rejections.length = 0
  process.on('unhandledRejection', onRejection)
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  process.off('unhandledRejection', onRejection)
  vi.restoreAllMocks()
})

/** A zone read the test settles by hand. */
function slowZone() {
  let settle!: { resolve: (zone: string) => void; reject: (error: Error) => void }
  const read = vi.fn(() => new Promise<string>((resolve, reject) => (settle = { resolve, reject })))
  return { read, settle: () => settle }
}

const jobs = {
  'nightly Parquet export': (timeZone: () => Promise<string>) =>
    new ParquetExportJob({ db: {} as Database, clock, dir: '/nonexistent', flush: async () => undefined, timeZone }),
  'nightly backup': (timeZone: () => Promise<string>) =>
    new BackupScheduleJob({ backups: {} as BackupService, dir: '/nonexistent', clock, time: '01:30', keep: 3, timeZone, log: (_level, msg) => console.error(msg) }),
}

describe.each(Object.entries(jobs))('%s', (_name, make) => {
  it('stop waits for the first zone read and schedules nothing after it', async () => {
    const zone = slowZone()
    const job = make(zone.read)
    job.start()
    let stopped = false
    const stopping = job.stop().then(() => (stopped = true))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(stopped).toBe(false)
    zone.settle().resolve('Europe/London')
    await stopping
    expect((job as unknown as { timer: unknown }).timer).toBeUndefined()
  })

  it('a failed zone read is logged, not an unhandled rejection', async () => {
    const zone = slowZone()
    const job = make(zone.read)
    job.start()
    zone.settle().reject(new Error('bad_weak_ptr'))
    await job.stop()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(rejections).toEqual([])
    expect(console.error).toHaveBeenCalled()
  })
})

describe('printer status monitor', () => {
  it('a failed poll is logged, not an unhandled rejection', async () => {
    const monitor = new DeviceMonitor({ bus: new EventBus(), printers: () => Promise.reject(new Error('database closed')), status: async () => 'ok', intervalMs: 5 })
    monitor.start()
    await new Promise((resolve) => setTimeout(resolve, 30))
    await monitor.stop()
    expect(rejections).toEqual([])
    expect(console.error).toHaveBeenCalledWith('[devices] the printer status poll failed', expect.any(Error))
  })
})

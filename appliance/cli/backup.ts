/**
 * `npm run backup`: a consistent snapshot into data/backups/. With the appliance
 * stopped it opens the database itself; while it runs (the file is locked) it asks
 * the running appliance through its API, signing in with APPLIANCE_STAFF and
 * APPLIANCE_PIN (a manager), at APPLIANCE_URL (default http://127.0.0.1:$PORT).
 */
import { loadConfig } from '../config.js'
import { ParquetBackups } from '../db/backup.js'
import { Database, DatabaseLockedError } from '../db/database.js'
import { progressLine } from './common.js'

const config = loadConfig()

async function backupThroughService(): Promise<void> {
  const url = process.env['APPLIANCE_URL'] ?? `http://127.0.0.1:${config.port}`
  const staff = process.env['APPLIANCE_STAFF']
  const pin = process.env['APPLIANCE_PIN']
  if (!staff || !pin) {
    console.error('The appliance is running, so the backup goes through it: set APPLIANCE_STAFF and APPLIANCE_PIN (a manager) and try again.')
    process.exit(2)
  }
  const session = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff, pin, station: 'command-line' }) })
  if (session.status !== 201) throw new Error(`Sign-in refused: ${await session.text()}`)
  const { csrfToken } = (await session.json()) as { csrfToken: string }
  const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const list = async () => ((await (await fetch(`${url}/api/backups`, { headers: { cookie } })).json()) as { items: Array<{ name: string }> }).items
  const before = new Set((await list()).map((b) => b.name))
  const started = await fetch(`${url}/api/backups`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })
  if (started.status !== 202) throw new Error(`Backup refused: ${await started.text()}`)
  for (let waited = 0; waited < 600_000; waited += 500) {
    const fresh = (await list()).find((b) => !before.has(b.name))
    if (fresh) return console.log(`Backup written: ${config.backupDir}/${fresh.name}`)
    process.stdout.write('.')
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error('The backup did not finish in 10 minutes')
}

try {
  const { db } = await Database.open(config.databasePath, { readers: 1 })
  const summary = await new ParquetBackups(db, config.backupDir, { now: () => new Date() }).create((p) => progressLine(p.done, p.total, p.step))
  db.close()
  console.log(`Backup written: ${summary.path} (${Object.values(summary.tables).reduce((a, b) => a + b, 0)} rows, ${Math.round(summary.sizeBytes / 1024)} KiB)`)
} catch (error) {
  if (!(error instanceof DatabaseLockedError)) throw error
  await backupThroughService()
}

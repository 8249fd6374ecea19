/** `npm run restore -- <backup folder or name>`: replaces the database with a backup (stop the appliance first). */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../config.js'
import { restoreBackup } from '../db/backup.js'

const config = loadConfig()
const arg = process.argv[2]
if (!arg) {
  console.error('Usage: npm run restore -- <backup folder, or a name from data/backups>')
  process.exit(64)
}
const path = existsSync(arg) ? arg : join(config.backupDir, arg)
if (!existsSync(join(path, 'manifest.json'))) {
  console.error(`${path} is not a backup (no manifest.json)`)
  process.exit(64)
}
try {
  const { tables, keptAs } = await restoreBackup(path, config.databasePath, (line) => console.log(line))
  console.log(`Restored ${Object.keys(tables).length} tables from ${path}.`)
  if (keptAs) console.log(`The previous database is kept as ${keptAs}.`)
} catch (error) {
  console.error(`Restore failed, nothing was changed: ${(error as Error).message}`)
  process.exit(1)
}

/** Shared bits of the command-line tools: open the database (the appliance must be stopped), draw progress. */
import { loadConfig, type Config } from '../config.js'
import { Database, DatabaseLockedError } from '../db/database.js'

export async function openForCli(): Promise<{ db: Database; config: Config }> {
  const config = loadConfig()
  try {
    const { db } = await Database.open(config.databasePath, { readers: 1 })
    return { db, config }
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
}

/** One line that redraws itself: `[#####.....] 50% message`. */
export function progressLine(done: number, total: number, message = ''): void {
  const width = 30
  const share = total === 0 ? 1 : done / total
  const filled = Math.round(share * width)
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${message}`
  process.stdout.write(process.stdout.isTTY ? `\r${line}` : `${line}\n`)
  if (process.stdout.isTTY && done >= total) process.stdout.write('\n')
}

export const cliActor = { staffId: 'cli', role: 'admin' as const, station: 'command-line' }

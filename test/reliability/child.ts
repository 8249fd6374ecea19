/**
 * The appliance as a real child process (`appliance/main.ts`, the composition root) on a
 * data directory that outlives it: SIGKILL it, start it again, and read everything it
 * printed. Like test/sync/soak-support.ts's `spawnAppliance`, plus the captured output
 * (the secrets-in-logs test reads it) and a cheap snapshot of the data directory.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Database } from '../../appliance/db/database.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface ChildAppliance {
  url: string
  /** Everything written to stdout and stderr so far. */
  output(): string
  /** SIGKILL: no shutdown, no checkpoint; whatever was in flight is cut off. */
  kill(): Promise<void>
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>
}

export const DEFAULT_CHILD_ENV: Record<string, string> = {
  PORT: '0', HOST: '127.0.0.1', APPLIANCE_DEMO: '1', DEMO_PRODUCTS: '40', APPLIANCE_DEMO_CHANNELS: '0', APPLIANCE_HTTPS: 'off',
}

export async function spawnChild(dataDir: string, env: Record<string, string> = {}): Promise<ChildAppliance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'appliance/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...DEFAULT_CHILD_ENV, APPLIANCE_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the appliance did not start:\n${output}`)), 45_000)
    const poll = setInterval(() => {
      const match = /open at (http:\/\/[\d.]+:\d+)/.exec(output)
      if (!match?.[1]) return
      clearInterval(poll)
      clearTimeout(timer)
      resolve(match[1])
    }, 20)
    child.once('exit', (code) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(new Error(`the appliance exited (${code}):\n${output}`))
    })
  })
  return {
    url,
    output: () => output,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * Copies the data directory as a crash left it (database file and WAL) and opens the copy
 * in this process: DuckDB's recovery runs on the copy, the original is left for the real
 * restart. Call `close()` when done; the copy is deleted.
 */
export async function openCrashCopy(dataDir: string): Promise<{ db: Database; close(): void }> {
  const copy = mkdtempSync(join(tmpdir(), 'crash-copy-'))
  cpSync(dataDir, copy, { recursive: true, filter: (source) => !source.includes('/backups') && !source.includes('/exports') })
  const { db } = await Database.open(join(copy, 'appliance.duckdb'), { readers: 1 })
  return {
    db,
    close() {
      db.close()
      rmSync(copy, { recursive: true, force: true })
    },
  }
}

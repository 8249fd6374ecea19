/**
 * Backups as Parquet snapshots: every table is copied inside ONE read transaction, so
 * the files agree with each other to the row (DuckDB MVCC), while sales go on. A
 * manifest records the schema version and row counts. Restore rebuilds a fresh file
 * at that schema version, loads the tables, checks the counts, runs newer migrations,
 * then swaps the file in — so an old backup restores into a newer appliance.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import type { BackupProgress, BackupService, BackupSummary } from '../app/backup.js'
import type { Clock } from '../app/ports.js'
import { DatabaseLockedError, type Database } from './database.js'
import { migrate } from './migrate.js'
import { Sql } from './sql.js'

const MANIFEST = 'manifest.json'
const quote = (path: string) => `'${path.replace(/'/g, "''")}'`

async function userTables(sql: Sql): Promise<string[]> {
  const rows = await sql.all<{ table_name: string }>(
    "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name <> 'schema_migrations' ORDER BY table_name",
  )
  return rows.map((r) => r.table_name)
}

const dirSize = (dir: string): number => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)

export class ParquetBackups implements BackupService {
  constructor(
    private readonly db: Database,
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

  async create(onProgress: (p: BackupProgress) => void = () => undefined): Promise<BackupSummary> {
    const now = this.clock.now()
    const name = `backup-${now.toISOString().replace(/[-:]/g, '').replace(/\..+$/, '').replace('T', '-')}`
    const path = join(this.dir, name)
    const partial = `${path}.partial`
    rmSync(partial, { recursive: true, force: true })
    mkdirSync(partial, { recursive: true })
    const sql = await this.db.dedicatedConnection()
    try {
      await sql.run('BEGIN TRANSACTION')
      const schemaVersion = (await sql.one<{ v: number }>('SELECT max(version) AS v FROM schema_migrations'))!.v
      const tables = await userTables(sql)
      const counts: Record<string, number> = {}
      for (const [i, table] of tables.entries()) {
        onProgress({ name, step: table, done: i, total: tables.length })
        counts[table] = (await sql.one<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`))!.n
        await sql.run(`COPY "${table}" TO ${quote(join(partial, `${table}.parquet`))} (FORMAT parquet)`)
      }
      await sql.run('COMMIT')
      const summary = { name, path, createdAt: now.toISOString(), schemaVersion, tables: counts }
      writeFileSync(join(partial, MANIFEST), JSON.stringify(summary, null, 2))
      renameSync(partial, path)
      onProgress({ name, step: 'done', done: tables.length, total: tables.length })
      return { ...summary, sizeBytes: dirSize(path) }
    } catch (error) {
      await sql.run('ROLLBACK').catch(() => undefined)
      rmSync(partial, { recursive: true, force: true })
      throw error
    } finally {
      sql.connection.closeSync()
    }
  }

  async list() {
    if (!existsSync(this.dir)) return []
    return readdirSync(this.dir)
      .filter((name) => existsSync(join(this.dir, name, MANIFEST)))
      .map((name) => {
        const manifest = JSON.parse(readFileSync(join(this.dir, name, MANIFEST), 'utf8')) as BackupSummary
        return { name, createdAt: manifest.createdAt, sizeBytes: dirSize(join(this.dir, name)) }
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }
}

/**
 * Restores a backup into `databasePath` (the appliance must be stopped). The old file
 * is kept beside it as `<file>.before-restore-<time>`.
 */
export async function restoreBackup(backupPath: string, databasePath: string, log: (line: string) => void = () => undefined): Promise<{ tables: Record<string, number>; keptAs: string | null }> {
  const manifest = JSON.parse(readFileSync(join(backupPath, MANIFEST), 'utf8')) as BackupSummary
  if (existsSync(databasePath)) {
    // Refuse while the appliance holds the file: swapping it under a running process loses sales.
    try {
      ;(await DuckDBInstance.create(databasePath)).closeSync()
    } catch (cause) {
      throw new DatabaseLockedError(databasePath, { cause })
    }
  }
  const staging = `${databasePath}.restoring`
  rmSync(staging, { force: true })
  rmSync(`${staging}.wal`, { force: true })
  const instance = await DuckDBInstance.create(staging)
  const sql = new Sql(await instance.connect())
  await sql.run("SET GLOBAL TimeZone = 'UTC'")
  try {
    await migrate(sql, { upTo: manifest.schemaVersion })
    const entries = Object.entries(manifest.tables)
    await sql.run('BEGIN TRANSACTION')
    for (const [i, [table, expected]] of entries.entries()) {
      log(`restoring ${table} (${i + 1}/${entries.length}, ${expected} rows)`)
      // Migrations may have seeded default rows (the on-screen printers): the backup's rows replace them.
      await sql.run(`DELETE FROM "${table}"`)
      await sql.run(`INSERT INTO "${table}" SELECT * FROM read_parquet(${quote(join(backupPath, `${table}.parquet`))})`)
      const n = (await sql.one<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`))!.n
      if (n !== expected) throw new Error(`Table ${table} has ${n} rows after restore, the backup says ${expected}`)
    }
    await sql.run('COMMIT')
    await migrate(sql)
    await sql.run('CHECKPOINT')
  } finally {
    sql.connection.closeSync()
    instance.closeSync()
  }
  let keptAs: string | null = null
  if (existsSync(databasePath)) {
    keptAs = `${databasePath}.before-restore-${Date.now()}`
    renameSync(databasePath, keptAs)
    if (existsSync(`${databasePath}.wal`)) renameSync(`${databasePath}.wal`, `${keptAs}.wal`)
  }
  renameSync(staging, databasePath)
  return { tables: manifest.tables, keptAs }
}

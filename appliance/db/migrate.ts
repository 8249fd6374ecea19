/** Numbered migrations (migrations/NNNN-name.sql), each applied once, in order, in its own transaction. */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Sql } from './sql.js'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}-.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -4), sql: readFileSync(dir + file, 'utf8') }))
}

/** Applies every migration newer than the database (or up to `upTo`). */
export async function migrate(sql: Sql, { upTo = Infinity } = {}): Promise<{ created: boolean; version: number }> {
  await sql.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`)
  const current = (await sql.one<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations'))?.v ?? 0
  let version = current
  for (const migration of listMigrations()) {
    if (migration.version <= current || migration.version > upTo) continue
    await sql.run('BEGIN TRANSACTION')
    try {
      await sql.run(migration.sql)
      await sql.run('INSERT INTO schema_migrations VALUES (?, ?, now())', [migration.version, migration.name])
      await sql.run('COMMIT')
    } catch (error) {
      await sql.run('ROLLBACK')
      throw new Error(`Migration ${migration.version}-${migration.name} failed: ${(error as Error).message}`, { cause: error })
    }
    version = migration.version
  }
  return { created: current === 0, version }
}

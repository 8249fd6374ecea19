/**
 * The one embedded database: one DuckDB file, one serial writer connection and a
 * small pool of reader connections. Reads see committed data (MVCC), so reports and
 * lookups never wait for writes.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { migrate } from './migrate.js'
import { SerialWriter, type Tx, type WritePriority } from './serial-writer.js'
import { Sql } from './sql.js'

/** Raised when another process holds the database file (DuckDB allows one writer process). */
export class DatabaseLockedError extends Error {
  override readonly name = 'DatabaseLockedError'
  constructor(readonly path: string, options: { cause: unknown }) {
    super(`The database ${path} is in use by another process (is the appliance running?). Stop it first, or use the appliance's screens.`, options)
  }
}

export class Database {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly writer: SerialWriter,
    private readonly writeSql: Sql,
    private readonly readers: Sql[],
  ) {}

  /** Opens (creating if needed) the file, runs migrations, and reports whether it was new. */
  static async open(path: string, { readers = 4 } = {}): Promise<{ db: Database; created: boolean }> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    let instance: DuckDBInstance
    try {
      instance = await DuckDBInstance.fromCache(path)
    } catch (cause) {
      if (/lock/i.test(String(cause))) throw new DatabaseLockedError(path, { cause })
      throw cause
    }
    const writeSql = new Sql(await instance.connect())
    // UTC inside the database whatever the machine's zone: instants are UTC; the store's zone is applied in code.
    await writeSql.run("SET GLOBAL TimeZone = 'UTC'")
    const readerSqls = await Promise.all(Array.from({ length: readers }, async () => new Sql(await instance.connect())))
    const { created } = await migrate(writeSql)
    const db = new Database(path, instance, new SerialWriter(writeSql), writeSql, readerSqls)
    return { db, created }
  }

  /** Runs one business action as one transaction on the serial writer. */
  transaction<T>(work: (tx: Tx) => Promise<T>, priority: WritePriority = 'now'): Promise<T> {
    return this.writer.transaction(work, priority)
  }

  /** A reader connection, the least busy one. */
  get reader(): Sql {
    let best = this.readers[0]!
    for (const sql of this.readers) if (sql.load < best.load) best = sql
    return best
  }

  /** A connection of its own, for long reads (backups, exports) that must not hold up the pool. Close it after use. */
  async dedicatedConnection(): Promise<Sql> {
    return new Sql(await this.instance.connect())
  }

  /** Writes the WAL into the file so a file copy is a consistent snapshot. */
  checkpoint(): Promise<void> {
    return this.writer.transaction(async () => undefined).then(() => this.writeSql.run('CHECKPOINT'))
  }

  close(): void {
    for (const sql of [this.writeSql, ...this.readers]) sql.connection.closeSync()
    this.instance.closeSync()
  }
}

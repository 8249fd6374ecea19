/**
 * Rows written through DuckDB's appender inside the open write transaction (the appender
 * uses its connection's transaction: a rollback takes the rows back). The hot writes — a
 * sale's order, lines and payments, stock movements, audit entries, idempotency keys, print
 * jobs — are appends: a prepared INSERT cost about 1 ms per table here against 0.3 ms
 * appended (statements are never cached, see sql.ts).
 *
 * Rows are given by column name and laid out in the table's own column order, read once
 * per connection; a column the row doesn't name gets its default, so a later migration
 * that adds columns (the orders issue will) doesn't break this writer.
 */
import type { DuckDBAppender } from '@duckdb/node-api'
import type { Param, Sql } from './sql.js'

interface Column {
  name: string
  type: string
}

const layouts = new WeakMap<Sql, Map<string, Column[]>>()

async function columnsOf(sql: Sql, table: string): Promise<Column[]> {
  let byTable = layouts.get(sql)
  if (!byTable) layouts.set(sql, (byTable = new Map()))
  let columns = byTable.get(table)
  if (!columns) {
    const rows = await sql.unheld.all<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? ORDER BY column_index`,
      [table],
    )
    if (rows.length === 0) throw new Error(`appendRows: there is no table ${table}`)
    columns = rows
    byTable.set(table, columns)
  }
  return columns
}

function append(appender: DuckDBAppender, column: Column, value: Param): void {
  if (value === null) return appender.appendNull()
  if (value instanceof Date) return appender.appendVarchar(value.toISOString())
  if (typeof value === 'boolean') return appender.appendBoolean(value)
  if (typeof value === 'string') return appender.appendVarchar(value)
  if (value instanceof Uint8Array) return appender.appendBlob(value)
  if (column.type === 'INTEGER') return appender.appendInteger(Number(value))
  if (column.type === 'BIGINT') return appender.appendBigInt(BigInt(value))
  return appender.appendVarchar(String(value))
}

/**
 * Drops a failed appender's rows. Left in it, they are flushed again when the garbage
 * collector destroys the appender — into whatever transaction is open on the connection
 * then, which DuckDB marks aborted: a random later sale failed with "Current transaction
 * is aborted" (test/db/appender.test.ts).
 */
function discard(appender: DuckDBAppender): void {
  try {
    appender.clear()
    appender.closeSync()
  } catch {
    // Nothing left to flush; the first error is the one to report.
  }
}

export type Rows = ReadonlyArray<Readonly<Record<string, Param>>>

/** Writes `rows` to `table` now, in the current transaction of `sql`'s connection. */
export async function writeRows(sql: Sql, table: string, rows: Rows): Promise<void> {
  const columns = await columnsOf(sql, table)
  // In the connection's queue: no statement may run between the appender's opening and its flush.
  await sql.withConnection(async (connection) => {
    const appender = await connection.createAppender(table)
    try {
      for (const row of rows) {
        for (const column of columns) {
          if (column.name in row) append(appender, column, row[column.name] ?? null)
          else appender.appendDefault()
        }
        appender.endRow()
      }
    } catch (error) {
      discard(appender)
      throw error
    }
    try {
      appender.closeSync() // flushes: constraint errors surface here and roll the transaction back
    } catch (error) {
      discard(appender)
      throw error
    }
  })
}

/**
 * Appends `rows` to `table` in the current transaction of `sql`'s connection: now, or with
 * the transaction's other appends when the connection defers them (the serial writer's does).
 */
export async function appendRows(sql: Sql, table: string, rows: Rows): Promise<void> {
  if (rows.length === 0) return
  if (sql.deferred) sql.deferred.append(table, rows)
  else await writeRows(sql, table, rows)
}

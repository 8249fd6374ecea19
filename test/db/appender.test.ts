/** appendRows on a real DuckDB connection: a refused append leaves nothing behind to abort a later transaction. */
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api'
import { expect, it } from 'vitest'
import { appendRows } from '../../appliance/db/appender.js'
import { Sql } from '../../appliance/db/sql.js'

it('refuses a duplicate key, and the refused rows never reach a later transaction', async () => {
  const sql = new Sql(await (await DuckDBInstance.create(':memory:')).connect())
  await sql.run('CREATE TABLE k (id VARCHAR PRIMARY KEY, v BIGINT)')
  await sql.run("INSERT INTO k VALUES ('taken', 1)")
  const appenders: DuckDBAppender[] = []
  const create = sql.connection.createAppender.bind(sql.connection)
  sql.connection.createAppender = async (...args: Parameters<typeof create>) => {
    const appender = await create(...args)
    appenders.push(appender)
    return appender
  }
  await sql.run('BEGIN TRANSACTION')
  await expect(appendRows(sql, 'k', [{ id: 'taken', v: 2 }])).rejects.toThrow(/Duplicate key "id: taken"/)
  await sql.run('ROLLBACK')
  // When the collector destroys the refused appender, DuckDB flushes what it still holds into
  // whatever transaction is open then (and a failed flush marks it aborted). Flush it here
  // as the destructor would: it must hold nothing.
  await sql.run('BEGIN TRANSACTION')
  try {
    appenders[0]!.flushSync()
  } catch {
    // A closed appender may refuse to flush; what matters is the transaction below.
  }
  await sql.run("INSERT INTO k VALUES ('after', 3)")
  await sql.run('COMMIT')
  expect(await sql.all('SELECT id, v FROM k ORDER BY id')).toEqual([{ id: 'after', v: 3 }, { id: 'taken', v: 1 }])
  sql.connection.closeSync()
})

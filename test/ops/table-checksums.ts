/** Row count and an order-independent content checksum of every user table, for backup round trips. */
import type { Sql } from '../../appliance/db/sql.js'

export type TableChecksums = Record<string, { rows: number; md5: string }>

export async function tableChecksums(sql: Sql): Promise<TableChecksums> {
  await sql.run("SET TimeZone = 'UTC'")
  const tables = await sql.all<{ name: string }>(
    "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name <> 'schema_migrations' ORDER BY 1")
  const out: TableChecksums = {}
  for (const { name } of tables) {
    // Each row as text (every column, its own type's text form), hashed; the hashes sorted and hashed again.
    const row = (await sql.one<{ rows: number; md5: string | null }>(
      `SELECT count(*) AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS md5 FROM (SELECT md5(t::VARCHAR) AS h FROM "${name}" t)`))!
    out[name] = { rows: row.rows, md5: row.md5 ?? '' }
  }
  return out
}

/** The read side of tills on reader connections: the till list, X-report figures, kept Z reports, settings. */
import type { TillFigures, TillListItem, TillQueries } from '../app/till/ports.js'
import type { Database } from './database.js'
import { sessionFigures, TILL_COLUMNS, toTill, type TillRow } from './till-store.js'

export class DuckDbTillQueries implements TillQueries {
  constructor(private readonly db: Database) {}

  private async rows(where: string, params: string[]): Promise<TillListItem[]> {
    const rows = await this.db.reader.all<TillRow & { opened_by_name: string | null }>(
      `SELECT ${TILL_COLUMNS}, st.name AS opened_by_name
       FROM tills t LEFT JOIN till_sessions s ON s.id = t.session_id LEFT JOIN staff st ON st.id = s.opened_by
       WHERE t.active ${where} ORDER BY t.number`,
      params,
    )
    return rows.map((r) => ({ ...toTill(r), openedByName: r.opened_by_name }))
  }

  list(): Promise<TillListItem[]> {
    return this.rows('', [])
  }

  async get(id: string): Promise<TillListItem | undefined> {
    return (await this.rows('AND t.id = ?', [id]))[0]
  }

  figures(sessionId: string): Promise<TillFigures> {
    return sessionFigures(this.db.reader, sessionId)
  }

  async zReports(tillId: string, limit: number) {
    const rows = await this.db.reader.all<{ id: string; z_number: number; business_day: string; created_at: Date; report: string }>(
      `SELECT id, z_number, business_day::VARCHAR AS business_day, created_at, report::VARCHAR AS report
       FROM z_reports WHERE till_id = ? ORDER BY z_number DESC LIMIT ?`,
      [tillId, limit],
    )
    return rows.map((r) => ({ id: r.id, zNumber: r.z_number, businessDay: r.business_day, createdAt: r.created_at, report: JSON.parse(r.report) as unknown }))
  }

  async setting(key: string): Promise<unknown> {
    const row = await this.db.reader.one<{ v: string }>('SELECT value::VARCHAR AS v FROM settings WHERE key = ?', [key])
    return row ? (JSON.parse(row.v) as unknown) : undefined
  }
}

/**
 * The report facts' refresh on a real database: orders changed lately (inside the minute the
 * refresh looks back over) are re-derived once, not on every refresh, unless they change again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Database } from '../../appliance/db/database.js'
import { refreshReportFacts } from '../../appliance/db/report-facts.js'
import type { ReportRefresher } from '../../appliance/db/report-refresher.js'
import type { Sql } from '../../appliance/db/sql.js'
import { startAppliance, type TestAppliance } from '../support/appliance.js'
import { insertReportFixture } from './fixture.js'

let app: TestAppliance
let db: Database
let sql: Sql
beforeAll(async () => {
  app = await startAppliance({ products: 50 })
  await (app.deps.reports.facts as ReportRefresher).stop() // this test refreshes by hand
  db = app.db
  await insertReportFixture(db, new Date())
  sql = await db.dedicatedConnection()
})
afterAll(async () => {
  sql.connection.closeSync()
  await app.stop()
})

const refresh = async (on = sql) => {
  await on.run('BEGIN TRANSACTION')
  const rederived = await refreshReportFacts(on, 'Europe/London', [], new Date())
  await on.run('COMMIT')
  return rederived
}

it('re-derives an order changed in the last minute once, and again only when it changes again', async () => {
  await refresh() // the first build
  await db.transaction((tx) => tx.sql.run("UPDATE orders SET updated_at = now()::TIMESTAMP WHERE id IN ('rpt-o1', 'rpt-o2')"))
  const first = await refresh()
  expect(first).toBeGreaterThanOrEqual(2) // the two, and today's order the fixture wrote a moment ago
  expect(await refresh()).toBe(0)
  // A connection that has not seen them does them over (what every refresh did for a minute after a bulk import).
  const other = await db.dedicatedConnection()
  try {
    expect(await refresh(other)).toBe(first)
  } finally {
    other.connection.closeSync()
  }
  await db.transaction((tx) => tx.sql.run("UPDATE orders SET updated_at = now()::TIMESTAMP + INTERVAL 1 SECOND WHERE id = 'rpt-o2'"))
  expect(await refresh()).toBe(1)
})

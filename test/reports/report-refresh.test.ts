/**
 * The report facts' refresh on a real database: orders changed lately (inside the minute the
 * refresh looks back over) are re-derived once, not on every refresh, unless they change again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Database } from '../../appliance/db/database.js'
import { refreshReportFacts } from '../../appliance/db/report-facts.js'
import { ReportRefresher } from '../../appliance/db/report-refresher.js'
import type { Sql } from '../../appliance/db/sql.js'
import { startAppliance, type TestAppliance } from '../support/appliance.js'
import { insertReportFixture } from './fixture.js'

let app: TestAppliance
let db: Database
let sql: Sql
beforeAll(async () => {
  app = await startAppliance({ products: 50 })
  await (app.deps.reports.facts as ReportRefresher).stop() // these tests refresh by hand, or with their own
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

describe('while people are writing', () => {
  const refreshedAt = async () => (await db.reader.one<{ t: Date }>("SELECT refreshed_at AS t FROM report_state WHERE id = 'facts'"))!.t.getTime()
  /** Writes (empty transactions) back to back until `ms` have passed. */
  const busy = async (ms: number) => {
    const until = performance.now() + ms
    while (performance.now() < until) {
      await db.transaction(async () => undefined)
      await new Promise((r) => setTimeout(r, 5))
    }
  }
  /** Runs `test` with a started, caught-up refresher of its own, stopped afterwards. */
  const withRefresher = async (maxWaitMs: number, test: (refresher: ReportRefresher) => Promise<void>) => {
    const refresher = new ReportRefresher(db, app.deps.bus, { now: () => new Date() }, async () => 'Europe/London', { delayMs: 10, quietMs: 1000, maxWaitMs })
    refresher.start()
    try {
      await refresher.flush()
      await test(refresher)
    } finally {
      await refresher.stop()
    }
  }

  it('a refresh waits for a lull in the writes', () =>
    withRefresher(60_000, async () => {
      const before = await refreshedAt()
      app.deps.bus.publish({ type: 'order.changed', orderId: 'rpt-o1' })
      await busy(1500)
      expect(await refreshedAt()).toBe(before)
      await until(async () => (await refreshedAt()) > before, 5000)
    }))

  it("a report's flush waits for what was committed before it asked, not for sales that keep coming", async () => {
    let selling = true
    await withRefresher(60_000, async (refresher) => {
      const refreshes = vi.spyOn(refresher as unknown as { refresh(ids: string[]): Promise<void> }, 'refresh')
      app.deps.bus.publish({ type: 'order.changed', orderId: 'rpt-o1' })
      const tills = (async () => {
        while (selling) {
          app.deps.bus.publish({ type: 'order.changed', orderId: 'rpt-o2' }) // a sale a tick: new work during every refresh
          await new Promise((r) => setTimeout(r, 1))
        }
      })()
      await refresher.flush()
      selling = false
      await tills
      expect(refreshes.mock.calls.length).toBeLessThanOrEqual(2) // the one running when asked, at most, and one that includes rpt-o1
    }).finally(() => (selling = false))
  })

  it('but not for longer than its longest wait', () =>
    withRefresher(800, async () => {
      const before = await refreshedAt()
      app.deps.bus.publish({ type: 'order.changed', orderId: 'rpt-o1' })
      await busy(2500)
      expect(await refreshedAt()).toBeGreaterThan(before)
    }))
})

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = performance.now() + ms
  while (!(await check())) {
    if (performance.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

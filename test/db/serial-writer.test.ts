/** The serial writer's group commit and background lane, on a real DuckDB file. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Database } from '../../appliance/db/database.js'
import { BACKGROUND_MAX_WAIT_MS } from '../../appliance/db/serial-writer.js'

let dir: string
let db: Database
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'writer-'))
  db = (await Database.open(join(dir, 'w.duckdb'))).db
  await db.transaction((tx) => tx.sql.run('CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR)'))
})
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const count = async () => (await db.reader.one<{ n: number }>('SELECT count(*) AS n FROM t'))!.n

it('commits waiting actions together, and one failure fails alone while the rest commit', async () => {
  const before = await count()
  const committed: number[] = []
  const actions = Array.from({ length: 10 }, (_, i) =>
    db.transaction(async (tx) => {
      await tx.sql.run('INSERT INTO t VALUES (?, ?)', [100 + i, `v${i}`])
      if (i === 4) throw new Error('refused on purpose')
      tx.afterCommit(() => committed.push(i))
      return i
    }),
  )
  const results = await Promise.allSettled(actions)
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
  expect((results[4] as PromiseRejectedResult).reason.message).toBe('refused on purpose')
  expect(await count()).toBe(before + 9)
  expect(committed.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9])
  expect(await db.reader.one('SELECT * FROM t WHERE id = 104')).toBeUndefined()
})

it('hands out ids once per committed row, also across a group that was rolled back', async () => {
  await Promise.allSettled(
    Array.from({ length: 6 }, (_, i) =>
      db.transaction(async (tx) => {
        const id = await tx.nextId('audit_log')
        await tx.sql.run("INSERT INTO audit_log (id, occurred_at, action) VALUES (?, now()::TIMESTAMP, 'test')", [id])
        if (i === 2) throw new Error('no')
      }),
    ),
  )
  const ids = (await db.reader.all<{ id: number }>('SELECT id FROM audit_log ORDER BY id')).map((r) => r.id)
  expect(ids).toEqual([1, 2, 3, 4, 5])
})

it('runs background work only when no one is waiting', async () => {
  const order: string[] = []
  const blocker = db.transaction(async () => {
    await new Promise((r) => setTimeout(r, 30))
    order.push('first')
  })
  const background = db.transaction(async () => void order.push('background'), 'background')
  const person = db.transaction(async () => void order.push('person'))
  await Promise.all([blocker, background, person])
  expect(order).toEqual(['first', 'person', 'background'])
})

it('lets background work through once it has waited long enough, however busy the tills are', async () => {
  let selling = true
  let sales = 0
  const tills = Array.from({ length: 4 }, async () => {
    while (selling) await db.transaction(async () => { await new Promise((r) => setTimeout(r, 5)); sales++ })
  })
  await new Promise((r) => setTimeout(r, 50))
  const queued = performance.now()
  await db.transaction(async () => undefined, 'background')
  const waited = performance.now() - queued
  const salesMeanwhile = sales
  selling = false
  await Promise.all(tills)
  expect(salesMeanwhile).toBeGreaterThan(0)
  expect(waited).toBeGreaterThanOrEqual(BACKGROUND_MAX_WAIT_MS - 5)
  expect(waited).toBeLessThan(BACKGROUND_MAX_WAIT_MS + 1000)
})

/** The serial writer's group commit and background lane, on a real DuckDB file. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Database } from '../../appliance/db/database.js'
import { appendRows } from '../../appliance/db/appender.js'
import { BACKGROUND_MAX_WAIT_MS, BACKGROUND_QUIET_MS } from '../../appliance/db/serial-writer.js'

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

it('runs overdue background work in the same commit as the tills, not in a transaction of its own before them', async () => {
  let selling = true
  const saleTxs = new Set<number>()
  const tills = Array.from({ length: 2 }, async () => {
    while (selling) {
      await db.transaction(async (tx) => {
        saleTxs.add((await tx.sql.one<{ id: number }>('SELECT txid_current() AS id'))!.id)
        await new Promise((r) => setTimeout(r, 2))
      })
    }
  })
  await new Promise((r) => setTimeout(r, 20))
  const backgroundTx = await db.transaction(async (tx) => (await tx.sql.one<{ id: number }>('SELECT txid_current() AS id'))!.id, 'background')
  selling = false
  await Promise.all(tills)
  expect(saleTxs.has(backgroundTx)).toBe(true)
})

it('keeps background work out of the short gap between one sale and the next', async () => {
  const order: string[] = []
  await db.transaction(async () => void order.push('sale 1'))
  const saleDone = performance.now()
  let backgroundAt = 0
  const background = db.transaction(async () => {
    backgroundAt = performance.now()
    order.push('background')
  }, 'background')
  await new Promise((r) => setImmediate(r))
  await db.transaction(async () => void order.push('sale 2'))
  await background
  expect(order).toEqual(['sale 1', 'sale 2', 'background'])
  expect(backgroundAt - saleDone).toBeGreaterThanOrEqual(BACKGROUND_QUIET_MS - 3)
})

it('never holds a lone caller back to gather a group: its next action, sent when the last was answered, runs at once', async () => {
  const timers = vi.spyOn(globalThis, 'setTimeout')
  try {
    for (let i = 0; i < 10; i++) await db.transaction(async () => i)
    expect(timers).not.toHaveBeenCalled() // the writer sleeps (setTimeout) only to wait for a group or a quiet gap
  } finally {
    timers.mockRestore()
  }
})

it('spreads reads started together over the reader connections', async () => {
  const used = new Set<unknown>()
  await Promise.all(Array.from({ length: 3 }, () => {
    const reader = db.reader
    used.add(reader)
    return reader.all('SELECT 1 AS x')
  }))
  expect(used.size).toBe(3)
})

describe('deferred appends', () => {
  let appenders = 0
  beforeAll(async () => {
    await db.transaction(async (tx) => {
      const connection = tx.sql.connection
      const create = connection.createAppender.bind(connection)
      connection.createAppender = async (...args: Parameters<typeof create>) => {
        appenders++
        return create(...args)
      }
    })
  })

  it('holds rows back until a statement reads their table: a transaction sees its own appends', async () => {
    appenders = 0
    const seen = await db.transaction(async (tx) => {
      await appendRows(tx.sql, 't', [{ id: 500, v: 'own' }])
      const held = appenders
      await tx.sql.run('SELECT 1') // names no held table: nothing is written yet
      return { held, afterOther: appenders, row: await tx.sql.one('SELECT v FROM t WHERE id = 500'), afterRead: appenders }
    })
    expect(seen).toEqual({ held: 0, afterOther: 0, row: { v: 'own' }, afterRead: 1 })
  })

  it('lets a transaction read in parallel while its held rows are written: nothing runs beside an appender', async () => {
    // Statements in flight on the writer's connection when an appender flushes. DuckDB refused
    // such a flush once ("unsuccessful or closed pending query result"): an order's page read
    // with Promise.all inside a transaction that held rows.
    const busyAtFlush: number[] = []
    await db.transaction(async (tx) => {
      const connection = tx.sql.connection as unknown as Record<'run' | 'runAndReadAll' | 'createAppender', (...args: unknown[]) => Promise<unknown>>
      let inFlight = 0
      for (const method of ['run', 'runAndReadAll'] as const) {
        const original = connection[method].bind(connection)
        connection[method] = async (...args) => {
          inFlight++
          try {
            return await original(...args)
          } finally {
            inFlight--
          }
        }
      }
      const create = connection.createAppender.bind(connection)
      connection.createAppender = async (...args) => {
        const appender = (await create(...args)) as { closeSync(): void }
        const close = appender.closeSync.bind(appender)
        appender.closeSync = () => {
          busyAtFlush.push(inFlight)
          close()
        }
        return appender
      }
    })
    for (let round = 0; round < 10; round++) {
      const id = 800 + round
      const reads = await db.transaction(async (tx) => {
        await appendRows(tx.sql, 't', [{ id, v: `p${round}` }])
        // A read of another table is running when one naming the held table starts the flush.
        return Promise.all([tx.sql.one('SELECT count(*) AS n FROM range(3000000)'), tx.sql.one('SELECT v FROM t WHERE id = ?', [id]), tx.sql.one('SELECT 2 AS y')])
      })
      expect(reads).toEqual([{ n: 3000000 }, { v: `p${round}` }, { y: 2 }])
    }
    expect(busyAtFlush.length).toBeGreaterThanOrEqual(10)
    expect(Math.max(...busyAtFlush)).toBe(0)
  })

  it('still holds and flushes rows after a flush that found nothing to write', async () => {
    const row = await db.transaction(async (tx) => {
      await tx.sql.deferred!.flush() // nothing held yet
      await appendRows(tx.sql, 't', [{ id: 900, v: 'after an empty flush' }])
      return tx.sql.one('SELECT v FROM t WHERE id = 900')
    })
    expect(row).toEqual({ v: 'after an empty flush' })
  })

  it("writes a group's rows with one flush per table", async () => {
    appenders = 0
    await Promise.all(Array.from({ length: 8 }, (_, i) => db.transaction((tx) => appendRows(tx.sql, 't', [{ id: 600 + i, v: `g${i}` }]))))
    expect(await db.reader.one('SELECT count(*) AS n FROM t WHERE id BETWEEN 600 AND 607')).toEqual({ n: 8 })
    // The first runs alone (nothing else was queued yet); the other seven share one group and one flush.
    expect(appenders).toBe(2)
  })

  it('a duplicate key found at the flush fails its own action alone; the rest of the group commits', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => db.transaction((tx) => appendRows(tx.sql, 't', [{ id: i === 3 ? 500 : 700 + i, v: `d${i}` }]))),
    )
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/Duplicate key "id: 500"/)
    expect((await db.reader.all<{ id: number }>('SELECT id FROM t WHERE id BETWEEN 700 AND 799 ORDER BY id')).map((r) => r.id)).toEqual([700, 701, 702, 704, 705])
  })
})

/**
 * The ledger invariant on a real DuckDB file: after any random sequence of stock
 * operations through the use cases — including ones refused by validation — every
 * level equals the sum of its movements and nothing refused left a trace.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { EventBus } from '../../appliance/app/events.js'
import type { Actor } from '../../appliance/app/ports.js'
import { adjustStock, countStock, receiveStock, transferStock } from '../../appliance/app/stock.js'
import { DomainError } from '../../appliance/core/errors.js'
import { Database } from '../../appliance/db/database.js'
import { DuckDbUnitOfWork } from '../../appliance/db/tx-stores.js'

let dir: string
let db: Database
let uow: DuckDbUnitOfWork
const actor: Actor = { staffId: 'maya', role: 'manager', station: 'prop' }
const skus = ['A-1', 'B-2']
const locations = ['floor', 'backroom']

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-'))
  db = (await Database.open(join(dir, 'ledger.duckdb'))).db
  uow = new DuckDbUnitOfWork(db, new EventBus())
  await db.transaction(async (tx) => {
    for (const l of locations) await tx.sql.run("INSERT INTO locations VALUES (?, ?, 'floor', true, true, 0)", [l, l])
    for (const s of skus) await tx.sql.run("INSERT INTO products VALUES (?, ?, ?, 'Test', 100, 50, 2000, true, now())", [s, s, s])
  })
})
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const operation = fc.record({
  type: fc.constantFrom('adjust', 'receive', 'transfer', 'count'),
  sku: fc.constantFrom(...skus, 'NOPE-9'),
  location: fc.constantFrom(...locations, 'attic'),
  quantity: fc.oneof(fc.integer({ min: -40, max: 40 }), fc.constantFrom(0, 100_001, 1.5)),
})

it('levels always equal the sum of movements, whatever is tried', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (ops) => {
      for (const op of ops) {
        const now = new Date()
        try {
          await uow.run((s) => {
            switch (op.type) {
              case 'adjust': return adjustStock(s, { sku: op.sku, location: op.location, quantity: op.quantity, reason: 'prop' }, actor, now)
              case 'receive': return receiveStock(s, { sku: op.sku, location: op.location, quantity: op.quantity }, actor, now)
              case 'transfer': return transferStock(s, { sku: op.sku, from: op.location, to: op.location === 'floor' ? 'backroom' : 'floor', quantity: op.quantity }, actor, now)
              case 'count': return countStock(s, { sku: op.sku, location: op.location, counted: op.quantity }, actor, now)
            }
          })
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError)
        }
      }
      const disagreements = await db.reader.all(
        `WITH sums AS (SELECT sku, location, sum(quantity) AS total FROM stock_movements GROUP BY ALL)
         SELECT coalesce(l.sku, s.sku) AS sku FROM stock_levels l FULL JOIN sums s USING (sku, location)
         WHERE coalesce(l.on_hand, 0) <> coalesce(s.total, 0)`,
      )
      expect(disagreements).toEqual([])
      const strays = await db.reader.one<{ n: number }>("SELECT count(*) AS n FROM stock_movements WHERE sku = 'NOPE-9' OR location = 'attic'")
      expect(strays!.n).toBe(0)
      const negative = await db.reader.one<{ n: number }>('SELECT count(*) AS n FROM stock_levels WHERE on_hand < 0')
      expect(negative!.n).toBe(0)
    }),
    { numRuns: 30 },
  )
})

/**
 * Properties of the order book on a real DuckDB file, after any random sequence of imports,
 * cancellations and returns through the use cases — including ones refused:
 * - refunds never exceed what was paid (per order, and per tender);
 * - returned quantities never exceed what was sold, and equal the return lines;
 * - every returned unit moves stock exactly once (nothing for a write-off);
 * - the ledger invariant holds (on hand = Σ movements) and allocated = Σ allocations;
 * - a refused return leaves no trace.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Approvals } from '../../appliance/app/auth.js'
import { EventBus } from '../../appliance/app/events.js'
import { cancelOrder } from '../../appliance/app/orders/actions.js'
import { loadOrderConfig } from '../../appliance/app/orders/config.js'
import { upsertChannelOrder } from '../../appliance/app/orders/import-order.js'
import type { OrderConfig } from '../../appliance/app/orders/settings.js'
import type { Actor } from '../../appliance/app/ports.js'
import type { PrintEncoder } from '../../appliance/app/print-queue.js'
import { acceptOrderReturn, type ReturnContext } from '../../appliance/app/returns/accept-return.js'
import { defaultTillSettings } from '../../appliance/app/till/settings.js'
import { DomainError } from '../../appliance/core/errors.js'
import { Database } from '../../appliance/db/database.js'
import { DuckDbUnitOfWork } from '../../appliance/db/tx-stores.js'
import { channelOrder } from '../api/orders-fixtures.js'

let dir: string
let db: Database
let uow: DuckDbUnitOfWork
let config: OrderConfig
const actor: Actor = { staffId: 'maya', role: 'manager', station: 'prop-desk' }
const skus = ['A-1', 'B-2', 'C-3']
const prices: Record<string, number> = { 'A-1': 1000, 'B-2': 333, 'C-3': 1299 }
const noPrint: PrintEncoder = { receipt: () => new Uint8Array(), drawerKick: () => new Uint8Array() }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orders-prop-'))
  db = (await Database.open(join(dir, 'orders.duckdb'))).db
  uow = new DuckDbUnitOfWork(db, new EventBus())
  await db.transaction(async (tx) => {
    await tx.sql.run("INSERT INTO locations VALUES ('floor', 'Floor', 'floor', true, true, 1), ('backroom', 'Back', 'backroom', true, true, 2), ('quarantine', 'Q', 'quarantine', false, false, 9)")
    await tx.sql.run("INSERT INTO staff (id, name, role, pin_hash) VALUES ('maya', 'Maya', 'manager', 'x')")
    for (const s of skus) {
      await tx.sql.run("INSERT INTO products VALUES (?, ?, ?, 'Test', ?, 50, 2000, true, now())", [s, s, s, prices[s]!])
      for (const [i, location] of ['floor', 'backroom'].entries()) {
        await tx.sql.run("INSERT INTO stock_levels VALUES (?, ?, ?, 6, 0, false, now())", [`${s}@${location}`, s, location])
        await tx.sql.run("INSERT INTO stock_movements VALUES (?, now(), ?, ?, 6, 'receipt', 'opening', NULL, NULL, NULL)", [skus.indexOf(s) * 2 + i + 1, s, location])
      }
    }
  })
  config = await uow.run((s) => loadOrderConfig(s))
})
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const ctx = (): ReturnContext => ({
  actor, staffName: 'Maya', now: new Date(), config, tillSettings: defaultTillSettings(), shop: { name: 'Prop shop', address: [] },
  approvals: new Approvals(), randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), encoder: noPrint,
})

const line = fc.record({ sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 3 }) })
const operation = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('import' as const), lines: fc.array(line, { minLength: 1, maxLength: 3 }), shipped: fc.constantFrom(true, true, false) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('cancel' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({
    type: fc.constant('return' as const), pick: fc.nat(), sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 4 }),
    condition: fc.constantFrom('sellable' as const, 'damaged' as const, 'write-off' as const), method: fc.constantFrom('original' as const, 'store-credit' as const),
  }), weight: 4 },
)

const all = <T>(sql: string, params: Array<string | number> = []) => db.reader.all<T>(sql, params)
const traces = async () => (await all<{ n: number }>("SELECT (SELECT count(*) FROM returns) + (SELECT count(*) FROM refunds) + (SELECT count(*) FROM stock_movements) + (SELECT count(*) FROM sync_outbox) + (SELECT count(*) FROM vouchers) AS n"))[0]!.n

it('keeps refunds within payments, returns within sales, one movement per returned unit, and the ledger whole', async () => {
  const orders: string[] = []
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 14 }), async (ops) => {
      for (const op of ops) {
        if (op.type === 'import') {
          const order = channelOrder('shopify', op.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, priceMinor: prices[l.sku]! })), op.shipped ? { status: 'shipped', channelStatus: 'FULFILLED' } : {})
          orders.push((await uow.run((s) => upsertChannelOrder(s, order, new Date()))).orderId)
          continue
        }
        const orderId = orders[orders.length - 1 - (op.pick % Math.max(1, Math.min(orders.length, 4)))]
        if (!orderId) continue
        const before = await traces()
        try {
          if (op.type === 'cancel') await uow.run((s) => cancelOrder(s, orderId, 'prop', actor, new Date(), config))
          else await uow.run((s) => acceptOrderReturn(s, { order: orderId, lines: [{ sku: op.sku, quantity: op.quantity, reason: 'faulty', condition: op.condition }], refund: { method: op.method } }, ctx()))
        } catch (error) {
          if (!(error instanceof DomainError)) throw error
          if (op.type === 'return') expect(await traces()).toBe(before)
        }
      }
      const overPaid = await all<{ id: string }>(
        `SELECT o.id FROM orders o LEFT JOIN (SELECT order_id, sum(credited_minor) AS c FROM returns GROUP BY 1) r ON r.order_id = o.id
         WHERE o.refunded_minor > o.paid_minor OR coalesce(r.c, 0) <> o.refunded_minor`,
      )
      expect(overPaid).toEqual([])
      const overTender = await all<{ order_id: string }>(
        `SELECT p.order_id FROM payments p JOIN (SELECT order_id, tender_seq, sum(amount_minor) AS a FROM refunds WHERE tender_seq IS NOT NULL GROUP BY 1, 2) f
           ON f.order_id = p.order_id AND f.tender_seq = p.seq WHERE f.a > p.applied_minor`,
      )
      expect(overTender).toEqual([])
      const overReturned = await all<{ order_id: string }>(
        `SELECT l.order_id FROM order_lines l LEFT JOIN (SELECT r.order_id, x.order_line_no, sum(x.quantity) AS q FROM return_lines x JOIN returns r ON r.id = x.return_id GROUP BY 1, 2) x
           ON x.order_id = l.order_id AND x.order_line_no = l.line_no
         WHERE l.returned_quantity > l.shipped_quantity OR coalesce(x.q, 0) <> l.returned_quantity`,
      )
      expect(overReturned).toEqual([])
      const unmoved = await all<{ number: string }>(
        `SELECT r.number FROM returns r
         LEFT JOIN (SELECT return_id, sum(quantity) FILTER (WHERE condition <> 'write-off') AS q FROM return_lines GROUP BY 1) x ON x.return_id = r.id
         LEFT JOIN (SELECT reference, sum(quantity) AS q, count(*) FILTER (WHERE kind <> 'return') AS other FROM stock_movements GROUP BY 1) m ON m.reference = r.number
         WHERE coalesce(x.q, 0) <> coalesce(m.q, 0) OR coalesce(m.other, 0) > 0`,
      )
      expect(unmoved).toEqual([])
      const ledger = await all<{ id: string }>(
        `SELECT l.id FROM stock_levels l LEFT JOIN (SELECT sku, location, sum(quantity) AS q FROM stock_movements GROUP BY 1, 2) m ON m.sku = l.sku AND m.location = l.location
         WHERE l.on_hand <> coalesce(m.q, 0)`,
      )
      expect(ledger).toEqual([])
      const allocated = await all<{ id: string }>(
        `SELECT l.id FROM stock_levels l LEFT JOIN (SELECT sku, location, sum(quantity) AS q FROM allocations GROUP BY 1, 2) a ON a.sku = l.sku AND a.location = l.location
         WHERE l.allocated <> coalesce(a.q, 0) OR l.allocated < 0`,
      )
      expect(allocated).toEqual([])
    }),
    { numRuns: 12 },
  )
  // The runs took real returns, not only refusals.
  expect((await all<{ n: number }>('SELECT count(*) AS n FROM returns'))[0]!.n).toBeGreaterThan(0)
})

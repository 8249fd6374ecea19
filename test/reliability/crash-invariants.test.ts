/**
 * The crash test's checker catches what it claims to: a lost sale, a sale missing a
 * payment or a movement, a key used twice, a level that drifted from its movements. (A
 * checker that can't fail proves nothing.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SaleResult } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type TestAppliance } from '../support/appliance.js'
import { newAcknowledged, type Acknowledged } from './crash-clients.js'
import { checkInvariants, passed } from './crash-invariants.js'

let app: TestAppliance
let acked: Acknowledged
let sale: SaleResult

beforeAll(async () => {
  app = await startAppliance({ products: 40 })
  const maya = await signIn(app.url, 'maya', '1111', 'till-1')
  expect((await maya.post('/api/tills/till-1/open', { floatMinor: 0 })).status).toBe(201)
  const product = (await maya.get<{ items: Array<{ sku: string; priceMinor: number }> }>('/api/products?q=a&limit=5')).items.find((p) => p.priceMinor > 0)!
  acked = newAcknowledged()
  for (const note of ['crash-0-1-a', 'crash-0-2-b']) {
    const r = await maya.post('/api/sales', { till: 'till-1', lines: [{ sku: product.sku, quantity: 2 }], tenders: [{ method: 'card', amountMinor: product.priceMinor * 2 }], note }, { 'idempotency-key': note })
    expect(r.status).toBe(201)
    sale = (await r.json()) as SaleResult
    acked.sales.set(note, sale)
  }
})
afterAll(() => app.stop())

const run = (sql: string, params: unknown[] = []) => app.db.transaction((tx) => tx.sql.run(sql, params as never))

it('passes a clean database, then flags each kind of damage', async () => {
  expect(passed(await checkInvariants(app.db, acked))).toBe(true)

  await run("UPDATE orders SET note = 'crash-0-1-a' WHERE id = ?", [sale.id])
  expect((await checkInvariants(app.db, acked)).duplicates).toHaveLength(1)

  await run('DELETE FROM payments WHERE order_id = ?', [sale.id])
  expect((await checkInvariants(app.db, acked)).partialSales).toMatchObject([{ id: sale.id, paid: null }])

  await run("UPDATE stock_movements SET quantity = -1 WHERE reference = ? AND kind = 'sale'", [sale.receiptNumber])
  const moved = await checkInvariants(app.db, acked)
  expect(moved.partialSales).toMatchObject([{ id: sale.id, stock_mismatch: true }])
  expect(moved.driftedLevels).toHaveLength(1)

  await run("DELETE FROM print_jobs WHERE reference = ?", [sale.receiptNumber])
  await run('DELETE FROM order_lines WHERE order_id = ?', [sale.id])
  await run('DELETE FROM orders WHERE id = ?', [sale.id])
  const lost = await checkInvariants(app.db, acked)
  expect(lost.lost).toEqual([`sale ${sale.id}`])
  expect(lost.missingReceipts).toEqual([sale.receiptNumber])
})

/**
 * Receipt and return numbers are counted in memory by the serial writer: they stay gapless
 * through a refused sale, carry on after a restart (from the newest sale or return, or the
 * count an earlier version kept in tills.receipt_seq and settings), and a closed till still
 * refuses to sell.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { Database } from '../../appliance/db/database.js'
import { signIn, startAppliance } from '../support/appliance.js'
import { openTill, productsByRate, sell, testClock } from './till-fixtures.js'

const dataDir = mkdtempSync(join(tmpdir(), 'receipt-numbers-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function session() {
  const app = await startAppliance({ dataDir, products: 50, clock: testClock() })
  const maya = await signIn(app.url, 'maya', '1111', 'till-1')
  const product = (await productsByRate(maya))[0][0]!
  const body = { till: 'till-1', lines: [{ sku: product.sku }], tenders: [{ method: 'cash', amountMinor: product.priceMinor }] }
  const giveBack = async (receipt: string, key: string) => {
    const r = await maya.post('/api/returns', { order: receipt, lines: [{ sku: product.sku, quantity: 1, reason: 'faulty', condition: 'sellable' }], refund: { method: 'original' } }, { 'idempotency-key': key })
    expect(r.status, await r.clone().text()).toBe(201)
    return ((await r.json()) as { number: string }).number
  }
  return { app, maya, body, price: product.priceMinor, giveBack }
}

it('numbers receipts without gaps through a refused sale and across restarts', async () => {
  const first = await session()
  try {
    await openTill(first.maya, 'till-1')
    expect((await sell(first.maya, first.body)).receiptNumber).toBe('S-01-000001')
    const refused = await first.maya.post('/api/sales', { ...first.body, tenders: [{ method: 'cash', amountMinor: 1 }] }, { 'idempotency-key': 'short-paid-1' })
    expect(refused.status).toBe(422)
    expect((await sell(first.maya, first.body)).receiptNumber).toBe('S-01-000002')
    expect(await first.giveBack('S-01-000001', 'give-back-1')).toBe('R-000001')
  } finally {
    await first.app.stop()
  }

  const second = await session()
  try {
    expect((await sell(second.maya, second.body)).receiptNumber).toBe('S-01-000003')
    expect(await second.giveBack('S-01-000003', 'give-back-2')).toBe('R-000002')
  } finally {
    await second.app.stop()
  }

  // A database an earlier version counted further in (its counters lived in tills.receipt_seq and settings).
  const { db } = await Database.open(join(dataDir, 'appliance.duckdb'))
  await db.transaction(async (tx) => {
    await tx.sql.run("UPDATE tills SET receipt_seq = 41 WHERE id = 'till-1'")
    await tx.sql.run("INSERT OR REPLACE INTO settings VALUES ('counter.returns', '41'::JSON)")
  })
  db.close()
  const third = await session()
  try {
    expect((await sell(third.maya, third.body)).receiptNumber).toBe('S-01-000042')
    expect(await third.giveBack('S-01-000042', 'give-back-3')).toBe('R-000042')
    const close = await third.maya.post('/api/tills/till-1/close', { countedMinor: 10000 + third.price })
    expect(close.status, await close.clone().text()).toBe(201)
    const closed = await third.maya.post('/api/sales', third.body, { 'idempotency-key': 'after-close-1' })
    expect(closed.status).toBe(409)
    await openTill(third.maya, 'till-1')
    expect((await sell(third.maya, third.body)).receiptNumber).toBe('S-01-000043')
  } finally {
    await third.app.stop()
  }
})

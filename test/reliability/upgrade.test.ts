/**
 * Upgrades: a database made by an older release (migrations 0001–0003, frozen as text in
 * test/fixtures/db-v3/ with a small shop's data) opens under the current code, which applies
 * every later migration, and the shop carries on: the data reads back through the API, the
 * old sale is on its receipt, in the order book and can be returned, yesterday's till session
 * closes with a Z report, and a new sale goes through.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { OrderDetailDto, ProductList, SaleResult, StockView } from '../../appliance/api/contract.js'
import { listMigrations } from '../../appliance/db/migrate.js'
import { testClock } from '../api/till-fixtures.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'

const FIXTURE = fileURLToPath(new URL('../fixtures/db-v3/', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'upgrade-'))
let app: TestAppliance
let maya: Client

/** Builds the v3 database file from the frozen schema and data, as the old release left it (checkpointed, closed). */
async function buildOldDatabase(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path)
  const connection = await instance.connect()
  await connection.run(readFileSync(join(FIXTURE, 'schema.sql'), 'utf8'))
  await connection.run(readFileSync(join(FIXTURE, 'data.sql'), 'utf8'))
  await connection.run('CHECKPOINT')
  connection.closeSync()
  instance.closeSync()
}

beforeAll(async () => {
  await buildOldDatabase(join(dataDir, 'appliance.duckdb'))
  app = await startAppliance({ dataDir, demo: false, clock: testClock('2026-06-15T09:00:00Z') })
  maya = await signIn(app.url, 'maya', '1111', 'till-1')
})
afterAll(async () => {
  await app?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

it('applies every later migration, once, in order', async () => {
  const applied = await app.db.reader.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
  expect(applied.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version))
  expect(app.seeded).toBe(false)
})

it('reads the old catalogue, stock, staff and sale back through the API', async () => {
  expect((await maya.get<ProductList>('/api/products?barcode=5012345678900')).items).toMatchObject([{ sku: 'MUG-1', name: 'Stoneware mug', priceMinor: 1200, vatRatePercent: 20 }])
  const stock = await maya.get<StockView>('/api/stock/MUG-1')
  expect(stock.levels.find((l) => l.location === 'floor')).toMatchObject({ onHand: 48, allocated: 0 })
  const sale = await maya.get<SaleResult>('/api/sales/S-01-000001')
  expect(sale).toMatchObject({ id: 'order-fixture-1', totalMinor: 2850, vatMinor: 400, till: 'till-1', staff: 'maya' })
  expect(sale.lines.map((l) => [l.sku, l.quantity])).toEqual([['MUG-1', 2], ['TEA-1', 1]])
  const order = await maya.get<OrderDetailDto>('/api/orders/order-fixture-1')
  expect(order).toMatchObject({ channel: 'store', totals: { totalMinor: 2850 } })
  expect((await maya.get<{ status: string }>('/api/print-jobs/1')).status).toBe('printed')
  const counts = await app.db.reader.one<Record<string, number>>(`SELECT (SELECT count(*) FROM vouchers)::INT AS vouchers, (SELECT count(*) FROM customers)::INT AS customers,
    (SELECT count(*) FROM idempotency_keys)::INT AS keys, (SELECT count(*) FROM audit_log)::INT >= 1 AS audited`)
  expect(counts).toMatchObject({ vouchers: 1, customers: 1, keys: 1 })
})

it('carries on trading: the old sale is returned, yesterday\u2019s session closes with a Z, a new sale goes through', async () => {
  const back = await maya.post('/api/returns', { order: 'S-01-000001', lines: [{ sku: 'MUG-1', quantity: 1, reason: 'changed-mind', condition: 'sellable' }], refund: { method: 'original' } }, { 'idempotency-key': 'upgrade-return-1' })
  expect(back.status, await back.clone().text()).toBe(201)
  expect(await back.json()).toMatchObject({ refundMinor: 1200, refunds: [{ method: 'card', amountMinor: 1200 }] })
  const z = await maya.post('/api/tills/till-1/close', { countedMinor: 5000 })
  expect(z.status, await z.clone().text()).toBe(201)
  expect((await maya.post('/api/tills/till-1/open', { floatMinor: 5000 })).status).toBe(201)
  const r = await maya.post('/api/sales', { till: 'till-1', lines: [{ barcode: '96385074' }], tenders: [{ method: 'cash', amountMinor: 500 }] }, { 'idempotency-key': 'upgrade-sale-1' })
  expect(r.status, await r.clone().text()).toBe(201)
  expect(await r.json()).toMatchObject({ receiptNumber: 'S-01-000002', totalMinor: 450, changeMinor: 50, businessDay: '2026-06-15' })
  // The old idempotency key still answers with the old sale (its saved answer survived the upgrade).
  const replay = await maya.post('/api/sales', { till: 'till-1', lines: [{ sku: 'TEA-1' }], tenders: [{ method: 'cash', amountMinor: 450 }] }, { 'idempotency-key': 'fixture-key-0001' })
  expect(replay.headers.get('idempotent-replayed')).toBe('true')
  const levels = await app.db.reader.all<{ sku: string; on_hand: number; moved: number }>(`SELECT s.sku, s.on_hand::INT AS on_hand, (SELECT sum(quantity) FROM stock_movements m WHERE m.sku = s.sku AND m.location = s.location)::INT AS moved FROM stock_levels s ORDER BY 1`)
  expect(levels).toEqual([{ sku: 'MUG-1', on_hand: 49, moved: 49 }, { sku: 'TEA-1', on_hand: 28, moved: 28 }])
})

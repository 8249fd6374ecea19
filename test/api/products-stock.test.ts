/** Product lookup and the stock ledger through HTTP on a real database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import type { Product, StockView } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'

let appliance: TestAppliance
let maya: Client
let product: Product
beforeAll(async () => {
  appliance = await startAppliance()
  maya = await signIn(appliance.url)
  product = (await maya.get<{ items: Product[] }>('/api/products?q=mug')).items[0]!
})
afterAll(() => appliance.stop())

const problemOf = async (r: Response) => ({ status: r.status, contentType: r.headers.get('content-type'), ...((await r.json()) as { field?: string; detail: string; code: string }) })

async function ledgerAgrees(sku: string) {
  const rows = await appliance.db.reader.all<{ location: string; on_hand: number; total: number }>(
    `SELECT l.location, l.on_hand, coalesce((SELECT sum(quantity) FROM stock_movements m WHERE m.sku = l.sku AND m.location = l.location), 0) AS total
     FROM stock_levels l WHERE l.sku = ?`, [sku])
  for (const row of rows) expect(row.on_hand, row.location).toBe(row.total)
}

describe('product lookup', () => {
  it('finds a product by each of its barcodes, with the contract fields', async () => {
    const twoCodes = (await maya.get<{ items: Product[] }>('/api/products?q=HOM&limit=100')).items.find((p) => p.barcodes.length === 2)
      ?? (await maya.get<{ items: Product[] }>('/api/products?q=-0000&limit=100')).items.find((p) => p.barcodes.length === 2)!
    for (const barcode of twoCodes.barcodes) {
      const { items } = await maya.get<{ items: Product[] }>(`/api/products?barcode=${barcode}`)
      expect(items).toHaveLength(1)
      expect(items[0]).toMatchObject({ sku: twoCodes.sku, name: twoCodes.name, category: expect.any(String), priceMinor: expect.any(Number), vatRatePercent: expect.any(Number), costMinor: expect.any(Number) })
    }
  })

  it('finds by SKU and by part of the name; an unknown barcode finds nothing', async () => {
    expect((await maya.get<{ items: Product[] }>(`/api/products?q=${product.sku}`)).items[0]!.sku).toBe(product.sku)
    expect((await maya.get<{ items: Product[] }>('/api/products?q=MUG')).items.every((p) => /mug/i.test(p.name) || /mug/i.test(p.sku))).toBe(true)
    expect((await maya.get<{ items: Product[] }>('/api/products?barcode=4006381333931')).items).toEqual([])
  })

  it('the demo shop has 500+ products in 10+ categories at 20, 5 and 0% VAT', async () => {
    const stats = await appliance.db.reader.one<{ n: number; categories: number; rates: number }>(
      'SELECT count(*) AS n, count(DISTINCT category) AS categories, count(DISTINCT vat_rate_bp) AS rates FROM products')
    expect(stats!.n).toBeGreaterThanOrEqual(500)
    expect(stats!.categories).toBeGreaterThanOrEqual(10)
    expect(stats!.rates).toBe(3)
  })

  it('explains a lookup with nothing to look for', async () => {
    const p = await problemOf(await maya.fetch('/api/products'))
    expect(p.status).toBe(400)
    expect(p.field).toBe('q')
  })
})

describe('stock', () => {
  it('shows levels per location, with available = on hand − allocated', async () => {
    const view = await maya.get<StockView>(`/api/stock/${product.sku}`)
    expect(view.sku).toBe(product.sku)
    const floor = view.levels.find((l) => l.location === 'floor')!
    expect(floor.available).toBe(floor.onHand - floor.allocated)
    expect(view.levels.map((l) => l.location)).toEqual(expect.arrayContaining(['floor', 'backroom']))
  })

  it('an adjustment moves stock once per idempotency key, audited with who and why', async () => {
    const before = (await maya.get<StockView>(`/api/stock/${product.sku}`)).levels.find((l) => l.location === 'floor')!.onHand
    const key = `adj-${Date.now()}`
    const body = { sku: product.sku, location: 'floor', quantity: 3, reason: 'found behind the counter' }
    const first = await maya.post('/api/stock/adjustments', body, { 'idempotency-key': key })
    expect(first.status).toBe(201)
    const firstBody = (await first.json()) as { movementId: number; level: { onHand: number } }
    expect(firstBody.level.onHand).toBe(before + 3)
    const retry = await maya.post('/api/stock/adjustments', body, { 'idempotency-key': key })
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(((await retry.json()) as { movementId: number }).movementId).toBe(firstBody.movementId)
    const view = await maya.get<StockView>(`/api/stock/${product.sku}`)
    expect(view.levels.find((l) => l.location === 'floor')!.onHand).toBe(before + 3)

    const history = await maya.get<{ items: Array<{ id: number; staffName: string; reason: string; quantity: number; kind: string }> }>(`/api/stock/${product.sku}/movements?limit=5`)
    expect(history.items[0]).toMatchObject({ id: firstBody.movementId, staffName: 'Maya', reason: 'found behind the counter', quantity: 3, kind: 'adjustment' })
    const audit = await appliance.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'stock.adjusted' AND entity_id = ?", [product.sku])
    expect(audit!.n).toBe(1)
    await ledgerAgrees(product.sku)
  })

  it('refuses to adjust below zero, writing nothing; a retry of an adjustment that emptied the shelf gets its first answer', async () => {
    const onHand = (await maya.get<StockView>(`/api/stock/${product.sku}`)).levels.find((l) => l.location === 'floor')!.onHand
    const movements = async () => (await appliance.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM stock_movements WHERE sku = ?', [product.sku]))!.n
    const before = await movements()
    const refused = await problemOf(await maya.post('/api/stock/adjustments', { sku: product.sku, location: 'floor', quantity: -(onHand + 1), reason: 'damaged' }))
    expect(refused).toMatchObject({ status: 409, code: 'insufficient_stock', field: 'quantity', detail: `Only ${onHand} on hand at floor: count the stock there instead of adjusting below zero` })
    expect(await movements()).toBe(before)

    const key = `empty-${Date.now()}`
    const body = { sku: product.sku, location: 'floor', quantity: -onHand, reason: 'damaged' }
    const first = await maya.post('/api/stock/adjustments', body, { 'idempotency-key': key })
    expect(first.status).toBe(201)
    // Run again the adjustment would now be refused (nothing left): the key answers first.
    const retry = await maya.post('/api/stock/adjustments', body, { 'idempotency-key': key })
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await movements()).toBe(before + 1)
    await maya.post('/api/stock/adjustments', { sku: product.sku, location: 'floor', quantity: onHand, reason: 'recounted' }, { 'idempotency-key': `${key}-back` })
    await ledgerAgrees(product.sku)
  })

  it('an assistant needs a manager\u2019s approval to adjust; the token is good for that action once', async () => {
    const ash = await signIn(appliance.url, 'ash', '2222')
    const body = { sku: product.sku, location: 'floor', quantity: -1, reason: 'damaged' }
    const refused = await problemOf(await ash.post('/api/stock/adjustments', body))
    expect(refused).toMatchObject({ status: 403, code: 'approval_required', field: 'approvalToken' })

    const notAManager = await ash.post('/api/approvals', { staff: 'fin', pin: '3333', action: 'stock.adjust' })
    expect(notAManager.status).toBe(403)
    const grant = (await (await ash.post('/api/approvals', { staff: 'maya', pin: '1111', action: 'stock.adjust' })).json()) as { token: string }
    const approved = await ash.post('/api/stock/adjustments', { ...body, approvalToken: grant.token })
    expect(approved.status).toBe(201)
    const reused = await ash.post('/api/stock/adjustments', { ...body, approvalToken: grant.token })
    expect(reused.status).toBe(403)
    const audit = await appliance.db.reader.one<{ details: string }>("SELECT details::VARCHAR AS details FROM audit_log WHERE action = 'stock.adjusted' AND staff_id = 'ash'")
    expect(JSON.parse(audit!.details)).toMatchObject({ approvedBy: 'maya' })
  })

  it('receipts, transfers and counts keep the ledger and levels equal; a count clears the needs-count flag', async () => {
    const sku = product.sku
    expect((await maya.post('/api/stock/receipts', { sku, location: 'backroom', quantity: 12, reference: 'PO-1001' })).status).toBe(201)
    expect((await maya.post('/api/stock/transfers', { sku, from: 'backroom', to: 'floor', quantity: 5 })).status).toBe(201)
    const counted = await maya.post('/api/stock/counts', { sku, location: 'floor', counted: 4 })
    expect(counted.status).toBe(201)
    const view = await maya.get<StockView>(`/api/stock/${sku}`)
    expect(view.levels.find((l) => l.location === 'floor')).toMatchObject({ onHand: 4, needsCount: false })
    await ledgerAgrees(sku)
  })

  it('refuses bad adjustments with a problem naming the field, writing nothing', async () => {
    const movements = async () => (await appliance.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM stock_movements'))!.n
    const before = await movements()
    const cases: Array<[unknown, number, string]> = [
      [{ sku: product.sku, location: 'floor', quantity: 0, reason: 'x' }, 400, 'quantity'],
      [{ sku: product.sku, location: 'floor', quantity: 100_001, reason: 'x' }, 400, 'quantity'],
      [{ sku: product.sku, location: 'floor', quantity: 1.5, reason: 'x' }, 400, 'quantity'],
      [{ sku: product.sku, location: 'floor', quantity: '2', reason: 'x' }, 400, 'quantity'],
      [{ sku: product.sku, location: 'floor', quantity: 1 }, 400, 'reason'],
      [{ sku: product.sku, location: 'floor', quantity: 1, reason: 'x'.repeat(201) }, 400, 'reason'],
      [{ sku: product.sku, location: 'floor', quantity: 1, reason: 'x', colour: 'red' }, 400, 'colour'],
      [{ sku: 'NOPE-1', location: 'floor', quantity: 1, reason: 'x' }, 404, 'sku'],
      [{ sku: product.sku, location: 'attic', quantity: 1, reason: 'x' }, 404, 'location'],
      [{ sku: product.sku, location: 'floor', quantity: -100_000, reason: 'x' }, 409, 'quantity'],
    ]
    for (const [body, status, field] of cases) {
      const p = await problemOf(await maya.post('/api/stock/adjustments', body))
      expect(p.contentType, JSON.stringify(body)).toContain('application/problem+json')
      expect([p.status, p.field], JSON.stringify(body)).toEqual([status, field])
    }
    expect(await movements()).toBe(before)
  })

  it('refuses bodies over 1 MB', async () => {
    const r = await maya.fetch('/api/stock/adjustments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'x'.repeat(1_100_000) }) })
    expect(r.status).toBe(413)
  })

  it('tells every connected screen when a level changes (socket.io stock.changed)', async () => {
    const socket: Socket = io(appliance.url, { extraHeaders: { cookie: maya.cookie }, transports: ['websocket'] })
    const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()))
    const anonymous: Socket = io(appliance.url, { transports: ['websocket'], reconnection: false })
    try {
      const refused = await new Promise<string>((resolve) => anonymous.on('connect_error', (e) => resolve(e.message)))
      expect(refused).toMatch(/sign in/)
      await connected
      const event = new Promise<{ sku: string; location: string; onHand: number }>((resolve) => socket.on('stock.changed', resolve))
      await maya.post('/api/stock/receipts', { sku: product.sku, location: 'floor', quantity: 2 })
      expect(await event).toMatchObject({ sku: product.sku, location: 'floor', onHand: expect.any(Number) })
    } finally {
      socket.close()
      anonymous.close()
    }
  })
})

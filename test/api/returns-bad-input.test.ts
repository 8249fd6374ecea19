/**
 * Refused returns: each answers a clear problem naming the field, and writes nothing — no
 * return, refund, stock movement, payment, voucher, outbox row, receipt or idempotency key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Product, ProductList, SaleResult } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { newKey, openTill, problemOf, sell } from './till-fixtures.js'
import { channelOrder, importOrder, orderTableCounts, settableClock } from './orders-fixtures.js'

let app: TestAppliance
let maya: Client
let ash: Client
let p: Product
let q: Product
let cardSale: SaleResult
let cashSale: SaleResult
let cancelledId: string
let unsentId: string

beforeAll(async () => {
  app = await startAppliance({ clock: settableClock() })
  maya = await signIn(app.url, 'maya', '1111', 'till-1')
  ash = await signIn(app.url, 'ash', '2222', 'till-2')
  const items = (await maya.get<ProductList>('/api/products?q=Mug&limit=10')).items.filter((x) => x.priceMinor > 0)
  ;[p, q] = [items[0]!, items[1]!]
  await openTill(maya, 'till-1')
  await openTill(ash, 'till-2')
  cardSale = await sell(ash, { till: 'till-2', lines: [{ sku: p.sku, quantity: 2 }], tenders: [{ method: 'card', amountMinor: p.priceMinor * 2 }] })
  cashSale = await sell(maya, { till: 'till-1', lines: [{ sku: p.sku }], tenders: [{ method: 'cash', amountMinor: p.priceMinor }] })
  const cancelled = channelOrder('ebay', [{ sku: p.sku, quantity: 1, priceMinor: p.priceMinor }])
  cancelledId = (await importOrder(app, cancelled)).orderId
  await importOrder(app, { ...cancelled, status: 'cancelled', channelStatus: 'CANCELED', updatedAt: new Date(Date.parse(cancelled.updatedAt) + 1000).toISOString() })
  unsentId = (await importOrder(app, channelOrder('shopify', [{ sku: p.sku, quantity: 1, priceMinor: p.priceMinor }]))).orderId
})
afterAll(() => app.stop())

const ret = (over: Record<string, unknown> = {}) => ({ order: cardSale.receiptBarcode, lines: [{ sku: p.sku, quantity: 1, reason: 'faulty', condition: 'sellable' }], refund: { method: 'original' }, ...over })

describe('returns that are refused', () => {
  const cases: Array<[string, () => unknown, number, string, Client?]> = [
    ['returning more than was sold', () => ret({ lines: [{ sku: p.sku, quantity: 3, reason: 'faulty', condition: 'sellable' }] }), 409, 'lines.0.quantity'],
    ['returning an item that is not on the order', () => ret({ lines: [{ sku: q.sku, quantity: 1, reason: 'faulty', condition: 'sellable' }] }), 422, 'lines.0.sku'],
    ['refunding to a tender that was not used (cash for a card sale)', () => ret({ refund: { method: 'original', tender: 'cash' } }), 422, 'refund.tender'],
    ['refunding a channel tender on a till sale', () => ret({ refund: { method: 'original', tender: 'channel' } }), 422, 'refund.tender'],
    ['returning a cancelled order', () => ret({ order: cancelledId }), 409, 'order'],
    ['returning an order that has not been sent', () => ret({ order: unsentId }), 409, 'order'],
    ['a return on someone else\u2019s till and session', () => ret({ order: cashSale.receiptBarcode, refund: { method: 'original', till: 'till-1' } }), 403, 'refund.till'],
    ['a reason that is not on the list', () => ret({ lines: [{ sku: p.sku, quantity: 1, reason: 'bored', condition: 'sellable' }] }), 422, 'lines.0.reason'],
    ['a condition that does not exist', () => ret({ lines: [{ sku: p.sku, quantity: 1, reason: 'faulty', condition: 'fine' }] }), 400, 'lines.0.condition'],
    ['an unknown location', () => ret({ lines: [{ sku: p.sku, quantity: 1, reason: 'faulty', condition: 'sellable', location: 'attic' }] }), 422, 'lines.0.location'],
    ['sellable goods into quarantine', () => ret({ lines: [{ sku: p.sku, quantity: 1, reason: 'faulty', condition: 'sellable', location: 'quarantine' }] }), 422, 'lines.0.location'],
    ['an order that does not exist', () => ret({ order: 'S-09-999999' }), 404, 'order'],
    ['both an order and no receipt', () => ret({ noReceipt: true }), 400, 'order'],
    ['an exchange without new items', () => ret({ refund: { method: 'exchange' } }), 400, 'exchange'],
    ['new items with a plain refund', () => ret({ exchange: { lines: [{ sku: q.sku }] } }), 400, 'exchange'],
    ['an exchange the customer has not paid for', () => ret({ refund: { method: 'exchange' }, exchange: { lines: [{ sku: q.sku, quantity: 5 }] } }), 422, 'exchange.tenders'],
    ['an exchange of an unknown new item', () => ret({ refund: { method: 'exchange' }, exchange: { lines: [{ sku: 'NOPE-1' }] } }), 404, 'exchange.lines.0.sku'],
    ['a zero quantity', () => ret({ lines: [{ sku: p.sku, quantity: 0, reason: 'faulty', condition: 'sellable' }] }), 400, 'lines.0.quantity'],
    ['no lines', () => ret({ lines: [] }), 400, 'lines'],
    ['an unknown field', () => ret({ refundEverything: true }), 400, 'refundEverything'],
    ['a refund method that does not exist', () => ret({ refund: { method: 'cheque' } }), 400, 'refund.method'],
    ['a fulfilment member of staff (no till role)', () => ret(), 403, ''],
  ]

  for (const [name, body, status, field] of cases) {
    it(`refuses ${name}`, async () => {
      const client = name.includes('fulfilment') ? await signIn(app.url, 'fin', '3333', 'pack-bench') : ash
      const before = await orderTableCounts(app)
      const problem = await problemOf(await client.post('/api/returns', body(), { 'idempotency-key': newKey('bad') }))
      expect(problem.status).toBe(status)
      if (field) expect(problem.field).toBe(field)
      expect(problem.detail).toEqual(expect.any(String))
      expect(await orderTableCounts(app)).toEqual(before)
    })
  }

  it('refuses cash out of a closed till and a malformed body, writing nothing', async () => {
    const before = await orderTableCounts(app)
    await maya.post('/api/tills/till-1/close', { countedMinor: 10_000 + p.priceMinor, approvalToken: undefined })
    const closed = await problemOf(await maya.post('/api/returns', ret({ order: cashSale.receiptBarcode }), { 'idempotency-key': newKey('bad') }))
    expect(closed).toMatchObject({ status: 409, field: 'refund.till' })
    const broken = await ash.fetch('/api/returns', { method: 'POST', body: '{"order":', headers: { 'content-type': 'application/json', 'idempotency-key': newKey('bad') } })
    expect(broken.status).toBe(400)
    const after = await orderTableCounts(app)
    expect({ ...after, print_jobs: before.print_jobs }).toEqual(before) // closing the till prints its Z report
  })

  it('does not let a bad Idempotency-Key through', async () => {
    const r = await ash.post('/api/returns', ret(), { 'idempotency-key': 'x' })
    expect(await problemOf(r)).toMatchObject({ status: 400, field: 'Idempotency-Key' })
  })
})

/** Till sales through HTTP on a real database: pricing, tenders, idempotency, stock, approvals, vouchers, labels. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { io } from 'socket.io-client'
import type { ApprovalGrant, PrintJobDto, Product, SaleQuote, SaleResult, ScanAnswer, VoucherDto } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { floorLevel, newKey, openTill, problemOf, productsByRate, sell, testClock, writtenCounts } from './till-fixtures.js'

let app: TestAppliance
let maya: Client
let ash: Client
let rates: Awaited<ReturnType<typeof productsByRate>>
let a20: Product
let b5: Product
let z0: Product

beforeAll(async () => {
  app = await startAppliance({ clock: testClock() })
  // As the orders issue's migration will: new columns on the sale tables, with defaults.
  await app.db.transaction(async (tx) => {
    await tx.sql.run("ALTER TABLE orders ADD COLUMN fulfilment_status VARCHAR DEFAULT 'fulfilled'")
    await tx.sql.run('ALTER TABLE order_lines ADD COLUMN allocated BIGINT DEFAULT 0')
  })
  maya = await signIn(app.url, 'maya', '1111', 'till-1')
  ash = await signIn(app.url, 'ash', '2222', 'till-2')
  rates = await productsByRate(maya)
  a20 = rates[20][0]!
  b5 = rates[5][0]!
  z0 = rates[0][0]!
  await openTill(maya, 'till-1')
  await openTill(ash, 'till-2')
})
afterAll(() => app.stop())

const approve = async (action: string) => {
  const r = await ash.post('/api/approvals', { staff: 'maya', pin: '1111', action })
  expect(r.status).toBe(201)
  return ((await r.json()) as ApprovalGrant).token
}

describe('completing a sale', () => {
  it('writes a 3-line mixed-VAT sale with cash change, moves stock and reads back by receipt number', async () => {
    const before = { a: await floorLevel(app, a20.sku), b: await floorLevel(app, b5.sku), z: await floorLevel(app, z0.sku) }
    const total = a20.priceMinor * 2 + b5.priceMinor + z0.priceMinor * 3
    const cash = Math.ceil((total + 1) / 1000) * 1000
    const sale = await sell(maya, {
      till: 'till-1',
      lines: [{ sku: a20.sku, quantity: 2 }, { barcode: b5.barcodes[0] }, { sku: z0.sku, quantity: 3 }],
      tenders: [{ method: 'cash', amountMinor: cash }],
    })
    expect(sale).toMatchObject({ receiptNumber: expect.stringMatching(/^S-01-\d{6}$/), receiptBarcode: expect.stringMatching(/^S01\d{8}$/), totalMinor: total, changeMinor: cash - total, till: 'till-1', status: 'completed' })
    expect(sale.lines.map((l) => [l.sku, l.quantity])).toEqual([[a20.sku, 2], [b5.sku, 1], [z0.sku, 3]])
    expect(sale.vat.map((v) => v.ratePercent)).toEqual([20, 5, 0])
    for (const v of sale.vat) expect(v.netMinor + v.vatMinor).toBe(v.grossMinor)
    expect(sale.vat.reduce((s, v) => s + v.grossMinor, 0)).toBe(total)
    expect(sale.vat.reduce((s, v) => s + v.vatMinor, 0)).toBe(sale.vatMinor)
    expect(sale.receipt).toMatchObject({ receiptNumber: sale.receiptBarcode, totals: { totalMinor: total }, changeMinor: cash - total })
    expect(sale.receipt.vat.map((v) => v.code)).toEqual(['A', 'B', 'Z'])

    expect((await floorLevel(app, a20.sku)).onHand).toBe(before.a.onHand - 2)
    expect((await floorLevel(app, b5.sku)).onHand).toBe(before.b.onHand - 1)
    expect((await floorLevel(app, z0.sku)).onHand).toBe(before.z.onHand - 3)
    const moves = await app.db.reader.all<{ sku: string; quantity: number; kind: string; station: string }>('SELECT sku, quantity, kind, station FROM stock_movements WHERE reference = ? ORDER BY sku', [sale.receiptNumber])
    expect(moves).toHaveLength(3)
    expect(moves.every((m) => m.kind === 'sale' && m.quantity < 0 && m.station === 'till-1')).toBe(true)
    const audit = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'sale.completed' AND entity_id = ?", [sale.id])
    expect(audit!.n).toBe(1)
    const extended = await app.db.reader.one<{ f: string; a: number }>('SELECT o.fulfilment_status AS f, min(l.allocated) AS a FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = ? GROUP BY 1', [sale.id])
    expect(extended).toEqual({ f: 'fulfilled', a: 0 })

    // The receipt is a print job written with the sale: a cash sale kicks the drawer first, then prints.
    expect(sale.printJobId).toEqual(expect.any(Number))
    const raw = new Uint8Array(await (await maya.fetch(`/api/print-jobs/${sale.printJobId}/preview?format=raw`)).arrayBuffer())
    const kick = raw.findIndex((b, i) => b === 0x1b && raw[i + 1] === 0x70 && raw[i + 2] === 0x00)
    expect(kick).toBeGreaterThanOrEqual(0)
    expect(kick).toBeLessThan(16) // at the start of the job, so the drawer opens while the receipt prints
    const transcript = await (await maya.fetch(`/api/print-jobs/${sale.printJobId}/preview?format=text`)).text()
    expect(transcript).toContain(sale.receiptBarcode)
    expect(transcript).toContain(a20.name.slice(0, 20))
    // The worker prints in the till's next pause (serial-writer.ts): the on-screen printer has it then.
    await vi.waitFor(async () => expect((await maya.get<PrintJobDto>(`/api/print-jobs/${sale.printJobId}`)).status).toBe('printed'), { timeout: 5000, interval: 20 })
    expect(app.fleet.virtual('screen-receipts')!.jobs.some((j) => j.transcript.includes(sale.receiptBarcode))).toBe(true)

    for (const number of [sale.receiptNumber, sale.receiptBarcode]) {
      const read = await maya.get<SaleResult>(`/api/sales/${number}`)
      expect({ ...read, receipt: undefined }).toEqual({ ...sale, receipt: undefined, printJobId: undefined })
      expect(read.receipt.lines).toEqual(sale.receipt.lines)
    }
    expect((await maya.fetch('/api/sales/S-01-999999')).status).toBe(404)
  })

  it('is idempotent: a retry and a double tap make one sale and one set of movements', async () => {
    const before = await writtenCounts(app)
    const body = { till: 'till-1', lines: [{ sku: a20.sku }], tenders: [{ method: 'card', amountMinor: a20.priceMinor, reference: 'AUTH 1234' }] }
    const key = newKey()
    const [one, two] = await Promise.all([maya.post('/api/sales', body, { 'idempotency-key': key }), maya.post('/api/sales', body, { 'idempotency-key': key })])
    const three = await maya.post('/api/sales', body, { 'idempotency-key': key })
    const answers = (await Promise.all([one.json(), two.json(), three.json()])) as SaleResult[]
    expect([one.status, two.status, three.status]).toEqual([201, 201, 201])
    expect(new Set(answers.map((a) => a.receiptNumber)).size).toBe(1)
    expect([one, two, three].filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2)
    const after = await writtenCounts(app)
    expect(after['orders']).toBe(before['orders']! + 1)
    expect(after['stock_movements']).toBe(before['stock_movements']! + 1)
  })

  it('splits cash and card, and refuses a card payment over what is due', async () => {
    const total = a20.priceMinor + z0.priceMinor
    const sale = await sell(maya, {
      till: 'till-1', lines: [{ sku: a20.sku }, { sku: z0.sku }],
      tenders: [{ method: 'card', amountMinor: total - 500, reference: '004321' }, { method: 'cash', amountMinor: 1000 }],
      customer: { name: 'Sam Jones', email: 'Sam@Example.com', phone: '07700 900123' },
    })
    expect(sale.tenders).toEqual([
      { method: 'card', amountMinor: total - 500, appliedMinor: total - 500, reference: '004321' },
      { method: 'cash', amountMinor: 1000, appliedMinor: 500, reference: null },
    ])
    expect(sale.changeMinor).toBe(500)
    expect(sale.customer).toEqual({ name: 'Sam Jones', email: 'sam@example.com', phone: '07700 900123' })
    const p = await problemOf(await maya.post('/api/sales', { till: 'till-1', lines: [{ sku: a20.sku }], tenders: [{ method: 'card', amountMinor: a20.priceMinor + 1 }] }))
    expect(p).toMatchObject({ status: 422, field: 'tenders.0.amountMinor' })
  })

  it('takes the last unit: the level goes negative and is flagged for a count', async () => {
    const product = rates[20][1]!
    expect((await maya.post('/api/stock/counts', { sku: product.sku, location: 'floor', counted: 1 }, { 'idempotency-key': newKey('count') })).status).toBe(201)
    await sell(maya, { till: 'till-1', lines: [{ sku: product.sku, quantity: 2 }], tenders: [{ method: 'card', amountMinor: product.priceMinor * 2 }] })
    expect(await floorLevel(app, product.sku)).toEqual({ onHand: -1, needsCount: true })
  })

  it('tells screens over socket.io as stock changes and sales complete', async () => {
    const socket = io(app.url, { extraHeaders: { cookie: ash.cookie }, transports: ['websocket'] })
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
    const stock = new Promise<{ sku: string; onHand: number }>((resolve) => socket.on('stock.changed', (p: { sku: string; onHand: number }) => p.sku === b5.sku && resolve(p)))
    const done = new Promise<{ receiptNumber: string }>((resolve) => socket.on('sale.completed', resolve))
    const sale = await sell(maya, { till: 'till-1', lines: [{ sku: b5.sku }], tenders: [{ method: 'cash', amountMinor: b5.priceMinor }] })
    expect((await stock).onHand).toBe((await floorLevel(app, b5.sku)).onHand)
    expect((await done).receiptNumber).toBe(sale.receiptNumber)
    socket.close()
  })

  it('gives several tills their own receipt sequences while they sell at once', async () => {
    const body = (till: string) => ({ till, lines: [{ sku: z0.sku }], tenders: [{ method: 'cash', amountMinor: z0.priceMinor }] })
    const sales = await Promise.all(Array.from({ length: 16 }, (_, i) => sell(i % 2 ? ash : maya, body(i % 2 ? 'till-2' : 'till-1'))))
    for (const prefix of ['S-01-', 'S-02-']) {
      const seqs = sales.filter((s) => s.receiptNumber.startsWith(prefix)).map((s) => Number(s.receiptNumber.slice(5))).sort((a, b) => a - b)
      expect(seqs).toHaveLength(8)
      expect(seqs.at(-1)! - seqs[0]!).toBe(7)
    }
    const ledger = await app.db.reader.one<{ bad: number }>(
      `SELECT count(*) AS bad FROM stock_levels l WHERE on_hand <> (SELECT coalesce(sum(quantity), 0) FROM stock_movements m WHERE m.sku = l.sku AND m.location = l.location)`)
    expect(ledger!.bad).toBe(0)
  })
})

describe('discounts, overrides and approval', () => {
  const discounted = (extra: object = {}) => ({
    till: 'till-2',
    lines: [{ sku: a20.sku, discount: { percent: 50, reason: 'damaged box' } }],
    tenders: [{ method: 'cash', amountMinor: a20.priceMinor }],
    ...extra,
  })

  it('an assistant over the limit needs a manager: refused with the action to ask for, nothing written', async () => {
    const before = await writtenCounts(app)
    const p = await problemOf(await ash.post('/api/sales', discounted(), { 'idempotency-key': newKey() }))
    expect(p).toMatchObject({ status: 403, code: 'approval_required', action: 'sale.discount', field: 'lines.0.discount' })
    expect(await writtenCounts(app)).toEqual(before)
    const quote = (await (await ash.post('/api/sales/quote', { lines: discounted().lines })).json()) as SaleQuote
    expect(quote.approvals).toEqual([expect.objectContaining({ action: 'sale.discount', field: 'lines.0.discount' })])
    const withKind = (await (await ash.post('/api/sales/quote', { lines: [{ sku: a20.sku }], discounts: [{ kind: 'percent', percent: 5, reason: 'staff' }] })).json()) as SaleQuote
    expect(withKind).toMatchObject({ approvals: [], discounts: [{ kind: 'percent', percent: 5 }] })
  })

  it("completes with a manager's token, records who approved, and spends the token", async () => {
    const token = await approve('sale.discount')
    const sale = await sell(ash, discounted({ approvalToken: token }))
    expect(sale.approvedBy).toBe('maya')
    expect(sale.lines[0]).toMatchObject({ discountMinor: Math.round(a20.priceMinor / 2), discountReason: 'damaged box' })
    const audit = await app.db.reader.one<{ d: string }>("SELECT details::VARCHAR AS d FROM audit_log WHERE action = 'sale.completed' AND entity_id = ?", [sale.id])
    expect(JSON.parse(audit!.d)).toMatchObject({ reductions: { approvedBy: 'maya', approvalNeeded: ['lines.0.discount'] } })
    const again = await problemOf(await ash.post('/api/sales', discounted({ approvalToken: token }), { 'idempotency-key': newKey() }))
    expect(again).toMatchObject({ status: 403, code: 'approval_required' })
  })

  it('a lower price override needs approval; a higher one and a small discount do not; managers approve themselves', async () => {
    const lower = { till: 'till-2', lines: [{ sku: a20.sku, priceOverride: { unitPriceMinor: 1, reason: 'price match' } }], tenders: [{ method: 'cash', amountMinor: 1 }] }
    expect(await problemOf(await ash.post('/api/sales', lower, { 'idempotency-key': newKey() }))).toMatchObject({ status: 403, action: 'sale.price_override' })
    const higher = { till: 'till-2', lines: [{ sku: a20.sku, priceOverride: { unitPriceMinor: a20.priceMinor + 100, reason: 'gift wrapped' } }], tenders: [{ method: 'cash', amountMinor: a20.priceMinor + 100 }] }
    expect((await sell(ash, higher)).totalMinor).toBe(a20.priceMinor + 100)
    const small = { till: 'till-2', lines: [{ sku: a20.sku, quantity: 4 }], discounts: [{ amountMinor: 1, reason: 'rounding' }], tenders: [{ method: 'cash', amountMinor: a20.priceMinor * 4 }] }
    expect((await sell(ash, small)).discountMinor).toBe(1)
    const manager = await sell(maya, { ...lower, till: 'till-1' })
    expect(manager).toMatchObject({ approvedBy: 'maya', totalMinor: 1 })
    expect(manager.receipt.lines[0]!.note).toContain('price match')
  })
})

describe('scale labels', () => {
  it('adds a weight label at the weighed price and a price label at its printed price', async () => {
    const weight = '2500001012500'.slice(0, 12) // 25 00001 01250: 1.25 kg of cheddar at £12.90/kg
    const { ean13 } = await import('../../appliance/core/barcode.js')
    const scan = await maya.get<ScanAnswer>(`/api/sales/scan?code=${ean13(weight)}`)
    expect(scan).toMatchObject({ kind: 'product', product: { sku: 'DELI-CHEDDAR' }, unitPriceMinor: 1613, weightGrams: 1250, line: { barcode: ean13(weight) } })
    const price = ean13('210000200349') // 21 00002 00349: olives labelled £3.49
    const sale = await sell(maya, { till: 'till-1', lines: [{ barcode: ean13(weight) }, { barcode: price }], tenders: [{ method: 'cash', amountMinor: 5000 }] })
    expect(sale.lines.map((l) => [l.sku, l.totalMinor, l.weightGrams])).toEqual([['DELI-CHEDDAR', 1613, 1250], ['DELI-OLIVES', 349, null]])
    expect(sale.receipt.lines[0]).toMatchObject({ qty: 1.25, unit: 'kg', unitPriceMinor: 1290 })
    const bad = await problemOf(await maya.post('/api/sales/quote', { lines: [{ barcode: '2100002003491' }] }))
    expect(bad).toMatchObject({ status: 422, field: 'lines.0.barcode' })
  })

  it('tells what a scan is, and answers 404 for a code nobody knows', async () => {
    expect(await maya.get<ScanAnswer>(`/api/sales/scan?code=${a20.barcodes[0]}`)).toMatchObject({ kind: 'product', line: { sku: a20.sku }, unitPriceMinor: a20.priceMinor })
    expect(await maya.get<ScanAnswer>('/api/sales/scan?code=S0100000001')).toEqual({ kind: 'receipt', code: 'S0100000001', receiptNumber: 'S-01-000001' })
    expect(await problemOf(await maya.fetch('/api/sales/scan?code=4006381333931'))).toMatchObject({ status: 404, code: 'not_found' })
  })
})

describe('gift cards and store credit', () => {
  it('sells a gift card, then redeems it in part and in full across sales; balance enquiry follows', async () => {
    const bought = await sell(maya, { till: 'till-1', lines: [{ giftCard: { amountMinor: 2500 } }], tenders: [{ method: 'card', amountMinor: 2500 }] })
    expect(bought.vat).toEqual([])
    const card = bought.vouchersIssued[0]!
    expect(card).toMatchObject({ amountMinor: 2500, formatted: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) })
    expect(await maya.get<VoucherDto>(`/api/vouchers/${card.formatted.toLowerCase()}`)).toMatchObject({ balanceMinor: 2500, kind: 'gift_card', expired: false })
    expect(await maya.get<ScanAnswer>(`/api/sales/scan?code=${card.code}`)).toMatchObject({ kind: 'voucher', voucher: { balanceMinor: 2500 } })

    const partial = await sell(ash, { till: 'till-2', lines: [{ sku: z0.sku }], tenders: [{ method: 'voucher', amountMinor: z0.priceMinor, reference: card.formatted }] })
    expect(partial.tenders[0]).toMatchObject({ method: 'voucher', reference: card.code })
    expect((await maya.get<VoucherDto>(`/api/vouchers/${card.code}`)).balanceMinor).toBe(2500 - z0.priceMinor)

    const before = await writtenCounts(app)
    const over = await problemOf(await ash.post('/api/sales', { till: 'till-2', lines: [{ sku: a20.sku, quantity: 10 }], tenders: [{ method: 'voucher', amountMinor: 2500, reference: card.code }, { method: 'cash', amountMinor: a20.priceMinor * 10 }] }, { 'idempotency-key': newKey() }))
    expect(over).toMatchObject({ status: 422, field: 'tenders.0.amountMinor' })
    expect(over.detail).toMatch(/only has/)
    expect(await writtenCounts(app)).toEqual(before)
  })

  it('lets a manager issue store credit, not an assistant', async () => {
    expect((await ash.post('/api/vouchers', { amountMinor: 500, reason: 'goodwill' })).status).toBe(403)
    const r = await maya.post('/api/vouchers', { amountMinor: 500, reason: 'goodwill' }, { 'idempotency-key': newKey('voucher') })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ kind: 'store_credit', balanceMinor: 500 })
  })
})

describe('parked baskets', () => {
  it('parks on one till, recalls on another exactly once', async () => {
    const parked = await maya.post('/api/parked', { till: 'till-1', label: 'Blue coat', lines: [{ sku: a20.sku, quantity: 2 }] })
    expect(parked.status).toBe(201)
    const { id, totalMinor } = (await parked.json()) as { id: string; totalMinor: number }
    expect(totalMinor).toBe(a20.priceMinor * 2)
    const list = await ash.get<{ items: Array<{ id: string; label: string }> }>('/api/parked')
    expect(list.items.find((p) => p.id === id)).toMatchObject({ label: 'Blue coat' })
    const recalled = await ash.post(`/api/parked/${id}/recall`, { till: 'till-2' })
    expect(await recalled.json()).toMatchObject({ id, basket: { lines: [{ sku: a20.sku, quantity: 2 }] } })
    expect((await maya.post(`/api/parked/${id}/recall`, { till: 'till-1' })).status).toBe(409)
    expect((await ash.get<{ items: Array<{ id: string }> }>('/api/parked')).items.some((p) => p.id === id)).toBe(false)
  })
})

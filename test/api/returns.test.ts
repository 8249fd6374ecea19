/**
 * The returns desk through HTTP on a real database: store sales by receipt barcode (cash from
 * the drawer, card, voucher re-credit, store credit), a Shopify order returned at the till
 * with an exchange, conditions and locations, return windows with a manager's override,
 * returns without a receipt, idempotency, and a store sale returned by post (RMA).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApprovalGrant, OrderDetailDto, OrderListDto, Product, ProductList, ReturnAuthorisationDto, ReturnDto, TillReportDto, VoucherDto } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { newKey, openTill, problemOf, sell } from './till-fixtures.js'
import { level, settableClock } from './orders-fixtures.js'

let app: TestAppliance
let maya: Client
let ash: Client
let goods: Product[]
const clock = settableClock('2026-06-15T09:00:00Z')
const DAY = 86_400_000

beforeAll(async () => {
  app = await startAppliance({ clock })
  maya = await signIn(app.url, 'maya', '1111', 'till-1')
  ash = await signIn(app.url, 'ash', '2222', 'till-2')
  goods = []
  for (const q of ['Mug', 'Vase', 'Candle', 'Notebook', 'Kite', 'Seat']) goods.push(...(await maya.get<ProductList>(`/api/products?q=${q}&limit=10`)).items.filter((p) => p.priceMinor > 0))
  await openTill(maya, 'till-1')
  await openTill(ash, 'till-2')
})
afterAll(() => app.stop())

async function returnOf(client: Client, body: unknown, key = newKey('ret')): Promise<ReturnDto> {
  const r = await client.post('/api/returns', body, { 'idempotency-key': key })
  if (r.status !== 201) throw new Error(`return: ${r.status} ${await r.text()}`)
  return (await r.json()) as ReturnDto
}

const approve = async (action: string, requester = ash) => ((await (await requester.post('/api/approvals', { staff: 'maya', pin: '1111', action })).json()) as ApprovalGrant).token
const line = (p: Product, quantity = 1, condition = 'sellable', reason = 'changed-mind') => ({ sku: p.sku, quantity, reason, condition })
const movesFor = (reference: string) => app.db.reader.all<{ sku: string; location: string; quantity: number; kind: string }>('SELECT sku, location, quantity, kind FROM stock_movements WHERE reference = ?', [reference])

describe('a store sale brought back with its receipt', () => {
  it('refunds cash from this station\u2019s drawer, puts the stock back once and shows on the X report and the timeline', async () => {
    const p = goods[0]!
    const sale = await sell(ash, { till: 'till-2', lines: [{ sku: p.sku, quantity: 2 }], tenders: [{ method: 'cash', amountMinor: p.priceMinor * 2 + 500 }] })
    const before = await level(app, p.sku, 'floor')
    const salesBefore = (await ash.get<TillReportDto>('/api/tills/till-2/x-report')).sales
    const first = await returnOf(ash, { order: sale.receiptBarcode, lines: [line(p)], refund: { method: 'original' } })
    expect(first).toMatchObject({
      number: expect.stringMatching(/^R-\d{6}$/), order: sale.id, orderNumber: sale.receiptNumber, channel: 'store', refundMinor: p.priceMinor,
      refunds: [{ method: 'cash', amountMinor: p.priceMinor, status: 'completed' }], till: 'till-2', station: 'till-2', staffName: 'Ash',
      lines: [{ sku: p.sku, quantity: 1, condition: 'sellable', location: 'floor', valueMinor: p.priceMinor }],
    })
    expect((await level(app, p.sku, 'floor')).onHand).toBe(before.onHand + 1)
    expect(await movesFor(first.number)).toEqual([{ sku: p.sku, location: 'floor', quantity: 1, kind: 'return' }])
    const x = await ash.get<TillReportDto>('/api/tills/till-2/x-report')
    expect(x.refunds).toEqual({ count: 1, amountMinor: p.priceMinor })
    // The sale still happened: a partly returned sale keeps counting in the session's takings.
    expect(x.sales).toEqual(salesBefore)
    expect(x.cash.refundsMinor).toBe(-p.priceMinor)
    const read = await ash.get<ReturnDto>(`/api/returns/${first.id}`)
    expect({ ...read, printJobId: first.printJobId }).toEqual(first)
    expect((await ash.get<ReturnDto>(`/api/returns/${first.number}`)).id).toBe(first.id)
    const order = await ash.get<OrderDetailDto>(`/api/orders/${sale.id}`)
    expect(order).toMatchObject({ status: 'partially_returned', totals: { refundedMinor: p.priceMinor } })
    expect(order.lines[0]).toMatchObject({ returned: 1, returnable: 1 })
    expect(order.timeline.slice(-2).map((t) => [t.kind, t.staff, t.station])).toEqual([['returned', 'ash', 'till-2'], ['refunded', 'ash', 'till-2']])
    expect(order.returns.map((r) => r.number)).toEqual([first.number])
    // The refund receipt is queued with a drawer kick, like a cash sale.
    const raw = new Uint8Array(await (await ash.fetch(`/api/print-jobs/${first.printJobId}/preview?format=raw`)).arrayBuffer())
    expect(raw.findIndex((b, i) => b === 0x1b && raw[i + 1] === 0x70)).toBeGreaterThanOrEqual(0)

    const second = await returnOf(ash, { order: sale.receiptNumber, lines: [line(p)], refund: { method: 'original' } })
    expect(second.refunds).toEqual([{ method: 'cash', amountMinor: p.priceMinor, reference: null, status: 'completed' }])
    expect((await ash.get<OrderDetailDto>(`/api/orders/${sale.id}`)).status).toBe('returned')
    const again = await problemOf(await ash.post('/api/returns', { order: sale.receiptNumber, lines: [line(p)], refund: { method: 'original' } }, { 'idempotency-key': newKey('ret') }))
    expect(again).toMatchObject({ status: 409, field: 'order' })
  })

  it('sends a card refund back to the card, and a split payment back to each tender (voucher re-credited)', async () => {
    const [p, q] = [goods[1]!, goods[2]!]
    const voucher = (await (await maya.post('/api/vouchers', { amountMinor: 1000, reason: 'test credit' }, { 'idempotency-key': newKey('v') })).json()) as VoucherDto
    const total = p.priceMinor + q.priceMinor
    const sale = await sell(ash, { till: 'till-2', lines: [{ sku: p.sku }, { sku: q.sku }], tenders: [{ method: 'voucher', amountMinor: 1000, reference: voucher.code }, { method: 'card', amountMinor: total - 1000, reference: 'AUTH-77' }] })
    const ret = await returnOf(ash, { order: sale.receiptBarcode, lines: [line(p), line(q)], refund: { method: 'original' } })
    expect(ret.refundMinor).toBe(total)
    expect(ret.refunds.map((r) => [r.method, r.amountMinor, r.reference])).toEqual([['voucher', 1000, voucher.code], ['card', total - 1000, 'AUTH-77']])
    expect((await ash.get<VoucherDto>(`/api/vouchers/${voucher.code}`)).balanceMinor).toBe(1000)
    expect(await movesFor(ret.number)).toHaveLength(2)
  })

  it('gives store credit when asked, and sends damaged goods to quarantine and write-offs nowhere', async () => {
    const [p, q] = [goods[3]!, goods[4]!]
    const sale = await sell(ash, { till: 'till-2', lines: [{ sku: p.sku }, { sku: q.sku, quantity: 2 }], tenders: [{ method: 'card', amountMinor: p.priceMinor + 2 * q.priceMinor }] })
    const ret = await returnOf(ash, { order: sale.id, lines: [line(p, 1, 'damaged', 'faulty'), line(q, 1, 'write-off', 'damaged-in-transit'), { ...line(q), location: 'backroom' }], refund: { method: 'store-credit' } })
    expect(ret.refunds).toEqual([{ method: 'store-credit', amountMinor: p.priceMinor + 2 * q.priceMinor, reference: ret.storeCredit!.code, status: 'completed' }])
    expect(ret.lines.map((l) => [l.condition, l.location])).toEqual([['damaged', 'quarantine'], ['write-off', null], ['sellable', 'backroom']])
    expect((await movesFor(ret.number)).map((m) => [m.sku, m.location, m.quantity]).sort()).toEqual([[p.sku, 'quarantine', 1], [q.sku, 'backroom', 1]].sort())
    const credit = await ash.get<VoucherDto>(`/api/vouchers/${ret.storeCredit!.code}`)
    expect(credit).toMatchObject({ kind: 'store_credit', balanceMinor: p.priceMinor + 2 * q.priceMinor })
  })

  it('is idempotent: a retried return answers the first one and writes nothing twice', async () => {
    const p = goods[5]!
    const sale = await sell(ash, { till: 'till-2', lines: [{ sku: p.sku }], tenders: [{ method: 'card', amountMinor: p.priceMinor }] })
    const key = newKey('ret')
    const body = { order: sale.receiptBarcode, lines: [line(p)], refund: { method: 'original' } }
    const first = await returnOf(ash, body, key)
    const retry = await ash.post('/api/returns', body, { 'idempotency-key': key })
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await retry.json()).toEqual(first)
    expect((await app.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM returns WHERE order_id = ?', [sale.id]))!.n).toBe(1)
    expect(await movesFor(first.number)).toHaveLength(1)
  })
})

describe('a Shopify order returned at the till', () => {
  it('exchanges for dearer items (the customer pays the difference): no channel refund is queued', async () => {
    const shop = (await ash.get<OrderListDto>('/api/orders?q=%231001')).items[0]!
    const order = await ash.get<OrderDetailDto>(`/api/orders/${shop.id}`)
    const back = order.lines[0]!
    const unitValue = Math.floor(back.totalMinor / back.quantity)
    const dear = goods.find((g) => g.priceMinor > unitValue + 100)!
    const before = await level(app, dear.sku, 'floor')
    const ret = await returnOf(ash, {
      order: '#1001', lines: [{ sku: back.sku, quantity: 1, reason: 'wrong-size', condition: 'sellable' }],
      refund: { method: 'exchange' }, exchange: { lines: [{ sku: dear.sku }], tenders: [{ method: 'cash', amountMinor: dear.priceMinor }] },
    })
    expect(ret.refundMinor).toBe(0)
    expect(ret.refunds).toEqual([{ method: 'exchange', amountMinor: ret.valueMinor, reference: ret.exchange!.receiptNumber, status: 'completed' }])
    expect((await level(app, dear.sku, 'floor')).onHand).toBe(before.onHand - 1)
    const sale = await ash.get<{ tenders: Array<{ method: string; appliedMinor: number }>; totalMinor: number }>(`/api/sales/${ret.exchange!.receiptNumber}`)
    expect(sale.tenders.map((t) => [t.method, t.appliedMinor])).toEqual([['voucher', ret.valueMinor], ['cash', dear.priceMinor - ret.valueMinor]])
    expect((await app.db.reader.all("SELECT 1 FROM sync_outbox WHERE reference = ?", [ret.id]))).toEqual([])
    const after = await ash.get<OrderDetailDto>(`/api/orders/${shop.id}`)
    expect(after.timeline.slice(-2).map((t) => t.kind)).toEqual(['returned', 'exchanged'])
  })

  it('exchanges for cheaper items and queues the balance for Shopify through the outbox', async () => {
    const shop = (await ash.get<OrderListDto>('/api/orders?q=%231001')).items[0]!
    const order = await ash.get<OrderDetailDto>(`/api/orders/${shop.id}`)
    const back = order.lines.find((l) => l.returnable > 0)!
    const cheap = goods.filter((g) => g.priceMinor < back.unitPriceMinor).sort((a, b) => a.priceMinor - b.priceMinor)[0]!
    const ret = await returnOf(ash, {
      order: shop.id, lines: [{ sku: back.sku, quantity: 1, reason: 'changed-mind', condition: 'sellable' }],
      refund: { method: 'exchange', balance: 'original' }, exchange: { lines: [{ sku: cheap.sku }] },
    })
    const balance = ret.valueMinor - cheap.priceMinor
    expect(ret.refunds.map((r) => [r.method, r.amountMinor, r.status])).toEqual([['channel', balance, 'queued'], ['exchange', cheap.priceMinor, 'completed']])
    const outbox = await app.db.reader.all<{ channel: string; kind: string; payload: string; idempotency_key: string; status: string }>(
      "SELECT channel, kind, payload::VARCHAR AS payload, idempotency_key, status FROM sync_outbox WHERE reference = ?", [ret.id],
    )
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ channel: 'shopify', kind: 'refund', status: 'pending', idempotency_key: expect.stringMatching(/^refund:/) })
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ channelOrderId: 'gid://shopify/Order/1001', currency: 'GBP', amountMinor: balance, lines: [{ quantity: 1, amountMinor: balance, restock: false }] })
  })
})

describe('return windows and returns without a receipt', () => {
  it('needs a manager to take a store sale back after 28 days', async () => {
    const p = goods[6]!
    const sale = await sell(ash, { till: 'till-2', lines: [{ sku: p.sku }], tenders: [{ method: 'card', amountMinor: p.priceMinor }] })
    clock.advance(40 * DAY)
    try {
      const later = await signIn(app.url, 'ash', '2222', 'till-2') // the day's sessions have long ended
      const body = { order: sale.receiptBarcode, lines: [line(p)], refund: { method: 'original' } }
      expect(await problemOf(await later.post('/api/returns', body, { 'idempotency-key': newKey('ret') }))).toMatchObject({ status: 409, field: 'overrideWindow', lastDay: '2026-07-13' })
      expect(await problemOf(await later.post('/api/returns', { ...body, overrideWindow: true }, { 'idempotency-key': newKey('ret') }))).toMatchObject({ status: 403, code: 'approval_required', action: 'return.refund' })
      const token = await approve('return.refund', later)
      const ret = await returnOf(later, { ...body, overrideWindow: true, approvalToken: token })
      expect(ret).toMatchObject({ windowOverridden: true, approvedBy: 'maya', windowLastDay: '2026-07-13', refunds: [{ method: 'card' }] })
      expect(await problemOf(await later.post('/api/returns', { ...body, overrideWindow: true, approvalToken: token }, { 'idempotency-key': newKey('ret') }))).toMatchObject({ status: 409, field: 'order' })
    } finally {
      clock.advance(-40 * DAY)
      ash = await signIn(app.url, 'ash', '2222', 'till-2')
      maya = await signIn(app.url, 'maya', '1111', 'till-1')
    }
  })

  it('gives store credit only, up to the limit, with a manager\u2019s approval', async () => {
    const p = goods.find((g) => g.priceMinor <= 2000)!
    const body = { noReceipt: true, lines: [line(p)], refund: { method: 'store-credit' } }
    expect(await problemOf(await ash.post('/api/returns', body, { 'idempotency-key': newKey('ret') }))).toMatchObject({ status: 403, code: 'approval_required', action: 'return.no_receipt' })
    expect(await problemOf(await ash.post('/api/returns', { ...body, refund: { method: 'original' } }, { 'idempotency-key': newKey('ret') }))).toMatchObject({ status: 422, field: 'refund.method' })
    expect(await problemOf(await ash.post('/api/returns', { ...body, lines: [{ ...line(p), quantity: 50 }] }, { 'idempotency-key': newKey('ret') }))).toMatchObject({ status: 422, field: 'lines' })
    expect(await problemOf(await ash.post('/api/returns', { ...body, lines: [{ ...line(p), unitValueMinor: p.priceMinor + 1 }] }, { 'idempotency-key': newKey('ret') }))).toMatchObject({ status: 422, field: 'lines.0.unitValueMinor' })
    const token = await approve('return.no_receipt')
    const before = await level(app, p.sku, 'floor')
    const ret = await returnOf(ash, { ...body, approvalToken: token })
    expect(ret).toMatchObject({ order: null, approvedBy: 'maya', refundMinor: p.priceMinor, refunds: [{ method: 'store-credit', amountMinor: p.priceMinor }] })
    expect((await level(app, p.sku, 'floor')).onHand).toBe(before.onHand + 1)
    const audit = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'return.no_receipt' AND entity_id = ?", [ret.id])
    expect(audit!.n).toBe(1)
  })
})

describe('a store sale returned by post', () => {
  it('is authorised with a printable returns label, then received at the desk once', async () => {
    const p = goods[7]!
    const sale = await sell(maya, { till: 'till-1', lines: [{ sku: p.sku, quantity: 2 }], tenders: [{ method: 'card', amountMinor: p.priceMinor * 2, reference: 'AUTH-RMA' }] })
    const r = await maya.post('/api/returns/authorisations', {
      order: sale.receiptBarcode, lines: [{ sku: p.sku, quantity: 2, reason: 'faulty' }],
      address: { name: 'Chloé Dubois', line1: '45 Kingsland Road', city: 'London', postcode: 'E2 8AA' },
    }, { 'idempotency-key': newKey('rma') })
    expect(r.status).toBe(201)
    const rma = (await r.json()) as ReturnAuthorisationDto
    expect(rma).toMatchObject({ kind: 'rma', status: 'authorised', refundMinor: 0, labelPrintJobId: expect.any(Number), label: { format: 'zpl' } })
    expect(rma.label!.text).toContain('^FDRETURN^FS')
    expect(rma.label!.text).toContain(rma.number)
    const job = await maya.get<{ items: Array<{ id: number; kind: string; format: string; reference: string }> }>('/api/print-jobs?limit=50')
    expect(job.items.find((j) => j.id === rma.labelPrintJobId)).toMatchObject({ kind: 'label', format: 'zpl', reference: rma.number })
    const order = await maya.get<OrderDetailDto>(`/api/orders/${sale.id}`)
    expect(order.timeline.at(-1)).toMatchObject({ kind: 'return_authorised' })
    expect(await movesFor(rma.number)).toEqual([])

    const got = await maya.post(`/api/returns/${rma.id}/receive`, { lines: [{ sku: p.sku, quantity: 1, condition: 'sellable' }, { sku: p.sku, quantity: 1, condition: 'damaged' }], refund: { method: 'original' } }, { 'idempotency-key': newKey('rcv') })
    expect(got.status).toBe(201)
    const received = (await got.json()) as ReturnDto
    expect(received).toMatchObject({ id: rma.id, number: rma.number, kind: 'rma', status: 'completed', refundMinor: p.priceMinor * 2, refunds: [{ method: 'card', reference: 'AUTH-RMA' }] })
    expect((await movesFor(rma.number)).map((m) => m.location).sort()).toEqual(['floor', 'quarantine'])
    const twice = await problemOf(await maya.post(`/api/returns/${rma.id}/receive`, { lines: [{ sku: p.sku, quantity: 1, condition: 'sellable' }], refund: { method: 'original' } }, { 'idempotency-key': newKey('rcv') }))
    expect(twice).toMatchObject({ status: 409, field: 'id' })
  })
})

/** Till sessions through HTTP: open with a float, cash in/out, voids, X report, close with a count (Z), settings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApprovalGrant, Product, TillDto, TillList, TillReportDto, TillSettingsDto, ZReportList } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { newKey, problemOf, productsByRate, sell, testClock } from './till-fixtures.js'

let app: TestAppliance
let maya: Client
let ash: Client
let products: Awaited<ReturnType<typeof productsByRate>>
let a20: Product
let b5: Product

beforeAll(async () => {
  app = await startAppliance({ clock: testClock('2026-03-29T00:30:00Z') }) // 00:30 in London, the night the clocks go forward
  maya = await signIn(app.url, 'maya', '1111', 'till-2')
  ash = await signIn(app.url, 'ash', '2222', 'till-2')
  products = await productsByRate(maya)
  a20 = products[20][0]!
  b5 = products[5][0]!
})
afterAll(() => app.stop())

describe('a day on till 2', () => {
  it('lists the tills with id, name and whether they are open', async () => {
    const { items } = await ash.get<TillList>('/api/tills')
    expect(items.map((t) => ({ id: t.id, name: t.name, open: t.open }))).toEqual([
      { id: 'till-1', name: 'Till 1', open: false },
      { id: 'till-2', name: 'Till 2', open: false },
    ])
  })

  it('opens with a counted float, once, for the business day in London', async () => {
    const r = await ash.post('/api/tills/till-2/open', { floatMinor: 10000, denominations: { '2000': 2, '1000': 4, '500': 4 } }, { 'idempotency-key': newKey('open') })
    expect(r.status).toBe(201)
    const till = (await r.json()) as TillDto
    expect(till).toMatchObject({ id: 'till-2', open: true, session: { floatMinor: 10000, businessDay: '2026-03-29', openedBy: 'ash', expired: false } })
    expect(await problemOf(await ash.post('/api/tills/till-2/open', { floatMinor: 10000 }))).toMatchObject({ status: 409, field: 'till' })
    expect(await problemOf(await ash.post('/api/tills/till-1/open', { floatMinor: 10000, denominations: { '2000': 1 } }))).toMatchObject({ status: 422, field: 'countedMinor' })
  })

  it('sells, moves cash, voids, and reads an X report that resets nothing', async () => {
    await sell(ash, { till: 'till-2', lines: [{ sku: a20.sku }, { sku: b5.sku }], tenders: [{ method: 'cash', amountMinor: a20.priceMinor + b5.priceMinor + 1000 }] })
    await sell(ash, { till: 'till-2', lines: [{ sku: a20.sku, quantity: 2 }], discounts: [{ amountMinor: 10, reason: 'scuffed' }], tenders: [{ method: 'card', amountMinor: a20.priceMinor * 2 - 10, reference: 'T-77' }] })
    await sell(ash, { till: 'till-2', lines: [{ giftCard: { amountMinor: 1500 } }], tenders: [{ method: 'cash', amountMinor: 1500 }] })
    expect((await ash.post('/api/tills/till-2/cash', { kind: 'paid_out', amountMinor: 250, reason: 'milk for the staff room' }, { 'idempotency-key': newKey('cash') })).status).toBe(201)
    expect((await ash.post('/api/tills/till-2/cash', { kind: 'paid_in', amountMinor: 100, reason: 'change from the bank' })).status).toBe(201)
    expect((await ash.post('/api/tills/till-2/cash', { kind: 'bank_drop', amountMinor: 5000, reason: 'safe drop' })).status).toBe(201)
    expect(await problemOf(await ash.post('/api/tills/till-2/cash', { kind: 'paid_out', amountMinor: 10_000_000, reason: 'too much' }))).toMatchObject({ status: 422, field: 'amountMinor' })
    const v = await ash.post('/api/tills/till-2/voids', { scope: 'line', reason: 'scanned twice', lines: [{ sku: a20.sku, name: a20.name, quantity: 1, totalMinor: a20.priceMinor }] })
    expect(v.status).toBe(201)
    expect((await ash.post('/api/tills/till-2/voids', { scope: 'basket', reason: 'customer left', lines: [{ sku: b5.sku, name: b5.name, quantity: 2, totalMinor: b5.priceMinor * 2 }] })).status).toBe(201)
    expect((await ash.post('/api/tills/till-2/voids', { scope: 'line', reason: '', lines: [] })).status).toBe(400)

    const x = await ash.get<TillReportDto>('/api/tills/till-2/x-report')
    const goods = a20.priceMinor * 3 + b5.priceMinor - 10
    expect(x).toMatchObject({
      kind: 'X', zNumber: null, businessDay: '2026-03-29',
      sales: { count: 3, totalMinor: goods + 1500, discountMinor: 10 },
      refunds: { count: 0, amountMinor: 0 },
      voids: { lineCount: 1, lineMinor: a20.priceMinor, basketCount: 1, basketMinor: b5.priceMinor * 2 },
      discounts: { count: 1, amountMinor: 10 },
      giftCardsSold: { count: 1, amountMinor: 1500 },
      cash: { floatMinor: 10000, salesMinor: a20.priceMinor + b5.priceMinor + 1500, paidInMinor: 100, paidOutMinor: -250, bankDropMinor: -5000, countedMinor: null },
    })
    expect(x.tenders).toEqual([
      { method: 'card', count: 1, amountMinor: a20.priceMinor * 2 - 10 },
      { method: 'cash', count: 2, amountMinor: a20.priceMinor + b5.priceMinor + 1500 },
    ])
    expect(x.vat.reduce((s, r) => s + r.grossMinor, 0)).toBe(goods)
    for (const r of x.vat) expect(r.netMinor + r.vatMinor).toBe(r.grossMinor)
    expect(x.cash.expectedMinor).toBe(10000 + a20.priceMinor + b5.priceMinor + 1500 + 100 - 250 - 5000)
    expect((await ash.get<TillReportDto>('/api/tills/till-2/x-report')).sales).toEqual(x.sales)
  })

  it('an assistant cannot close with a discrepancy over the threshold; a manager approves on the same screen', async () => {
    const x = await ash.get<TillReportDto>('/api/tills/till-2/x-report')
    const short = { countedMinor: x.cash.expectedMinor - 2000 }
    const p = await problemOf(await ash.post('/api/tills/till-2/close', short))
    expect(p).toMatchObject({ status: 403, code: 'approval_required', action: 'till.close_discrepancy', overShortMinor: -2000 })
    expect((await ash.get<TillList>('/api/tills')).items.find((t) => t.id === 'till-2')!.open).toBe(true)
    const grant = (await (await ash.post('/api/approvals', { staff: 'maya', pin: '1111', action: 'till.close_discrepancy' })).json()) as ApprovalGrant
    const r = await ash.post('/api/tills/till-2/close', { ...short, approvalToken: grant.token }, { 'idempotency-key': newKey('close') })
    expect(r.status).toBe(201)
    const z = (await r.json()) as TillReportDto
    expect(z).toMatchObject({ kind: 'Z', zNumber: 1, closedBy: 'ash', cash: { countedMinor: x.cash.expectedMinor - 2000, overShortMinor: -2000 } })
    const session = await app.db.reader.one<{ approved_by: string }>('SELECT approved_by FROM till_sessions WHERE id = ?', [z.sessionId])
    expect(session!.approved_by).toBe('maya')
  })

  it('keeps the Z report, and a closed till neither sells nor reports', async () => {
    const kept = await ash.get<ZReportList>('/api/tills/till-2/z-reports')
    expect(kept.items[0]).toMatchObject({ zNumber: 1, businessDay: '2026-03-29', report: { kind: 'Z', sales: { count: 3 } } })
    expect((await ash.get<TillList>('/api/tills')).items.find((t) => t.id === 'till-2')!.open).toBe(false)
    expect((await ash.fetch('/api/tills/till-2/x-report')).status).toBe(409)
    expect((await ash.post('/api/tills/till-2/close', { countedMinor: 0 })).status).toBe(409)
    const sale = await problemOf(await ash.post('/api/sales', { till: 'till-2', lines: [{ sku: a20.sku }], tenders: [{ method: 'cash', amountMinor: a20.priceMinor }] }))
    expect(sale).toMatchObject({ status: 409, field: 'till' })
  })

  it('closes by denomination within the threshold without a manager, and numbers Z reports per till', async () => {
    await ash.post('/api/tills/till-2/open', { floatMinor: 5000 })
    await sell(ash, { till: 'till-2', lines: [{ sku: b5.sku }], tenders: [{ method: 'cash', amountMinor: b5.priceMinor }] })
    const expected = 5000 + b5.priceMinor
    const denominations: Record<string, number> = { '5000': 1, '1': expected - 5000 - 3 }
    const r = await ash.post('/api/tills/till-2/close', { denominations })
    expect(r.status).toBe(201)
    const z = (await r.json()) as TillReportDto
    expect(z).toMatchObject({ zNumber: 2, cash: { expectedMinor: expected, countedMinor: expected - 3, overShortMinor: -3 } })
    expect(z.cash.denominations).toEqual([{ denominationMinor: 5000, count: 1, amountMinor: 5000 }, { denominationMinor: 1, count: expected - 5003, amountMinor: expected - 5003 }])
    expect(await problemOf(await ash.post('/api/tills/till-1/close', { denominations: { '300': 1 } }))).toMatchObject({ status: 409 })
  })
})

describe('till settings', () => {
  it('anyone reads them; only a manager changes them, checked', async () => {
    const s = await ash.get<TillSettingsDto>('/api/settings/till')
    expect(s).toMatchObject({ negativeStock: 'allow', timeZone: 'Europe/London', scanner: { maxInterKeyMs: 50, suffixKeys: ['Enter', 'Tab'] }, approvalLimits: { maxPercentBp: 1000 } })
    expect((await ash.fetch('/api/settings/till', { method: 'PUT', json: { negativeStock: 'refuse' } })).status).toBe(403)
    const put = await maya.fetch('/api/settings/till', { method: 'PUT', json: { scanner: { maxInterKeyMs: 80 }, negativeStock: 'refuse' } })
    expect(put.status).toBe(200)
    expect(await put.json()).toMatchObject({ scanner: { maxInterKeyMs: 80, minLength: 4 }, negativeStock: 'refuse' })
    expect(await problemOf(await maya.fetch('/api/settings/till', { method: 'PUT', json: { timeZone: 'Mars/Olympus' } }))).toMatchObject({ status: 422, field: 'timeZone' })
    expect(await problemOf(await maya.fetch('/api/settings/till', { method: 'PUT', json: { embeddedBarcodes: [{ prefixes: ['2'], itemDigits: 5, valueDigits: 5, valueCheckDigit: false, kind: 'price' }] } }))).toMatchObject({ status: 422, field: 'embeddedBarcodes.0' })
  })

  it("with negativeStock 'refuse' a sale beyond what is on hand is refused", async () => {
    await maya.post('/api/tills/till-1/open', { floatMinor: 0 })
    const product = products[20][2]!
    await maya.post('/api/stock/counts', { sku: product.sku, location: 'floor', counted: 1 }, { 'idempotency-key': newKey('count') })
    const p = await problemOf(await maya.post('/api/sales', { till: 'till-1', lines: [{ sku: product.sku }, { sku: product.sku }], tenders: [{ method: 'cash', amountMinor: product.priceMinor * 2 }] }))
    expect(p).toMatchObject({ status: 409, code: 'insufficient_stock', field: 'lines.1.quantity' })
    await maya.fetch('/api/settings/till', { method: 'PUT', json: { negativeStock: 'allow' } })
  })

  it('a manager adds a till with a unique number', async () => {
    expect((await maya.post('/api/tills', { id: 'till-3', name: 'Till 3', number: 3, location: 'floor' })).status).toBe(201)
    expect(await problemOf(await maya.post('/api/tills', { id: 'till-4', name: 'Till 4', number: 3, location: 'floor' }))).toMatchObject({ status: 409, field: 'number' })
    expect((await ash.post('/api/tills', { id: 'till-5', name: 'Till 5', number: 5, location: 'floor' })).status).toBe(403)
  })
})

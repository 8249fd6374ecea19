/**
 * Bad input at the till: each is a clear error naming the field at fault, and nothing is
 * written — no order, line, payment, movement, voucher change, receipt number or audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Product } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { newKey, openTill, problemOf, productsByRate, sell, testClock, writtenCounts, type TestClock } from './till-fixtures.js'

let app: TestAppliance
let clock: TestClock
let maya: Client
let product: Product
let voucherCode: string

beforeAll(async () => {
  clock = testClock()
  app = await startAppliance({ clock })
  maya = await signIn(app.url, 'maya', '1111', 'till-1')
  product = (await productsByRate(maya))[20][0]!
  await openTill(maya, 'till-1')
  const card = await sell(maya, { till: 'till-1', lines: [{ giftCard: { amountMinor: 300 } }], tenders: [{ method: 'cash', amountMinor: 300 }] })
  voucherCode = card.vouchersIssued[0]!.code
})
afterAll(() => app.stop())

const line = () => ({ sku: product.sku })
const pay = (amountMinor = product.priceMinor) => [{ method: 'cash', amountMinor }]

const cases: Array<{ name: string; body: () => object; status: number; field: string; detail?: RegExp }> = [
  { name: 'a tender that does not cover the total', body: () => ({ till: 'till-1', lines: [line()], tenders: pay(product.priceMinor - 1) }), status: 422, field: 'tenders', detail: /don't cover/ },
  { name: 'a negative quantity', body: () => ({ till: 'till-1', lines: [{ ...line(), quantity: -2 }], tenders: pay() }), status: 400, field: 'lines.0.quantity' },
  { name: 'a zero quantity', body: () => ({ till: 'till-1', lines: [{ ...line(), quantity: 0 }], tenders: pay() }), status: 400, field: 'lines.0.quantity' },
  { name: 'an unknown SKU', body: () => ({ till: 'till-1', lines: [line(), { sku: 'NOPE-404' }], tenders: pay() }), status: 404, field: 'lines.1.sku', detail: /NOPE-404/ },
  { name: 'an unknown barcode', body: () => ({ till: 'till-1', lines: [{ barcode: '4006381333931' }], tenders: pay() }), status: 404, field: 'lines.0.barcode' },
  { name: 'a discount over 100%', body: () => ({ till: 'till-1', lines: [{ ...line(), discount: { percent: 150, reason: 'oops' } }], tenders: pay() }), status: 422, field: 'lines.0.discount.percentBp', detail: /more than 100%/ },
  { name: 'a basket discount over 100%', body: () => ({ till: 'till-1', lines: [line()], discounts: [{ percent: 100.5, reason: 'oops' }], tenders: pay() }), status: 422, field: 'discounts.0.percentBp' },
  { name: 'an amount discount above the line', body: () => ({ till: 'till-1', lines: [{ ...line(), discount: { amountMinor: product.priceMinor + 1, reason: 'x' } }], tenders: pay() }), status: 422, field: 'lines.0.discount.amountMinor' },
  { name: 'a discount whose kind contradicts its figure', body: () => ({ till: 'till-1', lines: [line()], discounts: [{ kind: 'amount', percent: 5, reason: 'x' }], tenders: pay() }), status: 400, field: 'discounts.0.kind' },
  { name: 'a discount with no reason', body: () => ({ till: 'till-1', lines: [{ ...line(), discount: { percent: 5, reason: ' ' } }], tenders: pay() }), status: 400, field: 'lines.0.discount.reason' },
  { name: 'a voucher with too little on it', body: () => ({ till: 'till-1', lines: [line()], tenders: [{ method: 'voucher', amountMinor: 400, reference: voucherCode }, { method: 'cash', amountMinor: product.priceMinor }] }), status: 422, field: 'tenders.0.amountMinor', detail: /only has 300/ },
  { name: 'a voucher code with a typo', body: () => ({ till: 'till-1', lines: [line()], tenders: [{ method: 'voucher', amountMinor: 100, reference: voucherCode.slice(0, 15) + (voucherCode.endsWith('0') ? '1' : '0') }, { method: 'cash', amountMinor: product.priceMinor }] }), status: 422, field: 'tenders.0.reference' },
  { name: 'a sale on a closed till', body: () => ({ till: 'till-2', lines: [line()], tenders: pay() }), status: 409, field: 'till', detail: /closed/ },
  { name: 'an unknown till', body: () => ({ till: 'till-9', lines: [line()], tenders: pay() }), status: 404, field: 'till' },
  { name: 'no lines', body: () => ({ till: 'till-1', lines: [], tenders: pay() }), status: 400, field: 'lines' },
  { name: 'a line naming two products', body: () => ({ till: 'till-1', lines: [{ ...line(), barcode: product.barcodes[0] }], tenders: pay() }), status: 422, field: 'lines.0' },
  { name: 'a client-sent price', body: () => ({ till: 'till-1', lines: [{ ...line(), unitPriceMinor: 1 }], tenders: pay(1) }), status: 400, field: 'lines.0.unitPriceMinor' },
  { name: 'a payment method the till does not take', body: () => ({ till: 'till-1', lines: [line()], tenders: [{ method: 'cheque', amountMinor: product.priceMinor }] }), status: 400, field: 'tenders.0.method' },
  { name: 'a fractional amount', body: () => ({ till: 'till-1', lines: [line()], tenders: pay(product.priceMinor + 0.5) }), status: 400, field: 'tenders.0.amountMinor' },
]

describe('POST /api/sales refuses bad input and writes nothing', () => {
  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const before = await writtenCounts(app)
      const r = await maya.post('/api/sales', c.body(), { 'idempotency-key': newKey('bad') })
      expect(r.headers.get('content-type')).toContain('application/problem+json')
      const p = await problemOf(r)
      expect(p, JSON.stringify(p)).toMatchObject({ status: c.status, field: c.field })
      if (c.detail) expect(p.detail).toMatch(c.detail)
      expect(await writtenCounts(app)).toEqual(before)
    })
  }

  it('refuses a sale on an expired session: the staff sign-in (401) and a till left open from yesterday (409)', async () => {
    clock.advance(26 * 3600_000)
    const before = await writtenCounts(app)
    const body = { till: 'till-1', lines: [line()], tenders: pay() }
    expect(await problemOf(await maya.post('/api/sales', body, { 'idempotency-key': newKey('bad') }))).toMatchObject({ status: 401, code: 'unauthenticated' })
    const again = await signIn(app.url, 'maya', '1111', 'till-1')
    const p = await problemOf(await again.post('/api/sales', body, { 'idempotency-key': newKey('bad') }))
    expect(p).toMatchObject({ status: 409, field: 'till', reason: 'session_expired' })
    expect(p.detail).toMatch(/close it with a Z report/)
    expect(await writtenCounts(app)).toEqual(before)
    const tills = await again.get<{ items: Array<{ id: string; session: { expired: boolean } | null }> }>('/api/tills')
    expect(tills.items.find((t) => t.id === 'till-1')!.session!.expired).toBe(true)
    // The remedy: close (Z), open for today, sell.
    expect((await again.post('/api/tills/till-1/close', { countedMinor: 10300 })).status).toBe(201)
    expect((await again.post('/api/tills/till-1/open', { floatMinor: 5000 })).status).toBe(201)
    expect((await sell(again, body)).businessDay).toBe('2026-06-16')
  })
})

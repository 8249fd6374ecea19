/**
 * The till screen's pure parts (ui/till): the browser-held basket and its storage, money
 * typed in pounds, and the Code 128 drawn for the receipt preview (checked against bwip-js,
 * which the virtual printer uses).
 */
import bwipjs from 'bwip-js'
import { describe, expect, it } from 'vitest'
import type { Product, ScanAnswer } from '../../appliance/api/contract.js'
import * as B from '../../ui/till/basket.js'
import { code128Modules, code128Values } from '../../ui/till/code128.js'

const product = (sku: string, priceMinor: number): Product => ({ sku, name: `Item ${sku}`, barcodes: [], category: 'Test', priceMinor, vatRatePercent: 20, costMinor: 0, handle: sku })
const scan = (sku: string, priceMinor: number, line: { sku: string } | { barcode: string } = { sku }): Extract<ScanAnswer, { kind: 'product' }> =>
  ({ kind: 'product', code: sku, product: product(sku, priceMinor), line, unitPriceMinor: priceMinor, weightGrams: null })

class MemoryStore {
  readonly map = new Map<string, string>()
  getItem(key: string) {
    return this.map.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.map.set(key, value)
  }
}

describe('the browser basket', () => {
  it('counts repeat scans of a SKU on one line, but keeps labels and edited lines apart', () => {
    let b = B.emptyBasket()
    b = B.addScanned(b, scan('A', 250)).basket
    b = B.addScanned(b, scan('B', 100)).basket
    b = B.addScanned(b, scan('A', 250)).basket
    expect(b.lines.map((l) => [l.request.sku, l.request.quantity ?? 1, l.estimateMinor])).toEqual([['A', 2, 500], ['B', 1, 100]])
    b = B.setLineDiscount(b, b.lines[0]!.id, { percent: 10, reason: 'dented' })
    b = B.addScanned(b, scan('A', 250)).basket
    expect(b.lines).toHaveLength(3)
    b = B.addScanned(b, scan('LABEL', 349, { barcode: '2100002003491' })).basket
    b = B.addScanned(b, scan('LABEL', 349, { barcode: '2100002003491' })).basket
    expect(b.lines.filter((l) => l.request.barcode)).toHaveLength(2)
  })

  it('locks once payment starts and builds the sale request the appliance takes', () => {
    let b = B.addScanned(B.emptyBasket(), scan('A', 250)).basket
    expect(B.isLocked(b)).toBe(false)
    b = B.addBasketDiscount(b, { amountMinor: 50, reason: 'loyalty' })
    b = B.addTender(b, { method: 'cash', amountMinor: 200 })
    expect(B.isLocked(b)).toBe(true)
    b = { ...b, customer: { name: 'Sam' }, approvalToken: 'tok' }
    expect(B.saleRequest(b, 'till-1')).toEqual({
      till: 'till-1', lines: [{ sku: 'A' }], discounts: [{ amountMinor: 50, reason: 'loyalty' }],
      tenders: [{ method: 'cash', amountMinor: 200 }], customer: { name: 'Sam' }, approvalToken: 'tok',
    })
    expect(B.isLocked(B.removeTender(b, 0))).toBe(false)
  })

  it('survives a reload through storage, pending sale and its key included', () => {
    const store = new MemoryStore()
    const b = { ...B.addScanned(B.emptyBasket(), scan('A', 250)).basket, pending: { key: 'k-1', body: B.saleRequest(B.emptyBasket(), 'till-1'), sentAt: '2026-06-15T10:00:00Z' } }
    B.saveBasket(store, 'till-1', b)
    expect(B.loadBasket(store, 'till-1')).toEqual(b)
    expect(B.loadBasket(store, 'till-2')).toEqual(B.emptyBasket())
    store.setItem('pos.till.basket.till-3', '{not json')
    expect(B.loadBasket(store, 'till-3')).toEqual(B.emptyBasket())
  })

  it.each([
    ['12.50', 1250], ['12.5', 1250], ['12', 1200], ['£0.99', 99], [' 100.00 ', 10000],
    ['12.505', undefined], ['-1', undefined], ['1,000', undefined], ['', undefined],
  ])('reads %j as %j pence', (text, pence) => {
    expect(B.parsePounds(text)).toBe(pence)
  })
})

describe('Code 128 for the receipt preview', () => {
  it.each(['S0100000123', 'S-01-000123', 'ABC', '12345678', 'A1234567B', '9'])('draws %s as bwip-js does', (text) => {
    const [symbol] = bwipjs.raw('code128', text, {}) as Array<{ sbs: number[] }>
    expect(code128Modules(text)).toEqual(symbol!.sbs)
  })

  it('packs a receipt number: set B for the letter, set C for the digits, then the check symbol', () => {
    // Start B, "S", Code C, 01 00 00 01 23, check.
    const values = code128Values('S0100000123')
    expect(values.slice(0, -1)).toEqual([104, 51, 99, 1, 0, 0, 1, 23])
    const check = (104 + [51, 99, 1, 0, 0, 1, 23].reduce((s, v, i) => s + v * (i + 1), 0)) % 103
    expect(values.at(-1)).toBe(check)
    expect(code128Modules('S0100000123').reduce((s, m) => s + m, 0)).toBe(11 * values.length + 13)
  })

  it('refuses what Code 128 set B cannot carry', () => {
    expect(() => code128Values('£5')).toThrow(RangeError)
  })
})

/**
 * Real appliance, real Chromium: a store sale comes back at the returns screen — the receipt
 * barcode scanned as a keyboard-wedge scanner types it, one of two items chosen with a reason,
 * the cash refunded from the till's drawer — and the order page then shows the return on its
 * timeline; then a Shopify order is brought to the same till and exchanged for a dearer item,
 * the customer paying the difference by card. Needs the built UI (`npm run build:ui`).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Product, ProductList, TillReportDto } from '../../appliance/api/contract.js'
import { startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'
import { openTill, sell, testClock } from '../api/till-fixtures.js'
import { signInBrowser, tolerantScanner, wedgeScan } from './till-browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))

let app: TestAppliance
let browser: BrowserSession
let ash: Client
let mug: Product

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  app = await startAppliance({ clock: testClock() })
  browser = await openPage(app.url)
  await tolerantScanner(app)
  ash = await signInBrowser(app, browser, 'ash', '2222', 'till-1')
  mug = (await ash.get<ProductList>('/api/products?q=Mug')).items.find((p) => p.priceMinor > 0)!
  await openTill(ash, 'till-1')
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const floor = async (sku: string) => (await app.db.reader.one<{ on_hand: number }>('SELECT on_hand FROM stock_levels WHERE id = ?', [`${sku}@floor`]))!.on_hand

describe('the returns screen (Chromium)', () => {
  it('returns a store sale by scanning its receipt, refunding cash from the drawer', async () => {
    const { page } = browser
    const sale = await sell(ash, { till: 'till-1', lines: [{ sku: mug.sku, quantity: 2 }], tenders: [{ method: 'cash', amountMinor: mug.priceMinor * 2 }] })
    const before = await floor(mug.sku)

    await page.goto('/#/returns')
    const find = page.locator('pos-returns #find')
    await find.waitFor()
    await expect.poll(() => page.evaluate(() => document.querySelector('pos-app')?.shadowRoot?.querySelector('pos-returns')?.shadowRoot?.activeElement?.id)).toBe('find')
    await wedgeScan(page, sale.receiptBarcode)

    const row = page.locator(`pos-returns tr[data-sku="${mug.sku}"]`)
    await row.waitFor()
    expect(await page.locator('pos-returns h2').first().textContent()).toContain(sale.receiptNumber)
    await row.locator('.qty').fill('1')
    await row.locator('.reason').selectOption('faulty')
    const refund = page.locator('pos-returns button.refund')
    await expect.poll(() => refund.textContent()).toContain('for 1 item')
    await refund.click()

    const done = page.locator('pos-returns .done')
    await done.waitFor()
    const shown = (await done.textContent()) ?? ''
    expect(shown).toMatch(/Return R-\d{6} done/)
    expect(shown).toContain('Cash from the drawer')
    expect(await floor(mug.sku)).toBe(before + 1)
    const x = await ash.get<TillReportDto>('/api/tills/till-1/x-report')
    expect(x.refunds).toEqual({ count: 1, amountMinor: mug.priceMinor })

    await page.goto(`/#/orders/${sale.id}`)
    const timeline = page.locator('pos-order-detail .timeline')
    await timeline.waitFor()
    await expect.poll(() => timeline.textContent()).toContain('Refunded')
    expect(await page.locator('pos-order-detail h1').textContent()).toContain('Partially returned')
    expect(browser.errors.filter((e) => !/status of (404|403)/.test(e))).toEqual([])
  })

  it('exchanges part of a Shopify order at the till for a dearer item, the customer paying the difference by card', async () => {
    const { page } = browser
    const seat = (await ash.get<ProductList>('/api/products?q=Seat&limit=20')).items.sort((a, b) => b.priceMinor - a.priceMinor)[0]!
    await page.goto('/#/returns')
    await page.locator('pos-returns #find').fill('#1001')
    await page.locator('pos-returns #find').press('Enter')
    const row = page.locator('pos-returns tr[data-sku]').first()
    await row.waitFor()
    expect(await page.locator('pos-returns h2').first().textContent()).toContain('#1001')
    await row.locator('.qty').fill('1')
    await row.locator('.reason').selectOption('wrong-size')
    await page.locator('pos-returns input[name="method"][value="exchange"]').check()
    await page.locator('pos-exchange-items #new-item').fill(seat.sku)
    await page.locator('pos-exchange-items #new-item').press('Enter')
    await page.locator(`pos-exchange-items li[data-sku="${seat.sku}"]`).waitFor()
    const refund = page.locator('pos-returns button.refund')
    await expect.poll(() => refund.textContent()).toMatch(/Exchange/)
    await refund.click()
    const done = page.locator('pos-returns .done')
    await done.waitFor()
    const shown = (await done.textContent()) ?? ''
    expect(shown).toContain('Towards the exchange')
    expect(shown).toMatch(/New items sold on receipt S-01-\d{6}/)
    const number = /Return (R-\d{6})/.exec(shown)![1]!
    const ret = await ash.get<{ exchange: { receiptNumber: string } | null; refunds: Array<{ method: string }> }>(`/api/returns/${number}`)
    const sale = await ash.get<{ lines: Array<{ sku: string }>; tenders: Array<{ method: string }> }>(`/api/sales/${ret.exchange!.receiptNumber}`)
    expect(sale.lines.map((l) => l.sku)).toEqual([seat.sku])
    expect(sale.tenders[0]!.method).toBe('voucher')
  })
})

/**
 * Real appliance, real Chromium: a full sale on the till screen — wedge scans as key
 * events with a scanner's timing (and one unknown code), a discount over the assistant's
 * limit approved by a manager's PIN on the same screen, a split card + cash payment, the
 * receipt preview — and a sale whose answer is lost on the network, completed exactly
 * once after a reload. Needs the built UI (`npm run build:ui`).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Product, ProductList, SaleResult } from '../../appliance/api/contract.js'
import { startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'
import { testClock } from '../api/till-fixtures.js'
import { openTillScreen, tolerantScanner, p95, recordScanTimings, signInBrowser, wedgeScan } from './till-browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))

let app: TestAppliance
let browser: BrowserSession
let ash: Client
let mug: Product
let logs: Product

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  app = await startAppliance({ clock: testClock() })
  browser = await openPage(app.url)
  await tolerantScanner(app)
  ash = await signInBrowser(app, browser, 'ash', '2222', 'till-1')
  mug = (await ash.get<ProductList>('/api/products?q=Mug')).items.find((p) => p.vatRatePercent === 20)!
  logs = (await ash.get<ProductList>('/api/products?q=Logs')).items.find((p) => p.vatRatePercent === 5)!
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const orders = async () => (await app.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM orders'))!.n
const unexpectedErrors = () => browser.errors.filter((e) => !/status of (404|403)/.test(e))

describe('a sale on the till screen (Chromium)', () => {
  it('scans, gets a discount approved, splits card and cash, and shows the receipt', async () => {
    const { page } = browser
    await openTillScreen(page, 'till-1')
    const timings = await recordScanTimings(page)

    await wedgeScan(page, mug.barcodes[0]!)
    await wedgeScan(page, logs.barcodes[0]!, 25)
    await page.locator('pos-search-box input').focus() // a scan lands wherever focus is
    await wedgeScan(page, mug.barcodes[0]!, 8)
    const lines = page.locator('pos-basket-lines li.line')
    await expect.poll(() => lines.count()).toBe(2)
    await expect.poll(() => page.locator(`li[data-sku="${mug.sku}"] .qty-input`).inputValue()).toBe('2')
    expect(await page.locator('pos-search-box input').inputValue()).toBe('')

    await wedgeScan(page, '4006381333931')
    await page.locator('[data-message="error"]').waitFor()
    expect(await page.locator('[data-message="error"]').textContent()).toContain('4006381333931')
    expect(await lines.count()).toBe(2)

    // Typed at a person's pace, keys reach the search box; Enter searches by name.
    await page.locator('pos-search-box input').focus()
    await page.keyboard.type('Oats', { delay: 110 })
    await page.keyboard.press('Enter')
    const result = page.locator('pos-search-box .result').first()
    await result.waitFor()
    expect(await page.locator('pos-search-box input').inputValue()).toBe('Oats')
    await result.click()
    await expect.poll(() => lines.count()).toBe(3)
    const oats = page.locator('pos-basket-lines li.line').nth(2)
    await oats.locator('.qty-input').fill('')
    await oats.locator('.qty-input').focus()
    await page.keyboard.type('3', { delay: 100 })
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('pos.till.basket.till-1') ?? '{}').lines?.[2]?.request?.quantity)).toBe(3)
    await oats.locator('button.name').click()
    await page.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('button', { name: 'Wrong item' }).click()
    await expect.poll(() => lines.count()).toBe(2)
    const voided = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM till_voids WHERE scope = 'line' AND reason = 'Wrong item'")
    expect(voided!.n).toBe(1)

    const samples = await timings()
    expect(samples).toHaveLength(4) // three scans and one pick from the search
    expect(p95(samples)).toBeLessThan(250) // the bench holds it to 50 ms; this only guards against a stall

    // 50% off the logs is over the assistant's 10% limit: a manager approves on this screen.
    await page.click(`li[data-sku="${logs.sku}"] button.name`)
    await page.getByRole('button', { name: 'Discount', exact: true }).click()
    await page.fill('pos-basket-lines input[name="value"]', '50')
    await page.fill('pos-basket-lines input[name="reason"]', 'damaged net')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.locator('pos-approval-prompt').waitFor()
    await page.fill('pos-approval-prompt #approver', 'maya')
    await page.fill('pos-approval-prompt #pin', '1111')
    await page.press('pos-approval-prompt #pin', 'Enter')
    await page.locator('pos-approval-prompt').waitFor({ state: 'detached' })

    const total = mug.priceMinor * 2 + (logs.priceMinor - Math.round(logs.priceMinor / 2))
    await expect.poll(async () => Number(await page.locator('[data-total]').getAttribute('data-total'))).toBe(total)

    await page.getByRole('tab', { name: 'Card', exact: true }).click()
    await page.fill('pos-tender-panel input[name="amount"]', '10.00')
    await page.fill('pos-tender-panel input[name="reference"]', 'AUTH-4471')
    await page.getByRole('button', { name: 'Card paid' }).click()
    await expect.poll(async () => Number(await page.locator('[data-remaining]').getAttribute('data-remaining'))).toBe(total - 1000)
    await page.getByRole('tab', { name: 'Cash', exact: true }).click()
    const roundUp = page.locator('.quick-cash').nth(1)
    const handed = Number(await roundUp.getAttribute('data-amount'))
    await roundUp.click()

    const receipt = page.locator('pos-receipt-preview article')
    await receipt.waitFor()
    const receiptNumber = (await page.locator('[data-receipt-number]').textContent())!.trim()
    expect(receiptNumber).toMatch(/^S-01-\d{6}$/)
    expect(Number(await page.locator('[data-change]').getAttribute('data-change'))).toBe(handed - (total - 1000))
    expect(await receipt.textContent()).toContain('damaged net')
    expect(await page.locator('pos-receipt-preview svg.barcode rect').count()).toBeGreaterThan(20)

    const sale = await ash.get<SaleResult>(`/api/sales/${receiptNumber}`)
    expect(sale).toMatchObject({ totalMinor: total, approvedBy: 'maya', staff: 'ash', station: 'till-1' })
    expect(sale.tenders.map((t) => [t.method, t.amountMinor, t.reference])).toEqual([['card', 1000, 'AUTH-4471'], ['cash', handed, null]])
    expect(unexpectedErrors()).toEqual([])
  })

  it('keeps a sale through a lost answer and a reload, and completes it exactly once', async () => {
    const { page } = browser
    await page.getByRole('button', { name: 'New sale' }).click()
    const before = await orders()
    let lost = 0
    // The first attempts reach the appliance (which commits) but the answers never come back.
    await page.route('**/api/sales', async (route) => {
      lost++
      await route.fetch().catch(() => undefined)
      await route.abort('internetdisconnected')
    })
    await wedgeScan(page, mug.barcodes[0]!)
    await page.locator('pos-basket-lines li.line').waitFor()
    await page.locator('.quick-cash').first().click()
    await page.getByText('Waiting for the appliance').waitFor()
    expect(await orders()).toBe(before + 1)

    await page.reload()
    await page.getByText('Waiting for the appliance').waitFor()
    await page.unroute('**/api/sales')
    await page.locator('pos-receipt-preview article').waitFor({ timeout: 10_000 })
    expect(lost).toBeGreaterThanOrEqual(2)
    expect(await orders()).toBe(before + 1)
    const sales = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM stock_movements WHERE kind = 'sale' AND sku = ?", [mug.sku])
    expect(sales!.n).toBe(2) // one line of two mugs earlier, one mug now
  })
})

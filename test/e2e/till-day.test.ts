/**
 * Real appliance, real Chromium: a till's day — open with a float, sell, take an X
 * reading, count the drawer by denomination and close with the Z report, after which the
 * till is closed and the report is kept. Needs the built UI (`npm run build:ui`).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Product, ProductList, ZReportList } from '../../appliance/api/contract.js'
import { startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'
import { testClock } from '../api/till-fixtures.js'
import { openTillScreen, tolerantScanner, signInBrowser, wedgeScan } from './till-browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))

let app: TestAppliance
let browser: BrowserSession
let ash: Client
let product: Product

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  app = await startAppliance({ clock: testClock() })
  browser = await openPage(app.url)
  await tolerantScanner(app)
  ash = await signInBrowser(app, browser, 'ash', '2222', 'till-2')
  product = (await ash.get<ProductList>('/api/products?q=Oats')).items[0]!
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('open → sell → Z report (Chromium)', () => {
  it('runs a till from float to Z report', async () => {
    const { page } = browser
    await openTillScreen(page, 'till-2', '100')
    expect(await page.locator('[data-till-state]').getAttribute('data-till-state')).toBe('open')

    await wedgeScan(page, product.barcodes[0]!)
    await page.locator('pos-basket-lines li.line').waitFor()
    await page.locator('.quick-cash').first().click() // exact cash
    await page.locator('pos-receipt-preview article').waitFor()
    await page.getByRole('button', { name: 'New sale' }).click()

    await page.click('[data-action="x-report"]')
    const x = page.locator('pos-till-report')
    await x.waitFor()
    expect(await x.locator('[data-sales-count]').textContent()).toBe('1')
    expect(Number(await x.locator('[data-expected]').textContent().then((t) => t!.replace(/[£,]/g, '')))).toBe((10000 + product.priceMinor) / 100)
    await page.getByRole('button', { name: 'Done' }).click()

    await page.click('[data-action="close"]')
    await page.locator('pos-close-till').waitFor()
    await page.fill('input[data-denomination="5000"]', '2')
    await page.fill('input[data-denomination="1"]', String(product.priceMinor))
    await expect.poll(async () => Number(await page.locator('[data-counted]').getAttribute('data-counted'))).toBe(10000 + product.priceMinor)
    await page.getByRole('button', { name: 'Close till and print Z report' }).click()

    const z = page.locator('pos-till-report')
    await page.getByRole('dialog', { name: 'Z report' }).waitFor()
    expect(await z.locator('h3').textContent()).toContain('Z report 1')
    expect(await z.locator('[data-over-short]').getAttribute('data-over-short')).toBe('0')
    expect(await z.locator('[data-tender="cash"]').textContent()).toContain('1')
    await page.getByRole('button', { name: 'Done' }).click()

    await page.locator('form.open-form').waitFor()
    expect(await page.locator('[data-till-state]').getAttribute('data-till-state')).toBe('closed')
    const kept = await ash.get<ZReportList>('/api/tills/till-2/z-reports')
    expect(kept.items[0]).toMatchObject({ zNumber: 1, report: { sales: { count: 1, totalMinor: product.priceMinor }, cash: { overShortMinor: 0 } } })
    expect(browser.errors).toEqual([])
  })
})

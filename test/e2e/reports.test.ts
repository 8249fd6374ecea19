/**
 * Real appliance, real Chromium: a manager opens the reports dashboard, changes the date
 * range to the fixture's month, sees the chart and table, drills into a figure by clicking
 * its cell and by clicking its bar, and follows a row on to its order. Needs the built UI.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testClock } from '../api/till-fixtures.js'
import { startAppliance, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'
import { insertReportFixture } from '../reports/fixture.js'
import { signInBrowser } from './till-browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))
const SHOTS = join(tmpdir(), 'store-appliance-e2e')

let app: TestAppliance
let browser: BrowserSession

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  mkdirSync(SHOTS, { recursive: true })
  const clock = testClock()
  app = await startAppliance({ clock })
  await insertReportFixture(app.db, clock.now())
  browser = await openPage(app.url)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('reports dashboard (Chromium)', () => {
  it('changes the date range, drills into a figure from the table and the chart, and opens the order', async () => {
    await signInBrowser(app, browser, 'maya', '1111', 'office')
    const { page } = browser
    await page.goto('/#/reports/sales-by-category')
    await page.getByRole('heading', { name: 'Reports' }).waitFor()
    await page.locator('pos-report-table tbody tr').first().or(page.getByText('Nothing to show')).first().waitFor()

    await page.locator('#from').fill('2024-03-01')
    await page.locator('#from').dispatchEvent('change')
    await page.locator('#to').fill('2024-03-31')
    await page.locator('#to').dispatchEvent('change')
    const rows = page.locator('pos-report-table tbody tr')
    await expect.poll(() => rows.allTextContents()).toEqual(['Toys3£29.00£12.00£12.1753.7%', 'Books1£20.00£12.00£8.0037.04%', 'Garden1£5.00£2.00£2.179.26%'])
    expect(await page.locator('#preset').inputValue()).toBe('custom')
    await page.locator('pos-report-chart canvas').first().waitFor()
    await page.screenshot({ path: join(SHOTS, 'reports-1-category.png'), fullPage: true })

    // A cell: the rows behind Toys' sales, which link to their orders.
    await page.locator('pos-report-table tbody tr').first().locator('td[data-col="salesMinor"] button').click()
    const drill = page.locator('pos-report-drill')
    await expect.poll(() => drill.locator('.summary').textContent()).toBe('2 rows make £29.00')
    expect(await drill.locator('tbody tr').count()).toBe(2)

    // A bar: the middle bar of the first series is Books.
    const over = page.locator('pos-report-chart .u-over')
    const box = (await over.boundingBox())!
    await page.mouse.move(box.x + box.width / 2 - 8, box.y + box.height - 4)
    await page.mouse.click(box.x + box.width / 2 - 8, box.y + box.height - 4)
    await expect.poll(() => drill.locator('h2').textContent()).toMatch(/Behind (sales|margin) · Books/)
    await page.screenshot({ path: join(SHOTS, 'reports-2-drill.png'), fullPage: true })

    await drill.locator('tbody a').first().click()
    await expect.poll(() => new URL(page.url()).hash).toBe('#/orders/rpt-o2')
    expect(browser.errors.filter((e) => !/status of 40[14]/.test(e))).toEqual([])
  })
})

/**
 * Real appliance, real Chromium: a manager enters what reports need, on the dashboard's own
 * tabs — an expense (after the form has turned bad input away), a sales target, a customer
 * issue answered and closed — and sees each in its report. Clicking a bar of a grouped bar
 * chart drills into that bar's own series (target, not sales; expenses, not cost of goods).
 * Needs the built UI.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testClock } from '../api/till-fixtures.js'
import { insertReportFixture } from '../reports/fixture.js'
import { signIn, startAppliance, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'
import { signInBrowser } from './till-browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))
const SHOTS = join(tmpdir(), 'store-appliance-e2e')

let app: TestAppliance
let browser: BrowserSession
const clock = testClock()

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  mkdirSync(SHOTS, { recursive: true })
  app = await startAppliance({ clock })
  await insertReportFixture(app.db, clock.now())
  browser = await openPage(app.url)
  await signInBrowser(app, browser, 'maya', '1111', 'office')
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

/** Picks a month in a `<input type="month">` the way a person does (it reacts on change). */
async function pickMonth(field: Locator, month: string) {
  await field.fill(month)
  await field.dispatchEvent('change')
}

/**
 * Clicks bar `series` of `count` at x position `index` of `positions` on a grouped bar chart,
 * just above the axis. The chart spans positions -0.6 … last + 0.6, and each position's group
 * fills 0.8 of it, split evenly between the series (ui/views/reports/report-chart.ts).
 */
async function clickBar(page: Page, index: number, positions: number, series: number, count: number) {
  const over = page.locator('pos-report-chart .u-over')
  // The chart may be redrawn as the report re-runs: wait until it stands still on screen.
  await expect.poll(() => over.boundingBox()).not.toBeNull()
  const box = (await over.boundingBox())!
  const centre = index - 0.4 + (series + 0.5) * (0.8 / count)
  const x = box.x + ((centre + 0.6) / (positions - 1 + 1.2)) * box.width
  const y = box.y + box.height - 3
  await page.mouse.move(x, y)
  await page.mouse.click(x, y)
}

const cell = (page: Page, row: number, column: string) => page.locator('pos-report-table tbody tr').nth(row).locator(`td[data-col="${column}"]`)

describe('report inputs (Chromium)', () => {
  it('an expense: bad input is refused on the form, a good one shows in profit and loss, and its bar drills to it', async () => {
    const { page } = browser
    await page.goto('/#/reports/expenses')
    const panel = page.locator('pos-expenses-panel')
    await pickMonth(panel.locator('#expense-month'), '2024-03')
    await expect.poll(() => panel.locator('table.expenses tbody tr').allTextContents()).toEqual([expect.stringMatching(/^\s*rent\s*£500\.00\s*$/)])

    await panel.getByRole('button', { name: 'Add expense' }).click()
    await expect.poll(() => panel.locator('.field-error').allTextContents()).toEqual([
      'Say what the money went on (rent, wages, …).',
      'Enter an amount in pounds above zero, like 2500 or 2,500.00.',
    ])
    await panel.locator('#expense-category').fill('wages')
    await panel.locator('#expense-amount').fill('12.345')
    await panel.getByRole('button', { name: 'Add expense' }).click()
    await expect.poll(() => panel.locator('.field-error').allTextContents()).toEqual(['Enter an amount in pounds above zero, like 2500 or 2,500.00.'])
    expect(await panel.locator('#expense-amount').getAttribute('aria-invalid')).toBe('true')

    await panel.locator('#expense-amount').fill('1,250.50')
    await panel.locator('#expense-note').fill('Easter cover')
    await panel.getByRole('button', { name: 'Add expense' }).click()
    await expect.poll(() => panel.locator('[role="status"].alert').textContent()).toContain('Added wages, £1,250.50, to Mar 2024.')
    await expect.poll(() => panel.locator('table.expenses tfoot').textContent()).toContain('£1,750.50')
    await page.screenshot({ path: join(SHOTS, 'inputs-1-expenses.png'), fullPage: true })

    await panel.getByRole('button', { name: 'See profit and loss for Mar 2024' }).click()
    await expect.poll(() => page.locator('#report').inputValue()).toBe('profit-and-loss')
    expect([await page.locator('#from').inputValue(), await page.locator('#to').inputValue()]).toEqual(['2024-03-01', '2024-03-31'])
    await expect.poll(() => cell(page, 0, 'expensesMinor').textContent()).toBe('£1,750.50')

    // Grouped bars, one month: sales, cost of goods, refunds, expenses. The fourth is the expenses.
    await page.locator('pos-report-chart canvas').first().waitFor()
    await clickBar(page, 0, 1, 3, 4)
    const drill = page.locator('pos-report-drill')
    await expect.poll(() => drill.locator('h2').textContent()).toBe('Behind expenses · Mar 2024')
    await expect.poll(() => drill.locator('.summary').textContent()).toBe('2 rows make £1,750.50')
    await page.screenshot({ path: join(SHOTS, 'inputs-2-profit-and-loss.png'), fullPage: true })
  })

  it('a target: set on the targets tab, it shows against sales, and its own bar drills to it (not the sales beside it)', async () => {
    const { page } = browser
    await page.getByRole('tab', { name: 'Sales targets' }).click()
    const panel = page.locator('pos-targets-panel')
    await pickMonth(panel.locator('#target-month'), '2024-03')
    const books = panel.locator('tr[data-category="Books"] input')
    const garden = panel.locator('tr[data-category="Garden"] input')
    await expect.poll(() => garden.inputValue()).toBe('10')
    expect(await books.inputValue()).toBe('')

    await garden.fill('ten pounds')
    await books.fill('30')
    await panel.getByRole('button', { name: 'Save targets' }).click()
    await expect.poll(() => panel.locator('tr[data-category="Garden"] .field-error').textContent()).toMatch(/Enter pounds/)
    await garden.fill('10')
    await panel.getByRole('button', { name: 'Save targets' }).click()
    await expect.poll(() => panel.locator('[role="status"].alert').textContent()).toContain('Saved 1 target for Mar 2024.')
    await page.screenshot({ path: join(SHOTS, 'inputs-3-targets.png'), fullPage: true })

    await panel.getByRole('button', { name: 'See sales against targets for Mar 2024' }).click()
    await expect.poll(() => page.locator('#report').inputValue()).toBe('sales-vs-targets')
    const rows = page.locator('pos-report-table tbody tr')
    await expect.poll(() => rows.allTextContents()).toEqual([
      'Mar 2024Books£20.00£30.00-£10.0066.67%',
      'Mar 2024Garden£5.00£10.00-£5.0050%',
      'Mar 2024Toys£29.00£50.00-£21.0058%',
    ])

    // Books is the first of three positions; its second bar is the target.
    await page.locator('pos-report-chart canvas').first().waitFor()
    const drill = page.locator('pos-report-drill')
    await clickBar(page, 0, 3, 1, 2)
    await expect.poll(() => drill.locator('h2').textContent()).toBe('Behind target · Mar 2024, Books')
    await expect.poll(() => drill.locator('.summary').textContent()).toBe('1 row makes £30.00')
    await clickBar(page, 2, 3, 0, 2)
    await expect.poll(() => drill.locator('h2').textContent()).toBe('Behind sales · Mar 2024, Toys')
    await expect.poll(() => drill.locator('.summary').textContent()).toBe('2 rows make £29.00')
    await page.screenshot({ path: join(SHOTS, 'inputs-4-sales-vs-targets.png'), fullPage: true })
  })

  it('daily sales per channel: a grouped bar per channel on each day, and a click drills into that channel and day', async () => {
    const { page } = browser
    await page.goto('/#/reports/daily-sales-by-channel')
    await expect.poll(() => page.locator('#report').inputValue()).toBe('daily-sales-by-channel')
    await page.locator('#from').fill('2024-03-04')
    await page.locator('#from').dispatchEvent('change')
    await page.locator('#to').fill('2024-03-06')
    await page.locator('#to').dispatchEvent('change')
    await expect.poll(() => page.locator('pos-report-table tbody tr').count()).toBe(3)
    // Days 4, 5 and 6 March (the 6th has no sales but still has its place); series in the
    // order the rows name them: shopify, store, amazon.
    await page.locator('pos-report-chart canvas').first().waitFor()
    const drill = page.locator('pos-report-drill')
    await clickBar(page, 1, 3, 2, 3)
    await expect.poll(() => drill.locator('h2').textContent()).toBe('Behind sales · 2024-03-05, amazon')
    await expect.poll(() => drill.locator('.summary').textContent()).toBe('1 row makes £9.00')
    await clickBar(page, 0, 3, 1, 3)
    await expect.poll(() => drill.locator('h2').textContent()).toBe('Behind sales · 2024-03-04, store')
    await expect.poll(() => drill.locator('.summary').textContent()).toBe('2 rows make £25.00')
    await page.screenshot({ path: join(SHOTS, 'inputs-5-daily-by-channel.png'), fullPage: true })
  })

  it('a customer issue: logged against an order by its number, answered, closed, and counted', async () => {
    const { page } = browser
    await page.getByRole('tab', { name: 'Customer issues' }).click()
    const panel = page.locator('pos-issues-panel')
    await expect.poll(() => panel.locator('.issue').count()).toBe(2)

    await panel.getByRole('button', { name: 'Log issue' }).click()
    await expect.poll(() => panel.locator('.field-error').allTextContents()).toEqual(['Say what the customer raised.'])
    await panel.locator('#issue-order').fill('#NOPE-1')
    await panel.locator('#issue-summary').fill('Box arrived crushed')
    await panel.getByRole('button', { name: 'Log issue' }).click()
    await expect.poll(() => panel.locator('.field-error').textContent()).toMatch(/There is no order numbered #NOPE-1/)

    await panel.locator('#issue-order').fill('#RPT-O2')
    await panel.locator('#issue-category').fill('damaged')
    await panel.locator('#issue-priority').selectOption('urgent')
    await panel.getByRole('button', { name: 'Log issue' }).click()
    await expect.poll(() => panel.locator('[role="status"].alert').textContent()).toContain('Logged: Box arrived crushed.')
    const issue = panel.locator('.issue', { hasText: 'Box arrived crushed' })
    await expect.poll(() => issue.locator('.detail').textContent()).toMatch(/Order #RPT-O2 · First reply:\s+not yet/)

    await issue.locator('textarea').fill('Sorry — a replacement is on its way.')
    await issue.getByRole('button', { name: 'Add' }).click()
    await expect.poll(() => issue.locator('.notes').textContent()).toContain('reply to customer')
    await expect.poll(() => issue.locator('.detail > p').first().textContent()).not.toMatch(/not yet/)
    await issue.getByRole('button', { name: 'Close issue' }).click()
    await expect.poll(() => panel.locator('[role="status"].alert').textContent()).toContain('Closed: Box arrived crushed.')
    await page.screenshot({ path: join(SHOTS, 'inputs-6-issues.png'), fullPage: true })
    await expect.poll(() => panel.locator('.issue').count()).toBe(2)

    const today = clock.now().toISOString().slice(0, 10)
    const report = await (await signIn(app.url)).get<{ rows: Array<Record<string, unknown>> }>(`/api/reports/customer-issues?from=${today}&to=${today}`)
    expect(report.rows).toEqual([{ category: 'damaged', priority: 'urgent', logged: 1, closed: 1, open: 0 }])
    expect(browser.errors.filter((e) => !/status of 40[04]/.test(e))).toEqual([])
  })
})

/**
 * Real appliance, real Chromium: sign in as Maya, print a test page on the on-screen receipt
 * printer from Settings → Devices and watch its preview appear, then find the job printed in
 * the print queue, reprint it and see the copy arrive. Needs the built UI (`npm run build:ui`).
 * Screenshots go to /tmp/ui-shots/.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppliance, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))
const SHOTS = '/tmp/ui-shots'

let app: TestAppliance
let browser: BrowserSession

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  mkdirSync(SHOTS, { recursive: true })
  app = await startAppliance({ demo: true, products: 50 })
  browser = await openPage(app.url)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('devices and the print queue (Chromium)', () => {
  it('prints a test page, shows its preview, finds it printed in the queue and reprints it', async () => {
    const { page } = browser
    page.setDefaultTimeout(8_000)
    await page.goto('/#/settings/devices')
    await page.getByLabel('Staff ID').fill('maya')
    for (const digit of '1111') await page.getByRole('button', { name: `Digit ${digit}` }).click()
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor()
    const card = page.locator('article.printer', { has: page.getByRole('heading', { name: 'Receipt preview (on screen)' }) })
    await card.getByText('Online').waitFor()
    await page.screenshot({ path: join(SHOTS, 'devices.png'), fullPage: true })

    await card.getByRole('button', { name: 'Test print' }).click()
    const preview = card.locator('pos-print-preview img')
    await preview.waitFor()
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(200)
    expect(await card.locator('pos-print-preview .status').textContent()).toBe('Printed')
    await card.locator('pos-print-preview').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SHOTS, 'devices-test-print.png') })

    await page.getByRole('link', { name: 'Print queue' }).first().click()
    await page.getByRole('heading', { name: 'Print queue', level: 1 }).waitFor()
    const rows = page.locator('tr[data-job]')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(1)
    const first = rows.first()
    expect(await first.textContent()).toContain('Test page')
    expect(await first.locator('.badge', { hasText: 'Printed' }).count()).toBe(1)
    await page.screenshot({ path: join(SHOTS, 'print-queue.png'), fullPage: true })

    await first.getByRole('button', { name: /^View/ }).click()
    const dialog = page.locator('pos-preview-dialog dialog[open]')
    await dialog.locator('pos-print-preview img').waitFor()
    await dialog.getByRole('button', { name: 'Text' }).click()
    await expect.poll(() => dialog.locator('pre.transcript').textContent()).toContain('If you can read this, the printer works.')
    await page.screenshot({ path: join(SHOTS, 'print-queue-view-text.png') })
    await dialog.getByRole('button', { name: 'Picture' }).click()
    await page.screenshot({ path: join(SHOTS, 'print-queue-view.png') })
    await dialog.getByRole('button', { name: 'Done' }).click()

    await first.getByRole('button', { name: /^Reprint/ }).click()
    await expect.poll(() => rows.count()).toBe(2)
    const copy = rows.first()
    await expect.poll(() => copy.textContent()).toMatch(/Copy of #\d+.*Printed/s)
    await page.getByText(/Reprinting job #\d+ as job #\d+/).waitFor()
    await page.screenshot({ path: join(SHOTS, 'print-queue-reprinted.png'), fullPage: true })

    // The only error the page may log is the 401 of the session check before signing in.
    expect(browser.errors.filter((e) => !/status of 401/.test(e))).toEqual([])
  })
})

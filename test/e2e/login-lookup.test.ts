/**
 * Real appliance, real Chromium: sign in with the on-screen PIN pad, look a product up by
 * its barcode, open its stock page. Needs the built UI (`npm run build:ui`).
 */
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProductList } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))
const SHOTS = join(tmpdir(), 'store-appliance-e2e')

let app: TestAppliance
let browser: BrowserSession

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  mkdirSync(SHOTS, { recursive: true })
  app = await startAppliance({ demo: true })
  browser = await openPage(app.url)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('sign in and look up a product (Chromium)', () => {
  it('signs in as Maya with the PIN pad, finds a product by barcode and opens its stock', async () => {
    const api = await signIn(app.url)
    const { items } = await api.get<ProductList>('/api/products?q=a')
    const product = items.find((p) => p.barcodes.length > 0)
    if (!product) throw new Error('the demo catalogue has no product with a barcode matching "a"')
    const barcode = product.barcodes[0]!

    const { page } = browser
    await page.goto('/')
    await expect.poll(() => page.getByText('Maya (manager) 1111').isVisible()).toBe(true)
    await page.getByLabel('Staff ID').fill('maya')
    for (const digit of '1111') await page.getByRole('button', { name: `Digit ${digit}` }).click()
    await page.screenshot({ path: join(SHOTS, '1-login.png') })
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.getByRole('heading', { name: 'Products & stock' }).waitFor()
    expect(await page.locator('.staff-name').textContent()).toBe('Maya')

    const search = page.getByLabel('Barcode, SKU or name')
    await search.fill(barcode)
    await search.press('Enter')
    const result = page.locator('a.result', { hasText: product.name })
    await result.waitFor()
    expect(await page.locator('a.result').count()).toBe(1)
    expect(await result.textContent()).toContain(product.sku)
    await page.screenshot({ path: join(SHOTS, '2-lookup.png') })

    await search.press('Enter')
    await page.getByRole('heading', { name: product.name }).waitFor()
    expect(new URL(page.url()).hash).toBe(`#/stock/${encodeURIComponent(product.sku)}`)
    await page.getByRole('heading', { name: 'Stock levels' }).waitFor()
    await page.locator('pos-movement-history tbody tr').first().waitFor()
    expect(await page.locator('tr[data-location]').count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(SHOTS, '3-stock.png'), fullPage: true })

    // The only error the page may log is the 401 of the session check before signing in.
    expect(browser.errors.filter((e) => !/status of 401/.test(e))).toEqual([])
  })
})

/**
 * A product whose name is HTML and script shows as text in the real UI (Chromium): the
 * lookup result and the stock page print the name as typed, nothing in it runs, and no
 * element from it reaches the page. (Receipts: test/reliability/security.test.ts.)
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CatalogueImportJob } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))
const NAME = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>'

let app: TestAppliance
let browser: BrowserSession

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  app = await startAppliance({ products: 40 })
  const maya = await signIn(app.url)
  const csv = `Handle,Title,Variant SKU,Variant Barcode,Variant Price,Cost per item,Product Category,Tax rate\nxss,"${NAME.replaceAll('"', '""')}",SEC-XSS-1,,2.50,1.00,Homeware,20`
  let job = (await (await maya.fetch('/api/catalogue/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })).json()) as CatalogueImportJob
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 25))
    job = await maya.get<CatalogueImportJob>(`/api/catalogue/imports/${job.id}`)
  }
  expect(job.imported).toBe(1)
  browser = await openPage(app.url)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

it('shows an HTML-and-script product name as text in the lookup and on the stock page (Chromium)', async () => {
  const { page } = browser
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto('/')
  await page.getByLabel('Staff ID').fill('maya')
  for (const digit of '1111') await page.getByRole('button', { name: `Digit ${digit}` }).click()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Products & stock' }).waitFor()

  const search = page.getByLabel('Barcode, SKU or name')
  await search.fill('SEC-XSS-1')
  await search.press('Enter')
  const result = page.locator('a.result', { hasText: 'SEC-XSS-1' })
  await result.waitFor()
  expect(await result.textContent()).toContain(NAME)
  await search.press('Enter')
  await page.getByRole('heading', { name: NAME }).waitFor()

  // Nothing from the name became an element or ran (deep search through shadow roots).
  const injected = await page.evaluate(() => {
    const found: string[] = []
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if ((el.tagName === 'IMG' && el.getAttribute('src') === 'x') || (el.tagName === 'B' && el.textContent === 'bold')) found.push(el.outerHTML)
        if (el.shadowRoot) walk(el.shadowRoot)
      }
    }
    walk(document)
    return { found, pwned: (window as unknown as { __pwned?: number }).__pwned ?? null }
  })
  expect(injected).toEqual({ found: [], pwned: null })
  expect(dialogs).toEqual([])
  expect(browser.errors.filter((e) => !/status of 401/.test(e))).toEqual([])
})

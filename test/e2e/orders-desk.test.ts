/**
 * Real appliance, real Chromium: the order desk. A phone order is taken on the orders screen
 * and appears in the list; it is despatched by hand from its page (carrier and tracking
 * number), then marked lost, and the linked replacement shows on the page; a store sale is
 * authorised for return by post on its page and received at the returns screen by its
 * R-number, refunded to the card; a manager changes the despatch cut-off in the order
 * settings. Needs the built UI (`npm run build:ui`).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OrderDetailDto, Product, ProductList, ReturnDto } from '../../appliance/api/contract.js'
import { startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'
import { openTill, sell, testClock } from '../api/till-fixtures.js'
import { signInBrowser } from './till-browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))

let app: TestAppliance
let browser: BrowserSession
let maya: Client
let mug: Product

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  app = await startAppliance({ clock: testClock() })
  browser = await openPage(app.url)
  maya = await signInBrowser(app, browser, 'maya', '1111', 'till-1')
  for (const p of (await maya.get<ProductList>('/api/products?q=Mug&limit=20')).items.filter((x) => x.priceMinor > 0)) {
    const free = await app.db.reader.one<{ n: number | null }>(
      "SELECT sum(on_hand - allocated)::BIGINT AS n FROM stock_levels s JOIN locations l ON l.id = s.location WHERE s.sku = ? AND l.fulfils_online", [p.sku])
    if ((free?.n ?? 0) >= 5) {
      mug = p
      break
    }
  }
  await openTill(maya, 'till-1')
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const orderId = async (number: string) => (await app.db.reader.one<{ id: string }>('SELECT id FROM orders WHERE number = ?', [number]))!.id

describe('the order desk (Chromium)', () => {
  let number = ''

  it('takes a phone order, which then appears in the list', async () => {
    const { page } = browser
    await page.goto('/#/orders')
    await page.locator('pos-orders button.new-order').click()
    const form = page.locator('pos-order-entry')
    await form.locator('#name').fill('Pat Caller')
    await form.locator('#email').fill('pat.caller@example.com')
    await form.locator('#phone').fill('07700 900 888')
    await form.locator('#line1').fill('3 Station Road')
    await form.locator('#city').fill('Leeds')
    await form.locator('#postcode').fill('LS1 4AB')
    await form.locator('#sku-0').fill(mug.sku)
    await form.locator('#qty-0').fill('1')
    await form.locator('#paid').fill((mug.priceMinor / 100).toFixed(2))
    await form.locator('#reference').fill('AUTH-PHONE-1')
    await form.locator('button.place-order').click()

    const created = page.locator('pos-orders a.created-order')
    await created.waitFor()
    number = (await created.textContent())!.trim()
    expect(number).toMatch(/^P-?\d+|\d+/)
    await expect.poll(() => page.locator('pos-orders tbody a.order-link').allTextContents()).toContain(number)
    const d = await maya.get<OrderDetailDto>(`/api/orders/${await orderId(number)}`)
    expect(d).toMatchObject({ channel: 'phone', status: 'allocated', customer: { name: 'Pat Caller', email: 'pat.caller@example.com' }, totals: { paidMinor: mug.priceMinor } })
    // The phone the customer gave finds the order.
    await page.locator('pos-orders #q').fill('+44 7700 900888')
    await page.locator('pos-orders #q').press('Enter')
    await expect.poll(() => page.locator('pos-orders tbody a.order-link').allTextContents()).toEqual([number])
  })

  it('despatches the order from its page, then marks it lost with a linked replacement', async () => {
    const { page } = browser
    const id = await orderId(number)
    await page.goto(`/#/orders/${id}`)
    const actions = page.locator('pos-order-actions')
    await actions.locator('#carrier').selectOption('Royal Mail')
    await actions.locator('#tracking').fill('RM123456785GB')
    await actions.locator('button.despatch-button').click()
    await expect.poll(() => page.locator('pos-order-detail h1').textContent()).toContain('Shipped')
    const shipped = await maya.get<OrderDetailDto>(`/api/orders/${id}`)
    expect(shipped.shipments).toEqual([expect.objectContaining({ carrier: 'Royal Mail', trackingNumber: 'RM123456785GB', status: 'shipped' })])

    await actions.locator('#lost-reason').fill('Royal Mail confirmed lost, case 42')
    await actions.locator('button.lost-button').click()
    const replacement = actions.locator('a.replacement')
    await replacement.waitFor()
    await expect.poll(() => page.locator('pos-order-detail h1').textContent()).toContain('Lost')
    const lost = await maya.get<OrderDetailDto>(`/api/orders/${id}`)
    expect(lost.replacements).toHaveLength(1)
    expect(await replacement.textContent()).toContain(lost.replacements[0]!.number)
    await replacement.click()
    await expect.poll(() => page.locator('pos-order-detail h1').textContent()).toContain(lost.replacements[0]!.number)
    await page.locator('pos-order-detail p', { hasText: 'the lost order' }).waitFor()
    const again = await maya.get<OrderDetailDto>(`/api/orders/${lost.replacements[0]!.id}`)
    expect(again).toMatchObject({ replacementOf: id })
  })

  it('authorises a store sale\'s return by post on its page and receives it at the returns screen', { timeout: 60_000 }, async () => {
    const { page } = browser
    const sale = await sell(maya, { till: 'till-1', lines: [{ sku: mug.sku, quantity: 2 }], tenders: [{ method: 'card', amountMinor: mug.priceMinor * 2, reference: 'AUTH-POST' }] })
    await page.goto(`/#/orders/${sale.id}`)
    const row = page.locator(`pos-order-actions form.rma tr[data-sku="${mug.sku}"]`)
    await row.locator('.rma-qty').fill('2')
    await row.locator('.rma-reason').selectOption('faulty')
    // A till sale has no delivery address: the label needs the customer's.
    const actions = page.locator('pos-order-actions')
    await actions.locator('#rma-name').fill('Chloé Dubois')
    await actions.locator('#rma-line1').fill('45 Kingsland Road')
    await actions.locator('#rma-city').fill('London')
    await actions.locator('#rma-postcode').fill('E2 8AA')
    await page.locator('pos-order-actions button.authorise-button').click()
    const rmaNumber = page.locator('pos-order-actions .rma-number')
    const rma = (await rmaNumber.textContent())!.trim()
    expect(rma).toMatch(/^R-\d{6}$/)
    expect((await maya.get<ReturnDto>(`/api/returns/${rma}`)).status).toBe('authorised')

    await page.goto('/#/returns')
    await page.locator('pos-rma-desk #rma').fill(rma)
    await page.locator('pos-rma-desk #rma').press('Enter')
    const line = page.locator(`pos-rma-desk tr[data-sku="${mug.sku}"]`)
    await line.waitFor()
    await line.locator('.condition').selectOption('damaged')
    await page.locator('pos-rma-desk button.receive-button').click()
    const received = page.locator('pos-rma-desk .rma-received')
    await received.waitFor()
    expect(await received.textContent()).toMatch(new RegExp(`Return ${rma} received: .+ refunded by card`))
    const done = await maya.get<ReturnDto>(`/api/returns/${rma}`)
    expect(done).toMatchObject({ status: 'completed', refundMinor: mug.priceMinor * 2, lines: [expect.objectContaining({ receivedQuantity: 2, condition: 'damaged', location: 'quarantine' })] })
  })

  it('lets a manager change the despatch cut-off and the escalation rules', async () => {
    const { page } = browser
    await page.goto('/#/orders')
    await page.locator('pos-orders button.order-settings').click()
    const settings = page.locator('pos-order-settings')
    const firstRule = settings.locator('tr[data-rule="0"]')
    await firstRule.locator('.cut-off').fill('13:30')
    await firstRule.locator('.cut-off').press('Tab')
    await settings.locator('button.add-escalation').click()
    const added = settings.locator('tr[data-escalation]').last()
    await added.locator('.actions').fill('notify-staff, tag:chase')
    await added.locator('.actions').press('Tab')
    await settings.locator('button.save-settings').click()
    await settings.locator('.alert', { hasText: 'Order settings saved' }).waitFor()
    const saved = await maya.get<{ shippingRules: Array<{ cutOff: string }>; escalations: Array<{ actions: string[] }> }>('/api/settings/orders')
    expect(saved.shippingRules[0]!.cutOff).toBe('13:30')
    expect(saved.escalations.at(-1)!.actions).toEqual(['notify-staff', 'tag:chase'])

    // A bad time is refused with the field named, nothing saved.
    await firstRule.locator('.cut-off').fill('25:00')
    await firstRule.locator('.cut-off').press('Tab')
    await settings.locator('button.save-settings').click()
    await expect.poll(() => settings.locator('.alert').first().textContent()).toMatch(/cut-off|HH:MM|time/i)
    expect((await maya.get<{ shippingRules: Array<{ cutOff: string }> }>('/api/settings/orders')).shippingRules[0]!.cutOff).toBe('13:30')
    expect(browser.errors.filter((e) => !/status of (404|403|409|422)/.test(e))).toEqual([])
  })
})

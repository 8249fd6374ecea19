/**
 * Real appliance, real Chromium: twenty Shopify orders are allocated; Maya cuts a wave across
 * herself and Fin on the picking screen; each picks their list on the tablet screen with a
 * simulated keyboard-wedge scanner (a tote, bins, products; one wrong product refused, one
 * item reported missing). Fin then packs at the bench — one wrong item refused — prints the
 * 4x6 label to the on-screen label printer (its ZPL checked), ships, and every shipped order's
 * confirmation waits in the sync outbox. Needs the built UI (`npm run build:ui`).
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PackDto, PickListDto, PickListSummaryDto, ShipResultDto } from '../../appliance/api/fulfilment-contract.js'
import { channelOrder, importOrder } from '../api/orders-fixtures.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { openPage, type BrowserSession } from '../support/browser.js'
import { openTillScreen, signInBrowser, tolerantScanner, wedgeScan } from './till-browser.js'

const BUILT_UI = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url))
const SHOTS = '/tmp/ui-shots'
const ORDERS = 20

let app: TestAppliance
let browser: BrowserSession
let maya: Client
/** Order id → { number, barcode of its one line, units }. */
const orders = new Map<string, { number: string; sku: string; barcode: string; units: number }>()

beforeAll(async () => {
  if (!existsSync(BUILT_UI)) throw new Error('ui/dist is missing: run `npm run build:ui` before the browser tests')
  mkdirSync(SHOTS, { recursive: true })
  app = await startAppliance({ demo: true, products: 80 })
  browser = await openPage(app.url)
  await tolerantScanner(app)
  // This file types ~120 scans while DuckDB works beside the browser on two cores: allow the
  // gaps of a slow Bluetooth scanner so a stretched key gap doesn't split a scan in two.
  const settings = await (await signIn(app.url)).fetch('/api/settings/till', { method: 'PUT', json: { scanner: { maxInterKeyMs: 150 } } })
  expect(settings.status).toBe(200)
  const products = await app.db.reader.all<{ sku: string; name: string; price: number; barcode: string }>(
    `SELECT p.sku, p.name, p.price_minor AS price, min(b.barcode) AS barcode
       FROM products p JOIN stock_levels s ON s.id = p.sku || '@floor' JOIN barcodes b ON b.sku = p.sku
      WHERE p.price_minor > 0 AND s.on_hand - s.allocated >= 4 AND p.sku NOT LIKE 'DELI-%'
      GROUP BY p.sku, p.name, p.price_minor ORDER BY p.sku LIMIT ${ORDERS}`,
  )
  expect(products).toHaveLength(ORDERS)
  for (const [i, p] of products.entries()) {
    const units = i === 4 ? 2 : 1 // one order asks for two of the same item: the quantity is confirmed by scanning twice
    const number = `#${77001 + i}`
    const imported = await importOrder(app, channelOrder('shopify', [{ sku: p.sku, quantity: units, priceMinor: p.price, title: p.name }], { orderNumber: number, channelOrderId: `e2e-${77001 + i}` }))
    orders.set(imported.orderId, { number, sku: p.sku, barcode: p.barcode, units })
  }
  maya = await signInBrowser(app, browser, 'maya', '1111', 'pack-bench')
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const inList = (page: Page, selector: string) => page.locator(`pos-pick-list ${selector}`)

/**
 * A wedge scan whose effect is checked. On two loaded cores a DevTools key event can stall
 * past even a slow scanner's gap and split one scan in two (both halves refused, nothing
 * recorded — as a person would see it); the checkout then scans again, as a person would.
 */
async function scanChecked(page: Page, host: string, code: string, done: () => Promise<boolean>, field = `${host} #code`): Promise<void> {
  await wedgeScan(page, code)
  try {
    await expect.poll(done, { timeout: 5000 }).toBe(true)
  } catch {
    await page.locator(field).fill('')
    await wedgeScan(page, code)
    await expect.poll(done).toBe(true).catch(async (error: unknown) => {
      await page.screenshot({ path: join(SHOTS, 'scan-stuck.png'), fullPage: true })
      throw new Error(`scanning ${code} did nothing; the screen says: ${await page.locator(`${host} [data-message]`).first().textContent()}`, { cause: error })
    })
  }
}

/** Walks one pick list on the screen: tote, then bin and product scans in walk order. */
async function pickList(page: Page, client: Client, id: string, options: { tote: string; missing?: number; wrongAt?: number }) {
  await page.goto('about:blank')
  await page.goto(`/#/picking/${encodeURIComponent(id)}`)
  await inList(page, '[data-progress]').waitFor()
  const list = await client.get<PickListDto>(`/api/picking/lists/${encodeURIComponent(id)}`)
  if (list.orders > 1) {
    await inList(page, '[data-needs-tote]').waitFor()
    await scanChecked(page, 'pos-pick-list', options.tote, async () => (await inList(page, '[data-tote]').count()) > 0)
    expect(await inList(page, '[data-tote]').textContent()).toBe(options.tote)
  }
  for (const [i, task] of list.tasks.entries()) {
    const row = inList(page, `[data-task-row="${task.id}"]`)
    if (i === options.missing) {
      await row.locator('button').click()
      await inList(page, '[data-exception="missing"]').click()
      await page.locator('pos-pick-exception button.confirm-exception').click()
      await expect.poll(() => row.getAttribute('data-state')).toBe('short')
      continue
    }
    if (task.bin) await scanChecked(page, 'pos-pick-list', task.bin, async () => (await inList(page, '.now .label').first().textContent()) === 'At bin')
    if (i === options.wrongAt) {
      const other = list.tasks.find((t) => t.sku !== task.sku && t.barcode)
      await wedgeScan(page, other!.barcode!)
      await expect.poll(() => inList(page, '[data-message]').getAttribute('data-message')).toBe('error')
      expect(await inList(page, '[data-message]').textContent()).toMatch(/\S/)
      await page.screenshot({ path: join(SHOTS, 'pick-wrong-product.png') })
      expect(await row.getAttribute('data-state')).toBe('open')
    }
    for (let unit = 1; unit <= task.quantity; unit++) {
      await scanChecked(page, 'pos-pick-list', task.barcode ?? task.sku, async () => (await row.locator('.num').textContent()) === `${unit}/${task.quantity}`)
    }
    await expect.poll(() => row.getAttribute('data-state')).toBe('picked').catch(async (error: unknown) => {
      await page.screenshot({ path: join(SHOTS, 'pick-stuck.png'), fullPage: true })
      throw new Error(`task ${i} (bin ${task.bin}, ${task.barcode}) not picked; the screen says: ${await inList(page, '[data-message]').textContent()}`, { cause: error })
    })
  }
  await inList(page, '.list-done').waitFor()
  return client.get<PickListDto>(`/api/picking/lists/${encodeURIComponent(id)}`)
}

describe('pick, pack and ship from the shop (Chromium)', () => {
  it('waves 20 orders across two pickers, picks by scanning with one missing item, packs with a wrong scan refused, labels, ships and queues the confirmations', async () => {
    const { page } = browser
    page.setDefaultTimeout(10_000)

    // ── The wave: Maya ticks the twenty orders and splits them between herself and Fin.
    await page.goto('/#/picking')
    const queue = page.locator('pos-picking table.queue')
    await queue.waitFor()
    for (const id of orders.keys()) await page.locator(`pos-picking tr[data-order="${id}"] input[type="checkbox"]`).check()
    await page.locator('pos-wave-form label[data-method="wave"]').click()
    await page.locator('pos-wave-form #pickers').fill('fin')
    await page.screenshot({ path: join(SHOTS, 'picking-queue.png'), fullPage: true })
    await page.locator('pos-wave-form button.create-wave').click()
    await page.locator('pos-picking .wave-done').waitFor()
    await expect.poll(() => page.locator('pos-picking .wave-done').textContent()).toMatch(/Wave W-\d{6}: 20 orders on 2 pick lists/)
    await page.screenshot({ path: join(SHOTS, 'picking-wave.png'), fullPage: true })

    const mine = await maya.get<{ items: PickListSummaryDto[] }>('/api/picking/lists?picker=me')
    const fin = await signIn(app.url, 'fin', '3333', 'pack-bench')
    const fins = await fin.get<{ items: PickListSummaryDto[] }>('/api/picking/lists?picker=me')
    expect(mine.items).toHaveLength(1)
    expect(fins.items).toHaveLength(1)
    expect(mine.items[0]!.orders + fins.items[0]!.orders).toBe(ORDERS)
    // Balanced by units to pick: 21 units split no worse than 11/10 (give or take one order).
    expect(Math.abs(mine.items[0]!.units - fins.items[0]!.units)).toBeLessThanOrEqual(3)

    // ── Maya picks hers: one wrong product refused, one item not in its bin.
    const mayaList = await pickList(page, maya, mine.items[0]!.id, { tote: 'TOTE-001', wrongAt: 0, missing: 2 })
    const short = mayaList.tasks.filter((t) => t.status === 'short')
    expect(short).toHaveLength(1)
    await page.screenshot({ path: join(SHOTS, 'pick-done.png'), fullPage: true })
    const flagged = await maya.get<{ flags: string[] }>(`/api/orders/${encodeURIComponent(short[0]!.orderId)}`)
    expect(flagged.flags.length).toBeGreaterThan(0)

    // ── Fin picks his on the same tablet.
    await signInBrowser(app, browser, 'fin', '3333', 'pack-bench')
    await pickList(page, fin, fins.items[0]!.id, { tote: 'TOTE-002' })
    const picks = await app.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM pick_events')
    expect(picks!.n).toBeGreaterThanOrEqual(ORDERS)

    // ── Fin packs three orders at the bench in the browser.
    const packable = [...orders.entries()].filter(([id]) => id !== short[0]!.orderId)
    await page.goto('/#/packing')
    await page.locator('pos-pack-bench #code').waitFor()
    const labels: Array<{ job: string; tracking: string; number: string }> = []
    for (const [n, [id, order]] of packable.slice(0, 3).entries()) {
      await scanChecked(page, 'pos-pack-bench', order.number, async () => (await page.locator(`pos-pack-bench [data-pack="${id}"]`).count()) > 0)
      if (n === 0) {
        const wrong = packable[1]![1].barcode
        await wedgeScan(page, wrong)
        await expect.poll(() => page.locator('pos-pack-bench [data-message]').getAttribute('data-message')).toBe('error')
        expect(await page.locator('pos-pack-bench [data-line]').first().getAttribute('data-packed')).toBe('0')
        expect(await page.locator('pos-pack-bench form.box-form').count()).toBe(0)
        await page.screenshot({ path: join(SHOTS, 'pack-wrong-item.png'), fullPage: true })
      }
      for (let unit = 1; unit <= order.units; unit++) {
        await scanChecked(page, 'pos-pack-bench', order.barcode, async () => (await page.locator('pos-pack-bench [data-line]').first().getAttribute('data-packed')) === String(unit))
      }
      await page.locator('pos-pack-bench form.box-form').waitFor()
      await page.locator('pos-pack-bench button.packed').click()
      await page.locator('pos-ship-panel form.ship-form').waitFor()
      const tracking = `JD00022${String(340000 + n)}`
      await scanChecked(page, 'pos-pack-bench', tracking, async () => (await page.locator('pos-ship-panel input[name="tracking"]').inputValue()) === tracking)
      await page.locator('pos-ship-panel button.ship').click()
      await expect.poll(() => page.locator('pos-ship-panel [data-tracking]').textContent()).toBe(tracking)
      const job = await page.locator('pos-ship-panel pos-print-preview').getAttribute('job-id')
      labels.push({ job: job!, tracking, number: order.number })
      if (n === 0) await page.screenshot({ path: join(SHOTS, 'pack-shipped.png'), fullPage: true })
    }

    // Each label is a 4x6 ZPL job on the on-screen label printer, carrying the tracking barcode.
    for (const label of labels) {
      const job = await fin.get<{ status: string; kind: string; format?: string; printer: string }>(`/api/print-jobs/${label.job}`)
      expect(job.kind).toBe('label')
      await expect.poll(async () => (await fin.get<{ status: string }>(`/api/print-jobs/${label.job}`)).status).toBe('printed')
      const raw = await (await fin.fetch(`/api/print-jobs/${label.job}/preview?format=raw`)).text()
      expect(raw).toMatch(/^\^XA/)
      expect(raw).toContain('^XZ')
      expect(raw).toContain(label.tracking)
      expect(raw).toMatch(/\^B[C3]/) // a Code 128 (or 39) barcode of the tracking number
      expect(raw).toContain(label.number.replace('#', ''))
    }

    // The rest go through the same API the bench uses.
    for (const [id, order] of packable.slice(3)) {
      const pack = await fin.get<PackDto>(`/api/packing/${encodeURIComponent(id)}`)
      expect(pack.unpicked).toBe(0)
      for (let unit = 0; unit < order.units; unit++) expect((await fin.post(`/api/packing/${id}/scan`, { code: order.barcode })).status).toBe(200)
      const packed = await fin.post(`/api/packing/${id}/pack`, { box: pack.suggestedBox?.id ?? pack.boxes[0]!.id, weightG: pack.weightG || 500 })
      expect(packed.status).toBe(200)
      const shipped = await fin.post(`/api/packing/${id}/ship`, { carrier: 'manual', trackingNumber: `TRK${order.number.slice(1)}` }, { 'Idempotency-Key': `ship-${id}` })
      expect(shipped.status).toBe(200)
      expect(((await shipped.json()) as ShipResultDto).labelJobId).not.toBeNull()
    }
    // Shipping twice is refused and writes nothing.
    const [againId] = packable[0]!
    const again = await fin.post(`/api/packing/${againId}/ship`, { carrier: 'manual', trackingNumber: 'TRK-AGAIN' }, { 'Idempotency-Key': 'ship-again' })
    expect(again.status).toBe(409)

    // ── Every shipped order's confirmation waits in the outbox, once.
    const outbox = await app.db.reader.all<{ reference: string; n: number }>(
      "SELECT reference, count(*) AS n FROM sync_outbox WHERE kind = 'shipment' GROUP BY reference",
    )
    expect(outbox.map((r) => r.reference).sort()).toEqual(packable.map(([id]) => id).sort())
    expect(outbox.every((r) => r.n === 1)).toBe(true)

    // ── The end-of-day manifest lists the 19 parcels.
    await page.locator('pos-manifest-panel select').first().selectOption('manual')
    await page.locator('pos-manifest-panel button[aria-label="Refresh"]').click()
    await expect.poll(() => page.locator('pos-manifest-panel [data-manifest-count]').getAttribute('data-manifest-count')).toBe(String(packable.length))
    await page.screenshot({ path: join(SHOTS, 'pack-manifest.png'), fullPage: true })

    // Refused scans answer 409 (a scan split by a stalled key, 404): the browser logs them; nothing else went wrong.
    expect(browser.errors.filter((e) => !/status of (401|404|409)/.test(e))).toEqual([])
  }, 300_000)

  it('puts a click-and-collect order out for collection at the bench and hands it over at the till from its QR', async () => {
    const { page } = browser
    page.setDefaultTimeout(10_000)
    const errorsBefore = browser.errors.length
    const [product] = await app.db.reader.all<{ sku: string; name: string; price: number; barcode: string }>(
      `SELECT p.sku, p.name, p.price_minor AS price, min(b.barcode) AS barcode
         FROM products p JOIN stock_levels s ON s.id = p.sku || '@floor' JOIN barcodes b ON b.sku = p.sku
        WHERE p.price_minor > 0 AND s.on_hand - s.allocated >= 2 AND p.sku NOT LIKE 'DELI-%'
        GROUP BY p.sku, p.name, p.price_minor ORDER BY p.sku DESC LIMIT 1`,
    )
    const number = '#78001'
    const { orderId } = await importOrder(app, channelOrder('shopify', [{ sku: product!.sku, quantity: 1, priceMinor: product!.price, title: product!.name }], { orderNumber: number, channelOrderId: 'e2e-78001', shippingMethod: 'Click & Collect' }))
    maya = await signInBrowser(app, browser, 'maya', '1111', 'till-2')
    const waveRes = await maya.post('/api/picking/waves', { method: 'single', orders: [orderId], pickers: ['maya'] })
    expect(waveRes.status).toBe(201)
    const list = await maya.get<PickListDto>(`/api/picking/lists/${((await waveRes.json()) as { lists: Array<{ id: string }> }).lists[0]!.id}`)
    for (const task of list.tasks) {
      if (task.bin) expect((await maya.post(`/api/picking/lists/${list.id}/scan`, { code: task.bin })).status).toBe(200)
      expect((await maya.post(`/api/picking/lists/${list.id}/scan`, { code: task.barcode ?? task.sku })).status).toBe(200)
    }

    // At the bench: scan the order and its item, then "Ready for collection".
    await page.goto('about:blank')
    await page.goto('/#/packing')
    await page.locator('pos-pack-bench #code').waitFor()
    await scanChecked(page, 'pos-pack-bench', number, async () => (await page.locator(`pos-pack-bench [data-pack="${orderId}"]`).count()) > 0)
    await scanChecked(page, 'pos-pack-bench', product!.barcode, async () => (await page.locator('pos-pack-bench button.ready').count()) > 0)
    await page.locator('pos-pack-bench button.ready').click()
    await expect.poll(() => page.locator('pos-pack-bench [data-message]').textContent()).toContain(`${number} is ready`)
    await expect.poll(() => page.locator(`pos-manifest-panel [data-collection="${orderId}"]`).count()).toBe(1)

    // At the till: the customer's QR opens the handover; ID seen; handed over.
    await openTillScreen(page, 'till-2')
    const dialog = page.locator(`pos-collection-dialog .collect-order[data-order="${orderId}"]`)
    await scanChecked(page, 'pos-sale', `COLLECT:${number}`, async () => (await dialog.count()) > 0, 'pos-sale pos-search-box input')
    expect(await dialog.textContent()).toContain(product!.name)
    await page.screenshot({ path: join(SHOTS, 'till-collection.png') })
    await page.locator('pos-collection-dialog button.hand-over').click()
    await page.locator('pos-collection-dialog').getByText(`${number} handed over`).waitFor()
    const order = await maya.get<{ status: string; timeline: Array<{ summary: string }> }>(`/api/orders/${orderId}`)
    expect(order.status).toBe('completed')
    expect(browser.errors.slice(errorsBefore).filter((e) => !/status of (401|404|409)/.test(e))).toEqual([])
  }, 120_000)
})

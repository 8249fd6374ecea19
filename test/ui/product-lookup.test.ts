// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Product } from '../../appliance/api/contract.js'
import { PosProductLookup } from '../../ui/views/lookup/product-lookup.js'
import { find, findAll, mount, press, text, typeInto, unmountAll, waitFor } from './support/dom.js'
import { json, sessionInfo, testServices } from './support/fakes.js'

const mug: Product = {
  sku: 'HOM-000226', name: 'Oak Mug', barcodes: ['5010000004507', '5010000004514'], category: 'Homeware',
  priceMinor: 3879, vatRatePercent: 20, costMinor: 1790, handle: 'oak-mug',
}
const vase: Product = { ...mug, sku: 'HOM-000534', name: 'Oak Vase', barcodes: [], priceMinor: 1250, vatRatePercent: 0 }

async function lookup() {
  const services = testServices({ signedIn: sessionInfo() })
  const el = new PosProductLookup()
  el.services = services
  el.debounceMs = 0
  await mount(el)
  const input = find<HTMLInputElement>(el, '#q')!
  return { el, services, input }
}

beforeEach(() => {
  location.hash = '#/lookup'
})
afterEach(unmountAll)

describe('pos-product-lookup', () => {
  it('starts with a labelled search box and an empty state', async () => {
    const { el, input } = await lookup()
    expect(find(el, 'label[for="q"]')?.textContent).toBe('Barcode, SKU or name')
    expect(text(el)).toContain('Find a product')
    expect(el.shadowRoot?.activeElement).toBe(input)
  })

  it('looks a scanned barcode up by barcode; Enter on the single result opens its stock page', async () => {
    const { el, services, input } = await lookup()
    services.fake.on('GET', '/api/products?barcode=5010000004507', json({ items: [mug] }))
    typeInto(input, '5010000004507')
    press(input, 'Enter')
    await waitFor(() => findAll(el, 'a.result').length === 1)
    const row = text(find(el, 'a.result'))
    for (const part of ['Oak Mug', 'HOM-000226', '5010000004507, 5010000004514', 'Homeware', '£38.79', '20% VAT']) {
      expect(row).toContain(part)
    }
    expect(find<HTMLAnchorElement>(el, 'a.result')?.getAttribute('href')).toBe('#/stock/HOM-000226')
    press(input, 'Enter')
    expect(location.hash).toBe('#/stock/HOM-000226')
    expect(services.fake.unmatched).toEqual([])
  })

  it('searches SKUs and names as text, after a pause in typing', async () => {
    const { el, services, input } = await lookup()
    services.fake.on('GET', '/api/products?q=oak', json({ items: [mug, vase] }))
    typeInto(input, 'oak')
    await waitFor(() => findAll(el, 'a.result').length === 2)
    expect(text(el)).toContain('2 products')
    expect(text(findAll(el, 'a.result')[1])).toContain('No barcode')
    expect(text(findAll(el, 'a.result')[1])).toContain('£12.50')
    // Two results: Enter does not guess which one.
    press(input, 'Enter')
    expect(location.hash).toBe('#/lookup')
    expect(services.fake.calls('GET', /^\/api\/products/)).toHaveLength(1)
  })

  it('says when no product has a barcode, and when nothing matches a name', async () => {
    const { el, services, input } = await lookup()
    services.fake.on('GET', '/api/products?barcode=12345678', json({ items: [] }))
    services.fake.on('GET', '/api/products?q=zebra%20lamp', json({ items: [] }))
    typeInto(input, '12345678')
    press(input, 'Enter')
    await waitFor(() => text(el).includes('No product with barcode 12345678'))
    typeInto(input, 'zebra lamp')
    press(input, 'Enter')
    await waitFor(() => text(el).includes('No products match “zebra lamp”'))
  })

  it('shows the API\'s error detail', async () => {
    const { el, services, input } = await lookup()
    services.fake.on('GET', '/api/products?q=x%25', new Response(JSON.stringify({ status: 400, code: 'invalid_input', detail: 'q: too odd' }), {
      status: 400, headers: { 'Content-Type': 'application/problem+json' },
    }))
    typeInto(input, 'x%')
    press(input, 'Enter')
    await waitFor(() => text(find(el, '[role="alert"]')).includes('q: too odd'))
  })

  it('moves from the box into the results with the arrow keys', async () => {
    const { el, services, input } = await lookup()
    services.fake.on('GET', '/api/products?q=oak', json({ items: [mug, vase] }))
    typeInto(input, 'oak')
    press(input, 'Enter')
    await waitFor(() => findAll(el, 'a.result').length === 2)
    press(input, 'ArrowDown')
    const links = findAll<HTMLAnchorElement>(el, 'a.result')
    expect(el.shadowRoot?.activeElement).toBe(links[0])
    press(links[0]!, 'ArrowDown')
    expect(el.shadowRoot?.activeElement).toBe(links[1])
    press(links[1]!, 'ArrowUp')
    press(links[0]!, 'ArrowUp')
    expect(el.shadowRoot?.activeElement).toBe(input)
  })
})

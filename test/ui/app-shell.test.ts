// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PosApp } from '../../ui/app-shell.js'
import type { PosStockPage } from '../../ui/views/stock/stock-page.js'
import { click, find, findAll, mount, text, typeInto, unmountAll, waitFor } from './support/dom.js'
import { json, problem, sessionInfo, testServices, type TestServices } from './support/fakes.js'

async function app(setup: (s: TestServices) => void) {
  const services = testServices()
  services.fake.on('GET', '/health', json({ status: 'ok', demo: false, version: '0.1.0' }))
  setup(services)
  const el = new PosApp()
  el.services = services
  await mount(el)
  return { el, services }
}

const navLabels = (el: Element) => findAll(el, 'nav a').map(text)

beforeEach(() => {
  location.hash = '#/lookup'
})
afterEach(unmountAll)

describe('pos-app', () => {
  it('shows sign-in when there is no session, then the shell after signing in', async () => {
    const { el, services } = await app((s) => {
      s.fake.on('GET', '/api/session', problem(401, 'unauthenticated', 'Please sign in again: your session has ended.'))
      s.fake.on('POST', '/api/session', json(sessionInfo('assistant', 'Ash', 'ash'), 201))
    })
    const login = await waitFor(() => find(el, 'pos-login'))
    expect(text(login)).not.toContain('Your session ended')
    typeInto(find<HTMLInputElement>(login, '#staff')!, 'ash')
    for (const d of '2222') click(find(login, 'pos-pin-pad', `[data-key="${d}"]`))
    click(find(login, 'pos-pin-pad', '[data-key="enter"]'))
    await waitFor(() => find(el, 'pos-product-lookup'))
    expect(text(find(el, '.who'))).toContain('Ash Assistant · station till-1')
    expect(services.fake.unmatched).toEqual([])
  })

  it('restores a session and shows each role its own navigation', async () => {
    const manager = await app((s) => s.fake.on('GET', '/api/session', json(sessionInfo('manager'))))
    await waitFor(() => find(manager.el, 'nav'))
    expect(navLabels(manager.el)).toEqual(['Till', 'Returns', 'Products & stock', 'Orders', 'Picking', 'Packing', 'Print queue', 'Catalogue', 'Reports', 'Settings'])
    expect(find(manager.el, 'nav a[aria-current="page"]')?.getAttribute('href')).toBe('#/lookup')
    unmountAll()

    const fin = await app((s) => s.fake.on('GET', '/api/session', json(sessionInfo('fulfilment', 'Fin', 'fin'))))
    await waitFor(() => find(fin.el, 'nav'))
    expect(navLabels(fin.el)).toEqual(['Products & stock', 'Orders', 'Picking', 'Packing', 'Print queue'])
  })

  it('routes by hash: stock pages, coming-soon screens, refused and unknown pages', async () => {
    const { el } = await app((s) => {
      s.fake.on('GET', '/api/session', json(sessionInfo('assistant', 'Ash', 'ash')))
      s.fake.on('GET', '/api/stock/HOM-1', json({ sku: 'HOM-1', name: 'Oak Mug', levels: [] }))
      s.fake.on('GET', '/api/stock/HOM-1/movements?limit=50', json({ items: [], nextCursor: null }))
      s.fake.on('GET', '/api/locations', json({ items: [] }))
      s.fake.on('GET', '/api/returns/options', json({ reasons: ['faulty'], sellableLocations: ['floor'], quarantineLocation: 'quarantine', noReceiptLimitMinor: 2000 }))
      s.fake.on('GET', '/api/orders/ord-1', problem(404, 'not_found', 'There is no order ord-1'))
    })
    await waitFor(() => find(el, 'nav'))
    const go = async (hash: string) => {
      location.hash = hash
      window.dispatchEvent(new HashChangeEvent('hashchange'))
      await el.updateComplete
    }
    await go('#/stock/HOM-1')
    expect(find<PosStockPage>(el, 'pos-stock-page')?.sku).toBe('HOM-1')
    expect(find(el, 'nav a[aria-current="page"]')?.getAttribute('href')).toBe('#/lookup')
    await go('#/returns')
    expect(find(el, 'pos-returns')).not.toBeNull()
    await go('#/orders/ord-1')
    expect(find(el, 'pos-order-detail')?.getAttribute('order-id')).toBe('ord-1')
    expect(find(el, 'nav a[aria-current="page"]')?.getAttribute('href')).toBe('#/orders')
    await go('#/picking')
    expect(text(find(el, 'main'))).toContain('Not available for your role')
    await go('#/settings')
    expect(text(find(el, 'main'))).toContain('Not available for your role')
    await go('#/wat')
    expect(text(find(el, 'main'))).toContain('There is no such page')
  })

  it('opens the picking screen and a pick list by hash', async () => {
    location.hash = '#/picking'
    const { el } = await app((s) => {
      s.fake.on('GET', '/api/session', json(sessionInfo('manager')))
      s.fake.on('GET', '/api/picking/queue?limit=200', json({ items: [], total: 0 }))
      s.fake.on('GET', '/api/picking/lists?status=open', json({ items: [] }))
      s.fake.on('GET', '/api/picking/lists?status=in_progress', json({ items: [] }))
    })
    await waitFor(() => text(find(el, 'pos-picking')).includes('Nothing waiting to pick'))
    expect(find(el, 'nav a[aria-current="page"]')?.getAttribute('href')).toBe('#/picking')
  })

  it('opens the reports dashboard, on the report the hash names', async () => {
    location.hash = '#/reports/stock-value'
    const { el } = await app((s) => {
      s.fake.on('GET', '/api/session', json(sessionInfo('manager')))
      s.fake.on('GET', '/api/reports', json({ items: [], today: '2026-06-15' }))
    })
    const reports = await waitFor(() => find<HTMLElement & { reportId: string }>(el, 'pos-reports'))
    expect(reports.reportId).toBe('stock-value')
    expect(find(el, 'nav a[aria-current="page"]')?.getAttribute('href')).toBe('#/reports')
  })

  it('goes back to sign-in when any request answers 401', async () => {
    const { el, services } = await app((s) => {
      s.fake.on('GET', '/api/session', json(sessionInfo()))
      s.fake.on('GET', '/api/products?q=mug', problem(401, 'unauthenticated', 'Please sign in again: your session has ended.'))
    })
    const lookup = await waitFor(() => find(el, 'pos-product-lookup'))
    const input = find<HTMLInputElement>(lookup, '#q')!
    typeInto(input, 'mug')
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }))
    const login = await waitFor(() => find(el, 'pos-login'))
    await waitFor(() => text(login).includes('Your session ended. Sign in again to carry on.'))
    expect(services.live.closed).toBe(1)
  })

  it('signs out', async () => {
    const { el, services } = await app((s) => {
      s.fake.on('GET', '/api/session', json(sessionInfo()))
      s.fake.on('DELETE', '/api/session', new Response(null, { status: 204 }))
    })
    click(await waitFor(() => find(el, 'button.sign-out')))
    await waitFor(() => find(el, 'pos-login'))
    const [del] = services.fake.calls('DELETE', '/api/session')
    expect(del?.headers['x-csrf-token']).toBe('csrf-123')
    expect(services.session.current).toBeNull()
  })

  it('offers a retry when the appliance cannot be reached at start', async () => {
    const { el } = await app((s) => {
      s.fake.on('GET', '/api/session', () => Promise.reject(new TypeError('Failed to fetch')), json(sessionInfo()))
    })
    await waitFor(() => text(find(el, '[role="alert"]')).includes("Can't reach the appliance"))
    click(find(el, '.splash button'))
    await waitFor(() => find(el, 'nav'))
  })
})

// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { AdjustmentResult, MovementPage, StockMovementDto, StockView } from '../../appliance/api/contract.js'
import type { PosStockAdjustment } from '../../ui/views/stock/adjustment-form.js'
import { PosStockPage } from '../../ui/views/stock/stock-page.js'
import { click, find, findAll, mount, text, typeInto, unmountAll, waitFor } from './support/dom.js'
import { json, problem, sessionInfo, testServices } from './support/fakes.js'

const SKU = 'HOM-1'
const view: StockView = {
  sku: SKU,
  name: 'Oak Mug',
  levels: [
    { location: 'floor', locationName: 'Shop floor', onHand: 5, allocated: 1, available: 4, needsCount: false },
    { location: 'back', locationName: 'Backroom', onHand: 12, allocated: 0, available: 12, needsCount: true },
  ],
}
const movement = (id: number, over: Partial<StockMovementDto> = {}): StockMovementDto => ({
  id, occurredAt: '2025-03-03T14:05:00Z', location: 'floor', quantity: -1, kind: 'sale', reason: null,
  reference: `ORD-${id}`, staff: 'ash', staffName: 'Ash', station: 'till-1', ...over,
})
const page1: MovementPage = { items: [movement(12), movement(11, { kind: 'adjustment', quantity: 3, reason: 'Found in store', location: 'back' })], nextCursor: 11 }
const page2: MovementPage = { items: [movement(10, { kind: 'receipt', quantity: 20, staff: null, staffName: null, station: null, reference: null })], nextCursor: null }
// The answer's level carries only the numbers (no name, no count flag).
const adjusted = (onHand: number): AdjustmentResult => {
  const level = { location: 'floor', onHand, allocated: 1, available: onHand - 1 }
  return { sku: SKU, movementId: 13, movementIds: [13], level, levels: [level] }
}

async function stockPage(role: 'manager' | 'assistant' = 'manager') {
  const services = testServices({ signedIn: sessionInfo(role) })
  services.fake
    .on('GET', `/api/stock/${SKU}`, json(view))
    .on('GET', `/api/stock/${SKU}/movements?limit=50`, json(page1))
    .on('GET', `/api/stock/${SKU}/movements?limit=50&before=11`, json(page2))
    .on('GET', '/api/locations', json({ items: [
      { id: 'floor', name: 'Shop floor', kind: 'shop', sellable: true },
      { id: 'back', name: 'Backroom', kind: 'store', sellable: true },
    ] }))
  const el = new PosStockPage()
  el.services = services
  el.sku = SKU
  await mount(el)
  await waitFor(() => findAll(el, 'pos-movement-history', 'tbody tr').length === 2)
  await waitFor(() => findAll(el, 'pos-stock-adjustment', '#location option').length === 2)
  const form = () => find<PosStockAdjustment>(el, 'pos-stock-adjustment')!
  const fill = (quantity: string, reason: string) => {
    typeInto(find<HTMLInputElement>(form(), '#quantity')!, quantity)
    typeInto(find<HTMLInputElement>(form(), '#reason')!, reason)
  }
  const submit = async () => {
    await form().updateComplete
    click(find(form(), 'button[type="submit"]'))
  }
  return { el, services, form, fill, submit }
}

const levelRow = (el: Element, location: string) => text(find(el, `tr[data-location="${location}"]`))

afterEach(unmountAll)

describe('pos-stock-page', () => {
  it('shows levels per location with the needs-count flag, and the movement history', async () => {
    const { el } = await stockPage()
    expect(find(el, 'h1')?.textContent).toBe('Oak Mug')
    expect(levelRow(el, 'floor')).toBe('Shop floor 5 1 4')
    expect(levelRow(el, 'back')).toBe('Backroom 12 0 12 Needs count')
    expect(text(find(el, 'tfoot'))).toBe('All locations 17 1 16')
    const rows = findAll(el, 'pos-movement-history', 'tbody tr').map(text)
    expect(rows[0]).toMatch(/^3 Mar 2025, 14:05 Sale −1 Shop floor Ash till-1 — ORD-12$/)
    expect(rows[1]).toContain('Adjustment +3 Backroom Ash till-1 Found in store ORD-11')
  })

  it('loads older movements with "Load more" until there are none', async () => {
    const { el } = await stockPage()
    click(find(el, 'pos-movement-history', '.more button'))
    await waitFor(() => findAll(el, 'pos-movement-history', 'tbody tr').length === 3)
    expect(text(findAll(el, 'pos-movement-history', 'tbody tr')[2])).toContain('Received +20 Shop floor System')
    expect(find(el, 'pos-movement-history', '.more')).toBeNull()
  })

  it('records an adjustment with an idempotency key and shows the new level', async () => {
    const { el, services, fill, submit, form } = await stockPage()
    services.fake.on('POST', '/api/stock/adjustments', json(adjusted(3), 201))
    fill('-2', 'Damaged')
    await submit()
    await waitFor(() => text(form()).includes('Recorded −2 at Shop floor: now 3 on hand.'))
    const [post] = services.fake.calls('POST', '/api/stock/adjustments')
    expect(post?.body).toEqual({ sku: SKU, location: 'floor', quantity: -2, reason: 'Damaged' })
    expect(post?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(post?.headers['x-csrf-token']).toBe('csrf-123')
    await waitFor(() => levelRow(el, 'floor') === 'Shop floor 3 1 2')
    // The history reloads from the newest page.
    await waitFor(() => services.fake.calls('GET', `/api/stock/${SKU}/movements?limit=50`).length === 2)
  })

  it('checks the form before sending', async () => {
    const { services, fill, submit, form } = await stockPage()
    fill('1.5', ' ')
    await submit()
    await form().updateComplete
    expect(text(find(form(), '#quantity-error'))).toContain('Enter a whole number other than 0')
    expect(text(find(form(), '#reason-error'))).toBe('Say why the stock is changing.')
    expect(find(form(), '#quantity')?.getAttribute('aria-invalid')).toBe('true')
    expect(services.fake.calls('POST', '/api/stock/adjustments')).toHaveLength(0)
  })

  it('asks for a manager\'s PIN when approval is required, then resends with the token', async () => {
    const { services, fill, submit, form } = await stockPage('assistant')
    services.fake
      .on('POST', '/api/stock/adjustments',
        problem(403, 'approval_required', 'This needs a manager\u2019s approval: ask a manager to enter their PIN.', { field: 'approvalToken' }),
        json(adjusted(25), 201))
      .on('POST', '/api/approvals',
        problem(401, 'unauthenticated', 'Wrong staff ID or PIN.'),
        json({ token: 'tok-1', action: 'stock.adjust', approvedBy: 'Maya', expiresAt: '2030-01-01T00:00:00Z' }, 201))
    fill('20', 'Found in store')
    await submit()
    const prompt = await waitFor(() => find(form(), 'pos-approval-prompt'))
    expect(text(prompt)).toContain('Manager approval needed')
    expect(text(prompt)).toContain('ask a manager to enter their PIN')

    const approve = async (pin: string) => {
      typeInto(find<HTMLInputElement>(prompt, '#approver')!, 'maya')
      for (const d of pin) click(find(prompt, 'pos-pin-pad', `[data-key="${d}"]`))
      click(find(prompt, 'pos-pin-pad', '[data-key="enter"]'))
    }
    await approve('9999')
    await waitFor(() => text(find(prompt, '[role="alert"]')).includes('Wrong staff ID or PIN.'))
    expect(services.fake.calls('POST', '/api/stock/adjustments')).toHaveLength(1)

    await approve('1111')
    await waitFor(() => text(form()).includes('now 25 on hand (approved by Maya)'))
    expect(services.fake.calls('POST', '/api/approvals')[1]?.body).toEqual({ staff: 'maya', pin: '1111', action: 'stock.adjust' })
    const [first, second] = services.fake.calls('POST', '/api/stock/adjustments')
    expect(second?.body).toEqual({ sku: SKU, location: 'floor', quantity: 20, reason: 'Found in store', approvalToken: 'tok-1' })
    expect(second?.headers['idempotency-key']).not.toBe(first?.headers['idempotency-key'])
    expect(find(form(), 'pos-approval-prompt')).toBeNull()
  })

  it('retries after a network failure with the same idempotency key', async () => {
    const { services, fill, submit, form } = await stockPage()
    services.fake.on('POST', '/api/stock/adjustments', () => Promise.reject(new TypeError('Failed to fetch')), json(adjusted(4), 201))
    fill('-1', 'Damaged')
    await submit()
    const retry = await waitFor(() => find(form(), 'button.retry'))
    expect(text(find(form(), '[role="alert"]'))).toContain("Can't reach the appliance")
    click(retry)
    await waitFor(() => text(form()).includes('now 4 on hand'))
    const [first, second] = services.fake.calls('POST', '/api/stock/adjustments')
    expect(second?.headers['idempotency-key']).toBe(first?.headers['idempotency-key'])
  })

  it('shows a refused adjustment next to its field', async () => {
    const { services, fill, submit, form } = await stockPage()
    services.fake.on('POST', '/api/stock/adjustments', problem(409, 'insufficient_stock', 'Only 5 on hand at Shop floor.', { field: 'quantity' }))
    fill('-9', 'Damaged')
    await submit()
    await waitFor(() => text(find(form(), '#quantity-error')) === 'Only 5 on hand at Shop floor.')
  })

  it('updates levels live from stock.changed and offers the latest history', async () => {
    const { el, services } = await stockPage()
    expect(services.live.listeners('stock.changed')).toBe(1)
    services.live.emit('stock.changed', { sku: 'OTHER', location: 'floor', onHand: 99, allocated: 0, available: 99 })
    services.live.emit('stock.changed', { sku: SKU, location: 'floor', onHand: 4, allocated: 2, available: 2 })
    await waitFor(() => levelRow(el, 'floor') === 'Shop floor 4 2 2')
    const latest = await waitFor(() => find(el, '.history-head button'))
    click(latest)
    await waitFor(() => services.fake.calls('GET', `/api/stock/${SKU}/movements?limit=50`).length === 2)
    el.remove()
    expect(services.live.listeners('stock.changed')).toBe(0)
  })

  it('shows the API\'s detail for an unknown SKU', async () => {
    const services = testServices({ signedIn: sessionInfo() })
    services.fake.on('GET', '/api/stock/NOPE', problem(404, 'not_found', 'There is no product with SKU "NOPE"'))
    const el = new PosStockPage()
    el.services = services
    el.sku = 'NOPE'
    await mount(el)
    await waitFor(() => text(find(el, '[role="alert"]')).includes('There is no product with SKU "NOPE"'))
  })
})

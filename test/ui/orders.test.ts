// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { OrderDetailDto, OrderListDto, ReturnDto, ReturnOptionsDto } from '../../appliance/api/contract.js'
import { cleanQuery, queryString } from '../../ui/data/orders.js'
import { parseRoute, sectionOf } from '../../ui/routes.js'
import { PosOrderDetail } from '../../ui/views/orders/order-detail.js'
import { PosOrders } from '../../ui/views/orders/orders-page.js'
import { PosReturns } from '../../ui/views/returns/returns-page.js'
import { unitsValue } from '../../ui/views/returns/exchange-items.js'
import { click, find, findAll, mount, text, typeInto, unmountAll, waitFor } from './support/dom.js'
import { json, problem, sessionInfo, testServices } from './support/fakes.js'

const item = (id: string, over: Partial<OrderListDto['items'][number]> = {}): OrderListDto['items'][number] => ({
  id, channel: 'shopify', account: 'shopify-1', number: `#${id}`, channelOrderId: `gid://${id}`, status: 'allocated', placedAt: '2026-06-15T08:00:00Z',
  customer: { name: 'Chloé Dubois', email: 'chloe@example.com' }, totalMinor: 2599, refundedMinor: 0, currency: 'GBP',
  despatchBy: '2026-06-15T14:00:00Z', light: 'amber', tags: [], flags: [], itemCount: 2, ...over,
})

const detail = (over: Partial<OrderDetailDto> = {}): OrderDetailDto => ({
  id: 'o1', channel: 'store', account: null, channelOrderId: null, number: 'S-01-000042', status: 'completed', placedAt: '2026-06-15T09:00:00Z', currency: 'GBP',
  customer: null, totals: { grossMinor: 1500, discountMinor: 0, shippingMinor: 0, totalMinor: 1500, vatMinor: 250, paidMinor: 1500, refundedMinor: 0 },
  shippingMethod: null, fulfilledBy: 'merchant', channelStatus: null, despatchBy: null, deliverBy: null, deadlineSource: null, light: null,
  shippedAt: null, deliveredAt: null, cancelledAt: null, till: 'till-1', station: 'till-1', staff: 'ash', staffName: 'Ash', note: null,
  lines: [
    { lineNo: 1, kind: 'goods', sku: 'MUG-1', name: 'Oak Mug', quantity: 2, unitPriceMinor: 500, totalMinor: 1000, vatRatePercent: 20, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0, returnable: 2, knownSku: true, location: 'floor', allocations: [] },
    { lineNo: 2, kind: 'goods', sku: 'TEA-1', name: 'Green Tea', quantity: 1, unitPriceMinor: 500, totalMinor: 500, vatRatePercent: 0, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 1, returnable: 0, knownSku: true, location: 'floor', allocations: [] },
  ],
  payments: [{ method: 'card', amountMinor: 1500, appliedMinor: 1500, reference: 'AUTH' }], addresses: [], shipments: [], returns: [], refunds: [], notes: [],
  tags: ['vip'], flags: [], replacementOf: null, replacements: [], returnWindow: { lastDay: '2026-07-13', returnable: true },
  timeline: [{ at: '2026-06-15T09:00:00Z', kind: 'created', summary: 'Sold at till-1 on receipt S-01-000042', staff: 'ash', staffName: 'Ash', station: 'till-1', reason: null, details: null }],
  ...over,
})

const options: ReturnOptionsDto = { reasons: ['changed-mind', 'faulty'], sellableLocations: ['floor', 'backroom'], quarantineLocation: 'quarantine', noReceiptLimitMinor: 2000 }

afterEach(unmountAll)

describe('order routes and queries', () => {
  it('routes orders, one order and the returns screen', () => {
    expect(parseRoute('#/orders')).toEqual({ name: 'orders' })
    expect(parseRoute('#/orders/abc-1')).toEqual({ name: 'order', id: 'abc-1' })
    expect(parseRoute('#/returns')).toEqual({ name: 'returns', order: null })
    expect(parseRoute('#/returns/abc-1')).toEqual({ name: 'returns', order: 'abc-1' })
    expect(sectionOf({ name: 'order', id: 'x' })).toBe('orders')
    expect(queryString({ q: ' #1001 ', channel: '', light: 'red' }, { cursor: null, limit: 50 })).toBe('?q=%231001&light=red&limit=50')
    expect(cleanQuery({ q: 'x', wat: 'y', tag: '' })).toEqual({ q: 'x' })
  })

  it('values returned units as the appliance does (£10 for 3: 334p, 333p, 333p)', () => {
    expect([0, 1, 2].map((k) => unitsValue(1000, 3, k, 1))).toEqual([334, 333, 333])
    expect(unitsValue(1000, 3, 0, 3)).toBe(1000)
    expect(unitsValue(1000, 3, 1, 2)).toBe(666)
  })
})

describe('pos-orders', () => {
  it('lists orders with their despatch light, searches, filters and loads more', async () => {
    const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
    services.fake
      .on('GET', '/api/orders?limit=50', json({ items: [item('1001'), item('1002', { light: 'red', flags: ['unknown_sku:X'] })], nextCursor: 'c1' }))
      .on('GET', '/api/orders?cursor=c1&limit=50', json({ items: [item('1000', { light: null, status: 'shipped' })], nextCursor: null }))
      .on('GET', '/api/orders?q=chloe%40example.com&limit=50', json({ items: [item('1001')], nextCursor: null }))
      .on('GET', '/api/orders?q=chloe%40example.com&light=red&limit=50', json({ items: [], nextCursor: null }))
      .on('GET', '/api/order-views', json({ items: [{ id: 'v1', name: 'Late eBay', filters: { channel: 'ebay', light: 'red' }, shared: true }] }))
      .on('GET', '/api/orders?channel=ebay&light=red&limit=50', json({ items: [item('E1', { channel: 'ebay', light: 'red' })], nextCursor: null }))
      .on('GET', '/api/notifications?unread=true', json({ items: [{ id: 'n1', createdAt: '2026-06-15T13:00:00Z', audience: 'managers', kind: 'escalation', severity: 'danger', message: 'ebay order E1 missed its despatch', orderId: 'E1', read: false }] }))
    const el = new PosOrders()
    el.services = services
    await mount(el)
    await waitFor(() => findAll(el, 'tr[data-order]').length === 2)
    expect(find(el, 'tr[data-order="1002"] [data-light]')?.getAttribute('data-light')).toBe('red')
    expect(text(find(el, 'tr[data-order="1001"]'))).toContain('Due today')
    expect(text(find(el, 'tr[data-order="1002"]'))).toContain('needs a look')
    await waitFor(() => text(find(el, '.alerts')).includes('missed its despatch'))
    click(find(el, 'button.load-more'))
    await waitFor(() => findAll(el, 'tr[data-order]').length === 3)
    typeInto(find<HTMLInputElement>(el, '#q')!, 'chloe@example.com')
    find<HTMLFormElement>(el, 'form.filters')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await waitFor(() => findAll(el, 'tr[data-order]').length === 1)
    const light = find<HTMLSelectElement>(el, '#light')!
    light.value = 'red'
    light.dispatchEvent(new Event('change'))
    await waitFor(() => text(el).includes('No orders match'))
    await waitFor(() => el.views.length === 1)
    const view = find<HTMLSelectElement>(el, '#view')!
    view.value = 'v1'
    view.dispatchEvent(new Event('change'))
    await waitFor(() => find(el, 'tr[data-order="E1"]'))
    expect(services.fake.unmatched).toEqual([])
  })
})

describe('pos-order-detail', () => {
  it('shows lines, payments, tags and the timeline, adds a tag and a note, and refreshes when the order changes', async () => {
    const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
    const withTag = detail({ tags: ['vip', 'gift'], timeline: [...detail().timeline, { at: '2026-06-15T10:00:00Z', kind: 'tag', summary: 'Tagged gift', staff: 'ash', staffName: 'Ash', station: 'till-2', reason: null, details: null }] })
    services.fake
      .on('GET', '/api/orders/o1', json(detail()), json(withTag))
      .on('POST', '/api/orders/o1/tags', json({ added: true }, 201))
      .on('POST', '/api/orders/o1/notes', json({ id: 'n1' }, 201))
    const el = new PosOrderDetail()
    el.services = services
    el.orderId = 'o1'
    await mount(el)
    await waitFor(() => find(el, 'tr[data-sku="MUG-1"]'))
    expect(text(find(el, 'h1'))).toContain('S-01-000042')
    expect(text(find(el, 'tr[data-sku="TEA-1"]'))).toContain('1 returned')
    expect(find(el, 'a.start-return')?.getAttribute('href')).toBe('#/returns/o1')
    expect(text(find(el, '.timeline'))).toContain('Sold at till-1 on receipt S-01-000042')
    expect(text(find(el, '.timeline'))).toContain('Ash · till-1')
    typeInto(find<HTMLInputElement>(el, '#new-tag')!, 'gift')
    find(el, '#new-tag')!.closest('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await waitFor(() => text(find(el, '.timeline')).includes('Tagged gift'))
    expect(services.fake.calls('POST', '/api/orders/o1/tags')[0]?.body).toEqual({ tag: 'gift' })
    typeInto(find<HTMLInputElement>(el, '#new-note') as unknown as HTMLInputElement, 'Rang the customer')
    find(el, '#new-note')!.closest('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await waitFor(() => services.fake.calls('POST', '/api/orders/o1/notes').length === 1)
    const before = services.fake.calls('GET', '/api/orders/o1').length
    services.live.emit('order.changed', { orderId: 'o1' })
    await waitFor(() => services.fake.calls('GET', '/api/orders/o1').length > before)
  })
})

describe('pos-returns', () => {
  const done: ReturnDto = {
    id: 'r1', number: 'R-000007', kind: 'desk', status: 'completed', order: 'o1', orderNumber: 'S-01-000042', channel: 'store', valueMinor: 500,
    refundMinor: 500, creditedMinor: 500, method: 'original', lines: [{ lineNo: 1, sku: 'MUG-1', name: 'Oak Mug', quantity: 1, receivedQuantity: 1, reason: 'faulty', condition: 'sellable', location: 'floor', valueMinor: 500 }],
    refunds: [{ method: 'card', amountMinor: 500, reference: 'AUTH', status: 'completed' }], storeCredit: null, exchange: null, approvedBy: 'maya',
    windowLastDay: '2026-07-13', windowOverridden: true, till: null, staff: 'ash', staffName: 'Ash', station: 'till-1', createdAt: '2026-06-15T10:00:00Z',
    completedAt: '2026-06-15T10:00:00Z', printJobId: 3, labelPrintJobId: null,
  }

  it('finds the sale from a scanned receipt, takes the return with a manager\u2019s override, and shows where the money went', async () => {
    const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
    services.fake
      .on('GET', '/api/returns/options', json(options))
      .on('GET', '/api/orders?q=S0100000042&limit=20', json({ items: [item('o1', { channel: 'store', number: 'S-01-000042' })], nextCursor: null }))
      .on('GET', '/api/orders/o1', json(detail()))
      .on('POST', '/api/returns',
        problem(409, 'conflict', 'The return window for this order closed on 2026-07-13: a manager can override it', { field: 'overrideWindow', lastDay: '2026-07-13' }),
        problem(403, 'approval_required', 'The return window closed on 2026-07-13: ask a manager to approve this return.', { field: 'overrideWindow', action: 'return.refund' }),
        json(done, 201))
      .on('POST', '/api/approvals', json({ token: 'tok-1', action: 'return.refund', approvedBy: 'maya', approvedByName: 'Maya', expiresAt: '2030-01-01T00:00:00Z' }, 201))
    const el = new PosReturns()
    el.services = services
    await mount(el)
    await waitFor(() => el.options)
    typeInto(find<HTMLInputElement>(el, '#find')!, 'S0100000042')
    find(el, 'form.find')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await waitFor(() => find(el, 'tr[data-sku="MUG-1"]'))
    expect(find(el, 'tr[data-sku="TEA-1"]')).toBeNull() // already returned
    expect(text(find(el, 'button.refund'))).toBe('Choose what comes back')
    typeInto(find<HTMLInputElement>(el, 'tr[data-sku="MUG-1"] .qty')!, '1')
    const reason = find<HTMLSelectElement>(el, 'tr[data-sku="MUG-1"] .reason')!
    reason.value = 'faulty'
    reason.dispatchEvent(new Event('change'))
    await waitFor(() => text(find(el, 'button.refund')) === 'Refund £5.00 for 1 item')
    click(find(el, 'button.refund'))
    await waitFor(() => find(el, 'button.override'))
    click(find(el, 'button.override'))
    const prompt = await waitFor(() => find(el, 'pos-approval-prompt'))
    typeInto(find<HTMLInputElement>(prompt, '#approver')!, 'maya')
    for (const d of '1111') click(find(prompt, 'pos-pin-pad', `[data-key="${d}"]`))
    click(find(prompt, 'pos-pin-pad', '[data-key="enter"]'))
    await waitFor(() => find(el, '.done'))
    expect(text(find(el, '.done'))).toContain('Return R-000007 done')
    expect(text(find(el, '.refunds'))).toContain('£5.00 Back to the card')
    const posts = services.fake.calls('POST', '/api/returns')
    expect(posts.map((p) => p.body)).toEqual([
      { order: 'o1', lines: [{ sku: 'MUG-1', quantity: 1, reason: 'faulty', condition: 'sellable' }], refund: { method: 'original' } },
      { order: 'o1', lines: [{ sku: 'MUG-1', quantity: 1, reason: 'faulty', condition: 'sellable' }], refund: { method: 'original' }, overrideWindow: true },
      { order: 'o1', lines: [{ sku: 'MUG-1', quantity: 1, reason: 'faulty', condition: 'sellable' }], refund: { method: 'original' }, overrideWindow: true, approvalToken: 'tok-1' },
    ])
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(3)
  })

  it('says so when nothing is found, and offers a choice when several orders match', async () => {
    const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
    services.fake
      .on('GET', '/api/returns/options', json(options))
      .on('GET', '/api/orders?q=nobody%40example.com&limit=20', json({ items: [], nextCursor: null }))
      .on('GET', '/api/orders?q=chloe%40example.com&limit=20', json({ items: [item('a1'), item('a2')], nextCursor: null }))
    const el = new PosReturns()
    el.services = services
    await mount(el)
    await el.find('nobody@example.com')
    expect(text(el)).toContain('No order found for “nobody@example.com”')
    await el.find('chloe@example.com')
    expect(findAll(el, 'button.candidate').map(text)).toHaveLength(2)
  })

  it('takes a return without a receipt as store credit, with a manager’s approval', async () => {
    const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
    const credit: ReturnDto = { ...done, order: null, orderNumber: null, channel: null, refunds: [{ method: 'store-credit', amountMinor: 500, reference: 'ABCDABCDABCDABCD', status: 'completed' }], storeCredit: { code: 'ABCDABCDABCDABCD', formatted: 'ABCD-ABCD-ABCD-ABCD', amountMinor: 500 } }
    services.fake
      .on('GET', '/api/returns/options', json(options))
      .on('GET', '/api/sales/scan?code=MUG-1', json({ kind: 'product', code: 'MUG-1', product: { sku: 'MUG-1', name: 'Oak Mug', priceMinor: 500 }, line: { sku: 'MUG-1' }, unitPriceMinor: 500, weightGrams: null }))
      .on('POST', '/api/returns', problem(403, 'approval_required', 'A return without a receipt needs a manager: ask a manager to approve this return.', { field: 'lines', action: 'return.no_receipt' }), json(credit, 201))
      .on('POST', '/api/approvals', json({ token: 'tok-2', action: 'return.no_receipt', approvedBy: 'maya', approvedByName: 'Maya', expiresAt: '2030-01-01T00:00:00Z' }, 201))
    const el = new PosReturns()
    el.services = services
    await mount(el)
    await waitFor(() => el.options)
    click(find(el, 'button.start-no-receipt'))
    const form = await waitFor(() => find(el, 'pos-no-receipt-return'))
    const items = await waitFor(() => find(form, 'pos-exchange-items'))
    typeInto(find<HTMLInputElement>(items, '#new-item')!, 'MUG-1')
    find(items, 'form.add')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await waitFor(() => text(find(form, 'button.credit')) === 'Give £5.00 store credit')
    click(find(form, 'button.credit'))
    const prompt = await waitFor(() => find(form, 'pos-approval-prompt'))
    typeInto(find<HTMLInputElement>(prompt, '#approver')!, 'maya')
    for (const d of '1111') click(find(prompt, 'pos-pin-pad', `[data-key="${d}"]`))
    click(find(prompt, 'pos-pin-pad', '[data-key="enter"]'))
    await waitFor(() => find(el, '.done'))
    expect(text(find(el, '.credit'))).toContain('ABCD-ABCD-ABCD-ABCD')
    const posts = services.fake.calls('POST', '/api/returns')
    expect(posts[1]?.body).toEqual({ noReceipt: true, lines: [{ sku: 'MUG-1', quantity: 1, reason: 'changed-mind', condition: 'sellable' }], refund: { method: 'store-credit' }, approvalToken: 'tok-2' })
  })

  it('takes a scan from a scanner read on the appliance', async () => {
    const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
    services.fake
      .on('GET', '/api/returns/options', json(options))
      .on('GET', '/api/orders?q=S0100000042&limit=20', json({ items: [item('o1')], nextCursor: null }))
      .on('GET', '/api/orders/o1', json(detail()))
    const el = new PosReturns()
    el.services = services
    await mount(el)
    services.live.emit('scanner.scan', { scanner: 'hid-1', stations: ['till-1'], data: 'S0100000042', symbology: 'code128' })
    await waitFor(() => find(el, 'tr[data-sku="MUG-1"]'))
  })
})

describe('the phone order form', () => {
  it('reads a card payment in pounds as pence, refusing anything else', async () => {
    const { penceOf } = await import('../../ui/views/orders/order-entry.js')
    expect(['12.50', '£12.5', '7', '0.05'].map(penceOf)).toEqual([1250, 1250, 700, 5])
    expect(['12.505', 'twelve', '-3', ''].map(penceOf)).toEqual([null, null, null, null])
  })
})

/** The order book through HTTP on a real database: list, search, filters, paging, detail with its timeline, phone orders, allocation, tags, notes, views, despatch, lost parcels. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedOrderDto, OrderDetailDto, OrderListDto, Product, ProductList, SavedViewDto } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { newKey, openTill, problemOf, sell } from './till-fixtures.js'
import { channelOrder, eventually, importOrder, level, orderTableCounts, settableClock } from './orders-fixtures.js'

let app: TestAppliance
let maya: Client
let ash: Client
let fin: Client
let products: Product[]
const clock = settableClock('2026-06-15T09:00:00Z') // Monday 10:00 BST

beforeAll(async () => {
  app = await startAppliance({ clock })
  maya = await signIn(app.url, 'maya', '1111', 'till-1')
  ash = await signIn(app.url, 'ash', '2222', 'till-2')
  fin = await signIn(app.url, 'fin', '3333', 'pack-bench')
  products = []
  for (const q of ['Mug', 'Vase', 'Candle', 'Notebook']) products.push(...(await maya.get<ProductList>(`/api/products?q=${q}&limit=20`)).items.filter((p) => p.priceMinor > 0))
})
afterAll(() => app.stop())

const list = (query = '') => maya.get<OrderListDto>(`/api/orders${query}`)
const detail = (id: string) => maya.get<OrderDetailDto>(`/api/orders/${id}`)
const address = { name: 'Pat Phone', line1: '1 Road', city: 'Leeds', postcode: 'ls1 1aa' }

async function phoneOrder(lines: Array<{ sku: string; quantity: number }>, extra: Record<string, unknown> = {}, client = ash): Promise<CreatedOrderDto> {
  const r = await client.post('/api/orders', { customer: { name: 'Pat Phone', email: 'pat@example.com', phone: '07700 900999' }, shippingAddress: address, lines, ...extra }, { 'idempotency-key': newKey('order') })
  if (r.status !== 201) throw new Error(`order: ${r.status} ${await r.text()}`)
  return (await r.json()) as CreatedOrderDto
}

describe('the demo web orders', () => {
  it('are imported through the order book: allocated, with deadlines, lights and an unknown SKU flagged', async () => {
    const page = await list('?limit=50')
    const byNumber = new Map(page.items.map((o) => [o.number, o]))
    expect([...byNumber.keys()]).toEqual(expect.arrayContaining(['#1001', '#1002', '202-1234567-1234567', '12-34567-89012', '5001']))
    expect(byNumber.get('#1002')).toMatchObject({ channel: 'shopify', status: 'allocated', light: 'amber', customer: { name: 'Chloé Dubois', email: 'chloe@example.com' } })
    expect(byNumber.get('12-34567-89012')).toMatchObject({ channel: 'ebay', light: 'red' })
    expect(byNumber.get('202-1234567-1234567')).toMatchObject({ channel: 'amazon', light: 'green' })
    expect(byNumber.get('#1001')).toMatchObject({ status: 'shipped', light: null })
    expect(byNumber.get('5001')).toMatchObject({ status: 'partially_allocated', flags: ['unknown_sku:DISCONTINUED-7'] })
    const woo = await detail(byNumber.get('5001')!.id)
    expect(woo.lines.find((l) => l.sku === 'DISCONTINUED-7')).toMatchObject({ knownSku: false, allocated: 0, backordered: 1 })
    const amazon = await detail(byNumber.get('202-1234567-1234567')!.id)
    expect(amazon.deadlineSource).toBe('channel')
    expect(amazon.timeline.map((t) => t.kind)).toEqual(['imported', 'deadline', 'allocated'])
  })
})

describe('searching and paging the order book', () => {
  let sale: Awaited<ReturnType<typeof sell>>
  beforeAll(async () => {
    await openTill(maya, 'till-1')
    const p = products[0]!
    sale = await sell(maya, { till: 'till-1', lines: [{ sku: p.sku }], tenders: [{ method: 'card', amountMinor: p.priceMinor }], customer: { name: 'Robin Shopper', email: 'Robin@Example.com' } })
  })

  it('finds an order by order number, channel order id, email, phone, receipt barcode, SKU and name', async () => {
    const numbers = async (q: string) => (await list(`?q=${encodeURIComponent(q)}`)).items.map((o) => o.number).sort()
    expect(await numbers('#1001')).toEqual(['#1001'])
    expect(await numbers('1001')).toEqual(['#1001'])
    expect(await numbers('gid://shopify/Order/1002')).toEqual(['#1002'])
    expect(await numbers('CHLOE@example.com ')).toEqual(['#1001', '#1002'])
    expect(await numbers('+44 (0)7700 900123')).toEqual(['#1001', '#1002'])
    expect(await numbers('alex.morgan@example.com')).toEqual(['12-34567-89012'])
    expect(await numbers(sale.receiptBarcode)).toEqual([sale.receiptNumber])
    expect(await numbers(sale.receiptNumber.toLowerCase())).toEqual([sale.receiptNumber])
    expect(await numbers('robin@example.com')).toEqual([sale.receiptNumber])
    expect(await numbers(products[0]!.sku)).toContain(sale.receiptNumber)
    expect(await numbers('Sam Pat')).toEqual(['202-1234567-1234567'])
    expect(await numbers('nobody@nowhere.example')).toEqual([])
  })

  it('filters by channel, status, light, tag and date, and pages with a cursor without repeats', async () => {
    expect((await list('?channel=shopify')).items.every((o) => o.channel === 'shopify')).toBe(true)
    expect((await list('?status=shipped,completed')).items.every((o) => ['shipped', 'completed'].includes(o.status))).toBe(true)
    expect((await list('?light=red')).items.map((o) => o.number)).toEqual(['12-34567-89012'])
    expect((await list('?light=green&channel=amazon')).items.map((o) => o.number)).toEqual(['202-1234567-1234567'])
    expect((await list('?from=2026-06-15&to=2026-06-15')).items.length).toBeGreaterThan(0)
    expect((await list('?to=2026-06-01')).items).toEqual([])
    const all = (await list('?limit=200')).items.map((o) => o.id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: OrderListDto = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((o) => o.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
    const searched = await list('?q=chloe@example.com&limit=1')
    expect(searched.items).toHaveLength(1)
    const rest = await list(`?q=chloe@example.com&limit=1&cursor=${searched.nextCursor}`)
    expect(rest.items.map((o) => o.id)).not.toContain(searched.items[0]!.id)
  })

  it('refuses bad filters with the field named', async () => {
    for (const [query, field] of [['?status=lost-ish', 'status'], ['?light=blue', 'light'], ['?limit=0', 'limit'], ['?from=yesterday', 'from'], ['?wat=1', 'wat']] as const) {
      const p = await problemOf(await maya.fetch(`/api/orders${query}`))
      expect(p).toMatchObject({ status: 400, field })
    }
    const bad = await problemOf(await maya.fetch('/api/orders?cursor=bm9wZQ'))
    expect(bad).toMatchObject({ status: 422, field: 'cursor' })
    expect((await problemOf(await maya.fetch('/api/orders/no-such-order')))).toMatchObject({ status: 404 })
  })

  it('shows a till sale with its timeline, payments and what can come back', async () => {
    const d = await detail(sale.id)
    expect(d).toMatchObject({ channel: 'store', status: 'completed', till: 'till-1', customer: { name: 'Robin Shopper', email: 'robin@example.com' } })
    expect(d.lines[0]).toMatchObject({ sku: products[0]!.sku, returnable: 1 })
    expect(d.payments).toEqual([{ method: 'card', amountMinor: products[0]!.priceMinor, appliedMinor: products[0]!.priceMinor, reference: null }])
    expect(d.timeline[0]).toMatchObject({ kind: 'created', staff: 'maya', staffName: 'Maya', station: 'till-1' })
    expect(d.returnWindow).toEqual({ lastDay: '2026-07-13', returnable: true })
  })
})

describe('phone and manual orders', () => {
  it('prices from the catalogue, allocates stock (available to sell drops in the same transaction) and sets deadlines', async () => {
    const p = products[1]!
    const before = await level(app, p.sku, 'floor')
    const order = await phoneOrder([{ sku: p.sku, quantity: 1 }], { payments: [{ method: 'card', amountMinor: p.priceMinor, reference: 'AUTH-1' }] })
    expect(order).toMatchObject({ number: expect.stringMatching(/^P-\d{6}$/), status: 'allocated' })
    expect((await level(app, p.sku, 'floor')).allocated).toBe(before.allocated + 1)
    const d = await detail(order.id)
    expect(d).toMatchObject({ channel: 'phone', totals: { totalMinor: p.priceMinor, paidMinor: p.priceMinor }, deadlineSource: 'rules' })
    expect(d.addresses[0]).toMatchObject({ kind: 'shipping', postcode: 'LS1 1AA', country: 'GB' })
    expect(d.lines[0]).toMatchObject({ allocated: 1, backordered: 0, allocations: [{ location: 'floor', quantity: 1 }] })
    expect(d.timeline.map((t) => t.kind)).toEqual(['created', 'deadline', 'allocated'])
    expect(d.timeline[0]).toMatchObject({ staff: 'ash', station: 'till-2' })
    const stock = await maya.get<{ levels: Array<{ location: string; available: number; allocated: number }> }>(`/api/stock/${p.sku}`)
    expect(stock.levels.find((l) => l.location === 'floor')!.allocated).toBe(before.allocated + 1)
  })

  it('is idempotent: the same key gives the same order once', async () => {
    const key = newKey('order')
    const body = { customer: { name: 'Once Only' }, shippingAddress: address, lines: [{ sku: products[2]!.sku, quantity: 1 }] }
    const first = await ash.post('/api/orders', body, { 'idempotency-key': key })
    const again = await ash.post('/api/orders', body, { 'idempotency-key': key })
    expect(first.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
  })

  it('refuses bad input with the field named and writes nothing', async () => {
    const before = await orderTableCounts(app)
    const cases: Array<[unknown, number, string]> = [
      [{ customer: { name: 'X' }, shippingAddress: address, lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] }, 422, 'lines.0.sku'],
      [{ customer: { name: 'X' }, shippingAddress: address, lines: [{ sku: products[0]!.sku, quantity: 0 }] }, 400, 'lines.0.quantity'],
      [{ customer: { name: 'X' }, lines: [{ sku: products[0]!.sku, quantity: 1 }] }, 400, 'shippingAddress'],
      [{ customer: { name: 'X', email: 'not-an-email' }, shippingAddress: address, lines: [{ sku: products[0]!.sku, quantity: 1 }] }, 400, 'customer.email'],
      [{ customer: { name: 'X', phone: 'call me' }, shippingAddress: address, lines: [{ sku: products[0]!.sku, quantity: 1 }] }, 422, 'customer.phone'],
      [{ customer: { name: 'X' }, shippingAddress: address, lines: [{ sku: products[0]!.sku, quantity: 1 }], payments: [{ method: 'card', amountMinor: 10_000_000 }] }, 422, 'payments'],
      [{ customer: { name: 'X' }, shippingAddress: address, lines: [] }, 400, 'lines'],
    ]
    for (const [body, status, field] of cases) {
      const p = await problemOf(await ash.post('/api/orders', body, { 'idempotency-key': newKey('bad') }))
      expect(p, JSON.stringify(body)).toMatchObject({ status, field })
    }
    expect(await orderTableCounts(app)).toEqual(before)
  })

  it('backorders what is not in stock, and refills it when stock arrives', async () => {
    const p = products[3]!
    const floor = await level(app, p.sku, 'floor')
    const back = await level(app, p.sku, 'backroom')
    const free = floor.onHand - floor.allocated + back.onHand - back.allocated
    const order = await phoneOrder([{ sku: p.sku, quantity: free + 2 }])
    expect(order.status).toBe('partially_allocated')
    let d = await detail(order.id)
    expect(d.lines[0]).toMatchObject({ allocated: free, backordered: 2 })
    const r = await maya.post('/api/stock/receipts', { sku: p.sku, location: 'backroom', quantity: 5 }, { 'idempotency-key': newKey('rcv') })
    expect(r.status).toBe(201)
    d = await eventually(async () => {
      const now = await detail(order.id)
      return now.status === 'allocated' ? now : undefined
    })
    expect(d.lines[0]).toMatchObject({ allocated: free + 2, backordered: 0 })
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'allocated', summary: expect.stringContaining('Backorder filled') })
  })

  it('cancelling lets the stock go and refills another backorder', async () => {
    const p = products[4]!
    const floor = await level(app, p.sku, 'floor')
    const back = await level(app, p.sku, 'backroom')
    const free = floor.onHand - floor.allocated + back.onHand - back.allocated
    const first = await phoneOrder([{ sku: p.sku, quantity: free }])
    const second = await phoneOrder([{ sku: p.sku, quantity: 1 }])
    expect([first.status, second.status]).toEqual(['allocated', 'backordered'])
    const r = await ash.post(`/api/orders/${first.id}/cancel`, { reason: 'customer changed mind' }, { 'idempotency-key': newKey('cancel') })
    expect(await r.json()).toMatchObject({ status: 'cancelled' })
    expect((await detail(second.id)).status).toBe('allocated')
    const cancelled = await detail(first.id)
    expect(cancelled.lines[0]).toMatchObject({ allocated: 0, cancelled: free })
    expect(cancelled.timeline.at(-1)).toMatchObject({ kind: 'cancelled', reason: 'customer changed mind' })
    expect((await problemOf(await ash.post(`/api/orders/${first.id}/cancel`, { reason: 'again' }, { 'idempotency-key': newKey('cancel') })))).toMatchObject({ status: 409, field: 'status' })
  })
})

describe('tags, notes and saved views', () => {
  it('tags an order, filters by the tag, notes it, and the timeline says so', async () => {
    const id = (await list('?q=%231002')).items[0]!.id
    expect((await ash.post(`/api/orders/${id}/tags`, { tag: 'VIP' })).status).toBe(201)
    expect((await ash.post(`/api/orders/${id}/tags`, { tag: 'vip' })).status).toBe(200)
    expect((await list('?tag=vip')).items.map((o) => o.id)).toEqual([id])
    expect((await list('?q=chloe@example.com&tag=vip')).items.map((o) => o.id)).toEqual([id])
    expect((await ash.post(`/api/orders/${id}/notes`, { body: 'Customer rang: leave with neighbour' })).status).toBe(201)
    const d = await detail(id)
    expect(d.tags).toEqual(['vip'])
    expect(d.notes[0]).toMatchObject({ body: 'Customer rang: leave with neighbour', staffName: 'Ash', station: 'till-2' })
    expect(d.timeline.slice(-2).map((t) => t.summary)).toEqual(['Tagged vip', 'Note: Customer rang: leave with neighbour'])
    expect((await ash.fetch(`/api/orders/${id}/tags/vip`, { method: 'DELETE' })).status).toBe(204)
    expect((await problemOf(await ash.post(`/api/orders/${id}/tags`, { tag: 'no spaces allowed' })))).toMatchObject({ status: 422, field: 'tag' })
  })

  it('saves, lists and deletes views', async () => {
    const r = await ash.post('/api/order-views', { name: 'Late eBay', filters: { channel: 'ebay', light: 'red' } })
    const view = (await r.json()) as SavedViewDto
    expect(view).toMatchObject({ name: 'Late eBay', shared: false })
    expect((await ash.get<{ items: SavedViewDto[] }>('/api/order-views')).items.map((v) => v.name)).toContain('Late eBay')
    expect((await maya.get<{ items: SavedViewDto[] }>('/api/order-views')).items.map((v) => v.name)).not.toContain('Late eBay')
    expect((await maya.fetch(`/api/order-views/${view.id}`, { method: 'DELETE' })).status).toBe(404)
    expect((await ash.fetch(`/api/order-views/${view.id}`, { method: 'DELETE' })).status).toBe(204)
  })
})

describe('despatch, delivery and lost parcels', () => {
  it('despatches a channel order (stock out, outbox shipment), then marks it lost with a linked replacement', async () => {
    const p = products[5]!
    const imported = await importOrder(app, channelOrder('shopify', [{ sku: p.sku, quantity: 1, priceMinor: p.priceMinor }]))
    expect(imported).toMatchObject({ action: 'created', status: 'allocated' })
    const before = await level(app, p.sku, 'floor')
    const r = await fin.post(`/api/orders/${imported.orderId}/shipments`, { carrier: 'Royal Mail', service: 'Tracked 48', trackingNumber: 'JD0146000062' }, { 'idempotency-key': newKey('ship') })
    expect(r.status).toBe(201)
    const after = await level(app, p.sku, 'floor')
    expect(after.onHand).toBe(before.onHand - 1)
    expect(after.allocated).toBe(before.allocated - 1)
    const outbox = await app.db.reader.all<{ kind: string; payload: string }>("SELECT kind, payload::VARCHAR AS payload FROM sync_outbox WHERE reference = ?", [imported.orderId])
    expect(outbox.map((o) => o.kind)).toEqual(['shipment'])
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ trackingNumber: 'JD0146000062', lines: [{ quantity: 1 }] })
    const lost = await ash.post(`/api/orders/${imported.orderId}/lost`, { reason: 'Royal Mail case 123: never arrived', replace: true }, { 'idempotency-key': newKey('lost') })
    expect(lost.status).toBe(201)
    const { replacement } = (await lost.json()) as { replacement: { id: string; number: string; status: string } }
    expect(replacement.status).toBe('allocated')
    const original = await detail(imported.orderId)
    const copy = await detail(replacement.id)
    expect(original.status).toBe('lost')
    expect(original.replacements).toEqual([{ id: replacement.id, number: replacement.number }])
    expect(original.timeline.at(-1)).toMatchObject({ kind: 'lost', summary: expect.stringContaining(replacement.number), reason: 'Royal Mail case 123: never arrived' })
    expect(copy).toMatchObject({ replacementOf: imported.orderId, totals: { totalMinor: 0 }, status: 'allocated' })
    expect(copy.addresses[0]).toMatchObject({ postcode: 'LS1 1AA' })
    expect(copy.timeline[0]).toMatchObject({ kind: 'replacement', summary: expect.stringContaining(original.number) })
    expect((await problemOf(await ash.post(`/api/orders/${imported.orderId}/lost`, { reason: 'again', replace: true }, { 'idempotency-key': newKey('lost') })))).toMatchObject({ status: 409 })
  })
})

describe('channel imports', () => {
  it('upserts on the channel id, ignores stale versions, never moves backwards, and a cancellation lets the stock go', async () => {
    const p = products[6]!
    const order = channelOrder('woocommerce', [{ sku: p.sku, quantity: 1, priceMinor: p.priceMinor }], { status: 'pending', channelStatus: 'pending' })
    const created = await importOrder(app, order)
    expect(created).toMatchObject({ action: 'created', status: 'pending' })
    expect(await importOrder(app, order)).toMatchObject({ action: 'stale', orderId: created.orderId })
    const paidAt = new Date(Date.parse(order.updatedAt) + 60_000).toISOString()
    expect(await importOrder(app, { ...order, status: 'ready_to_ship', channelStatus: 'processing', updatedAt: paidAt })).toMatchObject({ action: 'updated', status: 'allocated' })
    const olderPending = { ...order, updatedAt: new Date(Date.parse(paidAt) - 1000).toISOString() }
    expect(await importOrder(app, olderPending)).toMatchObject({ action: 'stale', status: 'allocated' })
    const allocated = await level(app, p.sku, 'floor')
    const cancelAt = new Date(Date.parse(paidAt) + 60_000).toISOString()
    expect(await importOrder(app, { ...order, status: 'cancelled', channelStatus: 'cancelled', updatedAt: cancelAt, cancelledAt: cancelAt, cancelReason: 'out of stock' })).toMatchObject({ status: 'cancelled' })
    expect((await level(app, p.sku, 'floor')).allocated).toBe(allocated.allocated - 1)
    const d = await detail(created.orderId)
    expect(d.timeline.map((t) => t.kind)).toEqual(['imported', 'deadline', 'allocated', 'status', 'status'])
    const later = new Date(Date.parse(cancelAt) + 60_000).toISOString()
    expect(await importOrder(app, { ...order, status: 'ready_to_ship', updatedAt: later })).toMatchObject({ status: 'cancelled' })
  })

  it('raises a channel conflict for a person instead of overwriting our progress', async () => {
    const p = products[7]!
    const order = channelOrder('shopify', [{ sku: p.sku, quantity: 1, priceMinor: p.priceMinor }])
    const created = await importOrder(app, order)
    const shipped = await importOrder(app, { ...order, status: 'shipped', channelStatus: 'PAID/FULFILLED', updatedAt: new Date(Date.parse(order.updatedAt) + 60_000).toISOString() })
    expect(shipped).toMatchObject({ orderId: created.orderId, status: 'allocated' })
    const d = await detail(created.orderId)
    expect(d.flags.some((f) => f.startsWith('review:'))).toBe(true)
    const notes = await maya.get<{ items: Array<{ message: string; orderId: string | null }> }>('/api/notifications')
    expect(notes.items.some((n) => n.orderId === created.orderId)).toBe(true)
    expect((await ash.get<{ items: unknown[] }>('/api/notifications')).items.every((n) => (n as { audience: string }).audience === 'staff')).toBe(true)
  })
})

describe('roles', () => {
  it('keeps settings and reallocation to managers', async () => {
    expect((await ash.fetch('/api/settings/orders', { method: 'PUT', json: { reallocation: 'despatch-by' } })).status).toBe(403)
    expect((await fin.post('/api/orders/reallocate', { skus: [products[0]!.sku] })).status).toBe(403)
    expect((await fin.post('/api/returns', { order: 'x', lines: [], refund: { method: 'original' } })).status).toBe(403)
    const bad = await problemOf(await maya.fetch('/api/settings/orders', { method: 'PUT', json: { shippingRules: [{ channel: '*', method: '*', cutOff: '25:00', handlingDays: 0, transitDays: 1 }] } }))
    expect(bad).toMatchObject({ status: 422, field: 'shippingRules.0.cutOff' })
  })
})

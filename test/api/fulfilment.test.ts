/**
 * Pick, pack and ship through HTTP on a real appliance: a wave of 20 orders over two pickers
 * with one missing item, refused scans (wrong product, too many, another order's item),
 * packing verification (unpicked lines, wrong and extra items), the despatch label's ZPL,
 * despatch writing stock, shipment and outbox exactly once, the manifest and the delivery note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PackDto, PickListDto, PickQueueDto, ShipResultDto, WaveDto } from '../../appliance/api/fulfilment-contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { allocatedOrder, fulfilmentCounts, json, pickAll, refused, scan, stockedProducts, type StockedProduct } from './fulfilment-fixtures.js'
import { level } from './orders-fixtures.js'

let app: TestAppliance
let fin: Client
let maya: Client
let ash: Client
let products: StockedProduct[]
const orders: Array<{ id: string; number: string; skus: string[] }> = []
let wave: WaveDto

beforeAll(async () => {
  app = await startAppliance()
  fin = await signIn(app.url, 'fin', '3333', 'pack-bench')
  maya = await signIn(app.url, 'maya', '1111', 'pack-bench')
  ash = await signIn(app.url, 'ash', '2222', 'till-1')
  products = await stockedProducts(app, 41)
  // 20 orders, each with two SKUs of its own (1 and 2 units), so every item belongs to one order.
  for (let i = 0; i < 20; i++) {
    const a = products[2 * i]!
    const b = products[2 * i + 1]!
    orders.push({ ...(await allocatedOrder(app, [{ p: a, quantity: 1 }, { p: b, quantity: 2 }])), skus: [a.sku, b.sku] })
  }
}, 60_000)
afterAll(() => app.stop())

const listOrders = new Map<string, Set<string>>()

describe('a wave of 20 orders over two pickers', () => {
  it('queues the allocated orders, red first, and refuses waves from the wrong people or of the wrong orders', async () => {
    const queue = await fin.get<PickQueueDto>('/api/picking/queue')
    expect(queue.total).toBeGreaterThanOrEqual(20)
    expect(queue.items.map((i) => i.orderId)).toEqual(expect.arrayContaining(orders.map((o) => o.id)))
    expect(queue.items.find((i) => i.orderId === orders[0]!.id)).toMatchObject({ units: 3, lines: 2, collect: false })
    await refused(await ash.post('/api/picking/waves', { method: 'wave', orders: [orders[0]!.id], pickers: ['fin'] }), 403)
    expect(await refused(await fin.post('/api/picking/waves', { method: 'sideways', pickers: [] }), 400)).toMatch(/method/)
    expect(await refused(await fin.post('/api/picking/waves', { method: 'wave', orders: [orders[0]!.id], pickers: ['nobody'] }), 422)).toMatch(/nobody/)
  })

  it('splits the orders into two lists in walk order, balanced across the pickers', async () => {
    wave = await json<WaveDto>(await fin.post('/api/picking/waves', { method: 'wave', orders: orders.map((o) => o.id), pickers: ['fin', 'maya'] }), 201)
    expect(wave).toMatchObject({ method: 'wave', orderCount: 20 })
    expect(wave.number).toMatch(/^W-\d{6}$/)
    expect(wave.lists).toHaveLength(2)
    expect(wave.lists.map((l) => l.picker?.id).sort()).toEqual(['fin', 'maya'])
    expect(wave.lists.map((l) => l.orders)).toEqual([10, 10])
    expect(wave.lists.map((l) => l.units)).toEqual([30, 30])
    for (const l of wave.lists) {
      const list = await fin.get<PickListDto>(`/api/picking/lists/${l.id}`)
      listOrders.set(l.id, new Set(list.tasks.map((t) => t.orderId)))
      expect(list.tasks.every((t) => t.bin !== null && t.barcode !== null)).toBe(true)
      expect(list.tasks.map((t) => t.seq)).toEqual(list.tasks.map((_, i) => i + 1))
      expect(list.tasks).toHaveLength(20)
      // Walk order: the shop floor before the backroom, then each bin's walk order.
      const bins = new Map((await app.db.reader.all<{ id: string; walk_order: number }>('SELECT id, walk_order FROM bins')).map((b) => [b.id, b.walk_order]))
      const route = list.tasks.map((t) => (t.location === 'floor' ? 0 : 10_000) + bins.get(t.bin!)!)
      expect(route).toEqual([...route].sort((a, b) => a - b))
    }
    const statuses = await app.db.reader.all<{ status: string }>(`SELECT DISTINCT status FROM orders WHERE id IN (${orders.map(() => '?').join(', ')})`, orders.map((o) => o.id))
    expect(statuses).toEqual([{ status: 'picking' }])
    const mine = await fin.get<{ items: Array<{ id: string }> }>('/api/picking/lists?picker=me&status=open')
    expect(mine.items.map((l) => l.id)).toContain(wave.lists.find((l) => l.picker?.id === 'fin')!.id)
  })

  it('refuses orders already on a list, naming them', async () => {
    const detail = await refused(await fin.post('/api/picking/waves', { method: 'single', orders: [orders[0]!.id, orders[1]!.id], pickers: [] }), 409)
    expect(detail).toContain(orders[0]!.number)
    expect(detail).toContain('picking')
  })

  it('refuses a wrong product, too many units and another order\u2019s item, writing nothing', async () => {
    const finList = wave.lists.find((l) => l.picker?.id === 'fin')!
    const list = await fin.get<PickListDto>(`/api/picking/lists/${finList.id}`)
    const first = list.tasks.find((t) => t.quantity === 2)!
    await json(await scan(fin, finList.id, { code: first.bin! }), 200)
    const before = await fulfilmentCounts(app)
    const stranger = products[40]!
    expect(await refused(await scan(fin, finList.id, { code: stranger.barcode }), 409)).toMatch(new RegExp(`^This is .+; bin ${first.bin} wants`))
    expect(await refused(await scan(fin, finList.id, { code: first.barcode!, quantity: 3 }), 409)).toMatch(/Only 2 more/)
    const otherList = wave.lists.find((l) => l.picker?.id === 'maya')!
    const theirs = (await fin.get<PickListDto>(`/api/picking/lists/${otherList.id}`)).tasks[0]!
    const detail = await refused(await scan(fin, finList.id, { code: theirs.barcode! }), 409)
    expect(detail).toContain(theirs.orderNumber)
    expect(detail).toContain(otherList.number)
    expect(await refused(await scan(fin, finList.id, { code: 'NO-SUCH-THING' }), 404)).toMatch(/Nothing is known/)
    await refused(await scan(fin, finList.id, { code: '' }), 400)
    await refused(await scan(fin, finList.id, { code: first.barcode!, quantity: 0 }), 400)
    expect(await fulfilmentCounts(app)).toEqual(before)
    // The right product, then one too many once it is done.
    await json(await scan(fin, finList.id, { code: first.barcode!, quantity: 2 }), 200)
    expect(await refused(await scan(fin, finList.id, { code: first.barcode! }), 409)).toMatch(/picked already/)
  })

  it('picks fin\u2019s list to the end, recording who picked what', async () => {
    const finList = wave.lists.find((l) => l.picker?.id === 'fin')!
    const done = await pickAll(fin, finList.id)
    expect(done.status).toBe('done')
    expect(done.pickedUnits).toBe(30)
    const events = await app.db.reader.one<{ n: number; units: number; staff: string }>(
      'SELECT count(*) AS n, sum(picked_quantity) AS units, min(staff_id) AS staff FROM pick_events WHERE pick_list_id = ?', [finList.id])
    expect(events).toMatchObject({ units: 30, staff: 'fin' })
    const picked = [...listOrders.get(finList.id)!]
    const statuses = await app.db.reader.all<{ status: string }>(`SELECT DISTINCT status FROM orders WHERE id IN (${picked.map(() => '?').join(', ')})`, picked)
    expect(statuses).toEqual([{ status: 'picked' }])
  })

  it('a missing item adjusts stock with the reason, reallocates the line and flags the order', async () => {
    const mayaList = wave.lists.find((l) => l.picker?.id === 'maya')!
    const list = await maya.get<PickListDto>(`/api/picking/lists/${mayaList.id}`)
    const missing = list.tasks.find((t) => t.quantity === 1 && t.location === 'floor')!
    const floorBefore = await level(app, missing.sku, 'floor')
    const backBefore = await level(app, missing.sku, 'backroom')
    const key = { 'idempotency-key': `missing-${missing.id}` }
    await refused(await maya.post(`/api/picking/lists/${mayaList.id}/exceptions`, { taskId: missing.id, reason: 'missing', quantity: 2 }, key), 409)
    const after = await json<PickListDto & { reallocated: boolean }>(await maya.post(`/api/picking/lists/${mayaList.id}/exceptions`, { taskId: missing.id, reason: 'missing', quantity: 1 }, key), 200)
    expect(after.reallocated).toBe(true)
    expect(after.tasks.find((t) => t.id === missing.id)).toMatchObject({ status: 'short', exception: 'missing' })
    // A retry with the same key answers the same and writes nothing.
    const counts = await fulfilmentCounts(app)
    await json(await maya.post(`/api/picking/lists/${mayaList.id}/exceptions`, { taskId: missing.id, reason: 'missing', quantity: 1 }, key), 200)
    expect(await fulfilmentCounts(app)).toEqual(counts)
    expect(await level(app, missing.sku, 'floor')).toEqual({ onHand: floorBefore.onHand - 1, allocated: floorBefore.allocated - 1 })
    expect(await level(app, missing.sku, 'backroom')).toEqual({ onHand: backBefore.onHand, allocated: backBefore.allocated + 1 })
    const move = await app.db.reader.one<{ kind: string; reason: string; quantity: number }>(
      "SELECT kind, reason, quantity FROM stock_movements WHERE sku = ? AND location = 'floor' AND reason LIKE 'pick exception%'", [missing.sku])
    expect(move).toEqual({ kind: 'adjustment', reason: 'pick exception: missing', quantity: -1 })
    const order = await maya.get<{ status: string; flags: string[]; timeline: Array<{ kind: string; summary: string }> }>(`/api/orders/${missing.orderId}`)
    expect(order.status).toBe('allocated')
    expect(order.flags).toContain(`contact:pick-missing:${missing.sku}`)
    expect(order.timeline.some((e) => e.kind === 'review' && /missing/.test(e.summary))).toBe(true)
    const note = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM notifications WHERE kind = 'pick-exception' AND order_id = ?", [missing.orderId])
    expect(note?.n).toBe(1)
    const error = await app.db.reader.one<{ error: string; quantity: number }>('SELECT error, quantity FROM pick_events WHERE pick_list_id = ? AND error IS NOT NULL', [mayaList.id])
    expect(error).toEqual({ error: 'not-found', quantity: 1 })

    // The rest of maya's list, then a second wave for the reallocated unit from the backroom.
    expect((await pickAll(maya, mayaList.id)).status).toBe('done')
    const again = await json<WaveDto>(await maya.post('/api/picking/waves', { method: 'single', orders: [missing.orderId], pickers: ['maya'] }), 201)
    const refill = await maya.get<PickListDto>(`/api/picking/lists/${again.lists[0]!.id}`)
    expect(refill.tasks.map((t) => [t.sku, t.location, t.quantity])).toEqual([[missing.sku, 'backroom', 1]])
    expect((await pickAll(maya, refill.id)).status).toBe('done')
    expect((await maya.get<{ status: string }>(`/api/orders/${missing.orderId}`)).status).toBe('picked')
  })
})

describe('packing and despatch', () => {
  let order: { id: string; number: string; skus: string[] }
  let pack: PackDto

  it('refuses to pack an order with unpicked lines', async () => {
    const fresh = await allocatedOrder(app, [{ p: products[40]!, quantity: 1 }])
    const view = await fin.get<PackDto>(`/api/packing/${encodeURIComponent(fresh.number)}`)
    expect(view.unpicked).toBe(1)
    expect(await refused(await fin.post(`/api/packing/${fresh.id}/scan`, { code: products[40]!.barcode }), 409)).toMatch(/still to pick/)
    expect(await refused(await fin.post(`/api/packing/${fresh.id}/pack`, { box: 'small', weightG: 300 }), 409)).toMatch(/still to pick/)
  })

  it('finds the order by its tote, verifies each item and refuses wrong and extra ones', async () => {
    // The tote carried fin's list: the bench finds its next order to pack by the tote's code.
    const finList = wave.lists.find((l) => l.picker?.id === 'fin')!
    const toted = await json<PickListDto>(await fin.post(`/api/picking/lists/${finList.id}/tote`, { tote: 'tote-001' }), 200)
    expect(toted.tote).toBe('TOTE-001')
    expect(await refused(await fin.post(`/api/picking/lists/${wave.lists.find((l) => l.picker?.id === 'maya')!.id}/tote`, { tote: 'TOTE-999' }), 404)).toMatch(/no tote/)
    pack = await fin.get<PackDto>('/api/packing/TOTE-001')
    order = orders.find((o) => o.id === pack.orderId)!
    expect(pack).toMatchObject({ status: 'picked', unpicked: 0, allScanned: false, collect: false, carrierDefault: 'manual' })
    expect(pack.suggestedBox).not.toBeNull()
    expect(pack.weightG).toBeGreaterThan(0)
    const before = await fulfilmentCounts(app)
    expect(await refused(await fin.post(`/api/packing/${order.id}/scan`, { code: products[40]!.barcode }), 409)).toMatch(/not in order/)
    expect(await fulfilmentCounts(app)).toEqual(before)
    await refused(await fin.post(`/api/packing/${order.id}/pack`, { box: 'small', weightG: 500 }), 409)
    for (const line of pack.lines) for (let i = 0; i < line.quantity; i++) pack = await json<PackDto>(await fin.post(`/api/packing/${order.id}/scan`, { code: line.barcode }), 200)
    expect(pack.allScanned).toBe(true)
    const scanned = await fulfilmentCounts(app)
    expect(await refused(await fin.post(`/api/packing/${order.id}/scan`, { code: pack.lines[0]!.barcode }), 409)).toMatch(/extra/)
    expect(await fulfilmentCounts(app)).toEqual(scanned)
  })

  it('packs with a box and a weight, writing a pack event', async () => {
    await refused(await fin.post(`/api/packing/${order.id}/pack`, { box: 'crate', weightG: 700 }), 422)
    await refused(await fin.post(`/api/packing/${order.id}/pack`, { box: 'medium', weightG: -1 }), 400)
    pack = await json<PackDto>(await fin.post(`/api/packing/${order.id}/pack`, { box: 'medium', weightG: 740 }), 200)
    expect(pack).toMatchObject({ status: 'packed', packed: { box: 'medium', weightG: 740, parcels: 1 } })
    const event = await app.db.reader.one<{ items: number; staff_id: string; parcels: number }>('SELECT items, staff_id, parcels FROM pack_events WHERE order_id = ?', [order.id])
    expect(event).toEqual({ items: 3, staff_id: 'fin', parcels: 1 })
  })

  it('lists the manual carrier', async () => {
    const carriers = await fin.get<{ items: Array<{ id: string; needsTrackingNumber: boolean; services: string[] }> }>('/api/carriers')
    expect(carriers.items[0]).toMatchObject({ id: 'manual', needsTrackingNumber: true })
  })

  it('despatches once: label to the printer, stock out, shipment, outbox; twice is refused and writes nothing', async () => {
    const key = { 'idempotency-key': `ship-${order.id}` }
    await refused(await fin.post(`/api/packing/${order.id}/ship`, { carrier: 'manual', service: 'Royal Mail Tracked 48' }, key), 422)
    await refused(await fin.post(`/api/packing/${order.id}/ship`, { carrier: 'pigeon', trackingNumber: 'X1234' }, key), 404)
    const before = await fulfilmentCounts(app)
    const body = { carrier: 'manual', service: 'Royal Mail Tracked 48', trackingNumber: 'JD0146000062812345' }
    const shipped = await json<ShipResultDto>(await fin.post(`/api/packing/${order.id}/ship`, body, key), 200)
    expect(shipped.shipment).toMatchObject({ orderNumber: order.number, carrier: 'Royal Mail', service: 'Tracked 48', trackingNumber: 'JD0146000062812345', weightG: 740, parcels: 1 })
    expect(shipped.deliveryNoteUrl).toBe(`/api/packing/${order.id}/delivery-note.pdf`)
    const job = await app.db.reader.one<{ format: string; printer: string; bytes: Uint8Array; kind: string }>('SELECT format, printer, bytes, kind FROM print_jobs WHERE id = ?', [Number(shipped.labelJobId)])
    expect(job).toMatchObject({ format: 'zpl', printer: 'screen-labels', kind: 'label' })
    const zpl = new TextDecoder().decode(job!.bytes)
    expect(zpl).toMatch(/^\^XA/)
    expect(zpl).toContain('^PW812^LL1218'.slice(0, 6))
    expect(zpl).toContain('Royal Mail')
    expect(zpl).toContain('Tracked 48')
    expect(zpl).toMatch(/\^BC[^\n]*\n?\^FDJD0146000062812345\^FS|\^BCN[^^]*\^FDJD0146000062812345/)
    expect(zpl).toContain(order.number)
    const after = await fulfilmentCounts(app)
    expect(after.shipments).toBe(before.shipments! + 1)
    expect(after.sync_outbox).toBe(before.sync_outbox! + 1)
    expect(after.print_jobs).toBe(before.print_jobs! + 1)
    expect(after.stock_movements).toBe(before.stock_movements! + 2)
    const sales = await app.db.reader.all<{ sku: string; quantity: number; kind: string }>("SELECT sku, quantity, kind FROM stock_movements WHERE reference = ? AND kind = 'sale' ORDER BY sku", [order.number])
    expect(sales.map((m) => [m.sku, m.quantity])).toEqual(order.skus.map((sku, i) => [sku, i === 0 ? -1 : -2]).sort())
    const outbox = await app.db.reader.one<{ kind: string; payload: string }>("SELECT kind, payload::VARCHAR AS payload FROM sync_outbox WHERE reference = ? AND kind = 'shipment'", [order.id])
    expect(JSON.parse(outbox!.payload)).toMatchObject({ trackingNumber: 'JD0146000062812345', carrier: 'royal_mail' })
    expect((await fin.get<{ status: string }>(`/api/orders/${order.id}`)).status).toBe('shipped')

    // The same key replays the answer; another key is a second despatch: refused, nothing written.
    const replay = await fin.post(`/api/packing/${order.id}/ship`, body, key)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(await json<ShipResultDto>(replay, 200)).toEqual(shipped)
    expect(await refused(await fin.post(`/api/packing/${order.id}/ship`, body, { 'idempotency-key': `ship-again-${order.id}` }), 409)).toMatch(/despatched already/)
    expect(await refused(await fin.post(`/api/packing/${order.id}/ship`, body), 409)).toMatch(/despatched already/)
    expect(await fulfilmentCounts(app)).toEqual(after)
  })

  it('prints the delivery note as a PDF', async () => {
    const r = await fin.fetch(`/api/packing/${order.id}/delivery-note.pdf`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await r.arrayBuffer())
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    expect(bytes.length).toBeGreaterThan(800)
    await refused(await fin.fetch('/api/packing/no-such-order/delivery-note.pdf'), 404)
  })

  it('writes the end-of-day manifest as JSON, CSV and PDF', async () => {
    const manifest = await fin.get<{ carrier: string; date: string; shipments: Array<{ orderNumber: string; trackingNumber: string; weightG: number; postcode: string }> }>('/api/manifests?carrier=manual')
    expect(manifest.shipments).toEqual([expect.objectContaining({ orderNumber: order.number, trackingNumber: 'JD0146000062812345', weightG: 740, parcels: 1, postcode: 'LS1 1AA', country: 'GB', service: 'Tracked 48' })])
    const csv = await (await fin.fetch(`/api/manifests?carrier=Royal%20Mail&date=${manifest.date}&format=csv`)).text()
    expect(csv.split('\r\n')).toEqual(['order_number,tracking_number,service,parcels,weight_g,postcode,country', `${order.number},JD0146000062812345,Tracked 48,1,740,LS1 1AA,GB`, ''])
    const pdf = await fin.fetch('/api/manifests?carrier=manual&format=pdf')
    expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 4))).toBe('%PDF')
    await refused(await fin.fetch('/api/manifests?carrier=manual&date=yesterday'), 400)
    expect((await fin.get<{ shipments: unknown[] }>('/api/manifests?carrier=manual&date=2020-01-01')).shipments).toEqual([])
  })

  it('prints a pick list', async () => {
    const r = await fin.fetch(`/api/picking/lists/${wave.lists[0]!.id}/document?format=pdf`)
    expect(r.headers.get('content-type')).toBe('application/pdf')
    await refused(await fin.fetch('/api/picking/lists/nope/document'), 404)
  })
})


// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { CollectionDto, PackDto, PickListDto, PickTaskDto } from '../../appliance/api/fulfilment-contract.js'
import { formatWeight, isCollectCode, localDate, nextTask, openUnits, parseStaffIds, parseWeight, percentDone } from '../../ui/data/fulfilment.js'
import { parseRoute, sectionOf } from '../../ui/routes.js'
import { PosPackBench } from '../../ui/views/packing/pack-bench.js'
import { PosCameraScan } from '../../ui/views/picking/camera-scan.js'
import { PosPicking } from '../../ui/views/picking/picking-page.js'
import { PosPickList } from '../../ui/views/picking/pick-screen.js'
import { COLLECT_SCAN_EVENT, PosCollectionDialog } from '../../ui/views/till/collection-dialog.js'
import { click, find, findAll, mount, text, unmountAll, waitFor } from './support/dom.js'
import { json, problem, sessionInfo, testServices } from './support/fakes.js'

const task = (id: string, over: Partial<PickTaskDto> = {}): PickTaskDto => ({
  id, seq: Number(id.slice(1)), orderId: 'o1', orderNumber: '#9001', lineNo: 1, sku: `SKU-${id}`, name: `Item ${id}`, barcode: `500000000000${id.slice(1)}`,
  location: 'floor', bin: `A-0${id.slice(1)}-1`, quantity: 1, pickedQuantity: 0, status: 'open', exception: null, tote: null, ...over,
})

const pickList = (tasks: PickTaskDto[]): PickListDto => ({
  id: 'pl1', number: 'PL-000001', waveId: 'w1', method: 'wave', zone: null, picker: { id: 'maya', name: 'Maya' }, tote: null, status: 'open',
  orders: 1, done: 0, units: tasks.reduce((s, t) => s + t.quantity, 0), pickedUnits: 0, createdAt: '2026-06-15T09:00:00Z',
  tasks,
} as unknown as PickListDto)

const scannerSettings = { scanner: { maxInterKeyMs: 50, minLength: 4, suffixKeys: ['Enter'] } }

afterEach(unmountAll)

describe('fulfilment rules', () => {
  it('reads collection QR codes, progress, weights and picker ids', () => {
    expect(isCollectCode('COLLECT:#9001')).toBe(true)
    expect(isCollectCode(' collect:W-1 ')).toBe(true)
    expect(isCollectCode('COLLECT:')).toBe(false)
    expect(isCollectCode('5012345678900')).toBe(false)
    expect(percentDone(1, 3)).toBe(33)
    expect(percentDone(0, 0)).toBe(100)
    expect(parseWeight('850')).toBe(850)
    expect(parseWeight('1.25 kg')).toBe(1250)
    expect(parseWeight('0')).toBeUndefined()
    expect(parseWeight('heavy')).toBeUndefined()
    expect(formatWeight(1500)).toBe('1.5 kg')
    expect(formatWeight(2000)).toBe('2 kg')
    expect(formatWeight(640)).toBe('640 g')
    expect(parseStaffIds(' Fin, ash;fin  jo ')).toEqual(['fin', 'ash', 'jo'])
  })

  it('picks the next task in the current bin, else the next on the walk', () => {
    const tasks = [task('t1', { status: 'picked', pickedQuantity: 1 }), task('t2'), task('t3', { bin: 'B-01-1' })]
    expect(openUnits(tasks[0]!)).toBe(0)
    expect(nextTask(tasks, null)?.id).toBe('t2')
    expect(nextTask(tasks, 'B-01-1')?.id).toBe('t3')
    expect(nextTask(tasks.map((t) => ({ ...t, status: 'short' as const })), null)).toBeUndefined()
  })

  it('routes picking, a pick list and the packing bench', () => {
    expect(parseRoute('#/picking')).toEqual({ name: 'picking' })
    expect(parseRoute('#/picking/pl%201')).toEqual({ name: 'pick-list', id: 'pl 1' })
    expect(parseRoute('#/packing')).toEqual({ name: 'packing', code: '' })
    expect(parseRoute('#/packing/TOTE-001')).toEqual({ name: 'packing', code: 'TOTE-001' })
    expect(sectionOf({ name: 'pick-list', id: 'x' })).toBe('picking')
    expect(sectionOf({ name: 'packing', code: '' })).toBe('packing')
  })
})

describe('pos-picking', () => {
  it('lists the queue late first with its lights, and creates a wave of the ticked orders for me and the pickers typed', async () => {
    const services = testServices({ signedIn: sessionInfo() })
    const queued = (id: string, light: 'red' | 'green') => ({ orderId: id, number: `#${id}`, channel: 'shopify', light, despatchBy: '2026-06-15T15:00:00Z', units: 1, lines: 1, collect: false, zones: ['A'] })
    services.fake.on('GET', '/api/picking/queue?limit=200', json({ items: [queued('o1', 'red'), queued('o2', 'green')], total: 2 }))
    services.fake.on('GET', '/api/picking/lists?status=open', json({ items: [] }), json({ items: [{ ...pickList([]), tasks: 1, picker: { id: 'fin', name: 'Fin' } }] }))
    services.fake.on('GET', '/api/picking/lists?status=in_progress', json({ items: [] }))
    services.fake.on('POST', '/api/picking/waves', json({ id: 'w1', number: 'W-000001', method: 'batch', orderCount: 1, lists: [{ ...pickList([]), tasks: 1 }] }, 201))
    const el = new PosPicking()
    el.services = services
    await mount(el)
    await waitFor(() => find(el, 'tr[data-order="o1"]'))
    expect(find(el, 'tr[data-order="o1"] [data-light]')?.getAttribute('data-light')).toBe('red')
    expect(text(find(el, '#mine-title')?.parentElement)).toContain('No pick lists for you')
    click(find(el, 'tr[data-order="o2"] input'))
    await el.updateComplete
    const form = find(el, 'pos-wave-form')!
    click(find(form, 'label[data-method="batch"] input'))
    await (form as unknown as PosPicking).updateComplete
    find<HTMLInputElement>(form, '#pickers')!.value = 'Fin, fin'
    click(find(form, 'button.create-wave'))
    await waitFor(() => find(el, '.wave-done'))
    expect(services.fake.calls('POST', '/api/picking/waves')[0]?.body).toEqual({ method: 'batch', pickers: ['maya', 'fin'], orders: ['o2'], batchSize: 10 })
    expect(text(find(el, '.wave-done'))).toContain('Wave W-000001: 1 order on 1 pick list')
    await waitFor(() => find(el, '#others-title'))
  })
})

describe('pos-pick-list', () => {
  it('shows the bin and product to pick, refuses a wrong product with the appliance’s message, and counts a good scan', async () => {
    const services = testServices({ signedIn: sessionInfo() })
    const list = pickList([task('t1'), task('t2')])
    services.fake.on('GET', '/api/settings/till', json(scannerSettings))
    services.fake.on('GET', '/api/picking/lists/pl1', json(list))
    services.fake.on('POST', '/api/picking/lists/pl1/scan', (r) => {
      const { code } = r.body as { code: string }
      if (code === 'A-01-1') return json({ kind: 'bin', task: list.tasks[0], list, message: 'Bin A-01-1' })
      if (code === '5000000000001') return json({ kind: 'product', task: { ...list.tasks[0], pickedQuantity: 1, status: 'picked' }, list: { ...list, tasks: 2, done: 1, pickedUnits: 1 }, message: 'Picked 1 of 1 Item t1' })
      return problem(409, 'conflict', 'This is Item t2; bin A-01-1 wants Item t1')
    })
    const el = new PosPickList()
    el.services = services
    el.listId = 'pl1'
    await mount(el)
    await waitFor(() => find(el, '[data-bin]'))
    expect(text(find(el, '[data-bin]'))).toBe('A-01-1')
    expect(text(find(el, '[data-product]'))).toBe('Item t1')
    expect(text(find(el, '[data-progress]'))).toBe('0 of 2')

    await el.scan('A-01-1')
    expect(services.fake.calls('POST', '/api/picking/lists/pl1/scan')[0]?.body).toEqual({ code: 'A-01-1' })
    await el.scan('5000000000002')
    await el.updateComplete
    expect(find(el, '[data-message="error"]')?.textContent).toContain('This is Item t2; bin A-01-1 wants Item t1')
    expect(services.fake.calls('POST', '/api/picking/lists/pl1/scan')[1]?.body).toEqual({ code: '5000000000002', bin: 'A-01-1' })

    await el.scan('5000000000001')
    await el.updateComplete
    expect(text(find(el, '[data-message="ok"]'))).toContain('Picked 1 of 1 Item t1')
    expect(text(find(el, '[data-progress]'))).toBe('1 of 2')
    expect(find(el, '[data-task-row="t1"]')?.getAttribute('data-state')).toBe('picked')
    expect(text(find(el, '[data-product]'))).toBe('Item t2')
  })

  it('records a missing item with its quantity and an idempotency key', async () => {
    const services = testServices({ signedIn: sessionInfo() })
    const list = pickList([task('t1', { quantity: 3 })])
    services.fake.on('GET', '/api/settings/till', json(scannerSettings))
    services.fake.on('GET', '/api/picking/lists/pl1', json(list))
    services.fake.on('POST', '/api/picking/lists/pl1/exceptions', json({ ...list, tasks: [{ ...list.tasks[0], status: 'short', exception: 'missing' }] }))
    const el = new PosPickList()
    el.services = services
    el.listId = 'pl1'
    await mount(el)
    click(await waitFor(() => find(el, '[data-exception="missing"]')))
    await el.updateComplete
    const dialog = await waitFor(() => find(el, 'pos-pick-exception'))
    await (dialog as unknown as { updateComplete: Promise<unknown> }).updateComplete
    const units = find<HTMLInputElement>(el, 'pos-pick-exception', '#units')!
    units.value = '2'
    click(find(el, 'pos-pick-exception', 'button.confirm-exception'))
    await waitFor(() => find(el, '.list-done'))
    const [call] = services.fake.calls('POST', '/api/picking/lists/pl1/exceptions')
    expect(call?.body).toEqual({ taskId: 't1', reason: 'missing', quantity: 2 })
    expect(call?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(text(find(el, '.list-done'))).toContain('1 line was short')
  })
})

describe('pos-pack-bench', () => {
  const pack = (over: Partial<PackDto> = {}): PackDto => ({
    orderId: 'o1', number: '#9001', channel: 'shopify', status: 'picked', allScanned: false, unpicked: 0,
    lines: [{ lineNo: 1, sku: 'MUG-1', name: 'Oak Mug', barcode: '5000000000001', quantity: 1, packed: 0 }],
    suggestedBox: { id: 'small', name: 'Small box' }, weightG: 640, carrierDefault: 'manual', collect: false, packed: null, shipment: null,
    boxes: [{ id: 'small', name: 'Small box', lengthMm: 200, widthMm: 150, heightMm: 100, maxWeightG: 2000, tareG: 120 }], ...over,
  })

  it('opens an order by scan, blocks a wrong item with the message, ticks a right one and offers the suggested box', async () => {
    const services = testServices({ signedIn: sessionInfo() })
    services.fake.on('GET', '/api/settings/till', json(scannerSettings))
    services.fake.on('GET', '/api/carriers', json({ items: [{ id: 'manual', name: 'Manual carrier', services: [], needsTrackingNumber: true }] }))
    services.fake.on('GET', '/api/collections?status=ready', json({ items: [] }))
    services.fake.on('GET', `/api/manifests?carrier=manual&date=${localDate()}&format=json`, json({ carrier: 'manual', date: localDate(), shipments: [] }))
    services.fake.on('GET', '/api/packing/TOTE-001', json(pack()))
    services.fake.on('POST', '/api/packing/o1/scan', (r) => (r.body as { code: string }).code === '5000000000001'
      ? json(pack({ allScanned: true, lines: [{ lineNo: 1, sku: 'MUG-1', name: 'Oak Mug', barcode: '5000000000001', quantity: 1, packed: 1 }] }))
      : problem(409, 'conflict', 'Blue Plate is not in order #9001: put it aside.'))
    const el = new PosPackBench()
    el.services = services
    await mount(el)
    await el.scan('TOTE-001')
    await el.updateComplete
    expect(find(el, '[data-pack="o1"]')).not.toBeNull()
    await el.scan('5000000000099')
    await el.updateComplete
    expect(find(el, '[data-message="error"]')?.textContent).toContain('Blue Plate is not in order #9001')
    expect(find(el, 'form.box-form')).toBeNull()
    await el.scan('5000000000001')
    await el.updateComplete
    expect(find(el, '[data-line="1"]')?.getAttribute('data-packed')).toBe('1')
    const box = find<HTMLSelectElement>(el, 'form.box-form select[name="box"]')!
    expect(box.value).toBe('small')
    expect(find<HTMLInputElement>(el, 'form.box-form input[name="weight"]')!.value).toBe('640')
  })
})

describe('pos-collection-dialog', () => {
  it('opens on a scanned COLLECT: QR and hands the order over with the ID check', async () => {
    const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
    const order: CollectionDto = { orderId: 'o1', number: '#9001', customer: 'Chloé Dubois', lines: [{ lineNo: 1, sku: 'MUG-1', name: 'Oak Mug', quantity: 2 }], status: 'ready', readyAt: '2026-06-15T10:00:00Z', collectedAt: null }
    services.fake.on('GET', '/api/collections/lookup?code=COLLECT%3A%239001', json(order))
    services.fake.on('POST', '/api/collections/o1/handover', json({ ...order, status: 'completed', collectedAt: '2026-06-15T11:00:00Z' }))
    const el = new PosCollectionDialog()
    el.services = services
    await mount(el)
    window.dispatchEvent(new CustomEvent(COLLECT_SCAN_EVENT, { detail: 'COLLECT:#9001' }))
    await waitFor(() => find(el, '[data-order="o1"]'))
    expect(text(find(el, '.collect-order'))).toContain('2 × Oak Mug')
    findAll<HTMLInputElement>(el, 'input[name="idCheck"]')[1]!.checked = true
    click(find(el, 'button.hand-over'))
    await waitFor(() => text(el).includes('#9001 handed over to Chloé Dubois'))
    const [call] = services.fake.calls('POST', '/api/collections/o1/handover')
    expect(call?.body).toEqual({ idCheck: 'not-required' })
    expect(call?.headers['idempotency-key']).toBeTruthy()
  })
})

describe('pos-camera-scan', () => {
  it('renders nothing where the browser cannot read barcodes, and reads each code once per sighting where it can', async () => {
    const plain = await mount(new PosCameraScan())
    expect(find(plain, 'button')).toBeNull()
    unmountAll()

    const seen = ['5000000000001', '5000000000001', '', '5000000000002']
    const g = globalThis as unknown as { BarcodeDetector?: unknown }
    g.BarcodeDetector = class {
      detect = async () => { const code = seen.shift(); return code ? [{ rawValue: code }] : [] }
    }
    const stopped: string[] = []
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: async () => Object.assign(Object.create(MediaStream.prototype) as MediaStream, { getTracks: () => [{ stop: () => stopped.push('track') }] }) } })
    HTMLMediaElement.prototype.play = async () => undefined
    try {
      const el = await mount(new PosCameraScan())
      const codes: string[] = []
      el.addEventListener('camera-scan', (e) => codes.push((e as CustomEvent<string>).detail))
      click(find(el, 'button'))
      await waitFor(() => codes.length === 2, 3000)
      expect(codes).toEqual(['5000000000001', '5000000000002'])
      click(find(el, 'button'))
      expect(stopped).toEqual(['track'])
    } finally {
      delete g.BarcodeDetector
      Reflect.deleteProperty(navigator, 'mediaDevices')
    }
  })
})

/**
 * Pick, pack and ship against bad input and the wrong people: every refusal is a problem
 * document a person can act on (never a 500), and nothing is written. Also zone picking and
 * the demo shop's picking data (bins, totes, boxes, weights).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PickListDto, WaveDto } from '../../appliance/api/fulfilment-contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { allocatedOrder, fulfilmentCounts, json, refused, stockedProducts, type StockedProduct } from './fulfilment-fixtures.js'

let app: TestAppliance
let fin: Client
let ash: Client
let products: StockedProduct[]

beforeAll(async () => {
  app = await startAppliance()
  fin = await signIn(app.url, 'fin', '3333', 'pack-bench')
  ash = await signIn(app.url, 'ash', '2222', 'till-1')
  products = await stockedProducts(app, 6)
}, 60_000)
afterAll(() => app.stop())

describe('the demo shop', () => {
  it('has bins walked in order, 30 totes, three boxes and product weights', async () => {
    const count = async (sql: string) => (await app.db.reader.one<{ n: number }>(sql))!.n
    expect(await count("SELECT count(*) AS n FROM bins WHERE location = 'floor'")).toBe(240)
    expect(await count('SELECT count(DISTINCT walk_order) AS n FROM bins')).toBe(240)
    expect(await count('SELECT count(*) AS n FROM totes')).toBe(30)
    expect(await count('SELECT count(*) AS n FROM boxes WHERE active')).toBe(3)
    expect(await count("SELECT count(*) AS n FROM product_bins WHERE location = 'backroom'")).toBe(await count('SELECT count(*) AS n FROM products'))
    expect(await count('SELECT count(*) AS n FROM product_dimensions WHERE weight_g > 0')).toBe(await count('SELECT count(*) AS n FROM products'))
    expect(await count("SELECT count(*) AS n FROM locations WHERE kind = 'collection'")).toBe(1)
  })
})

describe('zone picking', () => {
  it('makes one list per aisle, each in walk order', async () => {
    const a = await allocatedOrder(app, [{ p: products[0]!, quantity: 1 }, { p: products[1]!, quantity: 1 }])
    const b = await allocatedOrder(app, [{ p: products[2]!, quantity: 1 }])
    const wave = await json<WaveDto>(await fin.post('/api/picking/waves', { method: 'zone', orders: [a.id, b.id], pickers: ['fin'] }), 201)
    const zones = wave.lists.map((l) => l.zone)
    expect(zones.every((z) => z !== null && /^[A-F]$/.test(z))).toBe(true)
    expect(new Set(zones).size).toBe(zones.length)
    expect(wave.lists.reduce((s, l) => s + l.units, 0)).toBe(3)
    for (const l of wave.lists) {
      const list = await fin.get<PickListDto>(`/api/picking/lists/${l.id}`)
      expect(list.tasks.every((t) => t.bin?.startsWith(`${l.zone}-`))).toBe(true)
    }
  })
})

describe('bad input and the wrong people', () => {
  it('refuses the till staff at the pick face and the bench', async () => {
    const o = await allocatedOrder(app, [{ p: products[3]!, quantity: 1 }])
    await refused(await ash.fetch('/api/picking/queue'), 403)
    await refused(await ash.post(`/api/packing/${o.id}/pack`, { box: 'small', weightG: 100 }), 403)
    await refused(await ash.post(`/api/packing/${o.id}/ship`, { carrier: 'manual', trackingNumber: 'AB12345' }), 403)
  })

  it('answers nonsense with a problem naming the field, writing nothing', async () => {
    const o = await allocatedOrder(app, [{ p: products[4]!, quantity: 1 }])
    const before = await fulfilmentCounts(app)
    const cases: Array<[string, () => Promise<Response>, number]> = [
      ['wave with unknown fields', () => fin.post('/api/picking/waves', { method: 'wave', pickers: [], colour: 'red' }), 400],
      ['wave of a huge order list', () => fin.post('/api/picking/waves', { method: 'wave', orders: Array.from({ length: 1001 }, (_, i) => `o${i}`), pickers: [] }), 400],
      ['wave of unknown orders', () => fin.post('/api/picking/waves', { method: 'single', orders: ["'; DROP TABLE orders; --", 'x'], pickers: [] }), 409],
      ['wave with a batch of 0', () => fin.post('/api/picking/waves', { method: 'batch', orders: [o.id], pickers: [], batchSize: 0 }), 400],
      ['scan on no list', () => fin.post('/api/picking/lists/nope/scan', { code: '5012345678900' }), 404],
      ['scan of a huge code', () => fin.post('/api/picking/lists/nope/scan', { code: 'x'.repeat(500) }), 400],
      ['scan with a string quantity', () => fin.post('/api/picking/lists/nope/scan', { code: 'A-01-1', quantity: '2' }), 400],
      ['exception on no list', () => fin.post('/api/picking/lists/nope/exceptions', { taskId: 't', reason: 'missing', quantity: 1 }), 404],
      ['exception with a made-up reason', () => fin.post('/api/picking/lists/nope/exceptions', { taskId: 't', reason: 'stolen', quantity: 1 }), 400],
      ['tote on no list', () => fin.post('/api/picking/lists/nope/tote', { tote: 'TOTE-001' }), 404],
      ['pack an order that is not picked', () => fin.post(`/api/packing/${o.id}/pack`, { box: 'small', weightG: 100 }), 409],
      ['pack with a weight in kilos', () => fin.post(`/api/packing/${o.id}/pack`, { box: 'small', weightG: 0.4 }), 400],
      ['ship an unknown order', () => fin.post('/api/packing/nope/ship', { carrier: 'manual', trackingNumber: 'AB12345' }), 404],
      ['ship an order not packed', () => fin.post(`/api/packing/${o.id}/ship`, { carrier: 'manual', trackingNumber: 'AB12345' }), 409],
      ['ready an order not for collection', () => fin.post(`/api/collections/${o.id}/ready`, {}), 409],
      ['hand over an unknown order', () => fin.post('/api/collections/nope/handover', { idCheck: 'seen' }), 404],
      ['a free tote at the bench', () => fin.fetch('/api/packing/TOTE-030'), 404],
      ['a manifest with no carrier', () => fin.fetch('/api/manifests'), 400],
      ['a manifest in Word', () => fin.fetch('/api/manifests?carrier=manual&format=docx'), 400],
      ['an unknown order at the bench', () => fin.fetch('/api/packing/%F0%9F%93%A6'), 404],
    ]
    for (const [name, call, status] of cases) {
      const r = await call()
      expect(r.status, name).toBe(status)
      expect(r.headers.get('content-type'), name).toContain('application/problem+json')
      const body = (await r.json()) as { detail: string }
      expect(body.detail.length, name).toBeGreaterThan(5)
    }
    expect(await fulfilmentCounts(app)).toEqual(before)
  })
})

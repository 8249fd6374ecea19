/**
 * Despatch and delivery deadlines through HTTP, in Europe/London: the daily cut-off,
 * weekends, a bank holiday, both clock changes, per-channel and per-method rules, deadlines a
 * channel sets; then traffic lights and escalation rules firing once each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedOrderDto, NotificationDto, OrderDetailDto, Product, ProductList } from '../../appliance/api/contract.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { newKey } from './till-fixtures.js'
import { channelOrder, importOrder, settableClock } from './orders-fixtures.js'

const clock = settableClock('2026-06-22T08:00:00Z')
let app: TestAppliance
let product: Product

beforeAll(async () => {
  app = await startAppliance({ clock })
  const maya = await signIn(app.url)
  product = (await maya.get<ProductList>('/api/products?q=Mug&limit=5')).items.find((p) => p.priceMinor > 0)!
})
afterAll(() => app.stop())

/** Places a manual order at `iso` (the clock jumps there; sessions are signed in afresh). */
async function orderAt(iso: string, extra: Record<string, unknown> = {}): Promise<{ order: OrderDetailDto; client: Client }> {
  clock.set(iso)
  const client = await signIn(app.url, 'maya', '1111', 'till-1')
  const r = await client.post('/api/orders', {
    channel: 'manual', customer: { name: 'Dee Line' }, shippingAddress: { name: 'Dee', line1: '1 Road', city: 'York', postcode: 'YO1 1AA' },
    lines: [{ sku: product.sku, quantity: 1 }], ...extra,
  }, { 'idempotency-key': newKey('dl') })
  if (r.status !== 201) throw new Error(`${r.status} ${await r.text()}`)
  const { id } = (await r.json()) as CreatedOrderDto
  return { order: await client.get<OrderDetailDto>(`/api/orders/${id}`), client }
}

describe('deadlines from the shop\u2019s rules (cut-off 15:00, despatch the same working day, 2 working days in transit)', () => {
  const cases: Array<[string, string, string, string]> = [
    ['before the cut-off: today', '2026-06-15T13:59:00Z', '2026-06-15T14:00:00.000Z', '2026-06-17T22:59:59.999Z'],
    ['after the cut-off: the next working day', '2026-06-15T14:01:00Z', '2026-06-16T14:00:00.000Z', '2026-06-18T22:59:59.999Z'],
    ['Friday after the cut-off: Monday', '2026-06-19T15:00:00Z', '2026-06-22T14:00:00.000Z', '2026-06-24T22:59:59.999Z'],
    ['on a Saturday: Monday', '2026-06-20T09:00:00Z', '2026-06-22T14:00:00.000Z', '2026-06-24T22:59:59.999Z'],
    ['before a bank holiday Monday: Tuesday', '2026-08-28T15:00:00Z', '2026-09-01T14:00:00.000Z', '2026-09-03T22:59:59.999Z'],
    ['across the clocks going back (GMT on Monday)', '2026-10-23T15:00:00Z', '2026-10-26T15:00:00.000Z', '2026-10-28T23:59:59.999Z'],
    ['across the clocks going forward (BST on Monday)', '2026-03-27T16:00:00Z', '2026-03-30T14:00:00.000Z', '2026-04-01T22:59:59.999Z'],
    ['Christmas: the next working day after Boxing Day\u2019s substitute', '2026-12-24T16:00:00Z', '2026-12-29T15:00:00.000Z', '2026-12-31T23:59:59.999Z'],
  ]
  for (const [name, placed, despatch, deliver] of cases) {
    it(name, async () => {
      const { order } = await orderAt(placed)
      expect([order.despatchBy, order.deliverBy, order.deadlineSource]).toEqual([despatch, deliver, 'rules'])
    })
  }

  it('uses the channel\u2019s rule (phone orders take a day to handle) and the method\u2019s (next day)', async () => {
    expect((await orderAt('2026-06-15T09:00:00Z', { channel: 'phone' })).order.despatchBy).toBe('2026-06-16T14:00:00.000Z')
    const nextDay = (await orderAt('2026-06-15T09:00:00Z', { shippingMethod: 'Next Day' })).order
    expect([nextDay.despatchBy, nextDay.deliverBy]).toEqual(['2026-06-15T14:00:00.000Z', '2026-06-16T22:59:59.999Z'])
  })

  it('obeys a deadline the channel sets (Amazon LatestShipDate)', async () => {
    clock.set('2026-06-22T08:00:00Z')
    const result = await importOrder(app, channelOrder('amazon', [{ sku: product.sku, quantity: 1, priceMinor: product.priceMinor }], { despatchBy: '2026-06-23T22:59:59.000Z', deliverBy: '2026-06-26T22:59:59.000Z' }))
    const order = await (await signIn(app.url)).get<OrderDetailDto>(`/api/orders/${result.orderId}`)
    expect([order.despatchBy, order.deliverBy, order.deadlineSource]).toEqual(['2026-06-23T22:59:59.000Z', '2026-06-26T22:59:59.000Z', 'channel'])
  })

  it('follows changed rules at once', async () => {
    clock.set('2026-06-15T09:00:00Z')
    const maya = await signIn(app.url)
    const r = await maya.fetch('/api/settings/orders', { method: 'PUT', json: { shippingRules: [{ channel: '*', method: '*', cutOff: '12:00', handlingDays: 1, transitDays: 1 }] } })
    expect(r.status).toBe(200)
    try {
      expect((await orderAt('2026-06-15T10:30:00Z')).order.despatchBy).toBe('2026-06-16T11:00:00.000Z')
      expect((await orderAt('2026-06-15T11:30:00Z')).order.despatchBy).toBe('2026-06-17T11:00:00.000Z')
    } finally {
      await maya.fetch('/api/settings/orders', { method: 'PUT', json: { shippingRules: [{ channel: '*', method: '*', cutOff: '15:00', handlingDays: 0, transitDays: 2 }, { channel: '*', method: 'next day', cutOff: '15:00', handlingDays: 0, transitDays: 1 }, { channel: 'phone', method: '*', cutOff: '15:00', handlingDays: 1, transitDays: 2 }] } })
    }
  })
})

describe('traffic lights and escalations', () => {
  it('turns amber on the day, red when missed, and fires each escalation rule once', async () => {
    const { order } = await orderAt('2026-07-06T08:00:00Z') // Monday 09:00 BST, due 15:00 BST today
    expect(order.light).toBe('amber')
    const at = async (iso: string) => {
      clock.set(iso)
      const maya = await signIn(app.url)
      const fired = ((await (await maya.post('/api/orders/escalations/run', {})).json()) as { fired: number }).fired
      const mine = (await maya.get<{ items: NotificationDto[] }>('/api/notifications?limit=200')).items.filter((n) => n.orderId === order.id)
      return { fired, mine, detail: await maya.get<OrderDetailDto>(`/api/orders/${order.id}`), maya }
    }
    expect((await at('2026-07-06T12:00:00Z')).mine).toEqual([]) // 13:00: amber, but the amber rule starts at 14:00
    const amber = await at('2026-07-06T13:05:00Z')
    expect(amber.mine.map((n) => [n.severity, n.audience])).toEqual([['warning', 'managers']])
    expect((await at('2026-07-06T13:30:00Z')).mine).toHaveLength(1) // fired once only
    const red = await at('2026-07-06T14:05:00Z')
    expect(red.detail.light).toBe('red')
    expect(red.mine.map((n) => n.severity).sort()).toEqual(['danger', 'warning'])
    expect(red.detail.tags).toContain('late')
    expect(red.detail.timeline.filter((t) => t.kind === 'escalated').map((t) => t.summary)).toEqual(['Due today: notify-managers', 'Late: notify-managers, tag:late'])
    expect((await at('2026-07-06T16:00:00Z')).mine).toHaveLength(2)
    const list = await red.maya.get<{ items: Array<{ id: string }> }>('/api/orders?light=red&tag=late&limit=200')
    expect(list.items.map((o) => o.id)).toContain(order.id)
    const ash = await signIn(app.url, 'ash', '2222', 'till-2')
    expect((await ash.get<{ items: NotificationDto[] }>('/api/notifications')).items.filter((n) => n.orderId === order.id)).toEqual([])
    const read = await red.maya.post(`/api/notifications/${red.mine[0]!.id}/read`, {})
    expect(read.status).toBe(204)
  })
})

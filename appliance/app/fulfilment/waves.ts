/**
 * Creating pick work: the chosen allocated orders (or the queue, prioritised) become one
 * wave of pick lists, each in walk order and assigned to a picker by load. Set-based: one
 * read of every candidate allocation with its bin, the lists planned in memory (core), then
 * appended rows and one UPDATE for the orders' status — a thousand orders in one short
 * transaction.
 */
import { randomUUID } from 'node:crypto'
import { conflict, invalid } from '../../core/errors.js'
import { planWave, prioritise, type PickItem, type PickMethod, type WaveOrder } from '../../core/fulfilment/index.js'
import { trafficLight } from '../../core/orders/index.js'
import type { Actor, TxStores } from '../ports.js'
import type { NewPickList, NewPickTask, PickCandidateRow, PickListRecord } from './ports.js'

export interface CreateWaveInput {
  method: PickMethod
  orders?: string[] | undefined
  limit?: number | undefined
  pickers: string[]
  batchSize?: number | undefined
}

export interface CreatedWave {
  id: string
  number: string
  method: PickMethod
  orderCount: number
  /** The lists as created (the answer needs no second read). */
  lists: PickListRecord[]
  tasks: NewPickTask[]
}

const pad = (n: number) => String(n).padStart(6, '0')

/** Groups candidate allocations by order (orders keep the order they came in). */
function byOrder(rows: readonly PickCandidateRow[], now: Date, zone: string): Map<string, WaveOrder & { number: string; status: string }> {
  const orders = new Map<string, WaveOrder & { number: string; status: string }>()
  for (const r of rows) {
    let o = orders.get(r.orderId)
    if (!o) {
      o = { orderId: r.orderId, number: r.number, status: r.status, despatchBy: r.despatchBy, placedAt: r.placedAt, light: r.despatchBy ? trafficLight(r.despatchBy, now, zone) : null, items: [] }
      orders.set(r.orderId, o)
    }
    if (r.quantity <= 0) continue
    const item: PickItem = { orderId: r.orderId, lineNo: r.lineNo, sku: r.sku, quantity: r.quantity, location: r.location, locationWalk: r.locationWalk, bin: r.bin, binWalk: r.binWalk, zone: r.zone }
    o.items.push(item)
  }
  return orders
}

export async function createWave(s: TxStores, input: CreateWaveInput, ctx: { actor: Actor; now: Date; timeZone: string; defaultBatchSize: number }): Promise<CreatedWave> {
  const { actor, now } = ctx
  const pickers = [...new Set(input.pickers)]
  const names = new Map<string, string>()
  for (const [i, id] of pickers.entries()) {
    const staff = await s.staff.get(id)
    if (!staff || !staff.active) throw invalid(`There is no active staff member "${id}"`, `pickers.${i}`)
    names.set(id, staff.name)
  }
  let orders: Array<WaveOrder & { number: string; status: string }>
  if (input.orders) {
    const ids = [...new Set(input.orders)]
    const found = await s.fulfilment.orderStatuses(ids)
    const missing = ids.filter((id) => !found.some((f) => f.id === id))
    if (missing.length) throw conflict(`There is no order ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`, 'orders')
    const refused = found.filter((f) => f.status !== 'allocated')
    if (refused.length) {
      const named = refused.slice(0, 5).map((r) => `${r.number} (${r.status.replace('_', ' ')})`).join(', ')
      throw conflict(`Only allocated orders not on a pick list can be picked: ${named}${refused.length > 5 ? ` and ${refused.length - 5} more` : ''}`, 'orders')
    }
    const grouped = byOrder(await s.fulfilment.pickCandidates(ids), now, ctx.timeZone)
    const empty = ids.filter((id) => (grouped.get(id)?.items.length ?? 0) === 0)
    if (empty.length) throw conflict(`Nothing is left to pick for ${empty.slice(0, 5).map((id) => found.find((f) => f.id === id)?.number ?? id).join(', ')}`, 'orders')
    orders = ids.map((id) => grouped.get(id)!)
  } else {
    orders = prioritise([...byOrder(await s.fulfilment.pickCandidates(null), now, ctx.timeZone).values()].filter((o) => o.items.length > 0))
    if (input.limit) orders = orders.slice(0, input.limit)
  }
  const lists = planWave({ method: input.method, orders, pickers, batchSize: input.batchSize ?? ctx.defaultBatchSize })
  const waveNo = await s.fulfilment.reserveNumbers('waves', 1)
  const firstList = await s.fulfilment.reserveNumbers('pick_lists', lists.length)
  const wave = { id: randomUUID(), number: `W-${pad(waveNo)}`, method: input.method, orderCount: orders.length, staffId: actor.staffId, station: actor.station, createdAt: now }
  const numbers = new Map(orders.map((o) => [o.orderId, o.number]))
  const newLists: NewPickList[] = []
  const tasks: NewPickTask[] = []
  lists.forEach((l, i) => {
    const id = randomUUID()
    newLists.push({ id, number: `PL-${pad(firstList + i)}`, waveId: wave.id, method: input.method, zone: l.zone, pickerId: l.picker, pickerName: l.picker ? (names.get(l.picker) ?? null) : null, createdAt: now })
    l.items.forEach((item, seq) => tasks.push({ id: `${id}:${seq + 1}`, pickListId: id, seq: seq + 1, orderId: item.orderId, orderNumber: numbers.get(item.orderId) ?? item.orderId, lineNo: item.lineNo, sku: item.sku, location: item.location, bin: item.bin, quantity: item.quantity }))
  })
  await s.fulfilment.insertWave(wave, newLists, tasks)
  const listed = new Set(tasks.map((t) => t.orderId))
  const picking = orders.filter((o) => listed.has(o.orderId)).map((o) => o.orderId)
  await s.fulfilment.setOrderStatuses(picking, 'picking', now)
  await s.orders.addEvents(picking.map((orderId) => ({
    orderId, kind: 'status', summary: `Picking: wave ${wave.number}`, actor, occurredAt: now,
    details: { status: 'picking', wave: wave.number, lists: newLists.filter((l) => tasks.some((t) => t.pickListId === l.id && t.orderId === orderId)).map((l) => l.number) },
  })))
  for (const orderId of picking.slice(0, 200)) s.publish({ type: 'order.changed', orderId })
  await s.audit.record({ action: 'fulfilment.wave_created', actor, entity: 'wave', entityId: wave.id, occurredAt: now, details: { number: wave.number, method: input.method, orders: orders.length, lists: newLists.length } })
  const created = newLists.map((l): PickListRecord => ({
    id: l.id, number: l.number, waveId: l.waveId, method: l.method, zone: l.zone, pickerId: l.pickerId, pickerName: l.pickerId ? (names.get(l.pickerId) ?? l.pickerId) : null,
    tote: null, status: 'open', currentBin: null, createdAt: now, startedAt: null, finishedAt: null,
  }))
  return { id: wave.id, number: wave.number, method: input.method, orderCount: picking.length, lists: created, tasks }
}

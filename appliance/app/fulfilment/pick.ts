/**
 * At the pick face: scan the bin, then the product; scan a tote to carry the batch; report
 * what is missing or damaged. A confirmed unit writes a pick event (who, what, when: the
 * reports' pick rates); a refused scan writes nothing. When an order's last task is done
 * (on every list it is on) the order becomes `picked`.
 */
import { conflict, DomainError, notFound } from '../../core/errors.js'
import { matchPickScan, nextTask, remaining, taskStatus } from '../../core/fulfilment/index.js'
import type { Actor, TxStores } from '../ports.js'
import { requireOrder } from '../orders/actions.js'
import type { ListTally, PickListRecord, PickTaskRecord } from './ports.js'

export interface PickListState {
  list: PickListRecord
  tasks: PickTaskRecord[]
}

export interface PickScanOutcome {
  kind: 'bin' | 'product'
  list: PickListRecord
  tally: ListTally
  task: PickTaskRecord | null
  message: string
}

export async function requireList(s: TxStores, id: string): Promise<PickListRecord> {
  const list = await s.fulfilment.pickList(id)
  if (!list) throw notFound(`There is no pick list ${id}`, 'id')
  return list
}

const describe = (t: PickTaskRecord) => `${t.quantity - t.shortQuantity} × ${t.name}${t.bin ? ` from bin ${t.bin}` : ` (${t.location})`}`

/** Finishes the list when nothing is open (`open`: tasks still open); marks orders picked whose every task is done. */
export async function settlePickList(s: TxStores, list: PickListRecord, open: number, touched: ReadonlySet<string>, actor: Actor, now: Date): Promise<PickListRecord> {
  const done = open === 0
  const status = done ? 'done' : 'in_progress'
  if (status !== list.status) {
    await s.fulfilment.updateList(list.id, { status, ...(list.startedAt ? {} : { startedAt: now }), ...(done ? { finishedAt: now } : {}) })
    list = { ...list, status, startedAt: list.startedAt ?? now, finishedAt: done ? now : list.finishedAt }
  }
  for (const orderId of touched) {
    const all = await s.fulfilment.orderTasks(orderId)
    if (all.some((t) => t.status === 'open')) continue
    if (!(await s.fulfilment.markPicked(orderId, now))) continue
    const units = all.reduce((sum, t) => sum + t.pickedQuantity, 0)
    await s.orders.addEvents([{ orderId, kind: 'status', summary: `Picked: ${units} unit${units === 1 ? '' : 's'} (${list.number})`, actor, occurredAt: now, details: { status: 'picked', list: list.number } }])
    s.publish({ type: 'order.changed', orderId })
  }
  return list
}

/** The product a scanned code names (the catalogue's in-memory index at the pick face). */
export type ProductResolver = (code: string) => Promise<{ sku: string; name: string; barcode: string | null } | undefined>

/**
 * One scan at the pick face. A code that looks like a bin label (letters, then a dash) is tried
 * as a bin first; anything else is a product. The hot path reads the list, its tally and the
 * SKU's bare tasks in one statement, writes the task and one pick event, and names only what
 * it answers.
 */
export async function scanPick(
  s: TxStores, listId: string, input: { code: string; bin?: string | undefined; quantity: number }, actor: Actor, now: Date, resolve?: ProductResolver,
): Promise<PickScanOutcome> {
  const code = input.code.trim()
  const bin = /^[A-Za-z][A-Za-z0-9]*-/.test(code) ? await s.fulfilment.bin(code) : undefined
  if (bin) {
    let list = await requireList(s, listId)
    if (list.status === 'done') throw finished(list)
    const starting = list.status === 'open' ? { status: 'in_progress' as const, startedAt: now } : {}
    await s.fulfilment.updateList(listId, { currentBin: bin.id, ...starting })
    list = { ...list, currentBin: bin.id, ...starting }
    const here = await s.fulfilment.nameTasks((await s.fulfilment.bareTasks(listId, { bin: bin.id })).filter((t) => remaining(t) > 0))
    const next = here.length ? undefined : nextTask(await s.fulfilment.bareTasks(listId), null)
    const named = next ? (await s.fulfilment.nameTasks([next]))[0] : undefined
    const message = here.length ? `Bin ${bin.id}: pick ${here.map(describe).join(', ')}` : `Bin ${bin.id}: nothing to pick here${named ? `; next is ${describe(named)}` : ''}`
    return { kind: 'bin', list, tally: await s.fulfilment.tally(listId), task: here[0] ?? null, message }
  }
  // A product: the list, its tally and this SKU's tasks come in one read (the scan's hot path).
  const product = (await resolve?.(code)) ?? (await s.fulfilment.productForCode(code))
  const context = product ? await s.fulfilment.scanContext(listId, product.sku) : undefined
  if (!product || !context) {
    const list = await requireList(s, listId)
    if (list.status === 'done') throw finished(list)
    throw notFound(`Nothing is known by "${code}": scan the bin label or the product's barcode`, 'code')
  }
  let list = context.list
  const { tasks } = context
  if (list.status === 'done') throw finished(list)
  let at = list.currentBin
  if (input.bin) {
    const given = await s.fulfilment.bin(input.bin)
    if (!given) throw notFound(`There is no bin ${input.bin}`, 'bin')
    at = given.id
  }
  let fills = tasks.length ? tryMatch(() => matchPickScan({ tasks, product: product, bin: at, quantity: input.quantity, elsewhere: null })) : undefined
  if (!fills) {
    // Refused: explain with the whole list's names and whose item it is (the refusal path can afford the reads).
    const all = await s.fulfilment.nameTasks(await s.fulfilment.bareTasks(listId))
    const elsewhere = tasks.length ? null : await s.fulfilment.openTaskElsewhere(product.sku, listId)
    fills = matchPickScan({ tasks: all, product: product, bin: at, quantity: input.quantity, elsewhere })
  }
  // The tally was read before this scan's updates: it moves by what the scan changes.
  const tally = { ...context.tally }
  const completed = new Set<string>()
  const events = []
  let last: PickTaskRecord | null = null
  for (const fill of fills) {
    const i = tasks.findIndex((t) => t.id === fill.taskId)
    const t = tasks[i]!
    const picked = t.pickedQuantity + fill.units
    const next: PickTaskRecord = { ...t, pickedQuantity: picked, status: taskStatus({ ...t, pickedQuantity: picked }), tote: list.tote ?? t.tote }
    await s.fulfilment.updateTask(t.id, { pickedQuantity: picked, shortQuantity: t.shortQuantity, status: next.status, tote: next.tote, pickedBy: actor.staffId, pickedAt: now })
    tasks[i] = next
    last = next
    tally.pickedUnits += fill.units
    if (t.status === 'open' && next.status !== 'open') tally.done++
    if (next.status !== 'open') completed.add(t.orderId)
    events.push({
      id: `${t.orderId}:${t.lineNo}:${list.number}.${t.seq}.${picked}`, orderId: t.orderId, lineNo: t.lineNo, sku: t.sku, location: t.location, quantity: fill.units,
      pickedQuantity: fill.units, error: null, staffId: actor.staffId, station: actor.station, pickListId: list.id, pickedAt: now,
    })
  }
  await s.fulfilment.addPickEvents(events)
  if (at !== list.currentBin) {
    await s.fulfilment.updateList(listId, { currentBin: at })
    list = { ...list, currentBin: at }
  }
  list = await settlePickList(s, list, tally.tasks - tally.done, completed, actor, now)
  // Named from the product in hand: the answer costs no further reads.
  const task: PickTaskRecord = { ...last!, name: product.name, barcode: 'barcode' in product ? (product.barcode as string | null) : null }
  const message = `Picked ${task.pickedQuantity} of ${task.quantity - task.shortQuantity} ${task.name} for ${task.orderNumber}${list.status === 'done' ? ` — list ${list.number} done` : ''}`
  return { kind: 'product', list, tally, task, message }
}

const finished = (list: PickListRecord) => conflict(`Pick list ${list.number} is finished: take the items to the packing bench`, 'id')

/** The scan's fills, or undefined when refused (a domain refusal only: anything else is thrown). */
function tryMatch<T>(match: () => T): T | undefined {
  try {
    return match()
  } catch (error) {
    if (error instanceof DomainError) return undefined
    throw error
  }
}

/** Scanning a tote to carry the batch: refused when unknown or still carrying an unfinished list. */
export async function assignTote(s: TxStores, listId: string, code: string, actor: Actor, now: Date): Promise<PickListState> {
  const list = await requireList(s, listId)
  const tote = code.trim().toUpperCase()
  if (list.tote === tote) return { list, tasks: await s.fulfilment.tasks(listId) }
  const found = await s.fulfilment.toteList(tote)
  if (!found) throw notFound(`There is no tote ${tote}: scan the code on the tote`, 'tote')
  if (found.pickListId && found.pickListId !== listId) {
    const other = await s.fulfilment.pickList(found.pickListId)
    if (other && other.status !== 'done') throw conflict(`Tote ${tote} is carrying ${other.number}: take another tote`, 'tote')
    if (other) {
      const unpacked = (await s.fulfilment.tasks(other.id)).filter((t) => t.pickedQuantity > 0)
      for (const orderId of new Set(unpacked.map((t) => t.orderId))) {
        const status = (await requireOrder(s, orderId)).status
        if (status === 'picked') throw conflict(`Tote ${tote} still holds picked orders of ${other.number}: pack them first or take another tote`, 'tote')
      }
    }
  }
  if (list.tote) await s.fulfilment.setTote(list.tote, null, now)
  await s.fulfilment.setTote(tote, listId, now)
  await s.fulfilment.updateList(listId, { tote })
  await s.fulfilment.setListTote(listId, tote)
  await s.audit.record({ action: 'fulfilment.tote_assigned', actor, entity: 'pick_list', entityId: listId, occurredAt: now, details: { tote, list: list.number } })
  return { list: { ...list, tote }, tasks: await s.fulfilment.tasks(listId) }
}


/**
 * What a scan means at the pick face and at the packing bench. Pure: the use case resolves
 * the code (a bin, a barcode, a SKU) and loads the list or order; these rules decide which
 * task or line a unit counts against, or refuse with a sentence the picker can act on.
 * Refusals are `conflict`s and nothing is recorded.
 */
import { conflict, invalid } from '../errors.js'

/** Why units could not be picked. */
export type PickExceptionReason = 'missing' | 'damaged'

export interface TaskState {
  id: string
  seq: number
  orderId: string
  orderNumber: string
  sku: string
  name: string
  bin: string | null
  quantity: number
  pickedQuantity: number
  /** Units reported missing or damaged (a pick exception). */
  shortQuantity?: number
  status: 'open' | 'picked' | 'short'
}

export interface ScannedProduct {
  sku: string
  name: string
}

export interface PickScanInput {
  tasks: readonly TaskState[]
  product: ScannedProduct
  /** The bin the picker is at (last bin scanned), if any. */
  bin: string | null
  quantity: number
  /** When the product belongs to another list or order: where (for the message). */
  elsewhere?: { orderNumber: string; list: string } | null
}

export interface PickAllocation {
  taskId: string
  units: number
}

export const remaining = (t: TaskState): number => (t.status === 'open' ? Math.max(0, t.quantity - t.pickedQuantity - (t.shortQuantity ?? 0)) : 0)

/** A task's status once its units are picked or reported short. */
export function taskStatus(t: Pick<TaskState, 'quantity' | 'pickedQuantity' | 'shortQuantity'>): TaskState['status'] {
  const short = t.shortQuantity ?? 0
  if (t.pickedQuantity + short < t.quantity) return 'open'
  return short > 0 ? 'short' : 'picked'
}

/** The task the picker should do next: the first open one in walk order, preferring the bin they are at. */
export function nextTask<T extends TaskState>(tasks: readonly T[], bin: string | null): T | undefined {
  const open = [...tasks].filter((t) => remaining(t) > 0).sort((a, b) => a.seq - b.seq)
  return open.find((t) => bin !== null && t.bin === bin) ?? open[0]
}

/** Which open tasks a product scan fills (in walk order), or why it is refused. */
export function matchPickScan(input: PickScanInput): PickAllocation[] {
  const { tasks, product, bin, quantity } = input
  if (!Number.isInteger(quantity) || quantity < 1) throw invalid('Scan at least one unit', 'quantity')
  const same = tasks.filter((t) => t.sku === product.sku).sort((a, b) => a.seq - b.seq)
  const open = same.filter((t) => remaining(t) > 0)
  if (same.length === 0) {
    const expected = nextTask(tasks, bin)
    if (input.elsewhere) {
      throw conflict(`This is ${product.name} for order ${input.elsewhere.orderNumber} on list ${input.elsewhere.list}, not this list: put it back${expected ? `; bin ${expected.bin ?? expected.sku} wants ${expected.name}` : ''}`, 'code')
    }
    if (!expected) throw conflict(`This is ${product.name}; nothing on this list is left to pick`, 'code')
    throw conflict(`This is ${product.name}; bin ${expected.bin ?? '(no bin)'} wants ${expected.name}`, 'code')
  }
  if (open.length === 0) {
    const wanted = same.reduce((s, t) => s + t.pickedQuantity, 0)
    throw conflict(`All ${wanted} × ${product.name} on this list are picked already: put this one back`, 'quantity')
  }
  const here = bin === null ? open : open.filter((t) => t.bin === null || t.bin === bin)
  if (here.length === 0) {
    const at = open[0]!.bin
    throw conflict(`This is ${product.name}, which is picked from bin ${at}: scan bin ${at} first`, 'bin')
  }
  const left = here.reduce((s, t) => s + remaining(t), 0)
  if (quantity > left) throw conflict(`Only ${left} more × ${product.name} wanted here, not ${quantity}: put ${quantity - left} back`, 'quantity')
  const out: PickAllocation[] = []
  let units = quantity
  for (const t of here) {
    if (units === 0) break
    const take = Math.min(units, remaining(t))
    out.push({ taskId: t.id, units: take })
    units -= take
  }
  return out
}

export interface PackLineState {
  lineNo: number
  sku: string
  name: string
  /** Units to pack (picked). */
  quantity: number
  packed: number
}

/** The line a scanned item at the bench counts against, or why it is refused (wrong or extra item). */
export function matchPackScan(lines: readonly PackLineState[], product: ScannedProduct, orderNumber: string): number {
  const same = lines.filter((l) => l.sku === product.sku)
  if (same.length === 0) throw conflict(`${product.name} is not in order ${orderNumber}: take it out of the parcel`, 'code')
  const line = same.find((l) => l.packed < l.quantity)
  if (!line) {
    const want = same.reduce((s, l) => s + l.quantity, 0)
    throw conflict(`Order ${orderNumber} wants ${want} × ${product.name} and all are scanned: this one is extra, take it out`, 'code')
  }
  return line.lineNo
}

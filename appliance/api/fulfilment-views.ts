/** Pick list records → the DTOs of api/fulfilment-contract.ts. */
import type { ListTally, PickListRecord, PickTaskRecord, TaskTally } from '../app/fulfilment/ports.js'
import type { PickListDto, PickListSummaryDto, PickTaskDto } from './fulfilment-contract.js'

/** Counts a list's tasks (of a mixed collection: only the list's own count). */
export function tallyOf(listId: string, tasks: readonly TaskTally[]): ListTally {
  const mine = tasks.filter((t) => t.pickListId === listId)
  return {
    orders: new Set(mine.map((t) => t.orderId)).size, tasks: mine.length, done: mine.filter((t) => t.status !== 'open').length,
    units: mine.reduce((s, t) => s + t.quantity - t.shortQuantity, 0), pickedUnits: mine.reduce((s, t) => s + t.pickedQuantity, 0),
  }
}

export function summaryDto(list: PickListRecord, tally: ListTally): PickListSummaryDto {
  return {
    id: list.id, number: list.number, waveId: list.waveId, method: list.method, zone: list.zone,
    picker: list.pickerId ? { id: list.pickerId, name: list.pickerName ?? list.pickerId } : null, tote: list.tote, status: list.status,
    ...tally, createdAt: list.createdAt.toISOString(),
  }
}

export const listSummary = (list: PickListRecord, tasks: readonly TaskTally[]): PickListSummaryDto => summaryDto(list, tallyOf(list.id, tasks))

export const taskDto = (t: PickTaskRecord): PickTaskDto => ({
  id: t.id, seq: t.seq, orderId: t.orderId, orderNumber: t.orderNumber, lineNo: t.lineNo, sku: t.sku, name: t.name, barcode: t.barcode,
  location: t.location, bin: t.bin, quantity: t.quantity - t.shortQuantity, pickedQuantity: t.pickedQuantity, status: t.status, exception: t.exception, tote: t.tote,
})

export function listDto(list: PickListRecord, tasks: readonly PickTaskRecord[]): PickListDto {
  const { tasks: _count, ...summary } = listSummary(list, tasks)
  return { ...summary, tasks: tasks.map(taskDto), currentBin: list.currentBin }
}

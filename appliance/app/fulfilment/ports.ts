/**
 * Ports of pick, pack and ship. db/fulfilment-store.ts implements them on DuckDB. The reads
 * both sides need (a pick list with its tasks, an order's packing state) are one interface,
 * served inside the write transaction (FulfilmentStore) and on reader connections
 * (FulfilmentQueries), so a write answers with exactly what a later GET shows.
 */
import type { BoxSpec, PickMethod } from '../../core/fulfilment/index.js'
import type { OrderStatus } from '../../core/orders/order-status.js'
import type { AddressRecord } from '../orders/ports.js'

export type PickListStatus = 'open' | 'in_progress' | 'done'
export type PickTaskStatus = 'open' | 'picked' | 'short'

export interface PickListRecord {
  id: string
  number: string
  waveId: string
  method: PickMethod
  zone: string | null
  pickerId: string | null
  pickerName: string | null
  tote: string | null
  status: PickListStatus
  currentBin: string | null
  createdAt: Date
  startedAt: Date | null
  finishedAt: Date | null
}

export interface PickTaskRecord {
  id: string
  pickListId: string
  seq: number
  orderId: string
  orderNumber: string
  lineNo: number
  sku: string
  name: string
  barcode: string | null
  location: string
  bin: string | null
  quantity: number
  pickedQuantity: number
  shortQuantity: number
  status: PickTaskStatus
  exception: 'missing' | 'damaged' | null
  tote: string | null
}

/** An allocation that could go on a pick list, with its bin and what is already planned. */
export interface PickCandidateRow {
  orderId: string
  number: string
  status: OrderStatus
  channel: string
  fulfilledBy: string
  shippingMethod: string | null
  despatchBy: Date | null
  placedAt: Date
  lineNo: number
  sku: string
  location: string
  locationWalk: number
  /** Units allocated here minus units already on pick lists (picked or still to pick). */
  quantity: number
  bin: string | null
  zone: string | null
  binWalk: number | null
}

export interface NewWave {
  id: string
  number: string
  method: PickMethod
  orderCount: number
  staffId: string
  station: string
  createdAt: Date
}

/** A list as a wave creates it (tote, status and times come later). */
export type NewPickList = Pick<PickListRecord, 'id' | 'number' | 'waveId' | 'method' | 'zone' | 'pickerId' | 'pickerName' | 'createdAt'>

/** A task as a wave creates it (nothing picked yet; names and barcodes are looked up when shown). */
export type NewPickTask = Pick<PickTaskRecord, 'id' | 'pickListId' | 'seq' | 'orderId' | 'orderNumber' | 'lineNo' | 'sku' | 'location' | 'bin' | 'quantity'>

export interface PickEventRecord {
  id: string
  orderId: string
  lineNo: number
  sku: string
  location: string
  quantity: number
  pickedQuantity: number
  error: 'wrong-item' | 'wrong-quantity' | 'damaged' | 'not-found' | null
  staffId: string
  station: string | null
  pickListId: string
  pickedAt: Date
}

export interface PackingRecord {
  orderId: string
  /** lineNo → units verified by scanning. */
  scanned: Record<string, number>
  box: string | null
  weightG: number | null
  parcels: number | null
  startedAt: Date | null
  packedAt: Date | null
  packedBy: string | null
  carrier: string | null
  labelJob: number | null
  readyAt: Date | null
  collectedAt: Date | null
  idCheck: string | null
}

export interface BinRecord {
  id: string
  location: string
  zone: string
  walkOrder: number
}

export interface DimensionRecord {
  sku: string
  weightG: number | null
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
}

/** The order's facts the bench and the collection point need. */
export interface PackOrderRow {
  id: string
  number: string
  channel: string
  status: OrderStatus
  shippingMethod: string | null
  customerName: string | null
  customerEmail: string | null
  tags: string[]
  lines: Array<{ lineNo: number; sku: string; name: string; barcode: string | null; quantity: number; toShip: number }>
  /** Units picked per line (sum over the order's pick tasks). */
  picked: Record<string, number>
  /** Units still open on pick tasks per line. */
  openOnLists: Record<string, number>
  packing: PackingRecord | null
}

export interface ShipmentRow {
  id: string
  orderId: string
  orderNumber: string
  carrier: string | null
  service: string | null
  trackingNumber: string | null
  shippedAt: Date
  parcels: number | null
  weightG: number | null
  postcode: string | null
  country: string | null
}

/** Reads served both in a write transaction and on reader connections. */
export interface FulfilmentReads {
  pickList(id: string): Promise<PickListRecord | undefined>
  /** Tasks of a list, in walk order (seq). */
  tasks(pickListId: string): Promise<PickTaskRecord[]>
  /** The order's facts for packing (id, or order number). */
  packOrder(ref: string): Promise<PackOrderRow | undefined>
  boxes(): Promise<Array<BoxSpec>>
  dimensions(skus: readonly string[]): Promise<DimensionRecord[]>
  address(orderId: string, kind: AddressRecord['kind']): Promise<AddressRecord | undefined>
  /** The list a tote carries now (the tote's last list). */
  toteList(tote: string): Promise<{ tote: string; pickListId: string | null } | undefined>
  shipment(orderId: string): Promise<ShipmentRow | undefined>
}

/** The fulfilment tables inside one write transaction. */
export interface FulfilmentStore extends FulfilmentReads {
  /** Allocations of these orders (null: every allocated order) not yet fully on pick lists. */
  pickCandidates(orderIds: readonly string[] | null): Promise<PickCandidateRow[]>
  /** Orders' statuses by id (to name the ones a wave refuses). */
  orderStatuses(refs: readonly string[]): Promise<Array<{ ref: string; id: string; number: string; status: OrderStatus }>>
  /** Reserves `n` numbers of a counter; returns the first. */
  reserveNumbers(counter: 'waves' | 'pick_lists', n: number): Promise<number>
  insertWave(wave: NewWave, lists: readonly NewPickList[], tasks: readonly NewPickTask[]): Promise<void>
  /** `picking` → `picked` in one statement; false when the order was not picking. */
  markPicked(orderId: string, now: Date): Promise<boolean>
  /** Sets the status of many orders in one statement (wave creation). */
  setOrderStatuses(orderIds: readonly string[], status: OrderStatus, now: Date): Promise<void>
  updateList(id: string, patch: Partial<{ status: PickListStatus; currentBin: string | null; tote: string | null; startedAt: Date; finishedAt: Date }>): Promise<void>
  updateTask(id: string, patch: { pickedQuantity: number; shortQuantity: number; status: PickTaskStatus; exception?: 'missing' | 'damaged' | null; tote: string | null; pickedBy: string; pickedAt: Date }): Promise<void>
  bin(id: string): Promise<BinRecord | undefined>
  /** The product a scanned code names: a barcode, or a SKU typed in. */
  productForCode(code: string): Promise<{ sku: string; name: string } | undefined>
  /** An open task for this SKU on another list (for "this belongs to another order"). */
  openTaskElsewhere(sku: string, notList: string): Promise<{ orderNumber: string; list: string } | undefined>
  /** Every task of an order, across lists (names left as SKUs: the scan's hot path). */
  orderTasks(orderId: string): Promise<PickTaskRecord[]>
  /** A list's tasks in walk order, names left as SKUs (name them with `nameTasks`); only a SKU's or a bin's when asked. */
  bareTasks(pickListId: string, only?: { sku: string } | { bin: string }): Promise<PickTaskRecord[]>
  /** A list's counts, summed in the database (a scan on a 700-task batch reads one row, not 700). */
  tally(pickListId: string): Promise<ListTally>
  /**
   * What a product scan reads, in one statement: the list, its tally, and its tasks for the
   * SKU (bare, in walk order). Undefined when there is no such list.
   */
  scanContext(pickListId: string, sku: string): Promise<{ list: PickListRecord; tally: ListTally; tasks: PickTaskRecord[] } | undefined>
  /** Fills in product names, barcodes and order numbers. */
  nameTasks(tasks: readonly PickTaskRecord[]): Promise<PickTaskRecord[]>
  /** The tote now carrying a list's items (picked and still to pick). */
  setListTote(pickListId: string, tote: string): Promise<void>
  setTote(tote: string, pickListId: string | null, now: Date): Promise<void>
  addPickEvents(events: readonly PickEventRecord[]): Promise<void>
  addPackEvent(event: { orderId: string; items: number; parcels: number; staffId: string; station: string | null; startedAt: Date | null; packedAt: Date }): Promise<void>
  savePacking(record: PackingRecord): Promise<void>
}

/** A list's counts. */
export interface ListTally {
  orders: number
  tasks: number
  /** Tasks picked or short. */
  done: number
  /** Units wanted (less units reported short). */
  units: number
  pickedUnits: number
}

/** What a list summary counts of each task. */
export type TaskTally = Pick<PickTaskRecord, 'pickListId' | 'orderId' | 'quantity' | 'pickedQuantity' | 'shortQuantity' | 'status'>

export interface PickListFilter {
  picker: string | null
  status: PickListStatus | null
  limit: number
}

export interface QueueRow {
  orderId: string
  number: string
  channel: string
  despatchBy: Date | null
  placedAt: Date
  shippingMethod: string | null
  tags: string[]
  units: number
  lines: number
  zones: string[]
}

export interface CollectionRow {
  orderId: string
  number: string
  customer: string | null
  readyAt: Date
}

/** The read side (reader connections). */
export interface FulfilmentQueries extends FulfilmentReads {
  /** Allocated merchant orders not on a pick list yet. */
  queue(zone: string | null): Promise<QueueRow[]>
  pickLists(filter: PickListFilter): Promise<PickListRecord[]>
  /** Task counts of many lists (for list summaries). */
  tasksOf(pickListIds: readonly string[]): Promise<TaskTally[]>
  /** Shipments of a carrier in [from, to). */
  manifest(carrier: string, from: Date, to: Date): Promise<ShipmentRow[]>
  collections(): Promise<CollectionRow[]>
  staffName(id: string): Promise<string | null>
}

/**
 * The pick, pack and ship contract (issue 6), shared with ui/ (`import type` only).
 * Quantities are whole units, weights are grams, instants are ISO 8601 strings in UTC.
 * Errors are application/problem+json like every other route: 400 bad input, 404 unknown
 * id or code, 409 a scan or action the current state refuses (the `detail` says what to do).
 */
import type { ManifestRow as ManifestRowDto } from '../core/fulfilment/manifest.js'
import type { TrafficLightDto } from './contract.js'

// ─── Picking ─────────────────────────────────────────────────────────────────

/** How pick work is cut from the queue. */
export type PickMethod = 'single' | 'batch' | 'zone' | 'wave'
export type PickListStatus = 'open' | 'in_progress' | 'done'
export type PickTaskStatus = 'open' | 'picked' | 'short'
export type PickExceptionReason = 'missing' | 'damaged'

/** One allocated order waiting for pick work (`GET /api/picking/queue?zone=&limit=`). */
export interface PickQueueItemDto {
  orderId: string
  number: string
  channel: string
  light: TrafficLightDto | null
  despatchBy: string | null
  /** Units to pick (allocated, not yet shipped). */
  units: number
  lines: number
  /** True when the customer collects in store (click and collect). */
  collect: boolean
  /** Zones (aisle prefixes) the order's bins are in. */
  zones: string[]
}
/** Red first, then by despatchBy (earliest first), then oldest order. */
export interface PickQueueDto {
  items: PickQueueItemDto[]
  total: number
}

/** `POST /api/picking/waves` body. */
export interface CreateWaveRequest {
  method: PickMethod
  /** Order ids; default: the queue, prioritised. */
  orders?: string[]
  /** With the default queue: how many orders to take (default 50, max 1000). */
  limit?: number
  /** Staff ids; lists are balanced across them by units to pick. Empty: lists are unassigned. */
  pickers: string[]
  /** batch: orders per list (default 10, setting `fulfilment.batchSize`). zone: one list per zone. */
  batchSize?: number
}

export interface StaffRefDto {
  id: string
  name: string
}

export interface PickListSummaryDto {
  id: string
  /** `PL-000001` */
  number: string
  waveId: string
  method: PickMethod
  zone: string | null
  picker: StaffRefDto | null
  /** The tote code carrying the batch, once scanned. */
  tote: string | null
  status: PickListStatus
  /** Distinct orders on the list. */
  orders: number
  /** Number of tasks and how many are finished (picked or short). */
  tasks: number
  done: number
  units: number
  pickedUnits: number
  createdAt: string
}
/** Legacy name used in the API notes. */
export type PickListSummary = PickListSummaryDto

/** `POST /api/picking/waves` answer (201). */
export interface WaveDto {
  id: string
  /** `W-000001` */
  number: string
  method: PickMethod
  orderCount: number
  lists: PickListSummaryDto[]
}

/** `GET /api/picking/lists?picker=me|<staffId>&status=open|in_progress|done` */
export interface PickListsDto {
  items: PickListSummaryDto[]
}

/** One line of a pick list: a SKU from one order line, at one bin. */
export interface PickTaskDto {
  id: string
  /** Position on the walk route (1 = first). */
  seq: number
  orderId: string
  orderNumber: string
  lineNo: number
  sku: string
  name: string
  /** The product's primary barcode (null when it has none: scan the SKU). */
  barcode: string | null
  location: string
  /** Bin id like `A-01-2`; null when the product has no bin at that location. */
  bin: string | null
  quantity: number
  pickedQuantity: number
  status: PickTaskStatus
  exception: PickExceptionReason | null
  tote: string | null
}

/** `GET /api/picking/lists/{id}`: tasks sorted by walk order. */
export type PickListDto = Omit<PickListSummaryDto, 'tasks'> & {
  /** The summary's task count is `tasks.length` here. */
  tasks: PickTaskDto[]
  /** The bin last scanned (scan the bin, then the product). */
  currentBin: string | null
}

/** `POST /api/picking/lists/{id}/tote` body. Unknown or busy totes are refused (409). */
export interface AssignToteRequest {
  tote: string
}

/**
 * `POST /api/picking/lists/{id}/scan` body. Scan the bin first (a bin id sets the current
 * bin), then product barcodes (or SKUs). `bin` may also be sent with a product scan.
 */
export interface PickScanRequest {
  code: string
  bin?: string
  /** Units confirmed by this scan; default 1. */
  quantity?: number
}
/** `POST /api/picking/lists/{id}/scan` answer. */
export interface PickScanResultDto {
  /** `bin` when a bin was scanned (task is then the next open task in that bin, or null). */
  kind: 'bin' | 'product'
  task: PickTaskDto | null
  list: PickListSummaryDto
  /** For the screen: "Picked 1 of 2 Blue mug", "Bin A-01-2". */
  message: string
}

/** `POST /api/picking/lists/{id}/exceptions` body (send an Idempotency-Key). */
export interface PickExceptionRequest {
  taskId: string
  reason: PickExceptionReason
  /** Units that could not be picked (at most what is still open on the task). */
  quantity: number
  note?: string
}

// ─── Packing and despatch ────────────────────────────────────────────────────

/** A box the bench packs into: inner dimensions in millimetres, the most it should carry, the empty box's weight. */
export type { BoxSpec as BoxDto } from '../core/fulfilment/boxes.js'

/** `GET /api/packing/{code}` (order id, order number or tote code): the app's own view. */
export type { PackView as PackDto, PackLineView as PackLineDto } from '../app/fulfilment/pack.js'

/** `POST /api/packing/{orderId}/scan` body: one item barcode (or SKU). Wrong or extra → 409. */
export interface PackScanRequest {
  code: string
}

/** `POST /api/packing/{orderId}/pack` body. */
export interface PackRequest {
  /** Box id from `PackDto.boxes`. */
  box: string
  weightG: number
  /** Default 1. */
  parcels?: number
}

/** `POST /api/packing/{orderId}/ship` body (send an Idempotency-Key). */
export interface ShipRequest {
  /** Carrier id from `GET /api/carriers`. */
  carrier: string
  service?: string
  /** Required by carriers with `needsTrackingNumber` (the manual carrier). */
  trackingNumber?: string
}

export interface ShipmentDto {
  id: string
  orderId: string
  orderNumber: string
  carrier: string
  service: string | null
  trackingNumber: string
  shippedAt: string
  parcels: number
  weightG: number
}

/** `POST /api/packing/{orderId}/ship` answer. Shipping twice → 409. */
export interface ShipResultDto {
  shipment: ShipmentDto
  /** The 4x6 ZPL despatch label's print job (null for click and collect). */
  labelJobId: string | null
  /** `/api/packing/{orderId}/delivery-note.pdf` */
  deliveryNoteUrl: string
}

export interface CarrierDto {
  id: string
  name: string
  services: string[]
  needsTrackingNumber: boolean
}
/** `GET /api/carriers` */
export interface CarrierListDto {
  items: CarrierDto[]
}

export type { ManifestRow as ManifestRowDto } from '../core/fulfilment/manifest.js'
/** `GET /api/manifests?carrier=&date=YYYY-MM-DD&format=json|csv|pdf` (json shape). */
export interface ManifestDto {
  carrier: string
  /** The store's local business day. */
  date: string
  shipments: ManifestRowDto[]
}

// ─── Click and collect ───────────────────────────────────────────────────────

export interface CollectionItemDto {
  orderId: string
  number: string
  customer: string | null
  readyAt: string
  location: string
  /** QR content on the customer's slip: `COLLECT:<orderNumber>`. */
  code: string
}
/** `GET /api/collections?status=ready` */
export interface CollectionListDto {
  items: CollectionItemDto[]
}

/** `GET /api/collections/lookup?code=` and the handover answer: the app's own view. */
export type { CollectionView as CollectionDto } from '../app/fulfilment/collect.js'

/** `POST /api/collections/{orderId}/ready` answer. */
export interface CollectionReadyDto extends CollectionItemDto {
  /** How the customer was told: the messaging hook, or a printed slip (job id). */
  notified: 'message' | 'slip'
  slipJobId: string | null
}

/** `POST /api/collections/{orderId}/handover` body (send an Idempotency-Key). */
export interface HandoverRequest {
  idCheck: 'seen' | 'not-required'
  note?: string
}

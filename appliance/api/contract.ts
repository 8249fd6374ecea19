/**
 * The HTTP and socket.io contract shared with ui/ (which imports it with `import type`
 * only). Money is integer minor units; instants are ISO 8601 strings in UTC.
 */

export type RoleName = 'assistant' | 'fulfilment' | 'manager' | 'admin'

export interface Health {
  status: 'ok'
  /** True when the appliance runs the seeded demo shop. */
  demo: boolean
  version: string
}

/** `POST /api/session` body. */
export interface SignInRequest {
  staff: string
  pin: string
  /** The till or device signing in; defaults to "web". */
  station?: string
}

/** `POST /api/session` and `GET /api/session` answer. */
export interface SessionInfo {
  staff: { id: string; name: string; role: RoleName }
  station: string
  /** Send back as the `X-CSRF-Token` header on every state-changing request. */
  csrfToken: string
  expiresAt: string
  demo: boolean
}

/** `POST /api/approvals`: a manager's PIN on the same screen approves one action. */
export interface ApprovalRequest {
  staff: string
  pin: string
  action: string
}
export interface ApprovalGrant {
  /** Send as `approvalToken` with the action; valid once, for that action only. */
  token: string
  action: string
  approvedBy: string
  approvedByName: string
  expiresAt: string
}

export interface Product {
  sku: string
  name: string
  barcodes: string[]
  category: string
  priceMinor: number
  vatRatePercent: number
  costMinor: number
  handle: string
}
export interface ProductList {
  items: Product[]
}

export interface StockLevelDto {
  location: string
  locationName: string
  onHand: number
  allocated: number
  available: number
  needsCount: boolean
}
export interface StockView {
  sku: string
  name: string
  levels: StockLevelDto[]
}

export type MovementKind = 'receipt' | 'sale' | 'return' | 'adjustment' | 'transfer' | 'count'
export interface StockMovementDto {
  id: number
  occurredAt: string
  location: string
  quantity: number
  kind: MovementKind
  reason: string | null
  reference: string | null
  staff: string | null
  staffName: string | null
  station: string | null
}
export interface MovementPage {
  items: StockMovementDto[]
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextCursor: number | null
}

/** `POST /api/stock/adjustments`. */
export interface AdjustmentRequest {
  sku: string
  location: string
  /** Signed change of on-hand. */
  quantity: number
  reason: string
  approvalToken?: string
}
/** A level as a write leaves it (the full StockLevelDto comes from GET /api/stock/{sku}). */
export interface ChangedLevel {
  location: string
  onHand: number
  allocated: number
  available: number
}
export interface StockChangeResult {
  sku: string
  movementIds: number[]
  levels: ChangedLevel[]
}
export interface AdjustmentResult extends StockChangeResult {
  movementId: number
  level: ChangedLevel
}

export interface LocationDto {
  id: string
  name: string
  kind: string
  sellable: boolean
}
export interface LocationList {
  items: LocationDto[]
}

export interface ImportRowError {
  /** 1-based line number in the CSV file (the header is line 1). */
  line: number
  reason: string
  field?: string
}
export interface CatalogueImportJob {
  id: string
  status: 'running' | 'done' | 'failed'
  totalRows: number
  processedRows: number
  imported: number
  errors: ImportRowError[]
  startedAt: string
  finishedAt: string | null
}

export interface BackupInfo {
  name: string
  createdAt: string
  sizeBytes: number
}
/** `POST /api/backups` answer: progress follows as `backup.progress` events. */
export interface BackupStarted {
  status: 'started' | 'running'
}
export interface BackupProgressEvent {
  name: string
  step: string
  done: number
  total: number
  /** Set when the backup failed: what went wrong. */
  failed?: string
}

/** RFC 9457 problem details, as every error is answered. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  /** The request field at fault (`lines.0.quantity`), when one is. */
  field?: string
  errors?: Array<{ field: string; message: string }>
  /** Wrong PIN: tries left before the lockout. */
  triesLeft?: number
  /** Locked out: seconds until the next try. */
  retryAfterSeconds?: number
}

/** socket.io events from the appliance. */
export interface ServerEvents {
  'stock.changed': (payload: { sku: string; location: string; onHand: number; allocated: number; available: number }) => void
  'catalogue.import.progress': (payload: CatalogueImportJob) => void
  'backup.progress': (payload: BackupProgressEvent) => void
}

/**
 * The ports use cases talk to. db/ implements them on DuckDB; tests may implement
 * them however they like. Everything a use case writes goes through one UnitOfWork
 * run, which is one database transaction.
 */
import type { CatalogueProduct } from '../core/catalogue-row.js'
import type { LockoutState, Role } from '../core/staff.js'
import type { MovementKind, StockLevel } from '../core/stock-ledger.js'
import type { AppEvent } from './events.js'
import type { PrintStore } from './print-queue.js'
import type { ParkedStore, SaleStore, VoucherStore } from './sale/ports.js'
import type { SettingsStore, TillStore } from './till/ports.js'
import type { SyncStore } from './sync/ports.js'
import type { OrderStore, OutboxStore } from './orders/ports.js'
import type { ReturnStore } from './returns/ports.js'
import type { FulfilmentStore } from './fulfilment/ports.js'

export interface Clock {
  now(): Date
}

/** Who is acting, from where: stamped on every audit entry and movement. */
export interface Actor {
  readonly staffId: string
  readonly role: Role
  readonly station: string
}

/** A product as the catalogue holds it (the same shape a catalogue CSV row becomes). */
export type ProductRecord = CatalogueProduct

export interface StaffRecord extends LockoutState {
  id: string
  name: string
  role: Role
  pinHash: string
  active: boolean
}

export interface SessionRecord {
  id: string
  staffId: string
  station: string
  csrfToken: string
  createdAt: Date
  expiresAt: Date
}

export interface MovementRecord {
  sku: string
  location: string
  quantity: number
  kind: MovementKind
  reason: string | null
  reference: string | null
  actor: Actor | null
  occurredAt: Date
}

export interface AuditEntry {
  action: string
  actor: Actor | null
  /** For actions before sign-in (a failed PIN) the staff id tried. */
  staffId?: string
  entity?: string
  entityId?: string
  reason?: string
  details?: Record<string, unknown>
  occurredAt: Date
}

export interface StockStore {
  level(sku: string, location: string): Promise<StockLevel>
  /** Appends the movement and updates the level in the same transaction; returns the new level. */
  move(movement: MovementRecord): Promise<{ movementId: number; level: StockLevel }>
  /**
   * Several movements at once (a sale's lines): one append and one UPDATE for all of
   * them. Returns each movement's id and its level after all of them.
   */
  moveMany(movements: readonly MovementRecord[]): Promise<Array<{ movementId: number; level: StockLevel }>>
  /**
   * Movements whose caller needs no level back (a till sale): the level changes are merged
   * with the rest of the commit group's and written in one UPDATE as it commits, and a
   * `stock.changed` per movement is published with the level reached.
   */
  moveAndPublish(movements: readonly MovementRecord[]): Promise<void>
  /** A count settles a level that went negative or was doubted. */
  clearNeedsCount(sku: string, location: string): Promise<void>
}

export interface CatalogueStore {
  exists(sku: string): Promise<boolean>
  /** The SKU each of these barcodes belongs to (barcodes nobody owns are absent). */
  barcodeOwners(barcodes: readonly string[]): Promise<Map<string, string>>
  locationExists(id: string): Promise<boolean>
  /** Creates or replaces products and their barcodes, set-based (one statement per table). */
  upsertMany(products: readonly ProductRecord[], now: Date): Promise<void>
}

export interface StaffStore {
  get(id: string): Promise<StaffRecord | undefined>
  saveLockout(id: string, state: LockoutState): Promise<void>
}

export interface SessionStore {
  save(session: SessionRecord): Promise<void>
  delete(id: string): Promise<void>
  extend(id: string, expiresAt: Date): Promise<void>
}

export interface AuditStore {
  record(entry: AuditEntry): Promise<void>
}

export interface IdempotencyStore {
  find(scope: string, key: string): Promise<{ status: number; body: unknown } | undefined>
  save(scope: string, key: string, status: number, body: unknown, now: Date): Promise<void>
}

/** Everything a use case may touch inside one transaction. */
export interface TxStores {
  stock: StockStore
  catalogue: CatalogueStore
  staff: StaffStore
  sessions: SessionStore
  audit: AuditStore
  idempotency: IdempotencyStore
  /** The till: orders (store sales), vouchers, parked baskets, tills and their sessions, settings. */
  sales: SaleStore
  vouchers: VoucherStore
  parked: ParkedStore
  tills: TillStore
  settings: SettingsStore
  /** The durable print queue, printers and stations. */
  printing: PrintStore
  /** Channel sync: accounts, the outbox engine's side, cursors, webhook dedupe, stock marks. */
  sync: SyncStore
  /** The order book: every channel's orders, allocation, timeline, tags, notes, shipments, notifications. */
  orders: OrderStore
  /** Returns and refunds. */
  returns: ReturnStore
  /** The sync outbox (refunds and shipments for the channels), written in the same transaction. */
  outbox: OutboxStore
  /** Pick, pack and ship: bins, totes, waves, pick lists and tasks, packing and collection. */
  fulfilment: FulfilmentStore
  /** Published only if the transaction commits. */
  publish(event: AppEvent): void
}

export interface UnitOfWork {
  /** One transaction. `background` work (printing, monitors) waits while anyone else is queued. */
  run<T>(work: (stores: TxStores) => Promise<T>, options?: { background?: boolean }): Promise<T>
}

/** Read side: lookups and history, on reader connections, never blocking writes. */
export interface CatalogueQueries {
  byBarcode(barcode: string): Promise<ProductRecord | undefined>
  bySku(sku: string): Promise<ProductRecord | undefined>
  search(text: string, limit: number): Promise<ProductRecord[]>
  all(): AsyncIterable<ProductRecord[]>
  count(): Promise<number>
}

export interface StockLevelRow {
  location: string
  locationName: string
  onHand: number
  allocated: number
  needsCount: boolean
}

export interface MovementRow {
  id: number
  occurredAt: Date
  location: string
  quantity: number
  kind: MovementKind
  reason: string | null
  reference: string | null
  staffId: string | null
  staffName: string | null
  station: string | null
}

export interface StockQueries {
  levels(sku: string): Promise<StockLevelRow[]>
  movements(sku: string, options: { before?: number; limit: number }): Promise<MovementRow[]>
  locations(): Promise<Array<{ id: string; name: string; kind: string; sellable: boolean }>>
}

export interface SessionQueries {
  get(id: string): Promise<SessionRecord | undefined>
  staff(id: string): Promise<StaffRecord | undefined>
}

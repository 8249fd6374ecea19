/**
 * Ports of the order book: the orders of every channel, their lines' allocation and
 * fulfilment, the timeline, tags, notes, shipments, notifications, saved views and the
 * sync outbox. db/ implements them on DuckDB (db/order-store.ts, db/order-queries.ts).
 */
import type { AllocationDelta, LocationQuantity, LocationStockLevel } from '../../core/orders/index.js'
import type { OrderStatus } from '../../core/orders/order-status.js'
import type { StockLevel } from '../../core/stock-ledger.js'
import type { Actor } from '../ports.js'
import type { PaymentRecord } from '../sale/ports.js'

/** What the use cases need of an order's header row. */
export interface OrderHeader {
  id: string
  channel: string
  /** The channel account it came from (two shops on one channel); null for our own orders. */
  account: string | null
  channelOrderId: string | null
  number: string
  status: OrderStatus
  placedAt: Date
  customerId: string | null
  currency: string
  totalMinor: number
  paidMinor: number
  refundedMinor: number
  shippingMethod: string | null
  fulfilledBy: 'merchant' | 'channel'
  channelStatus: string | null
  channelUpdatedAt: Date | null
  despatchBy: Date | null
  deliverBy: Date | null
  shippedAt: Date | null
  deliveredAt: Date | null
  tillSessionId: string | null
  replacementOf: string | null
  flags: string[]
  escalated: string[]
}

/** One order line with its fulfilment state. Units still to ship = quantity − cancelled − shipped. */
export interface OrderLineState {
  lineNo: number
  kind: 'goods' | 'gift_card'
  sku: string
  name: string
  quantity: number
  unitPriceMinor: number
  totalMinor: number
  vatRateBp: number | null
  vatMinor: number
  cancelledQuantity: number
  shippedQuantity: number
  returnedQuantity: number
  backordered: number
  location: string | null
  channelLineId: string | null
  knownSku: boolean
}

export interface AllocationRecord {
  lineNo: number
  sku: string
  location: string
  quantity: number
}

/** A new order's header as written (store sales are written by the till: sale/ports.ts). */
export interface NewOrderRecord {
  id: string
  channel: string
  /** The channel account an import came from; absent or null for our own orders. */
  account?: string | null
  channelOrderId: string | null
  number: string
  status: OrderStatus
  placedAt: Date
  customerId: string | null
  currency: string
  grossMinor: number
  discountMinor: number
  totalMinor: number
  vatMinor: number
  paidMinor: number
  shippingMethod: string | null
  shippingMinor: number
  fulfilledBy: 'merchant' | 'channel'
  channelStatus: string | null
  channelUpdatedAt: Date | null
  despatchBy: Date | null
  deliverBy: Date | null
  deadlineSource: string | null
  shippedAt: Date | null
  cancelledAt: Date | null
  replacementOf: string | null
  flags: string[]
  station: string | null
  staffId: string | null
  note: string | null
}

export interface NewOrderLine {
  lineNo: number
  sku: string
  name: string
  quantity: number
  unitPriceMinor: number
  grossMinor: number
  discountMinor: number
  totalMinor: number
  vatRateBp: number | null
  vatMinor: number
  channelLineId: string | null
  knownSku: boolean
  backordered: number
  shippedQuantity: number
  cancelledQuantity: number
}

export interface AddressRecord {
  kind: 'shipping' | 'billing' | 'return'
  name: string | null
  company: string | null
  line1: string | null
  line2: string | null
  city: string | null
  region: string | null
  postcode: string | null
  country: string | null
  phone: string | null
}

/** One entry on an order's timeline: who, when, where (the actor's station), what, why. */
export interface OrderEventRecord {
  orderId: string
  kind: string
  summary: string
  actor: Actor | null
  reason?: string | null
  details?: Record<string, unknown>
  occurredAt: Date
}

export type OrderPatch = Partial<{
  status: OrderStatus
  account: string | null
  channelStatus: string | null
  channelUpdatedAt: Date | null
  despatchBy: Date | null
  deliverBy: Date | null
  deadlineSource: string | null
  refundedMinor: number
  paidMinor: number
  shippedAt: Date | null
  deliveredAt: Date | null
  cancelledAt: Date | null
  flags: string[]
  escalated: string[]
}>

export type LinePatch = Partial<{ backordered: number; cancelledQuantity: number; shippedQuantity: number; returnedQuantity: number; location: string | null }>

export interface LocationRecord {
  id: string
  name: string
  kind: string
  sellable: boolean
  fulfilsOnline: boolean
  walkOrder: number
}

/** A backordered line that new stock could fill. */
export interface BackorderRecord {
  orderId: string
  placedAt: Date
  despatchBy: Date | null
  status: OrderStatus
}

export interface ShipmentRecord {
  id: string
  orderId: string
  status: 'shipped' | 'delivered' | 'lost'
  carrier: string | null
  service: string | null
  trackingNumber: string | null
  lines: Array<{ lineNo: number; sku: string; quantity: number; location: string | null }>
  shippedAt: Date
  staffId: string | null
}

export interface NotificationRecord {
  id: string
  createdAt: Date
  audience: 'managers' | 'staff'
  kind: string
  severity: 'info' | 'warning' | 'danger'
  message: string
  orderId: string | null
  ruleKey: string | null
}

export interface CustomerRecordInput {
  name: string | null
  email: string | null
  phone: string | null
  /** E.164, from core's normalisePhone. */
  phoneKey: string | null
}

export type OrderCounter = 'orders' | 'returns'

/** The order book inside one write transaction. */
export interface OrderStore {
  insert(order: NewOrderRecord, lines: readonly NewOrderLine[], payments: readonly PaymentRecord[], addresses: readonly AddressRecord[], now: Date): Promise<void>
  header(id: string): Promise<OrderHeader | undefined>
  /**
   * The order a channel import updates: same channel and channel order id, from `account` (or
   * from no account yet: imported before orders knew their account). Two shops on one channel
   * may reuse an order id (WooCommerce numbers from 1), so the account decides.
   */
  byChannelId(channel: string, channelOrderId: string, account?: string | null): Promise<OrderHeader | undefined>
  /** Ids of orders whose id, number or channel order id is one of `refs`. */
  idsByRef(refs: readonly string[]): Promise<string[]>
  lines(orderId: string): Promise<OrderLineState[]>
  allocations(orderId: string): Promise<AllocationRecord[]>
  update(orderId: string, patch: OrderPatch, now: Date): Promise<void>
  updateLine(orderId: string, lineNo: number, patch: LinePatch): Promise<void>
  /** Sets the order's allocation rows to `rows` (absent ones become zero). */
  saveAllocations(orderId: string, rows: readonly AllocationRecord[], now: Date): Promise<void>
  /** Adds the deltas to `stock_levels.allocated`; returns the new levels. */
  applyAllocationDeltas(deltas: readonly AllocationDelta[], now: Date): Promise<Array<AllocationDelta & StockLevel>>
  /** Stock levels of these SKUs at these locations (absent: nothing there). */
  levels(skus: readonly string[], locations: readonly string[]): Promise<LocationStockLevel[]>
  /** Orders with backordered lines of these SKUs that are still to be fulfilled. */
  backorders(skus: readonly string[]): Promise<BackorderRecord[]>
  addEvents(events: readonly OrderEventRecord[]): Promise<void>
  addTag(orderId: string, tag: string, actor: Actor | null, now: Date): Promise<boolean>
  removeTag(orderId: string, tag: string): Promise<boolean>
  addNote(orderId: string, body: string, actor: Actor, now: Date): Promise<string>
  addShipment(shipment: ShipmentRecord): Promise<void>
  shipments(orderId: string): Promise<ShipmentRecord[]>
  setShipmentStatus(id: string, status: ShipmentRecord['status'], at: Date): Promise<void>
  addNotification(notification: NotificationRecord): Promise<void>
  /** Escalation keys already fired, per order (one lookup for a batch). */
  escalatedOf(orderIds: readonly string[]): Promise<Map<string, string[]>>
  customerFor(details: CustomerRecordInput, now: Date): Promise<string>
  nextNumber(counter: OrderCounter): Promise<number>
  locations(): Promise<LocationRecord[]>
  /** Gives order `to` the addresses of order `from` (a replacement goes where the lost parcel went). */
  copyAddresses(from: string, to: string): Promise<void>
  saveView(view: SavedViewRecord): Promise<void>
  /** Deletes a view its owner (or anyone, for a shared view) may delete; false when there is none. */
  deleteView(id: string, staffId: string): Promise<boolean>
  markNotificationRead(id: string, staffId: string, at: Date): Promise<boolean>
}

export interface OutboxMessage {
  channel: string
  account: string | null
  kind: 'refund' | 'shipment' | 'stock'
  payload: unknown
  idempotencyKey: string
  reference: string | null
}

/** The transactional outbox the sync engine drains. */
export interface OutboxStore {
  enqueue(message: OutboxMessage, now: Date): Promise<string>
}

export type { LocationQuantity }

// ─── Read side (reader connections, never blocking writes) ─────────────────

/** One row of the order list. */
export interface OrderListRow {
  id: string
  channel: string
  account: string | null
  number: string
  channelOrderId: string | null
  status: OrderStatus
  placedAt: Date
  customerId: string | null
  customerName: string | null
  customerEmail: string | null
  totalMinor: number
  refundedMinor: number
  currency: string
  despatchBy: Date | null
  flags: string[]
  tags: string[]
  itemCount: number
}

/** Candidate orders for a search, found by indexed lookups (one-column equalities). */
export interface OrderLookup {
  numbers: string[]
  email: string | null
  phone: string | null
  /** Exact SKU and customer-name text, tried when nothing else matched. */
  text: string | null
}

export interface OrderListFilters {
  channels: string[]
  /** Channel accounts (orders.account). */
  accounts: string[]
  statuses: string[]
  tag: string | null
  from: Date | null
  to: Date | null
  /** Despatch light: the SQL bounds the app worked out in the store's zone. */
  light: { light: 'green' | 'amber' | 'red'; now: Date; endOfToday: Date; open: readonly string[] } | null
}

export interface OrderCursor {
  placedAt: Date
  id: string
}

/** Everything the order detail shows, read in a few queries. */
export interface OrderDetailRows {
  header: OrderHeader & { grossMinor: number; discountMinor: number; vatMinor: number; shippingMinor: number; note: string | null; station: string | null; staffId: string | null; tillId: string | null; deadlineSource: string | null; cancelledAt: Date | null; createdAt: Date }
  customer: { id: string; name: string | null; email: string | null; phone: string | null } | null
  lines: OrderLineState[]
  payments: Array<{ seq: number; method: string; amountMinor: number; appliedMinor: number; reference: string | null }>
  addresses: AddressRecord[]
  allocations: AllocationRecord[]
  shipments: ShipmentRecord[]
  notes: Array<{ id: string; body: string; createdAt: Date; staffId: string | null; station: string | null }>
  tags: string[]
  events: Array<{ occurredAt: Date; seq: number; kind: string; summary: string; staffId: string | null; station: string | null; reason: string | null; details: unknown }>
  returns: Array<{ id: string; number: string; kind: string; status: string; refundMinor: number; creditedMinor: number; createdAt: Date }>
  refunds: Array<{ id: string; returnId: string | null; method: string; amountMinor: number; reference: string | null; status: string; createdAt: Date }>
  replacements: Array<{ id: string; number: string }>
  staffNames: Record<string, string>
}

export interface SavedViewRecord {
  id: string
  name: string
  filters: Record<string, unknown>
  staffId: string | null
  createdAt: Date
}

export interface NotificationRow extends NotificationRecord {
  readAt: Date | null
  readBy: string | null
}

export interface OrderQueries {
  /** A page of orders, newest first, after the cursor. */
  page(filters: OrderListFilters, after: OrderCursor | null, limit: number): Promise<OrderListRow[]>
  /** Orders matching a search (at most `cap`), unfiltered and unsorted: the caller filters and pages. */
  lookup(lookup: OrderLookup, cap: number): Promise<OrderListRow[]>
  /** Customer names, tags and item counts for list rows (filled in place). */
  decorate(rows: OrderListRow[]): Promise<void>
  detail(id: string): Promise<OrderDetailRows | undefined>
  setting(key: string): Promise<unknown>
  locations(): Promise<LocationRecord[]>
  savedViews(staffId: string): Promise<SavedViewRecord[]>
  notifications(options: { audience: Array<'managers' | 'staff'>; unreadOnly: boolean; limit: number }): Promise<NotificationRow[]>
  /** Which of these SKUs some order is waiting for (backordered); every such SKU when none are named. */
  backordered(skus?: readonly string[]): Promise<string[]>
  /** Open orders (`open` statuses) due for despatch by `until`, for the escalation job. */
  dueForEscalation(until: Date, open: readonly string[], limit: number): Promise<OrderHeader[]>
}

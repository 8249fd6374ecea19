/**
 * The ChannelConnector port: everything the appliance asks of an online channel. One
 * implementation per channel in `channels/<name>/connector.ts`, each tested by one shared
 * contract suite against its simulator. Connectors hold no durable state: the cursor is an
 * opaque string the caller stores, and idempotency keys come from the caller's own ids.
 */
import type { ChannelId } from './channel-id.js'
import type { ChannelError } from './channel-error.js'
import type { ChannelOrder } from './order.js'

export type { ChannelId } from './channel-id.js'
export { CHANNEL_IDS } from './channel-id.js'
export { ChannelError, ChannelErrorKind, isChannelError } from './channel-error.js'
export type { ChannelOrder, ChannelOrderLine, ChannelAddress, ChannelCustomer, ChannelRefund, ChannelOrderTotals } from './order.js'
export { OrderStatus, ORDER_STATUS_RANK } from './order.js'

/** What the channel says about itself when the credentials work. */
export interface ConnectionInfo {
  channel: ChannelId
  /** Shop or seller name, for the settings screen. */
  accountName: string
  /** The account's default currency, when the channel reports one. */
  currency: string | null
}

/** One page of an incremental order import. */
export interface OrderPage {
  /** Orders new or changed since the cursor; never the same (id, updatedAt) twice across pages. */
  orders: ChannelOrder[]
  /**
   * Orders the channel returned that could not be mapped (unknown currency, malformed
   * amounts). They do not block the cursor: the caller dead-letters them for a person.
   */
  rejected: RejectedOrder[]
  /** Store this and pass it back; it survives restarts and connector upgrades within v1. */
  nextCursor: string
  /** True when this sweep has caught up; poll again later with `nextCursor`. */
  done: boolean
}

export interface RejectedOrder {
  channelOrderId: string
  error: ChannelError
}

/** Set a SKU's available-to-sell quantity on the channel. */
export interface StockUpdate {
  sku: string
  /** Absolute quantity to advertise; a whole number >= 0 (callers clamp oversold stock to 0). */
  available: number
  /**
   * Compare-and-set (Shopify only): the quantity we believe the channel holds now, or null to
   * set unconditionally. Ignored by channels without compare-and-set.
   */
  expectedAvailable?: number | null
  /** Derived from our own outbox row id, so a retried push is applied once. */
  idempotencyKey: string
}

export type StockPushStatus =
  /** The channel holds the new quantity. */
  | 'applied'
  /** The channel accepted it and will apply it shortly (Amazon listings). */
  | 'accepted'
  /** Compare-and-set failed: `channelAvailable` is what the channel holds. */
  | 'stale'
  /** The channel has no listing with this SKU. */
  | 'not_found'
  /** Refused (negative quantity, channel validation): see `error`. */
  | 'rejected'

export interface StockPushResult {
  sku: string
  status: StockPushStatus
  /** The channel's quantity after the call, when it told us. */
  channelAvailable?: number
  error?: ChannelError
}

export interface StockLevel {
  sku: string
  /** Null when the channel has no listing for the SKU. */
  available: number | null
}

export interface ShipmentLine {
  /** `ChannelOrderLine.channelLineId`. */
  channelLineId: string
  quantity: number
}

export interface ShipmentConfirmation {
  channelOrderId: string
  lines: ShipmentLine[]
  /** Our carrier id: royal_mail, parcelforce, dpd, evri, dhl, ups, fedex, yodel, other. */
  carrier: string
  /** Free-text carrier name when `carrier` is `other`. */
  carrierName?: string
  trackingNumber: string
  trackingUrl?: string
  /** ISO UTC instant the parcel left. */
  shippedAt: string
  notifyCustomer?: boolean
}

export interface ShipmentResult {
  /** The channel's fulfilment / shipment id, when it gives one. */
  channelShipmentId: string | null
  /** True when an earlier call with this key or tracking number had already done it. */
  alreadyDone: boolean
}

export interface RefundRequest {
  channelOrderId: string
  currency: string
  /** Total to refund, minor units; must equal the lines' amounts plus `shippingMinor`. */
  amountMinor: number
  lines: { channelLineId: string; quantity: number; amountMinor: number; restock: boolean }[]
  shippingMinor?: number
  reason: string
}

export interface RefundResult {
  channelRefundId: string | null
  state: 'pending' | 'completed'
  alreadyDone: boolean
}

/** A webhook that passed signature verification. */
export interface WebhookEvent {
  /** Dedupe on this: retries and replays of one event carry the same id. */
  eventId: string
  /** The channel's topic: `orders/updated`, `order.updated`, `ORDER_CONFIRMATION`. */
  topic: string
  /** The order it concerns (same form as `ChannelOrder.channelOrderId`), if any: re-fetch it. */
  orderId: string | null
  /** When the channel says the event happened, if it says. */
  occurredAt: string | null
}

/** Header lookup as the HTTP layer hands it over; names are matched case-insensitively. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>

export interface ChannelCapabilities {
  /** The channel can push signed webhooks (Amazon cannot: SQS/EventBridge only). */
  webhooks: boolean
  refunds: boolean
  /** Only Shopify compares before it sets. */
  stockCompareAndSet: boolean
  /** Stock pushes the channel applies later (Amazon listings): read-back may lag. */
  stockAsync: boolean
}

export interface ChannelConnector {
  readonly channel: ChannelId
  readonly capabilities: ChannelCapabilities

  /** Checks credentials and reachability; throws a ChannelError (`auth`, `network`, ...) otherwise. */
  testConnection(): Promise<ConnectionInfo>

  /** A cursor that starts an import at `since` (orders updated at or after it). */
  initialCursor(since: Date): string

  /**
   * Fetches the next page of orders changed since the cursor (`null` = from the beginning of
   * the channel's history). Delivery is at least once across sweeps: upsert on
   * (channelOrderId, updatedAt) and never move a status backwards (ORDER_STATUS_RANK).
   * Retries 429/5xx/timeouts internally per the retry policy, then throws ChannelError.
   */
  fetchOrders(cursor: string | null): Promise<OrderPage>

  /** One order by its channel id, e.g. after a webhook. `not_found` if it does not exist. */
  fetchOrder(channelOrderId: string): Promise<ChannelOrder>

  /**
   * Sets available quantities. Never throws for one bad SKU: each update gets a result.
   * Throws only when the whole call fails (auth, retries exhausted).
   */
  pushStock(updates: readonly StockUpdate[]): Promise<StockPushResult[]>

  /** Reads what the channel advertises now, for reconciliation. */
  readStockLevels(skus: readonly string[]): Promise<StockLevel[]>

  /**
   * Marks lines shipped with tracking. Idempotent: a retry with the same key (or a shipment
   * the channel already records with this tracking number) answers `alreadyDone`.
   */
  confirmShipment(shipment: ShipmentConfirmation, idempotencyKey: string): Promise<ShipmentResult>

  /** Refunds money (and optionally restocks). Idempotent by key. `unsupported` on Amazon. */
  pushRefund(refund: RefundRequest, idempotencyKey: string): Promise<RefundResult>

  /**
   * Verifies a webhook over its raw bytes (never a re-serialised body) and says what it is
   * about. Throws ChannelError `auth` for a bad or missing signature, `contract` for a body
   * that is not the channel's, `unsupported` where the channel has no webhooks. Replays
   * verify again: dedupe on `eventId` (see WebhookDeduper).
   */
  verifyWebhook(rawBody: Uint8Array | string, headers: WebhookHeaders): Promise<WebhookEvent>
}

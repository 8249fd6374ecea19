/**
 * Ports of the returns desk: returns and their lines, refunds, and the read-back of an
 * order as a return needs it. db/ implements them on DuckDB (db/return-store.ts,
 * db/return-queries.ts).
 */
import type { ReturnCondition } from '../../core/orders/index.js'
import type { AddressRecord, OrderHeader, OrderLineState } from '../orders/ports.js'
import type { PaymentRecord } from '../sale/ports.js'

export type ReturnKind = 'desk' | 'rma'
export type ReturnStatus = 'authorised' | 'completed' | 'cancelled'
export type RefundMethodName = 'cash' | 'card' | 'voucher' | 'channel' | 'store-credit' | 'exchange'

export interface ReturnRecord {
  id: string
  number: string
  orderId: string | null
  kind: ReturnKind
  status: ReturnStatus
  channel: string | null
  valueMinor: number
  refundMinor: number
  creditedMinor: number
  method: 'original' | 'store-credit' | 'exchange' | null
  exchangeOrderId: string | null
  windowLastDay: string | null
  windowOverridden: boolean
  approvedBy: string | null
  tillId: string | null
  tillSessionId: string | null
  staffId: string | null
  station: string | null
  note: string | null
  createdAt: Date
  completedAt: Date | null
}

export interface ReturnLineRecord {
  seq: number
  orderLineNo: number | null
  sku: string
  /** Authorised (an RMA) or returned (at the desk). */
  quantity: number
  receivedQuantity: number
  reason: string
  condition: ReturnCondition | null
  /** Where the stock went; null when written off or not yet received. */
  location: string | null
  valueMinor: number
}

/**
 * completed: money or credit given back. queued: waiting for the channel (sync outbox).
 * pending: the channel took it, money not back yet (eBay refunds are asynchronous).
 * failed: the channel refused it (the outbox job is dead: a manager replays or discards it).
 * discarded: a manager chose not to send it: refund the customer another way.
 */
export type RefundStatus = 'completed' | 'queued' | 'pending' | 'failed' | 'discarded'

export interface RefundRecord {
  id: string
  returnId: string | null
  orderId: string | null
  method: RefundMethodName
  amountMinor: number
  /** payments.seq of the tender refunded to. */
  tenderSeq: number | null
  reference: string | null
  status: RefundStatus
  /** The channel's id for a channel refund (what it answered, or reported on import). */
  channelRefundId?: string | null
  tillId: string | null
  tillSessionId: string | null
  staffId: string | null
  station: string | null
  createdAt: Date
}

/** An order as a return sees it: its lines, the tenders that paid and what each got back. */
export interface SoldOrderRows {
  header: OrderHeader
  lines: OrderLineState[]
  payments: PaymentRecord[]
  /** Refunded so far per tender (payments.seq). */
  refundedByTender: Map<number, number>
}

/** A refund paid out of a till's drawer (or recorded against its card terminal): the till's X and Z reports count it. */
export interface TillRefundPayment {
  returnId: string
  seq: number
  method: string
  /** Positive: what left the till. */
  amountMinor: number
  reference: string | null
  tillSessionId: string
  at: Date
}

export interface ReturnStore {
  soldOrder(orderId: string): Promise<SoldOrderRows | undefined>
  /** The order's addresses (a returns label comes from the delivery address). */
  addresses(orderId: string): Promise<AddressRecord[]>
  insert(record: ReturnRecord, lines: readonly ReturnLineRecord[]): Promise<void>
  get(id: string): Promise<{ record: ReturnRecord; lines: ReturnLineRecord[] } | undefined>
  /** Completes an authorised return (an RMA received at the desk): header fields and its lines as received. */
  complete(record: ReturnRecord, lines: readonly ReturnLineRecord[]): Promise<void>
  addRefunds(refunds: readonly RefundRecord[]): Promise<void>
  addTillPayment(payment: TillRefundPayment): Promise<void>
  /** Sets a refund's status (and the channel's refund id, when known); undefined when there is no such refund. */
  setRefundStatus(id: string, status: RefundStatus, channelRefundId?: string | null): Promise<{ orderId: string | null; method: string; amountMinor: number; status: RefundStatus } | undefined>
  /** A channel order's channel refunds (ours pushed, and the channel's own, imported). */
  channelRefunds(orderId: string): Promise<Array<{ id: string; amountMinor: number; status: RefundStatus; channelRefundId: string | null }>>
}

/** A return as read back for the API. */
export interface ReturnRows {
  record: ReturnRecord
  lines: Array<ReturnLineRecord & { name: string | null }>
  refunds: RefundRecord[]
  orderNumber: string | null
  exchangeNumber: string | null
  staffName: string | null
  labelPrintJobId: number | null
}

export interface ReturnQueries {
  get(id: string): Promise<ReturnRows | undefined>
}

/**
 * The Shopify simulator's mutations: inventorySetQuantities (compare-and-set with
 * changeFromQuantity, atomic, @idempotent mandatory from 2026-04), fulfillmentCreate through
 * fulfillment orders, and refundCreate (@idempotent, transactions against the sale).
 */
import { GqlFailure, type GqlArgs, type GqlDirectives, type GqlObject } from './graphql-exec.js'
import { gid, gidNumber, moneyBag, orderNode, refundNode, type OrderRecord } from './nodes.js'
import { parseSimDecimal } from '../shared/catalogue.js'

export interface ShopifyStore {
  readonly orders: Map<number, OrderRecord>
  readonly stock: Map<string, number>
  /** InventoryItem id -> SKU. */
  readonly inventoryItems: Map<number, string>
  readonly locationId: number
  readonly idempotency: Map<string, { fingerprint: string; result: unknown }>
  nextId(): number
  tick(): number
  /** Records a change: bumps updatedAt and sends the topics' webhooks. */
  touch(order: OrderRecord, topics: string[]): void
  inventoryChanged(sku: string): void
}

const REASONS = new Set(['correction', 'cycle_count_available', 'damaged', 'movement_created', 'movement_updated', 'movement_received', 'movement_canceled', 'other', 'promotion', 'quality_control', 'received', 'reservation_created', 'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage'])

type UserError = { __typename: string; field: string[] | null; message: string; code?: string }

/** Runs `work` once per idempotency key; a replay answers the first result. */
function idempotent(store: ShopifyStore, mutation: string, directives: GqlDirectives, input: unknown, requireKey: boolean, work: () => unknown): unknown {
  const key = directives.idempotent?.key
  if (typeof key !== 'string' || key === '') {
    if (requireKey) throw new GqlFailure([{ message: `The @idempotent directive is required for ${mutation} in this API version`, extensions: { code: 'BAD_REQUEST' } }])
    return work()
  }
  const fingerprint = JSON.stringify(input)
  const previous = store.idempotency.get(`${mutation}:${key}`)
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw new GqlFailure([{ message: 'The idempotency key was already used with different arguments', extensions: { code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' } }])
    }
    return previous.result
  }
  const result = work()
  store.idempotency.set(`${mutation}:${key}`, { fingerprint, result })
  return result
}

export function inventorySetQuantities(store: ShopifyStore, args: GqlArgs, directives: GqlDirectives, requireKey: boolean): unknown {
  const input = (args.input ?? {}) as { name?: unknown; reason?: unknown; quantities?: unknown }
  return idempotent(store, 'inventorySetQuantities', directives, input, requireKey, () => {
    const errors: UserError[] = []
    const err = (field: string[], message: string, code: string) => errors.push({ __typename: 'InventorySetQuantitiesUserError', field, message, code })
    if (input.name !== 'available' && input.name !== 'on_hand') err(['input', 'name'], 'The quantity name must be available or on_hand', 'INVALID_NAME')
    if (typeof input.reason !== 'string' || !REASONS.has(input.reason)) err(['input', 'reason'], 'The reason is invalid', 'INVALID_REASON')
    const quantities = Array.isArray(input.quantities) ? (input.quantities as Record<string, unknown>[]) : []
    const planned: { sku: string; itemId: number; from: number; to: number }[] = []
    quantities.forEach((q, i) => {
      const path = ['input', 'quantities', String(i)]
      if (!('changeFromQuantity' in q)) {
        throw new GqlFailure([{ message: `changeFromQuantity must be passed explicitly (null to skip the check) at quantities[${i}]`, extensions: { code: 'INVALID_VARIABLE' } }])
      }
      const itemId = gidNumber(q.inventoryItemId, 'InventoryItem')
      const sku = itemId === undefined ? undefined : store.inventoryItems.get(itemId)
      if (sku === undefined || itemId === undefined) return void err([...path, 'inventoryItemId'], 'The specified inventory item could not be found', 'INVALID_INVENTORY_ITEM')
      if (gidNumber(q.locationId, 'Location') !== store.locationId) return void err([...path, 'locationId'], 'The specified location could not be found', 'INVALID_LOCATION')
      if (typeof q.quantity !== 'number' || !Number.isInteger(q.quantity)) return void err([...path, 'quantity'], 'The quantity must be an integer', 'INVALID_QUANTITY')
      const current = store.stock.get(sku) ?? 0
      if (q.changeFromQuantity !== null && q.changeFromQuantity !== current) {
        return void err([...path, 'changeFromQuantity'], `The specified compare quantity does not match the current quantity (${current})`, 'CHANGE_FROM_QUANTITY_STALE')
      }
      planned.push({ sku, itemId, from: current, to: q.quantity })
    })
    if (errors.length) return { __typename: 'InventorySetQuantitiesPayload', inventoryAdjustmentGroup: null, userErrors: errors }
    for (const p of planned) {
      store.stock.set(p.sku, p.to)
      store.inventoryChanged(p.sku)
    }
    return {
      __typename: 'InventorySetQuantitiesPayload',
      userErrors: [],
      inventoryAdjustmentGroup: {
        __typename: 'InventoryAdjustmentGroup',
        id: gid('InventoryAdjustmentGroup', store.nextId()),
        reason: input.reason,
        createdAt: new Date(store.tick()).toISOString(),
        changes: planned.map((p) => ({
          __typename: 'InventoryChange',
          name: input.name,
          delta: p.to - p.from,
          quantityAfterChange: p.to,
          item: { __typename: 'InventoryItem', id: gid('InventoryItem', p.itemId), sku: p.sku },
        })),
      },
    }
  })
}

export function fulfillmentCreate(store: ShopifyStore, args: GqlArgs): unknown {
  const input = (args.fulfillment ?? {}) as { lineItemsByFulfillmentOrder?: unknown; trackingInfo?: Record<string, unknown> }
  const fail = (message: string, field: string[]) => ({ __typename: 'FulfillmentCreatePayload', fulfillment: null, userErrors: [{ __typename: 'UserError', field, message }] })
  const groups = Array.isArray(input.lineItemsByFulfillmentOrder) ? (input.lineItemsByFulfillmentOrder as Record<string, unknown>[]) : []
  if (groups.length !== 1) return fail('Exactly one fulfillment order is supported by the simulator', ['fulfillment', 'lineItemsByFulfillmentOrder'])
  const group = groups[0] ?? {}
  const orderId = (gidNumber(group.fulfillmentOrderId, 'FulfillmentOrder') ?? 0) - 3_000_000
  const order = store.orders.get(orderId)
  if (!order) return fail('Fulfillment order does not exist.', ['fulfillment', 'lineItemsByFulfillmentOrder', '0', 'fulfillmentOrderId'])
  if (order.cancelledAt !== null) return fail('Fulfillment order is not in a fulfillable state.', ['fulfillment'])
  const items = Array.isArray(group.fulfillmentOrderLineItems) ? (group.fulfillmentOrderLineItems as Record<string, unknown>[]) : null
  const wanted = items === null
    ? order.lines.map((l) => ({ line: l, quantity: l.quantity - l.fulfilled - l.refunded }))
    : items.map((item) => ({ line: order.lines.find((l) => l.id + 3_000_000 === gidNumber(item.id, 'FulfillmentOrderLineItem')), quantity: Number(item.quantity) }))
  for (const w of wanted) {
    if (!w.line) return fail('Fulfillment order line item does not exist.', ['fulfillment', 'lineItemsByFulfillmentOrder', '0', 'fulfillmentOrderLineItems'])
    if (!(w.quantity > 0) || w.quantity > w.line.quantity - w.line.fulfilled - w.line.refunded) return fail('Invalid fulfillment order line item quantity requested.', ['fulfillment'])
  }
  const tracking = input.trackingInfo ?? {}
  const record = {
    id: store.nextId(),
    createdAt: store.tick(),
    company: String(tracking.company ?? ''),
    number: String(tracking.number ?? ''),
    url: typeof tracking.url === 'string' ? tracking.url : null,
    lines: [] as { lineItemId: number; quantity: number }[],
  }
  for (const w of wanted) {
    if (!w.line) continue
    w.line.fulfilled += w.quantity
    record.lines.push({ lineItemId: w.line.id, quantity: w.quantity })
  }
  order.fulfillments.push(record)
  const open = order.lines.some((l) => l.fulfilled + l.refunded < l.quantity)
  order.fulfillment = open ? 'PARTIALLY_FULFILLED' : 'FULFILLED'
  store.touch(order, open ? ['orders/updated', 'orders/partially_fulfilled'] : ['orders/updated', 'orders/fulfilled'])
  return {
    __typename: 'FulfillmentCreatePayload',
    userErrors: [],
    fulfillment: {
      __typename: 'Fulfillment',
      id: gid('Fulfillment', record.id),
      status: 'SUCCESS',
      createdAt: new Date(record.createdAt).toISOString(),
      trackingInfo: [{ __typename: 'FulfillmentTrackingInfo', company: record.company, number: record.number, url: record.url }],
    },
  }
}

export function refundCreate(store: ShopifyStore, args: GqlArgs, directives: GqlDirectives, requireKey: boolean): unknown {
  const input = (args.input ?? {}) as Record<string, unknown>
  return idempotent(store, 'refundCreate', directives, input, requireKey, () => {
    const fail = (message: string, field: string[]): GqlObject => ({ __typename: 'RefundCreatePayload', refund: null, order: null, userErrors: [{ __typename: 'UserError', field, message }] })
    const order = store.orders.get(gidNumber(input.orderId, 'Order') ?? -1)
    if (!order) return fail('Order does not exist', ['orderId'])
    const currency = order.spec.currency
    const items = Array.isArray(input.refundLineItems) ? (input.refundLineItems as Record<string, unknown>[]) : []
    const lines: { lineItemId: number; quantity: number; restock: boolean }[] = []
    for (const item of items) {
      const line = order.lines.find((l) => l.id === gidNumber(item.lineItemId, 'LineItem'))
      const quantity = Number(item.quantity)
      if (!line) return fail('Line item does not exist', ['refundLineItems'])
      if (!(quantity > 0) || quantity > line.quantity - line.refunded) return fail('Quantity cannot refund more items than were purchased', ['refundLineItems'])
      lines.push({ lineItemId: line.id, quantity, restock: item.restockType === 'RETURN' || item.restockType === 'CANCEL' })
    }
    const transactions = Array.isArray(input.transactions) ? (input.transactions as Record<string, unknown>[]) : []
    let amountMinor = 0
    for (const t of transactions) {
      if (t.kind !== 'REFUND') return fail('Transaction kind must be REFUND', ['transactions'])
      if (gidNumber(t.parentId, 'OrderTransaction') !== order.transactionId) return fail('Parent transaction does not exist', ['transactions'])
      const amount = parseSimDecimal(t.amount, currency)
      if (Number.isNaN(amount)) return fail('Amount is invalid', ['transactions'])
      amountMinor += amount
    }
    const already = order.refunds.reduce((s, r) => s + r.amountMinor, 0)
    if (amountMinor + already > order.amounts.totalMinor) return fail('Refund amount exceeds the refundable amount', ['transactions'])
    for (const l of lines) {
      const line = order.lines.find((x) => x.id === l.lineItemId)
      if (!line) continue
      line.refunded += l.quantity
      if (l.restock && line.sku) store.stock.set(line.sku, (store.stock.get(line.sku) ?? 0) + l.quantity)
    }
    const refund = { id: store.nextId(), createdAt: store.tick(), amountMinor, note: typeof input.note === 'string' ? input.note : null, lines: lines.map(({ lineItemId, quantity }) => ({ lineItemId, quantity })) }
    order.refunds.push(refund)
    order.financial = already + amountMinor >= order.amounts.totalMinor ? 'REFUNDED' : 'PARTIALLY_REFUNDED'
    store.touch(order, ['refunds/create', 'orders/updated'])
    return { __typename: 'RefundCreatePayload', userErrors: [], refund: { ...refundNode(refund, currency), totalRefundedSet: moneyBag(amountMinor, currency) }, order: orderNode(order) }
  })
}

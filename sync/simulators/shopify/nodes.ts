/**
 * The Shopify simulator's records and how they look through the GraphQL Admin API (2026-04):
 * GIDs, MoneyBag amounts as Decimal strings ("10.0"), display statuses, connections with
 * opaque cursors. Connections resolve lazily so only what a query asks for is built.
 */
import { decimal, type SimOrderAmounts, type SimOrderSpec } from '../shared/catalogue.js'
import { GqlFailure, type GqlArgs, type GqlObject } from './graphql-exec.js'

export type FinancialStatus = 'PENDING' | 'AUTHORIZED' | 'PARTIALLY_PAID' | 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'VOIDED' | 'EXPIRED'
export type FulfillmentStatus = 'UNFULFILLED' | 'PARTIALLY_FULFILLED' | 'FULFILLED' | 'RESTOCKED' | 'ON_HOLD'

export interface LineRecord {
  id: number
  sku: string | null
  title: string
  quantity: number
  unitPriceMinor: number
  discountMinor: number
  taxMinor: number
  fulfilled: number
  refunded: number
  inventoryItemId: number | null
}

export interface FulfillmentRecord {
  id: number
  createdAt: number
  company: string
  number: string
  url: string | null
  lines: { lineItemId: number; quantity: number }[]
}

export interface RefundRecord {
  id: number
  createdAt: number
  amountMinor: number
  note: string | null
  lines: { lineItemId: number; quantity: number }[]
}

export interface OrderRecord {
  id: number
  number: number
  spec: SimOrderSpec
  amounts: SimOrderAmounts
  createdAt: number
  updatedAt: number
  financial: FinancialStatus
  fulfillment: FulfillmentStatus
  cancelledAt: number | null
  cancelReason: string | null
  lines: LineRecord[]
  fulfillments: FulfillmentRecord[]
  refunds: RefundRecord[]
  transactionId: number
}

export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`

export function gidNumber(value: unknown, type: string): number | undefined {
  if (typeof value !== 'string') return undefined
  const match = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(value)
  return match ? Number(match[1]) : undefined
}

const iso = (ms: number) => new Date(ms).toISOString()

export function moneyBag(minor: number, currency: string): GqlObject {
  const money = { __typename: 'MoneyV2', amount: decimal(minor, currency, 'shopify'), currencyCode: currency }
  return { __typename: 'MoneyBag', shopMoney: money, presentmentMoney: money }
}

/** A connection over `items`, paginated by `first`/`after` with index cursors. */
export function connection<T>(typename: string, items: readonly T[], args: GqlArgs, toNode: (item: T) => GqlObject, cursorOf?: (item: T) => string): GqlObject {
  const first = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined
  if (first === undefined) throw new GqlFailure([{ message: `you must provide one of first or last on ${typename}`, extensions: { code: 'BAD_REQUEST' } }])
  if (first > 250 || first < 0) throw new GqlFailure([{ message: `${typename}: first must be between 0 and 250`, extensions: { code: 'BAD_REQUEST' } }])
  const cursor = cursorOf ?? ((item: T) => Buffer.from(JSON.stringify({ index: items.indexOf(item) })).toString('base64'))
  let start = 0
  if (typeof args.after === 'string' && !cursorOf) {
    const index = decodeIndex(args.after)
    start = index + 1
  }
  const page = items.slice(start, start + first)
  const hasNextPage = start + first < items.length
  return pageObject(typename, page, hasNextPage, start > 0, toNode, cursor)
}

export function pageObject<T>(typename: string, page: readonly T[], hasNextPage: boolean, hasPreviousPage: boolean, toNode: (item: T) => GqlObject, cursor: (item: T) => string): GqlObject {
  const nodes = page.map(toNode)
  const first = page[0]
  const last = page[page.length - 1]
  return {
    __typename: typename,
    nodes,
    edges: page.map((item, i) => ({ __typename: typename.replace(/Connection$/, 'Edge'), cursor: cursor(item), node: nodes[i] })),
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage,
      hasPreviousPage,
      startCursor: first === undefined ? null : cursor(first),
      endCursor: last === undefined ? null : cursor(last),
    },
  }
}

function decodeIndex(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { index?: unknown }
    if (typeof parsed.index === 'number') return parsed.index
  } catch {
    // fall through
  }
  throw new GqlFailure([{ message: `Invalid cursor for pagination: ${cursor}`, extensions: { code: 'BAD_REQUEST' } }])
}

export function orderNode(order: OrderRecord): GqlObject {
  const { spec, amounts } = order
  const c = spec.currency
  const [firstName = '', ...rest] = spec.customer.name.split(' ')
  const refunded = order.refunds.reduce((s, r) => s + r.amountMinor, 0)
  return {
    __typename: 'Order',
    id: gid('Order', order.id),
    legacyResourceId: String(order.id),
    name: `#${order.number}`,
    createdAt: iso(order.createdAt),
    processedAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
    cancelledAt: order.cancelledAt === null ? null : iso(order.cancelledAt),
    cancelReason: order.cancelReason,
    closed: order.fulfillment === 'FULFILLED',
    displayFinancialStatus: order.financial,
    displayFulfillmentStatus: order.fulfillment,
    currencyCode: c,
    presentmentCurrencyCode: c,
    taxesIncluded: c !== 'USD',
    email: spec.customer.email,
    phone: spec.customer.phone,
    note: null,
    customer: {
      __typename: 'Customer',
      id: gid('Customer', order.id + 7_000_000),
      displayName: spec.customer.name,
      firstName,
      lastName: rest.join(' '),
      defaultEmailAddress: { __typename: 'CustomerEmailAddress', emailAddress: spec.customer.email },
      defaultPhoneNumber: spec.customer.phone ? { __typename: 'CustomerPhoneNumber', phoneNumber: spec.customer.phone } : null,
    },
    shippingAddress: {
      __typename: 'MailingAddress',
      name: spec.customer.name,
      firstName,
      lastName: rest.join(' '),
      company: null,
      address1: spec.address.line1,
      address2: spec.address.line2,
      city: spec.address.city,
      province: spec.address.region,
      provinceCode: null,
      zip: spec.address.postcode,
      country: spec.address.country === 'GB' ? 'United Kingdom' : spec.address.country,
      countryCodeV2: spec.address.country,
      phone: spec.customer.phone,
    },
    subtotalPriceSet: moneyBag(amounts.subtotalMinor, c),
    totalPriceSet: moneyBag(amounts.totalMinor, c),
    currentTotalPriceSet: moneyBag(amounts.totalMinor - refunded, c),
    totalTaxSet: moneyBag(amounts.taxMinor, c),
    totalShippingPriceSet: moneyBag(amounts.shippingMinor, c),
    totalDiscountsSet: moneyBag(amounts.discountMinor, c),
    totalRefundedSet: moneyBag(refunded, c),
    shippingLine: {
      __typename: 'ShippingLine',
      title: spec.shipping.method,
      code: spec.shipping.method.toUpperCase().replace(/\W+/g, '_'),
      originalPriceSet: moneyBag(amounts.shippingMinor, c),
      discountedPriceSet: moneyBag(amounts.shippingMinor, c),
      taxLines: [taxLine(amounts.shippingTaxMinor, spec)],
    },
    lineItems: (args: GqlArgs) => connection('LineItemConnection', order.lines, args, (l) => lineItemNode(l, spec)),
    fulfillmentOrders: (args: GqlArgs) => connection('FulfillmentOrderConnection', [order], args, fulfillmentOrderNode),
    fulfillments: (args: GqlArgs) => order.fulfillments.slice(0, typeof args.first === 'number' ? args.first : undefined).map(fulfillmentNode),
    refunds: (args: GqlArgs) => order.refunds.slice(0, typeof args.first === 'number' ? args.first : undefined).map((r) => refundNode(r, c)),
    transactions: (args: GqlArgs) => [order].slice(0, typeof args.first === 'number' ? args.first : undefined).map((o) => ({
      __typename: 'OrderTransaction',
      id: gid('OrderTransaction', o.transactionId),
      kind: 'SALE',
      status: o.financial === 'PENDING' ? 'PENDING' : 'SUCCESS',
      gateway: 'shopify_payments',
      amountSet: moneyBag(o.amounts.totalMinor, c),
    })),
  }
}

function taxLine(minor: number, spec: SimOrderSpec): GqlObject {
  return { __typename: 'TaxLine', title: spec.currency === 'USD' ? 'Sales tax' : 'VAT', rate: spec.taxRatePercent / 100, ratePercentage: spec.taxRatePercent, priceSet: moneyBag(minor, spec.currency) }
}

function lineItemNode(line: LineRecord, spec: SimOrderSpec): GqlObject {
  const c = spec.currency
  return {
    __typename: 'LineItem',
    id: gid('LineItem', line.id),
    sku: line.sku,
    title: line.title,
    name: line.title,
    quantity: line.quantity,
    currentQuantity: line.quantity - line.refunded,
    unfulfilledQuantity: line.quantity - line.fulfilled,
    requiresShipping: true,
    originalUnitPriceSet: moneyBag(line.unitPriceMinor, c),
    originalTotalSet: moneyBag(line.unitPriceMinor * line.quantity, c),
    discountedTotalSet: moneyBag(line.unitPriceMinor * line.quantity - line.discountMinor, c),
    totalDiscountSet: moneyBag(line.discountMinor, c),
    taxLines: [taxLine(line.taxMinor, spec)],
    variant: line.inventoryItemId === null ? null : {
      __typename: 'ProductVariant',
      id: gid('ProductVariant', line.inventoryItemId + 1_000_000),
      sku: line.sku,
      inventoryItem: { __typename: 'InventoryItem', id: gid('InventoryItem', line.inventoryItemId) },
    },
  }
}

function fulfillmentOrderNode(order: OrderRecord): GqlObject {
  const remaining = order.lines.reduce((s, l) => s + l.quantity - l.fulfilled - l.refunded, 0)
  const started = order.lines.some((l) => l.fulfilled > 0)
  return {
    __typename: 'FulfillmentOrder',
    id: gid('FulfillmentOrder', order.id + 3_000_000),
    status: order.cancelledAt !== null ? 'CANCELLED' : remaining === 0 ? 'CLOSED' : started ? 'IN_PROGRESS' : 'OPEN',
    lineItems: (args: GqlArgs) => connection('FulfillmentOrderLineItemConnection', order.lines, args, (l) => ({
      __typename: 'FulfillmentOrderLineItem',
      id: gid('FulfillmentOrderLineItem', l.id + 3_000_000),
      totalQuantity: l.quantity,
      remainingQuantity: l.quantity - l.fulfilled - l.refunded,
      lineItem: { __typename: 'LineItem', id: gid('LineItem', l.id), sku: l.sku },
    })),
  }
}

function fulfillmentNode(f: FulfillmentRecord): GqlObject {
  return {
    __typename: 'Fulfillment',
    id: gid('Fulfillment', f.id),
    status: 'SUCCESS',
    createdAt: iso(f.createdAt),
    trackingInfo: [{ __typename: 'FulfillmentTrackingInfo', company: f.company, number: f.number, url: f.url }],
  }
}

export function refundNode(r: RefundRecord, currency: string): GqlObject {
  return {
    __typename: 'Refund',
    id: gid('Refund', r.id),
    createdAt: iso(r.createdAt),
    note: r.note,
    totalRefundedSet: moneyBag(r.amountMinor, currency),
    refundLineItems: (args: GqlArgs) => connection('RefundLineItemConnection', r.lines, args, (l) => ({
      __typename: 'RefundLineItem',
      quantity: l.quantity,
      lineItem: { __typename: 'LineItem', id: gid('LineItem', l.lineItemId) },
    })),
  }
}

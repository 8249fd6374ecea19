/**
 * The order list: one search box (order number, receipt barcode, channel order id, email,
 * phone, SKU, customer name), filters (channel, status, despatch light, tag, dates) and
 * cursor paging, newest first. A search finds its few candidates by indexed lookups and
 * is filtered and paged here; without a search the database pages the whole book.
 */
import { invalid } from '../../core/errors.js'
import { endOfLocalDay, localDate, searchKeys, trafficLight, type TrafficLight } from '../../core/orders/index.js'
import type { OrderStatus } from '../../core/orders/order-status.js'
import type { OrderCursor, OrderListFilters, OrderListRow, OrderQueries } from './ports.js'

/** Orders still to leave the building: the ones a despatch light applies to. */
export const OPEN_FOR_DESPATCH: readonly OrderStatus[] = Object.freeze(['pending', 'backordered', 'partially_allocated', 'allocated', 'picking', 'picked', 'packed', 'partially_shipped'])

/** Most candidates a search considers (a SKU sold a thousand times shows its first 200 orders). */
const SEARCH_CAP = 200

export interface OrderListParams {
  q?: string | undefined
  channels?: string[] | undefined
  /** Channel accounts (two shops on one channel). */
  accounts?: string[] | undefined
  statuses?: string[] | undefined
  light?: TrafficLight | undefined
  tag?: string | undefined
  from?: Date | undefined
  to?: Date | undefined
  cursor?: string | undefined
  limit: number
}

/** One row of `GET /api/orders`. */
export interface OrderListItem {
  id: string
  channel: string
  /** The channel account it came from; null for our own orders. */
  account: string | null
  number: string
  channelOrderId: string | null
  status: string
  placedAt: string
  customer: { name: string | null; email: string | null } | null
  totalMinor: number
  refundedMinor: number
  currency: string
  despatchBy: string | null
  /** Null when the order has no despatch deadline or has left the building. */
  light: TrafficLight | null
  tags: string[]
  /** Things a person should look at: `unknown_sku:ABC`, `review:…`, `no_deadline:…`. */
  flags: string[]
  itemCount: number
}

export interface OrderListPage {
  items: OrderListItem[]
  nextCursor: string | null
}

export const encodeCursor = (c: OrderCursor): string => Buffer.from(`${c.placedAt.toISOString()}|${c.id}`).toString('base64url')

export function decodeCursor(text: string): OrderCursor {
  const [at = '', ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|')
  const placedAt = new Date(at)
  if (Number.isNaN(placedAt.getTime()) || rest.length === 0) throw invalid('That page cursor is not one this list gave out', 'cursor')
  return { placedAt, id: rest.join('|') }
}

/** The light for an order now, or null when none applies. */
export function lightOf(row: Pick<OrderListRow, 'status' | 'despatchBy'>, now: Date, zone: string): TrafficLight | null {
  if (!row.despatchBy || !OPEN_FOR_DESPATCH.includes(row.status)) return null
  return trafficLight(row.despatchBy, now, zone)
}

const newestFirst = (a: OrderListRow, b: OrderListRow) => b.placedAt.getTime() - a.placedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
const isAfter = (row: OrderListRow, c: OrderCursor) => row.placedAt.getTime() < c.placedAt.getTime() || (row.placedAt.getTime() === c.placedAt.getTime() && row.id < c.id)

function toItem(row: OrderListRow, now: Date, zone: string): OrderListItem {
  return {
    id: row.id, channel: row.channel, account: row.account, number: row.number, channelOrderId: row.channelOrderId, status: row.status, placedAt: row.placedAt.toISOString(),
    customer: row.customerName || row.customerEmail ? { name: row.customerName, email: row.customerEmail } : null, totalMinor: row.totalMinor,
    refundedMinor: row.refundedMinor, currency: row.currency, despatchBy: row.despatchBy?.toISOString() ?? null, light: lightOf(row, now, zone),
    tags: row.tags, flags: row.flags, itemCount: row.itemCount,
  }
}

function filtersOf(params: OrderListParams, now: Date, zone: string): OrderListFilters {
  return {
    channels: params.channels ?? [],
    accounts: params.accounts ?? [],
    statuses: params.statuses ?? [],
    tag: params.tag ?? null,
    from: params.from ?? null,
    to: params.to ?? null,
    light: params.light ? { light: params.light, now, endOfToday: endOfLocalDay(localDate(now, zone), zone), open: OPEN_FOR_DESPATCH } : null,
  }
}

/** The same filters, applied to search candidates in memory. */
function matches(row: OrderListRow, f: OrderListFilters, now: Date, zone: string): boolean {
  if (f.channels.length && !f.channels.includes(row.channel)) return false
  if (f.accounts.length && (row.account === null || !f.accounts.includes(row.account))) return false
  if (f.statuses.length && !f.statuses.includes(row.status)) return false
  if (f.tag && !row.tags.includes(f.tag)) return false
  if (f.from && row.placedAt < f.from) return false
  if (f.to && row.placedAt >= f.to) return false
  if (f.light && lightOf(row, now, zone) !== f.light.light) return false
  return true
}

export async function listOrders(queries: OrderQueries, params: OrderListParams, now: Date, zone: string): Promise<OrderListPage> {
  const filters = filtersOf(params, now, zone)
  const after = params.cursor ? decodeCursor(params.cursor) : null
  const q = params.q?.trim()
  let rows: OrderListRow[]
  if (q) {
    const keys = searchKeys(q)
    const candidates = await queries.lookup({
      numbers: keys.email ? [] : [...new Set([keys.text, ...keys.orderNumbers, ...(keys.receiptNumber ? [keys.receiptNumber] : [])])],
      email: keys.email, phone: keys.email ? null : keys.phone, text: keys.email || keys.phone ? null : keys.text,
    }, SEARCH_CAP)
    if (filters.tag) await queries.decorate(candidates)
    rows = candidates.filter((r) => matches(r, filters, now, zone) && (!after || isAfter(r, after))).sort(newestFirst).slice(0, params.limit + 1)
  } else {
    rows = await queries.page(filters, after, params.limit + 1)
  }
  const page = rows.slice(0, params.limit)
  if (!(q && filters.tag)) await queries.decorate(page)
  const last = page[page.length - 1]
  return {
    items: page.map((r) => toItem(r, now, zone)),
    nextCursor: rows.length > params.limit && last ? encodeCursor({ placedAt: last.placedAt, id: last.id }) : null,
  }
}

/** Typed calls for the order book and the returns desk. */
import type {
  CreatedOrderDto,
  CreateOrderRequest,
  NotificationDto,
  OrderDetailDto,
  OrderListDto,
  ReturnAuthorisationDto,
  ReturnConditionDto,
  ReturnDto,
  ReturnOptionsDto,
  ReturnRequest,
  SavedViewDto,
} from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

/** The order list's query as the screen holds it (and as a saved view stores it). */
export interface OrderQuery {
  q?: string
  channel?: string
  /** A channel account (two shops on one channel). */
  account?: string
  status?: string
  light?: 'green' | 'amber' | 'red' | ''
  tag?: string
  from?: string
  to?: string
}

export const QUERY_KEYS = ['q', 'channel', 'account', 'status', 'light', 'tag', 'from', 'to'] as const

/** `?q=…&channel=…` with empty fields left out. */
export function queryString(query: OrderQuery, extra: Record<string, string | number | null | undefined> = {}): string {
  const params = new URLSearchParams()
  for (const key of QUERY_KEYS) {
    const value = query[key]?.trim()
    if (value) params.set(key, value)
  }
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Only the known, non-empty fields of a saved view's filters. */
export function cleanQuery(filters: Record<string, string>): OrderQuery {
  const out: Record<string, string> = {}
  for (const key of QUERY_KEYS) if (filters[key]) out[key] = filters[key]
  return out as OrderQuery
}

export function listOrders(api: ApiClient, query: OrderQuery, cursor: string | null = null, limit = 50): Promise<OrderListDto> {
  return api.get<OrderListDto>(`/api/orders${queryString(query, { cursor, limit })}`)
}

export function getOrder(api: ApiClient, id: string): Promise<OrderDetailDto> {
  return api.get<OrderDetailDto>(`/api/orders/${encodeURIComponent(id)}`)
}

export function tagOrder(api: ApiClient, id: string, tag: string): Promise<{ added: boolean }> {
  return api.post(`/api/orders/${encodeURIComponent(id)}/tags`, { json: { tag } })
}

export function untagOrder(api: ApiClient, id: string, tag: string): Promise<void> {
  return api.delete(`/api/orders/${encodeURIComponent(id)}/tags/${encodeURIComponent(tag)}`)
}

export function addNote(api: ApiClient, id: string, body: string): Promise<{ id: string }> {
  return api.post(`/api/orders/${encodeURIComponent(id)}/notes`, { json: { body } })
}

export async function savedViews(api: ApiClient): Promise<SavedViewDto[]> {
  return (await api.get<{ items: SavedViewDto[] }>('/api/order-views')).items
}

export function saveView(api: ApiClient, name: string, query: OrderQuery, shared = false): Promise<SavedViewDto> {
  const filters: Record<string, string> = {}
  for (const key of QUERY_KEYS) if (query[key]) filters[key] = query[key]!
  return api.post<SavedViewDto>('/api/order-views', { json: { name, filters, shared } })
}

export function deleteView(api: ApiClient, id: string): Promise<void> {
  return api.delete(`/api/order-views/${encodeURIComponent(id)}`)
}

export async function notifications(api: ApiClient, unread = true): Promise<NotificationDto[]> {
  return (await api.get<{ items: NotificationDto[] }>(`/api/notifications?unread=${unread}`)).items
}

export function markRead(api: ApiClient, id: string): Promise<void> {
  return api.post(`/api/notifications/${encodeURIComponent(id)}/read`)
}

export function returnOptions(api: ApiClient): Promise<ReturnOptionsDto> {
  return api.get<ReturnOptionsDto>('/api/returns/options')
}

/** Takes a return; `key` is the Idempotency-Key (the same for a retry of the same request). */
export function createReturn(api: ApiClient, request: ReturnRequest, key: string): Promise<ReturnDto> {
  return api.post<ReturnDto>('/api/returns', { json: request, headers: { 'Idempotency-Key': key } })
}

/** Labels people read for channels and statuses. */
export const CHANNEL_LABEL: Record<string, string> = {
  store: 'Shop', shopify: 'Shopify', woocommerce: 'WooCommerce', amazon: 'Amazon', ebay: 'eBay', phone: 'Phone', manual: 'Manual',
}

export const statusLabel = (status: string): string => status.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())

// ─── Desk actions: phone orders, despatch, lost parcels, returns by post, settings ─────────

/** A phone or manual order; `key` is the Idempotency-Key. */
export function createOrder(api: ApiClient, request: CreateOrderRequest, key: string): Promise<CreatedOrderDto> {
  return api.post<CreatedOrderDto>('/api/orders', { json: request, headers: { 'Idempotency-Key': key } })
}

export function despatchOrder(api: ApiClient, id: string, body: { carrier: string; service?: string; trackingNumber: string }, key: string): Promise<{ id: string; shippedAt: string }> {
  return api.post(`/api/orders/${encodeURIComponent(id)}/shipments`, { json: body, headers: { 'Idempotency-Key': key } })
}

export function markLost(api: ApiClient, id: string, body: { reason: string; replace: boolean }, key: string): Promise<{ id: string; status: string; replacement: { id: string; number: string } | null }> {
  return api.post(`/api/orders/${encodeURIComponent(id)}/lost`, { json: body, headers: { 'Idempotency-Key': key } })
}

export interface AuthoriseReturnRequest {
  order: string
  lines: Array<{ sku: string; quantity: number; reason: string }>
  address?: { name: string; line1: string; line2?: string; city: string; postcode: string }
  note?: string
}

export function authoriseReturn(api: ApiClient, request: AuthoriseReturnRequest, key: string): Promise<ReturnAuthorisationDto> {
  return api.post<ReturnAuthorisationDto>('/api/returns/authorisations', { json: request, headers: { 'Idempotency-Key': key } })
}

export function getReturn(api: ApiClient, idOrNumber: string): Promise<ReturnDto> {
  return api.get<ReturnDto>(`/api/returns/${encodeURIComponent(idOrNumber)}`)
}

export interface ReceiveReturnRequest {
  lines: Array<{ sku: string; quantity: number; condition: ReturnConditionDto }>
  refund: ReturnRequest['refund']
}

export function receiveReturn(api: ApiClient, id: string, request: ReceiveReturnRequest, key: string): Promise<ReturnDto> {
  return api.post<ReturnDto>(`/api/returns/${encodeURIComponent(id)}/receive`, { json: request, headers: { 'Idempotency-Key': key } })
}

/** The order settings as `GET /api/settings/orders` answers (the parts the settings panel edits). */
export interface OrderSettingsDto {
  shippingRules: Array<{ channel: string; method: string; cutOff: string; handlingDays: number; transitDays: number }>
  escalations: Array<{ when: 'amber' | 'red'; at?: string; actions: string[] }>
  fulfilmentLocations: string[] | null
  reallocation: 'placed' | 'despatch-by'
  resolved: { timeZone: string; fulfilmentLocations: string[] }
}

export function getOrderSettings(api: ApiClient): Promise<OrderSettingsDto> {
  return api.get<OrderSettingsDto>('/api/settings/orders')
}

export function saveOrderSettings(api: ApiClient, patch: Partial<Omit<OrderSettingsDto, 'resolved'>>): Promise<OrderSettingsDto> {
  return api.request<OrderSettingsDto>('PUT', '/api/settings/orders', { json: patch })
}

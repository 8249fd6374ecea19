/** Typed calls for the order book and the returns desk. */
import type {
  NotificationDto,
  OrderDetailDto,
  OrderListDto,
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
  status?: string
  light?: 'green' | 'amber' | 'red' | ''
  tag?: string
  from?: string
  to?: string
}

export const QUERY_KEYS = ['q', 'channel', 'status', 'light', 'tag', 'from', 'to'] as const

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

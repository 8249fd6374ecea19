import type {
  AdjustmentRequest,
  AdjustmentResult,
  LocationDto,
  MovementPage,
  StockView,
} from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

const sku = (value: string) => encodeURIComponent(value)

export function getStock(api: ApiClient, skuCode: string, signal?: AbortSignal): Promise<StockView> {
  return api.get<StockView>(`/api/stock/${sku(skuCode)}`, signal ? { signal } : {})
}

/** One page of movements, newest first; pass the last page's `nextCursor` as `before`. */
export function getMovements(api: ApiClient, skuCode: string, before?: number | null, limit = 50): Promise<MovementPage> {
  const params = new URLSearchParams({ limit: String(limit) })
  if (before !== undefined && before !== null) params.set('before', String(before))
  return api.get<MovementPage>(`/api/stock/${sku(skuCode)}/movements?${params}`)
}

/** `GET /api/locations`. The contract names only `LocationDto`: `{items}` (like every list) or a bare array. */
export async function listLocations(api: ApiClient): Promise<LocationDto[]> {
  const answer = await api.get<LocationDto[] | { items: LocationDto[] }>('/api/locations')
  return Array.isArray(answer) ? answer : answer.items
}

/** `POST /api/stock/adjustments`; the key makes a retry of the same adjustment safe. */
export function adjustStock(api: ApiClient, request: AdjustmentRequest, idempotencyKey: string): Promise<AdjustmentResult> {
  return api.post<AdjustmentResult>('/api/stock/adjustments', {
    json: request,
    headers: { 'Idempotency-Key': idempotencyKey },
  })
}

/** Typed calls for picking, packing, despatch and click and collect, plus the small pure rules the screens share. */
import type {
  CarrierListDto,
  CollectionDto,
  CollectionListDto,
  CollectionReadyDto,
  CreateWaveRequest,
  HandoverRequest,
  ManifestDto,
  PackDto,
  PackRequest,
  PickExceptionRequest,
  PickListDto,
  PickListsDto,
  PickListStatus,
  PickMethod,
  PickQueueDto,
  PickScanResultDto,
  PickTaskDto,
  ShipRequest,
  ShipResultDto,
  WaveDto,
} from '../../appliance/api/fulfilment-contract.js'
import type { ApiClient } from './api.js'

const enc = encodeURIComponent

// ─── Picking ─────────────────────────────────────────────────────────────────

export function pickQueue(api: ApiClient, zone = '', limit = 200): Promise<PickQueueDto> {
  const params = new URLSearchParams({ limit: String(limit) })
  if (zone) params.set('zone', zone)
  return api.get<PickQueueDto>(`/api/picking/queue?${params}`)
}

export function createWave(api: ApiClient, request: CreateWaveRequest): Promise<WaveDto> {
  return api.post<WaveDto>('/api/picking/waves', { json: request })
}

/** Pick lists: `me`, one picker's (staff id), or everyone's (''). */
export async function pickLists(api: ApiClient, picker: string, status?: PickListStatus) {
  const params = new URLSearchParams()
  if (picker) params.set('picker', picker)
  if (status) params.set('status', status)
  return (await api.get<PickListsDto>(`/api/picking/lists?${params}`)).items
}

export const getPickList = (api: ApiClient, id: string) => api.get<PickListDto>(`/api/picking/lists/${enc(id)}`)

export const assignTote = (api: ApiClient, id: string, tote: string) =>
  api.post<PickListDto>(`/api/picking/lists/${enc(id)}/tote`, { json: { tote } })

export function pickScan(api: ApiClient, id: string, code: string, bin: string | null, quantity?: number): Promise<PickScanResultDto> {
  const json: Record<string, unknown> = { code }
  if (bin) json['bin'] = bin
  if (quantity !== undefined) json['quantity'] = quantity
  return api.post<PickScanResultDto>(`/api/picking/lists/${enc(id)}/scan`, { json })
}

export const pickException = (api: ApiClient, id: string, request: PickExceptionRequest, key: string) =>
  api.post<PickListDto>(`/api/picking/lists/${enc(id)}/exceptions`, { json: request, headers: { 'Idempotency-Key': key } })

/** The printable pick list (a PDF the browser opens and prints). */
export const pickListPdfPath = (id: string) => `/api/picking/lists/${enc(id)}/document?format=pdf`

// ─── Packing and despatch ────────────────────────────────────────────────────

export const getPack = (api: ApiClient, code: string) => api.get<PackDto>(`/api/packing/${enc(code)}`)

export const packScan = (api: ApiClient, orderId: string, code: string) =>
  api.post<PackDto>(`/api/packing/${enc(orderId)}/scan`, { json: { code } })

export const packOrder = (api: ApiClient, orderId: string, request: PackRequest) =>
  api.post<PackDto>(`/api/packing/${enc(orderId)}/pack`, { json: request })

export const shipOrder = (api: ApiClient, orderId: string, request: ShipRequest, key: string) =>
  api.post<ShipResultDto>(`/api/packing/${enc(orderId)}/ship`, { json: request, headers: { 'Idempotency-Key': key } })

export const deliveryNotePath = (orderId: string) => `/api/packing/${enc(orderId)}/delivery-note.pdf`

export const listCarriers = async (api: ApiClient) => (await api.get<CarrierListDto>('/api/carriers')).items

export function manifestPath(carrier: string, date: string, format: 'json' | 'csv' | 'pdf'): string {
  return `/api/manifests?${new URLSearchParams({ carrier, date, format })}`
}

export const getManifest = (api: ApiClient, carrier: string, date: string) => api.get<ManifestDto>(manifestPath(carrier, date, 'json'))

// ─── Click and collect ───────────────────────────────────────────────────────

export const readyCollections = async (api: ApiClient) => (await api.get<CollectionListDto>('/api/collections?status=ready')).items

export const markReady = (api: ApiClient, orderId: string) => api.post<CollectionReadyDto>(`/api/collections/${enc(orderId)}/ready`)

export const lookupCollection = (api: ApiClient, code: string) => api.get<CollectionDto>(`/api/collections/lookup?code=${enc(code.trim())}`)

export const handOver = (api: ApiClient, orderId: string, request: HandoverRequest, key: string) =>
  api.post<CollectionDto>(`/api/collections/${enc(orderId)}/handover`, { json: request, headers: { 'Idempotency-Key': key } })

// ─── Pure rules the screens share ────────────────────────────────────────────

export const METHOD_LABEL: Record<PickMethod, { label: string; hint: string }> = {
  single: { label: 'Single order', hint: 'One list per order: simplest, best for a few big orders.' },
  batch: { label: 'Batch', hint: 'Several orders per list, sorted into a tote by order.' },
  zone: { label: 'Zone', hint: 'One list per aisle: each picker stays in their zone.' },
  wave: { label: 'Wave', hint: 'All zones at once, consolidated at the packing bench.' },
}

/** The QR on a click-and-collect slip reads `COLLECT:<orderNumber>`; true for that shape only. */
export function isCollectCode(code: string): boolean {
  return /^COLLECT:\S+/i.test(code.trim())
}

/** Whole percent done, never NaN (an empty list counts as done). */
export function percentDone(done: number, total: number): number {
  return total <= 0 ? 100 : Math.min(100, Math.floor((done / total) * 100))
}

/** Units still to pick on a task. */
export const openUnits = (task: Pick<PickTaskDto, 'quantity' | 'pickedQuantity' | 'status'>) =>
  task.status === 'open' ? Math.max(0, task.quantity - task.pickedQuantity) : 0

/**
 * The task to pick now: the first open one in the current bin, else the first open one on
 * the walk route (tasks arrive in walk order). Undefined when everything is done.
 */
export function nextTask(tasks: readonly PickTaskDto[], bin: string | null): PickTaskDto | undefined {
  const open = tasks.filter((t) => openUnits(t) > 0)
  return (bin ? open.find((t) => t.bin === bin) : undefined) ?? open[0]
}

/** Staff ids typed as "fin, ash  jo" → ['fin', 'ash', 'jo'] (lower case, no repeats). */
export function parseStaffIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))]
}

/** Grams typed as "1250", "1.25kg" or "1.25 kg" → whole grams; undefined when it isn't a weight. */
export function parseWeight(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(kg|g)?\s*$/i.exec(text)
  if (!m) return undefined
  const value = Number(m[1])
  const grams = m[2]?.toLowerCase() === 'kg' ? value * 1000 : value
  return Number.isFinite(grams) && grams > 0 && grams <= 100_000 ? Math.round(grams) : undefined
}

/** "1.25 kg" for 1250 g. */
export function formatWeight(grams: number): string {
  return grams >= 1000 ? `${(grams / 1000).toFixed(2).replace(/\.?0+$/, '')} kg` : `${grams} g`
}

/** Today as YYYY-MM-DD in this browser's time zone (the manifest's business day). */
export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** Typed calls to the appliance for the till screen. */
import type {
  CashMovementRequest,
  CloseTillRequest,
  ParkedList,
  ParkRequest,
  ProductList,
  QuoteRequest,
  RecalledBasket,
  SaleQuote,
  SaleRequest,
  SaleResult,
  ScanAnswer,
  TillDto,
  TillList,
  TillReportDto,
  TillSettingsDto,
  VoidRequest,
  VoucherDto,
} from '../../appliance/api/contract.js'
import type { ApiClient } from '../data/api.js'

const enc = encodeURIComponent

export const listTills = async (api: ApiClient) => (await api.get<TillList>('/api/tills')).items
export const getTillSettings = (api: ApiClient) => api.get<TillSettingsDto>('/api/settings/till')

export const openTill = (api: ApiClient, till: string, floatMinor: number, key: string) =>
  api.post<TillDto>(`/api/tills/${enc(till)}/open`, { json: { floatMinor }, headers: { 'Idempotency-Key': key } })

export const xReport = (api: ApiClient, till: string) => api.get<TillReportDto>(`/api/tills/${enc(till)}/x-report`)

export const closeTill = (api: ApiClient, till: string, body: CloseTillRequest, key: string) =>
  api.post<TillReportDto>(`/api/tills/${enc(till)}/close`, { json: body, headers: { 'Idempotency-Key': key } })

export const moveCash = (api: ApiClient, till: string, body: CashMovementRequest, key: string) =>
  api.post<{ expectedCashMinor: number }>(`/api/tills/${enc(till)}/cash`, { json: body, headers: { 'Idempotency-Key': key } })

export const recordVoid = (api: ApiClient, till: string, body: VoidRequest, key: string) =>
  api.post<{ id: string }>(`/api/tills/${enc(till)}/voids`, { json: body, headers: { 'Idempotency-Key': key } })

export const scanCode = (api: ApiClient, code: string) => api.get<ScanAnswer>(`/api/sales/scan?code=${enc(code)}`)

export const searchProducts = async (api: ApiClient, text: string, signal?: AbortSignal) =>
  (await api.get<ProductList>(`/api/products?q=${enc(text)}&limit=8`, signal ? { signal } : {})).items

export const quoteBasket = (api: ApiClient, body: QuoteRequest, signal?: AbortSignal) =>
  api.post<SaleQuote>('/api/sales/quote', { json: body, ...(signal ? { signal } : {}) })

/** The key travels with the basket in local storage, so a retry after a lost connection completes the same sale. */
export const completeSale = (api: ApiClient, body: SaleRequest, key: string) =>
  api.post<SaleResult>('/api/sales', { json: body, headers: { 'Idempotency-Key': key } })

export const voucherBalance = (api: ApiClient, code: string) => api.get<VoucherDto>(`/api/vouchers/${enc(code)}`)

export const listParked = async (api: ApiClient) => (await api.get<ParkedList>('/api/parked')).items
export const parkBasket = (api: ApiClient, body: ParkRequest) => api.post<{ id: string }>('/api/parked', { json: body })
export const recallParked = (api: ApiClient, id: string, till: string) => api.post<RecalledBasket>(`/api/parked/${enc(id)}/recall`, { json: { till } })

import type {
  CustomerIssueChange, CustomerIssueDto, CustomerIssueRequest, DrillResult, ExpenseDto, ExpenseRequest, OrderListDto, ReportList, ReportResult, ReportSummaryDto,
  SalesTargetDto, SalesTargetsRequest,
} from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

/** What a report is asked for: its date range and filters (empty values are left out). */
export interface ReportQuery {
  from: string
  to: string
  filters: Record<string, string>
}

/** One figure to drill into: its column and the row's keys. */
export interface DrillTarget {
  column: string
  keys: Record<string, string>
  /** The figure as the report showed it (the drill-down's rows make it). */
  value: number | string | null
  label: string
}

export function reportSearch(report: ReportSummaryDto, query: ReportQuery, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams()
  if (report.dated) {
    params.set('from', query.from)
    params.set('to', query.to)
  }
  for (const f of report.filters) {
    const value = query.filters[f.name]
    if (value) params.set(f.name, value)
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v))
  return params.toString()
}

export const listReports = (api: ApiClient, signal?: AbortSignal): Promise<ReportList> => api.get<ReportList>('/api/reports', signal ? { signal } : {})

export function runReport(api: ApiClient, report: ReportSummaryDto, query: ReportQuery, signal?: AbortSignal): Promise<ReportResult> {
  return api.get<ReportResult>(`/api/reports/${report.id}?${reportSearch(report, query)}`, signal ? { signal } : {})
}

export function drillReport(api: ApiClient, report: ReportSummaryDto, query: ReportQuery, target: DrillTarget, page: { limit: number; offset: number }, signal?: AbortSignal): Promise<DrillResult> {
  const search = reportSearch(report, query, { column: target.column, ...target.keys, limit: page.limit, offset: page.offset })
  return api.get<DrillResult>(`/api/reports/${report.id}/drill?${search}`, signal ? { signal } : {})
}

/** A download link for the report (or a drill-down) as CSV or Parquet. */
export function exportHref(api: ApiClient, report: ReportSummaryDto, query: ReportQuery, format: 'csv' | 'parquet', target?: DrillTarget): string {
  if (!target) return api.url(`/api/reports/${report.id}?${reportSearch(report, query, { format })}`)
  return api.url(`/api/reports/${report.id}/drill?${reportSearch(report, query, { column: target.column, ...target.keys, format })}`)
}

// ─── What managers enter for reports ────────────────────────────────────────

/** A month's expenses (YYYY-MM). */
export async function listExpenses(api: ApiClient, month: string): Promise<ExpenseDto[]> {
  return (await api.get<{ items: ExpenseDto[] }>(`/api/expenses?from=${month}&to=${month}`)).items
}

export const addExpense = (api: ApiClient, expense: ExpenseRequest): Promise<ExpenseDto> => api.post<ExpenseDto>('/api/expenses', { json: expense })

export const removeExpense = (api: ApiClient, id: string): Promise<void> => api.delete<void>(`/api/expenses/${encodeURIComponent(id)}`)

/** A month's sales targets per category (YYYY-MM). */
export async function listTargets(api: ApiClient, month: string): Promise<SalesTargetDto[]> {
  return (await api.get<{ items: SalesTargetDto[] }>(`/api/sales-targets?from=${month}&to=${month}`)).items
}

/** Sets the targets given (0 clears one); answers the months' targets as they now are. */
export async function saveTargets(api: ApiClient, items: SalesTargetsRequest['items']): Promise<SalesTargetDto[]> {
  return (await api.request<{ items: SalesTargetDto[] }>('PUT', '/api/sales-targets', { json: { items } })).items
}

export async function listIssues(api: ApiClient, status: 'open' | 'closed' | 'all'): Promise<CustomerIssueDto[]> {
  return (await api.get<{ items: CustomerIssueDto[] }>(`/api/issues${status === 'all' ? '' : `?status=${status}`}`)).items
}

export const logIssue = (api: ApiClient, issue: CustomerIssueRequest): Promise<CustomerIssueDto> => api.post<CustomerIssueDto>('/api/issues', { json: issue })

export const updateIssue = (api: ApiClient, id: string, change: CustomerIssueChange): Promise<CustomerIssueDto> =>
  api.request<CustomerIssueDto>('PATCH', `/api/issues/${encodeURIComponent(id)}`, { json: change })

/** The order an order number names (exactly, ignoring case), for logging an issue against it. */
export async function findOrderByNumber(api: ApiClient, number: string): Promise<{ id: string; number: string } | undefined> {
  const page = await api.get<OrderListDto>(`/api/orders?q=${encodeURIComponent(number)}&limit=10`)
  return page.items.find((o) => o.number.toLowerCase() === number.toLowerCase())
}

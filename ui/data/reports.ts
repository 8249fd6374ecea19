import type { DrillResult, ReportList, ReportResult, ReportSummaryDto } from '../../appliance/api/contract.js'
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

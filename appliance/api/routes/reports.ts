/**
 * Reports (managers only): the list, one report's rows, the rows behind one figure, and
 * either as CSV or Parquet (`&format=`). Requests are checked against the report's own
 * definition: its filters and keys, sane date ranges, a figure that can be drilled.
 */
import { createReadStream, statSync } from 'node:fs'
import { Readable } from 'node:stream'
import type { Context } from 'hono'
import { z } from 'zod'
import { notFound } from '../../core/errors.js'
import { localDate } from '../../core/orders/zoned-time.js'
import type { DuckDbReports, ExportFile, ReportParams } from '../../db/report-runner.js'
import { DRILL_SOURCES } from '../../reports/drill/sources.js'
import { camel, type ReportColumn, type ReportDefinition } from '../../reports/definition.js'
import { reportById, REPORTS } from '../../reports/index.js'
import type { DrillResult, ReportColumnDto, ReportList, ReportResult, ReportSummaryDto } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { RequestValidationError } from '../error-handler.js'
import { MANAGERS, route } from '../route.js'

const DAY_MS = 86_400_000
/** Longest range a report answers: ten years and a bit. */
const MAX_DAYS = 3700
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2099-12-31'
}, 'use a real date between 2000-01-01 and 2099-12-31')
const Format = z.enum(['json', 'csv', 'parquet']).default('json')
const Key = z.string().trim().min(1).max(200)
const IdParams = z.strictObject({ id: z.string().max(100) })

const toDto = (columns: readonly ReportColumn[]): ReportColumnDto[] => columns.map((c) => ({ key: camel(c.key), label: c.label, type: c.type }))

function filterSchemas(report: ReportDefinition): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {}
  for (const f of report.filters) {
    shape[f.name] = f.kind === 'number'
      ? z.coerce.number().int(`${f.label} is a whole number`).min(f.min ?? 0).max(f.max ?? 1_000_000).optional()
      : z.string().trim().min(1).max(100).optional()
  }
  return shape
}

/** Per report: the query schema of the report and of its drill-down (unknown names are refused). */
function schemasOf(report: ReportDefinition) {
  const base = { from: IsoDate.optional(), to: IsoDate.optional(), format: Format, ...filterSchemas(report) }
  const keys: Record<string, z.ZodType> = {}
  for (const key of report.keys) keys[key] = Key.optional()
  const drillable = Object.keys(report.drill)
  return {
    report: z.strictObject(base),
    drill: z.strictObject({
      ...base,
      ...keys,
      column: z.string().refine((c) => drillable.includes(c) || drillable.map(camel).includes(c), `pick a figure that can be drilled: ${drillable.map(camel).join(', ')}`),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    }),
  }
}

const SCHEMAS = new Map(REPORTS.map((r) => [r.id, schemasOf(r)]))

function parseQuery<T>(schema: z.ZodType<T>, report: ReportDefinition, query: Record<string, string>): T {
  const result = schema.safeParse(query)
  if (result.success) return result.data
  const error = RequestValidationError.fromZod('query', result.error)
  const names = ['from', 'to', 'format', ...report.filters.map((f) => f.name)].join(', ')
  throw new RequestValidationError('query', error.issues.map((i) => i.message.startsWith('unknown field')
    ? { field: i.field, message: `${i.message.replace('unknown field', 'unknown filter')}: ${report.title} takes ${names}` }
    : i))
}

const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** The range asked for, defaulting to the 30 days to today; reversed or absurd ranges are refused. */
function rangeOf(query: { from?: string | undefined; to?: string | undefined }, today: string): { from: string; to: string } {
  const to = query.to ?? today
  const from = query.from ?? shift(to, -29)
  if (from > to) throw new RequestValidationError('query', [{ field: 'from', message: `the range is reversed: from (${from}) is after to (${to})` }])
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1
  if (days > MAX_DAYS) throw new RequestValidationError('query', [{ field: 'from', message: `the range is ${Math.round(days)} days: a report covers at most ten years` }])
  return { from, to }
}

/** Drill keys narrow the range (day, month, period) or bind a parameter of the same name. */
function applyKey(name: string, value: string, range: { from: string; to: string }, values: Record<string, string | number | undefined>) {
  const narrow = (first: string, last: string) => {
    range.from = first > range.from ? first : range.from
    range.to = last < range.to ? last : range.to
  }
  if ((name === 'day' || name === 'period') && /^\d{4}-\d{2}-\d{2}$/.test(value)) return narrow(value, value)
  if ((name === 'month' || name === 'period') && /^\d{4}-\d{2}$/.test(value)) {
    const next = new Date(Date.parse(`${value}-01T00:00:00Z`))
    next.setUTCMonth(next.getUTCMonth() + 1)
    return narrow(`${value}-01`, shift(next.toISOString().slice(0, 10), -1))
  }
  if (name === 'day' || name === 'month' || name === 'period') {
    throw new RequestValidationError('query', [{ field: name, message: `"${value}" is not a ${name === 'month' ? 'month (YYYY-MM)' : 'day (YYYY-MM-DD)'}` }])
  }
  values[name] = value
}

function sendFile(c: Context, file: ExportFile, name: string, format: 'csv' | 'parquet'): Response {
  const size = statSync(file.path).size
  const stream = createReadStream(file.path)
  stream.once('close', file.remove)
  return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
    'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${name}.${format}"`,
  })
}

export const reportRoutes = (deps: AppDeps) => {
  const queries: DuckDbReports = deps.reports.queries
  const context = async (now: Date) => {
    const zone = (await deps.till.settings.current()).settings.timeZone
    return { zone, today: localDate(now, zone) }
  }
  const find = (id: string) => {
    const report = reportById(id)
    if (!report) throw notFound(`There is no report "${id}"`, 'id')
    return report
  }

  return [
    route({
      method: 'get',
      path: '/api/reports',
      summary: 'The reports: their filters (with the values to offer), columns, chart and drillable figures',
      roles: MANAGERS,
      async handler({ c, now }) {
        const [choices, { today }] = await Promise.all([queries.choices(), context(now)])
        const items = REPORTS.map((r): ReportSummaryDto => ({
          id: r.id, title: r.title, group: r.group, description: r.description, dated: r.dated,
          filters: r.filters.map((f) => ({ ...f, ...(f.kind === 'number' || f.kind === 'text' ? {} : { choices: choices[f.kind] }) })),
          columns: toDto(r.columns), keys: r.keys.map(camel), drillable: Object.keys(r.drill).map(camel),
          chart: { kind: r.chart.kind, x: camel(r.chart.x), y: r.chart.y.map(camel), ...(r.chart.series ? { series: camel(r.chart.series) } : {}), ...(r.chart.within ? { within: camel(r.chart.within) } : {}) },
        }))
        return c.json({ items, today } satisfies ReportList)
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/:id',
      summary: 'One report over a date range with its filters (`format=csv|parquet` for a file)',
      roles: MANAGERS,
      params: IdParams,
      async handler({ c, params, now }) {
        const report = find(params.id)
        const query = parseQuery(SCHEMAS.get(report.id)!.report, report, c.req.query())
        const { zone, today } = await context(now)
        const range = rangeOf(query, today)
        const values: Record<string, string | number | undefined> = {}
        for (const f of report.filters) values[f.name] = (query as Record<string, string | number | undefined>)[f.name] ?? f.default
        const p: ReportParams = { ...range, zone, today, now, values }
        await deps.reports.facts.flush()
        if (query.format !== 'json') return sendFile(c, await queries.export(report.sql, p, query.format), `${report.id}-${range.from}-${range.to}`, query.format)
        const started = performance.now()
        const { rows } = await queries.run(report, p)
        const filters = Object.fromEntries(Object.entries(values).filter((e): e is [string, string | number] => e[1] !== undefined))
        return c.json({
          id: report.id, title: report.title, ...range, filters, columns: toDto(report.columns), rows: rows as ReportResult['rows'],
          generatedAt: now.toISOString(), tookMs: Math.round((performance.now() - started) * 10) / 10,
        } satisfies ReportResult)
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/:id/drill',
      summary: 'The rows behind one figure of a report: `column` and the row’s keys, paged (`format=csv|parquet` for all of them)',
      roles: MANAGERS,
      params: IdParams,
      async handler({ c, params, now }) {
        const report = find(params.id)
        const query = parseQuery(SCHEMAS.get(report.id)!.drill, report, c.req.query()) as Record<string, string | number | undefined> & {
          column: string; limit: number; offset: number; format: 'json' | 'csv' | 'parquet'; from?: string; to?: string
        }
        const column = Object.keys(report.drill).find((k) => k === query.column || camel(k) === query.column)!
        const spec = report.drill[column]!
        const source = DRILL_SOURCES[spec.source]!
        const { zone, today } = await context(now)
        const range = rangeOf(query, today)
        const values: Record<string, string | number | undefined> = {}
        for (const f of report.filters) values[f.name] = query[f.name] ?? f.default
        const keys: Record<string, string> = {}
        for (const key of report.keys) {
          const value = query[key]
          if (typeof value === 'string') {
            applyKey(key, value, range, values)
            keys[key] = value
          }
        }
        for (const [name, value] of Object.entries(spec.params ?? {})) {
          values[name] = value
          keys[name] = value
        }
        // Only what the source understands narrows it (a drill never filters on a name it can't read).
        const accepted = Object.fromEntries(source.params.map((name) => [name, values[name]]))
        const p: ReportParams = { ...range, zone, today, now, values: accepted }
        await deps.reports.facts.flush()
        if (query.format !== 'json') {
          return sendFile(c, await queries.export(queries.drillSql(source), p, query.format), `${report.id}-${camel(column)}-${range.from}-${range.to}`, query.format)
        }
        const page = await queries.drill(source, spec.aggregate, p, { limit: query.limit, offset: query.offset })
        return c.json({
          id: report.id, column: camel(column), ...range, keys, columns: toDto(page.columns), rows: page.rows as DrillResult['rows'],
          total: page.total, figure: page.figure, limit: query.limit, offset: query.offset,
          nextOffset: query.offset + query.limit < page.total ? query.offset + query.limit : null,
        } satisfies DrillResult)
      },
    }),
  ]
}

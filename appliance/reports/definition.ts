/**
 * What a report is: its SQL (one file beside the definition), the filters it takes, the
 * columns it answers, how it is charted, and for each figure the rows behind it (the
 * drill-down: a drill source, the row keys that narrow it, and how its rows add up to the
 * figure). Plain data: the runner (db/report-runner.ts) executes it, the API validates
 * requests against it, the UI draws it.
 *
 * SQL files name their parameters `$from`, `$to` (DATEs, inclusive), `$zone` (the store's
 * IANA zone), `$today` (the store's date) and each filter by name; a filter not given is
 * NULL. Columns come out as VARCHAR, BIGINT or DOUBLE (dates as 'YYYY-MM-DD', months as
 * 'YYYY-MM'), money as BIGINT minor units named `*_minor`.
 */
import { readFileSync } from 'node:fs'

export type ColumnType = 'text' | 'date' | 'month' | 'money' | 'count' | 'percent' | 'minutes' | 'number'

export interface ReportColumn {
  /** The SQL column (snake_case; JSON rows use its camelCase form). */
  key: string
  label: string
  type: ColumnType
}

/** How a drill-down's rows make the figure. */
export type Aggregate =
  | { sum: string }
  | { count: true }
  | { distinct: string }
  | { avg: string }
  /** 100 × Σ numerator / Σ denominator. */
  | { percent: [string, string] }

export interface DrillSpec {
  source: string
  aggregate: Aggregate
  /** Fixed narrowing for this figure (the "closed" column drills to status=closed). */
  params?: Readonly<Record<string, string>>
}

export type FilterKind = 'channel' | 'category' | 'location' | 'staff' | 'text' | 'number'

export interface FilterDef {
  name: string
  label: string
  kind: FilterKind
  /** For numbers. */
  min?: number
  max?: number
  default?: number
}

export interface ChartSpec {
  kind: 'bar' | 'line'
  /** The column along the x axis. */
  x: string
  /** Figures drawn (one series each), unless `series` pivots one figure by a column. */
  y: string[]
  /** Pivot: one series per value of this column (daily sales per channel). */
  series?: string
  /** When `x` alone repeats (a category in several months): the column that tells them apart, labelled first. */
  within?: string
}

export type ReportGroup = 'Sales' | 'Customer service' | 'Operations'

export interface ReportDefinition {
  id: string
  title: string
  group: ReportGroup
  description: string
  sql: string
  /** False for snapshots (stock value now): from/to are not used. */
  dated: boolean
  filters: readonly FilterDef[]
  columns: readonly ReportColumn[]
  /** Row columns that identify a row; a drill-down narrows its source by them. */
  keys: readonly string[]
  /** Figures that can be drilled into, by column key. */
  drill: Readonly<Record<string, DrillSpec>>
  chart: ChartSpec
}

/** A drill source: the rows behind figures, narrowed by dates and optional parameters. */
export interface DrillSource {
  id: string
  sql: string
  /** Parameters the SQL accepts besides $from/$to (NULL when not given). */
  params: readonly string[]
  columns: readonly ReportColumn[]
  /** Deterministic order for paging. */
  orderBy: string
}

/** Reads `name` beside the module at `base` (import.meta.url). */
export const sqlFile = (base: string, name: string): string => readFileSync(new URL(name, base), 'utf8')

export const channelFilter: FilterDef = { name: 'channel', label: 'Channel', kind: 'channel' }
export const categoryFilter: FilterDef = { name: 'category', label: 'Category', kind: 'category' }
export const locationFilter: FilterDef = { name: 'location', label: 'Location', kind: 'location' }
export const staffFilter: FilterDef = { name: 'staff', label: 'Employee', kind: 'staff' }

export const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

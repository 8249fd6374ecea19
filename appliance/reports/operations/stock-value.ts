import { locationFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const daysFilter = { name: 'days', label: 'Slow after (days unsold)', kind: 'number', min: 7, max: 730, default: 90 } as const

export const stockValue: ReportDefinition = {
  id: 'stock-value',
  title: 'Stock value',
  group: 'Operations',
  description: 'Stock on hand now per location at cost and at retail, and its slow movers: SKUs that sold nothing there in the last 90 days (or as set).',
  sql: sqlFile(import.meta.url, './stock-value.sql'),
  dated: false,
  filters: [locationFilter, daysFilter],
  columns: [
    { key: 'location', label: 'Location', type: 'text' },
    { key: 'location_name', label: 'Name', type: 'text' },
    { key: 'skus', label: 'SKUs', type: 'count' },
    { key: 'units', label: 'Units', type: 'count' },
    { key: 'value_minor', label: 'Value at cost', type: 'money' },
    { key: 'retail_value_minor', label: 'Value at retail', type: 'money' },
    { key: 'slow_movers', label: 'Slow movers', type: 'count' },
    { key: 'slow_value_minor', label: 'Slow movers’ value', type: 'money' },
  ],
  keys: ['location'],
  drill: {
    skus: { source: 'stock', aggregate: { count: true } },
    units: { source: 'stock', aggregate: { sum: 'on_hand' } },
    value_minor: { source: 'stock', aggregate: { sum: 'value_minor' } },
    retail_value_minor: { source: 'stock', aggregate: { sum: 'retail_value_minor' } },
    slow_movers: { source: 'stock', aggregate: { sum: 'slow' } },
    slow_value_minor: { source: 'stock', aggregate: { sum: 'slow_value_minor' } },
  },
  chart: { kind: 'bar', x: 'location', y: ['value_minor', 'slow_value_minor'] },
}

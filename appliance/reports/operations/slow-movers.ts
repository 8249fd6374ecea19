import { locationFilter, sqlFile, type ReportDefinition } from '../definition.js'
import { daysFilter } from './stock-value.js'

export const slowMovers: ReportDefinition = {
  id: 'slow-movers',
  title: 'Slow movers',
  group: 'Operations',
  description: 'SKUs with stock at a location that sold nothing there in the last 90 days (or as set), most value first, with when each last sold.',
  sql: sqlFile(import.meta.url, './slow-movers.sql'),
  dated: false,
  filters: [locationFilter, { name: 'category', label: 'Category', kind: 'category' }, daysFilter],
  columns: [
    { key: 'sku', label: 'SKU', type: 'text' },
    { key: 'name', label: 'Product', type: 'text' },
    { key: 'category', label: 'Category', type: 'text' },
    { key: 'location', label: 'Location', type: 'text' },
    { key: 'on_hand', label: 'On hand', type: 'count' },
    { key: 'value_minor', label: 'Value at cost', type: 'money' },
    { key: 'last_sold', label: 'Last sold', type: 'date' },
  ],
  keys: ['sku', 'location'],
  drill: {
    on_hand: { source: 'stock', aggregate: { sum: 'on_hand' } },
    value_minor: { source: 'stock', aggregate: { sum: 'value_minor' } },
  },
  chart: { kind: 'bar', x: 'name', y: ['value_minor'] },
}

import { sqlFile, staffFilter, type ReportDefinition } from '../definition.js'

export const pickPackRate: ReportDefinition = {
  id: 'pick-pack-rate',
  title: 'Pick and pack rate',
  group: 'Operations',
  description: 'Per employee per day: items picked, orders and items packed, and items picked per hour between the first and last pick.',
  sql: sqlFile(import.meta.url, './pick-pack-rate.sql'),
  dated: true,
  filters: [staffFilter],
  columns: [
    { key: 'day', label: 'Day', type: 'date' },
    { key: 'staff', label: 'Staff ID', type: 'text' },
    { key: 'name', label: 'Employee', type: 'text' },
    { key: 'items_picked', label: 'Items picked', type: 'count' },
    { key: 'orders_packed', label: 'Orders packed', type: 'count' },
    { key: 'items_packed', label: 'Items packed', type: 'count' },
    { key: 'picks_per_hour', label: 'Picks per hour', type: 'number' },
  ],
  keys: ['day', 'staff'],
  drill: {
    items_picked: { source: 'picks', aggregate: { sum: 'quantity' } },
    orders_packed: { source: 'packs', aggregate: { count: true } },
    items_packed: { source: 'packs', aggregate: { sum: 'items' } },
  },
  chart: { kind: 'line', x: 'day', y: ['items_picked'], series: 'name' },
}

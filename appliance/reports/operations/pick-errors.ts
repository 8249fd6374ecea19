import { sqlFile, staffFilter, type ReportDefinition } from '../definition.js'

export const pickErrors: ReportDefinition = {
  id: 'pick-errors',
  title: 'Pick errors',
  group: 'Operations',
  description: 'Items picked and those picked wrong (wrong item or quantity, damaged, not found) as a share of items picked.',
  sql: sqlFile(import.meta.url, './pick-errors.sql'),
  dated: true,
  filters: [staffFilter],
  columns: [
    { key: 'period', label: 'Day or month', type: 'text' },
    { key: 'items_picked', label: 'Items picked', type: 'count' },
    { key: 'error_items', label: 'Picked wrong', type: 'count' },
    { key: 'error_pct', label: 'Error rate', type: 'percent' },
  ],
  keys: ['period'],
  drill: {
    items_picked: { source: 'picks', aggregate: { sum: 'quantity' } },
    error_items: { source: 'picks', aggregate: { sum: 'error_quantity' } },
    error_pct: { source: 'picks', aggregate: { percent: ['error_quantity', 'quantity'] } },
  },
  chart: { kind: 'line', x: 'period', y: ['error_pct'] },
}

import { categoryFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const salesVsTargets: ReportDefinition = {
  id: 'sales-vs-targets',
  title: 'Sales against targets',
  group: 'Sales',
  description: 'Each month’s sales per category against the target a manager set for it (Reports › Targets).',
  sql: sqlFile(import.meta.url, './sales-vs-targets.sql'),
  dated: true,
  filters: [categoryFilter],
  columns: [
    { key: 'month', label: 'Month', type: 'month' },
    { key: 'category', label: 'Category', type: 'text' },
    { key: 'sales_minor', label: 'Sales', type: 'money' },
    { key: 'target_minor', label: 'Target', type: 'money' },
    { key: 'variance_minor', label: 'Over (under) target', type: 'money' },
    { key: 'achieved_pct', label: 'Achieved', type: 'percent' },
  ],
  keys: ['month', 'category'],
  drill: {
    sales_minor: { source: 'lines', aggregate: { sum: 'sales_minor' } },
  },
  chart: { kind: 'line', x: 'month', y: ['achieved_pct'], series: 'category' },
}

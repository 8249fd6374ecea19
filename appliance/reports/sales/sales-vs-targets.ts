import { categoryFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const salesVsTargets: ReportDefinition = {
  id: 'sales-vs-targets',
  title: 'Sales against targets',
  group: 'Sales',
  description: 'Each month’s sales per category against the target a manager set for it (Reports › Sales targets).',
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
    target_minor: { source: 'targets', aggregate: { sum: 'target_minor' } },
    variance_minor: { source: 'sales-and-targets', aggregate: { sum: 'variance_minor' } },
    achieved_pct: { source: 'sales-and-targets', aggregate: { percent: ['sales_minor', 'target_minor'] } },
  },
  // Grouped bars: each category's sales beside its target, per month (labelled "Mar 2024 · Toys").
  chart: { kind: 'bar', x: 'category', within: 'month', y: ['sales_minor', 'target_minor'] },
}

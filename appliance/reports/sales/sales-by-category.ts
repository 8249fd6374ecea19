import { channelFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const salesByCategory: ReportDefinition = {
  id: 'sales-by-category',
  title: 'Sales by category',
  group: 'Sales',
  description: 'Units, sales, cost of goods and margin per product category, and each category’s share of sales.',
  sql: sqlFile(import.meta.url, './sales-by-category.sql'),
  dated: true,
  filters: [channelFilter],
  columns: [
    { key: 'category', label: 'Category', type: 'text' },
    { key: 'quantity', label: 'Units', type: 'count' },
    { key: 'sales_minor', label: 'Sales', type: 'money' },
    { key: 'cost_minor', label: 'Cost of goods', type: 'money' },
    { key: 'margin_minor', label: 'Margin', type: 'money' },
    { key: 'share_pct', label: 'Share of sales', type: 'percent' },
  ],
  keys: ['category'],
  drill: {
    quantity: { source: 'lines', aggregate: { sum: 'quantity' } },
    sales_minor: { source: 'lines', aggregate: { sum: 'sales_minor' } },
    cost_minor: { source: 'lines', aggregate: { sum: 'cost_minor' } },
    margin_minor: { source: 'lines', aggregate: { sum: 'margin_minor' } },
  },
  chart: { kind: 'bar', x: 'category', y: ['sales_minor', 'margin_minor'] },
}

import { categoryFilter, channelFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const topProducts: ReportDefinition = {
  id: 'top-products',
  title: 'Top products',
  group: 'Sales',
  description: 'Products ranked by sales (what customers paid, after discounts, VAT-inclusive), with units and margin.',
  sql: sqlFile(import.meta.url, './top-products.sql'),
  dated: true,
  filters: [channelFilter, categoryFilter, { name: 'limit', label: 'How many', kind: 'number', min: 1, max: 1000, default: 20 }],
  columns: [
    { key: 'rank', label: 'Rank', type: 'count' },
    { key: 'sku', label: 'SKU', type: 'text' },
    { key: 'name', label: 'Product', type: 'text' },
    { key: 'category', label: 'Category', type: 'text' },
    { key: 'quantity', label: 'Units', type: 'count' },
    { key: 'sales_minor', label: 'Sales', type: 'money' },
    { key: 'margin_minor', label: 'Margin', type: 'money' },
  ],
  keys: ['sku'],
  drill: {
    quantity: { source: 'lines', aggregate: { sum: 'quantity' } },
    sales_minor: { source: 'lines', aggregate: { sum: 'sales_minor' } },
    margin_minor: { source: 'lines', aggregate: { sum: 'margin_minor' } },
  },
  chart: { kind: 'bar', x: 'name', y: ['sales_minor'] },
}

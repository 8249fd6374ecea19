import { categoryFilter, channelFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const salesByRegion: ReportDefinition = {
  id: 'sales-by-region',
  title: 'Sales by region',
  group: 'Sales',
  description: 'Sales by the shipping address’s UK postcode area (or country abroad); sales in the shop count in the shop’s own region.',
  sql: sqlFile(import.meta.url, './sales-by-region.sql'),
  dated: true,
  filters: [channelFilter, categoryFilter],
  columns: [
    { key: 'region', label: 'Region', type: 'text' },
    { key: 'orders', label: 'Orders', type: 'count' },
    { key: 'quantity', label: 'Units', type: 'count' },
    { key: 'sales_minor', label: 'Sales', type: 'money' },
    { key: 'share_pct', label: 'Share of sales', type: 'percent' },
  ],
  keys: ['region'],
  drill: {
    orders: { source: 'lines', aggregate: { sum: 'order_count' } },
    quantity: { source: 'lines', aggregate: { sum: 'quantity' } },
    sales_minor: { source: 'lines', aggregate: { sum: 'sales_minor' } },
  },
  chart: { kind: 'bar', x: 'region', y: ['sales_minor'] },
}

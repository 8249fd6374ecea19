import { channelFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const dailySalesByChannel: ReportDefinition = {
  id: 'daily-sales-by-channel',
  title: 'Daily sales by channel',
  group: 'Sales',
  description: 'Orders, units and sales per business day for each channel (the shop’s tills and every online channel).',
  sql: sqlFile(import.meta.url, './daily-sales-by-channel.sql'),
  dated: true,
  filters: [channelFilter],
  columns: [
    { key: 'day', label: 'Day', type: 'date' },
    { key: 'channel', label: 'Channel', type: 'text' },
    { key: 'orders', label: 'Orders', type: 'count' },
    { key: 'quantity', label: 'Units', type: 'count' },
    { key: 'sales_minor', label: 'Sales', type: 'money' },
  ],
  keys: ['day', 'channel'],
  drill: {
    orders: { source: 'lines', aggregate: { sum: 'order_count' } },
    quantity: { source: 'lines', aggregate: { sum: 'quantity' } },
    sales_minor: { source: 'lines', aggregate: { sum: 'sales_minor' } },
  },
  // Grouped bars per day (lines when the range has too many days for bars to read).
  chart: { kind: 'bar', x: 'day', y: ['sales_minor'], series: 'channel' },
}

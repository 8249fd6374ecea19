import { channelFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const returnsByReason: ReportDefinition = {
  id: 'returns-by-reason',
  title: 'Returns by reason',
  group: 'Operations',
  description: 'Returns taken in the period per reason (returns, units, value) and the share of the period’s orders returned for it.',
  sql: sqlFile(import.meta.url, './returns-by-reason.sql'),
  dated: true,
  filters: [channelFilter],
  columns: [
    { key: 'reason', label: 'Reason', type: 'text' },
    { key: 'returns', label: 'Returns', type: 'count' },
    { key: 'units', label: 'Units', type: 'count' },
    { key: 'value_minor', label: 'Value', type: 'money' },
    { key: 'orders_pct', label: '% of orders', type: 'percent' },
  ],
  keys: ['reason'],
  drill: {
    returns: { source: 'returns', aggregate: { distinct: 'return_id' } },
    units: { source: 'returns', aggregate: { sum: 'quantity' } },
    value_minor: { source: 'returns', aggregate: { sum: 'value_minor' } },
  },
  chart: { kind: 'bar', x: 'reason', y: ['returns'] },
}

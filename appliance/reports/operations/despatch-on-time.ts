import { channelFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const despatchOnTime: ReportDefinition = {
  id: 'despatch-on-time',
  title: 'Despatched on time',
  group: 'Operations',
  description: 'Orders due to leave in the period and the share that left by their despatch deadline, per day (or month over longer periods).',
  sql: sqlFile(import.meta.url, './despatch-on-time.sql'),
  dated: true,
  filters: [channelFilter],
  columns: [
    { key: 'period', label: 'Day or month', type: 'text' },
    { key: 'due', label: 'Due', type: 'count' },
    { key: 'on_time', label: 'On time', type: 'count' },
    { key: 'late', label: 'Late', type: 'count' },
    { key: 'on_time_pct', label: 'On time %', type: 'percent' },
  ],
  keys: ['period'],
  drill: {
    due: { source: 'despatch', aggregate: { count: true } },
    on_time: { source: 'despatch', aggregate: { sum: 'on_time' } },
    late: { source: 'despatch', aggregate: { sum: 'late' } },
    on_time_pct: { source: 'despatch', aggregate: { percent: ['on_time', 'due'] } },
  },
  chart: { kind: 'line', x: 'period', y: ['on_time_pct'] },
}

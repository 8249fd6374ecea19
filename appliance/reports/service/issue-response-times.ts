import { sqlFile, type ReportDefinition } from '../definition.js'

export const issueResponseTimes: ReportDefinition = {
  id: 'issue-response-times',
  title: 'Issue response times',
  group: 'Customer service',
  description: 'Average minutes from logging a customer issue to its first response and to its resolution, by category.',
  sql: sqlFile(import.meta.url, './issue-response-times.sql'),
  dated: true,
  filters: [{ name: 'priority', label: 'Priority', kind: 'text' }],
  columns: [
    { key: 'category', label: 'Category', type: 'text' },
    { key: 'issues', label: 'Issues', type: 'count' },
    { key: 'responded', label: 'Answered', type: 'count' },
    { key: 'first_response_minutes', label: 'First response (avg)', type: 'minutes' },
    { key: 'resolved', label: 'Resolved', type: 'count' },
    { key: 'resolution_minutes', label: 'Resolution (avg)', type: 'minutes' },
  ],
  keys: ['category'],
  drill: {
    issues: { source: 'issues', aggregate: { count: true } },
    responded: { source: 'issues', aggregate: { sum: 'answered' } },
    resolved: { source: 'issues', aggregate: { sum: 'resolved' } },
    first_response_minutes: { source: 'issues', aggregate: { avg: 'first_response_minutes' } },
    resolution_minutes: { source: 'issues', aggregate: { avg: 'resolution_minutes' } },
  },
  chart: { kind: 'bar', x: 'category', y: ['first_response_minutes', 'resolution_minutes'] },
}

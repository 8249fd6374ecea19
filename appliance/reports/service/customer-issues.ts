import { categoryFilter, sqlFile, type ReportDefinition } from '../definition.js'

export const customerIssues: ReportDefinition = {
  id: 'customer-issues',
  title: 'Customer issues',
  group: 'Customer service',
  description: 'Issues logged in the period by category and priority, and how many of them are closed or still open.',
  sql: sqlFile(import.meta.url, './customer-issues.sql'),
  dated: true,
  filters: [{ ...categoryFilter, label: 'Issue category', kind: 'text' }],
  columns: [
    { key: 'category', label: 'Category', type: 'text' },
    { key: 'priority', label: 'Priority', type: 'text' },
    { key: 'logged', label: 'Logged', type: 'count' },
    { key: 'closed', label: 'Closed', type: 'count' },
    { key: 'open', label: 'Open', type: 'count' },
  ],
  keys: ['category', 'priority'],
  drill: {
    logged: { source: 'issues', aggregate: { count: true } },
    closed: { source: 'issues', aggregate: { count: true }, params: { status: 'closed' } },
    open: { source: 'issues', aggregate: { count: true }, params: { status: 'open' } },
  },
  chart: { kind: 'bar', x: 'category', y: ['closed', 'open'] },
}

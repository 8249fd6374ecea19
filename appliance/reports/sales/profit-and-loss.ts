import { sqlFile, type ReportDefinition } from '../definition.js'

export const profitAndLoss: ReportDefinition = {
  id: 'profit-and-loss',
  title: 'Profit and loss',
  group: 'Sales',
  description:
    'By month: sales (VAT-inclusive, after discounts), VAT, refunds, revenue (sales − VAT − refunds), cost of goods at cost price, gross margin, the month’s expenses and net margin.',
  sql: sqlFile(import.meta.url, './profit-and-loss.sql'),
  dated: true,
  filters: [],
  columns: [
    { key: 'month', label: 'Month', type: 'month' },
    { key: 'sales_minor', label: 'Sales', type: 'money' },
    { key: 'discounts_minor', label: 'Discounts given', type: 'money' },
    { key: 'vat_minor', label: 'VAT', type: 'money' },
    { key: 'refunds_minor', label: 'Refunds', type: 'money' },
    { key: 'revenue_minor', label: 'Revenue', type: 'money' },
    { key: 'cogs_minor', label: 'Cost of goods', type: 'money' },
    { key: 'gross_margin_minor', label: 'Gross margin', type: 'money' },
    { key: 'expenses_minor', label: 'Expenses', type: 'money' },
    { key: 'net_margin_minor', label: 'Net margin', type: 'money' },
    { key: 'margin_pct', label: 'Margin %', type: 'percent' },
  ],
  keys: ['month'],
  drill: {
    sales_minor: { source: 'lines', aggregate: { sum: 'sales_minor' } },
    discounts_minor: { source: 'lines', aggregate: { sum: 'discount_minor' } },
    vat_minor: { source: 'lines', aggregate: { sum: 'vat_minor' } },
    refunds_minor: { source: 'refunds', aggregate: { sum: 'amount_minor' } },
    cogs_minor: { source: 'lines', aggregate: { sum: 'cost_minor' } },
    expenses_minor: { source: 'expenses', aggregate: { sum: 'amount_minor' } },
    // The computed figures drill to every entry of the month, each with its share of them.
    revenue_minor: { source: 'pl', aggregate: { sum: 'revenue_minor' } },
    gross_margin_minor: { source: 'pl', aggregate: { sum: 'gross_margin_minor' } },
    net_margin_minor: { source: 'pl', aggregate: { sum: 'net_margin_minor' } },
    margin_pct: { source: 'pl', aggregate: { percent: ['gross_margin_minor', 'revenue_minor'] } },
  },
  // Money in beside money out, month by month; every bar drills (the margins are in the table).
  chart: { kind: 'bar', x: 'month', y: ['sales_minor', 'cogs_minor', 'refunds_minor', 'expenses_minor'] },
}

/** The rows behind figures: one SQL file per source, narrowed by dates and its parameters. */
import { sqlFile, type DrillSource, type ReportColumn } from '../definition.js'

const c = (key: string, label: string, type: ReportColumn['type'] = 'text'): ReportColumn => ({ key, label, type })
const order = [c('order_number', 'Order'), c('order_id', 'Order ID')]

export const DRILL_SOURCES: Readonly<Record<string, DrillSource>> = {
  lines: {
    id: 'lines',
    sql: sqlFile(import.meta.url, './lines.sql'),
    params: ['channel', 'category', 'region', 'sku', 'location'],
    columns: [
      c('day', 'Day', 'date'), ...order, c('line_no', 'Line', 'count'), c('channel', 'Channel'), c('sku', 'SKU'), c('name', 'Product'),
      c('category', 'Category'), c('region', 'Region'), c('location', 'Location'), c('quantity', 'Units', 'count'),
      c('sales_minor', 'Sales', 'money'), c('vat_minor', 'VAT', 'money'), c('discount_minor', 'Discount', 'money'),
      c('cost_minor', 'Cost', 'money'), c('margin_minor', 'Margin', 'money'), c('order_count', 'Orders', 'count'),
    ],
    orderBy: 'day DESC, order_number DESC, line_no',
  },
  refunds: {
    id: 'refunds',
    sql: sqlFile(import.meta.url, './refunds.sql'),
    params: [],
    columns: [c('day', 'Day', 'date'), ...order, c('return_number', 'Return'), c('method', 'Method'), c('amount_minor', 'Refund', 'money'), c('created_at', 'At')],
    orderBy: 'created_at DESC, return_number',
  },
  expenses: {
    id: 'expenses',
    sql: sqlFile(import.meta.url, './expenses.sql'),
    params: [],
    columns: [c('month', 'Month', 'month'), c('category', 'Expense'), c('amount_minor', 'Amount', 'money'), c('note', 'Note'), c('id', 'ID')],
    orderBy: 'month DESC, category, id',
  },
  targets: {
    id: 'targets',
    sql: sqlFile(import.meta.url, './targets.sql'),
    params: ['category'],
    columns: [c('month', 'Month', 'month'), c('category', 'Category'), c('target_minor', 'Target', 'money'), c('staff_id', 'Set by'), c('updated_at', 'Set at'), c('id', 'ID')],
    orderBy: 'month DESC, category',
  },
  pl: {
    id: 'pl',
    sql: sqlFile(import.meta.url, './pl.sql'),
    params: [],
    columns: [
      c('day', 'Day', 'date'), c('kind', 'Entry'), ...order, c('item', 'What'), c('revenue_minor', 'Revenue', 'money'), c('cost_minor', 'Cost of goods', 'money'),
      c('gross_margin_minor', 'Gross margin', 'money'), c('net_margin_minor', 'Net margin', 'money'),
    ],
    orderBy: 'day DESC, kind, order_number, item',
  },
  'sales-and-targets': {
    id: 'sales-and-targets',
    sql: sqlFile(import.meta.url, './sales-and-targets.sql'),
    params: ['category'],
    columns: [
      c('day', 'Day', 'date'), c('kind', 'Entry'), ...order, c('category', 'Category'), c('item', 'What'), c('sales_minor', 'Sales', 'money'),
      c('target_minor', 'Target', 'money'), c('variance_minor', 'Over (under)', 'money'),
    ],
    orderBy: 'day DESC, kind, order_number, item',
  },
  issues: {
    id: 'issues',
    sql: sqlFile(import.meta.url, './issues.sql'),
    params: ['category', 'priority', 'status'],
    columns: [
      c('day', 'Logged', 'date'), ...order, c('category', 'Category'), c('priority', 'Priority'), c('status', 'Status'), c('summary', 'Summary'),
      c('first_response_minutes', 'First response', 'minutes'), c('resolution_minutes', 'Resolution', 'minutes'),
      c('answered', 'Answered', 'count'), c('resolved', 'Resolved', 'count'), c('id', 'Issue ID'),
    ],
    orderBy: 'opened_at DESC, id',
  },
  despatch: {
    id: 'despatch',
    sql: sqlFile(import.meta.url, './despatch.sql'),
    params: ['channel'],
    columns: [
      c('day', 'Due', 'date'), ...order, c('channel', 'Channel'), c('placed_at', 'Placed'), c('despatch_by', 'Despatch by'),
      c('shipped_at', 'Shipped'), c('due', 'Due', 'count'), c('on_time', 'On time', 'count'), c('late', 'Late', 'count'),
    ],
    orderBy: 'despatch_by DESC, order_id',
  },
  picks: {
    id: 'picks',
    sql: sqlFile(import.meta.url, './picks.sql'),
    params: ['staff'],
    columns: [
      c('day', 'Day', 'date'), c('picked_at', 'Picked'), c('staff', 'Picker'), ...order, c('sku', 'SKU'), c('location', 'Location'),
      c('quantity', 'Units', 'count'), c('error', 'Error'), c('error_quantity', 'Units wrong', 'count'),
    ],
    orderBy: 'picked_at DESC, order_id, sku',
  },
  packs: {
    id: 'packs',
    sql: sqlFile(import.meta.url, './packs.sql'),
    params: ['staff'],
    columns: [c('day', 'Day', 'date'), c('packed_at', 'Packed'), c('staff', 'Packer'), ...order, c('items', 'Items', 'count'), c('parcels', 'Parcels', 'count')],
    orderBy: 'packed_at DESC, order_id',
  },
  returns: {
    id: 'returns',
    sql: sqlFile(import.meta.url, './returns.sql'),
    params: ['channel', 'reason'],
    columns: [
      c('day', 'Day', 'date'), c('return_number', 'Return'), ...order, c('channel', 'Channel'), c('sku', 'SKU'), c('reason', 'Reason'),
      c('quantity', 'Units', 'count'), c('value_minor', 'Value', 'money'), c('return_id', 'Return ID'),
    ],
    orderBy: 'day DESC, return_number, sku',
  },
  stock: {
    id: 'stock',
    sql: sqlFile(import.meta.url, './stock.sql'),
    params: ['location', 'sku', 'days'],
    columns: [
      c('location', 'Location'), c('sku', 'SKU'), c('name', 'Product'), c('category', 'Category'), c('on_hand', 'On hand', 'count'),
      c('cost_minor', 'Unit cost', 'money'), c('value_minor', 'Value at cost', 'money'), c('retail_value_minor', 'Value at retail', 'money'),
      c('sold_recently', 'Sold lately', 'count'), c('slow', 'Slow', 'count'), c('slow_value_minor', 'Slow value', 'money'),
    ],
    orderBy: 'value_minor DESC, sku, location',
  },
}

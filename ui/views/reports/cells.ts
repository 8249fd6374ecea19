import type { ReportColumnType, ReportValue } from '../../../appliance/api/contract.js'
import { formatCount, formatMoney } from '../../data/format.js'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })

/** A report value as a person reads it, by its column type. */
export function formatCell(value: ReportValue | undefined, type: ReportColumnType): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') {
    if (type === 'month' && /^\d{4}-\d{2}$/.test(value)) return `${MONTHS[Number(value.slice(5)) - 1]} ${value.slice(0, 4)}`
    return value
  }
  switch (type) {
    case 'money': return formatMoney(value)
    case 'count': return formatCount(value)
    case 'percent': return `${decimal.format(value)}%`
    case 'minutes': return value < 90 ? `${decimal.format(value)} min` : `${decimal.format(Math.round(value / 6) / 10)} h`
    default: return decimal.format(value)
  }
}

/** Where an x value sits on a time axis (unix seconds), or undefined for a category axis. */
export function timeOf(value: ReportValue | undefined): number | undefined {
  if (typeof value !== 'string') return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`) / 1000
  if (/^\d{4}-\d{2}$/.test(value)) return Date.parse(`${value}-01T00:00:00Z`) / 1000
  return undefined
}

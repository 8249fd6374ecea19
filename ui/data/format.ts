/** Formatting for people: the only place money, quantities and instants become text. */

const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' })
const count = new Intl.NumberFormat('en-GB')
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' })

/** Integer pence → "£12.99". */
export function formatMoney(minor: number): string {
  return money.format(minor / 100)
}

export function formatCount(n: number): string {
  return count.format(n)
}

/** A signed quantity as a person writes it: "+3", "−2" (a real minus sign), "0". */
export function formatSigned(n: number): string {
  if (n > 0) return `+${count.format(n)}`
  if (n < 0) return `\u2212${count.format(-n)}`
  return '0'
}

/** An ISO instant in this browser's local time: "3 Mar 2025, 14:05". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date)
}

export function formatVatRate(percent: number): string {
  return `${count.format(percent)}% VAT`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

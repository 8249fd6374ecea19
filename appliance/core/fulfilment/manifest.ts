/**
 * The end-of-day manifest a carrier's driver signs for: one row per shipment. CSV is RFC 4180
 * with formula-looking cells neutralised (a leading = + - @ gets an apostrophe) so a
 * spreadsheet never runs a customer's postcode as a formula.
 */
export interface ManifestRow {
  orderNumber: string
  trackingNumber: string
  service: string | null
  parcels: number
  weightG: number
  postcode: string | null
  country: string | null
}

export const MANIFEST_COLUMNS = ['order_number', 'tracking_number', 'service', 'parcels', 'weight_g', 'postcode', 'country'] as const

export function csvCell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function manifestCsv(rows: readonly ManifestRow[]): string {
  const lines = [MANIFEST_COLUMNS.join(',')]
  for (const r of rows) lines.push([r.orderNumber, r.trackingNumber, r.service, r.parcels, r.weightG, r.postcode, r.country].map(csvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}

export const manifestTotals = (rows: readonly ManifestRow[]) => ({
  shipments: rows.length,
  parcels: rows.reduce((s, r) => s + r.parcels, 0),
  weightG: rows.reduce((s, r) => s + r.weightG, 0),
})

/** Shared by the screens where managers enter report inputs: months, amounts, the look of the forms. */
import { css } from 'lit'
import { formatCell } from './cells.js'

/** The month (YYYY-MM) a store date (YYYY-MM-DD) is in. */
export const monthOf = (date: string): string => date.slice(0, 7)

/** "2026-03" → "Mar 2026". */
export const monthLabel = (month: string): string => formatCell(month, 'month')

/** The first and last day of a month, for running a report over it. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

/** A month a manager may enter figures for (the API takes 2000–2099). */
export const isMonth = (text: string): boolean => /^20\d\d-(0[1-9]|1[0-2])$/.test(text)

/**
 * What a manager types for an amount → pence: "2500", "2,500.50", "£2,500.5". Undefined for
 * anything else (negative, three decimals, words), so the form can say what it wants.
 */
export function parseAmount(text: string): number | undefined {
  const match = /^\s*£?\s*(\d{1,3}(?:,\d{3})+|\d{1,10})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!match) return undefined
  const minor = Number(match[1]!.replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return minor <= 1_000_000_000_00 ? minor : undefined
}

/** Pence → what goes back in an amount field ("2500.50"). */
export const amountText = (minor: number): string => (minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2))

/** Asks the dashboard to show a report over a range (after a save: "see it in the report"). */
export interface ShowReport {
  id: string
  from: string
  to: string
}
export const showReportEvent = (detail: ShowReport): CustomEvent<ShowReport> => new CustomEvent('show-report', { detail, bubbles: true, composed: true })

export const inputStyles = css`
  :host { display: block; }
  .panel { display: grid; gap: 1rem; }
  .panel h2 { font-size: 1.1rem; margin: 0; }
  .intro { margin: 0.25rem 0 0; font-size: 0.92rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; }
  .row .field { min-width: 9rem; }
  .row .wide { flex: 1 1 16rem; }
  .field-error { margin: 0.2rem 0 0; }
  table { font-variant-numeric: tabular-nums; }
  td { vertical-align: middle; padding: 0.45rem 0.75rem; }
  tfoot td { font-weight: 650; border-top: 1px solid var(--pos-border-strong); border-bottom: none; }
  td input { width: 100%; max-width: 10rem; text-align: right; }
`

import { css, html, nothing, type TemplateResult } from 'lit'
import type { TrafficLightDto } from '../../../appliance/api/contract.js'
import { statusLabel } from '../../data/orders.js'

const LIGHT_LABEL: Record<TrafficLightDto, string> = { green: 'On time', amber: 'Due today', red: 'Late' }

/** A despatch traffic light: a dot with its meaning as text (never colour alone). */
export function lightBadge(light: TrafficLightDto | null, compact = false): TemplateResult | typeof nothing {
  if (!light) return nothing
  return html`<span class="light light-${light}" data-light=${light} title=${LIGHT_LABEL[light]}>
    <span class="dot" aria-hidden="true"></span><span class=${compact ? 'visually-hidden' : ''}>${LIGHT_LABEL[light]}</span></span>`
}

const STATUS_TONE: Record<string, string> = {
  cancelled: 'badge-danger', lost: 'badge-danger', refunded: 'badge-warning', returned: 'badge-warning', partially_returned: 'badge-warning',
  backordered: 'badge-warning', partially_allocated: 'badge-warning', shipped: 'badge-success', delivered: 'badge-success', completed: 'badge-success',
  allocated: 'badge-info', picking: 'badge-info', picked: 'badge-info', packed: 'badge-info',
}

export function statusBadge(status: string): TemplateResult {
  return html`<span class="badge ${STATUS_TONE[status] ?? ''}" data-status=${status}>${statusLabel(status)}</span>`
}

export const orderStyles = css`
  .light { display: inline-flex; align-items: center; gap: 0.35rem; font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
  .dot { width: 12px; height: 12px; border-radius: 50%; display: inline-block; flex: none; }
  .light-green .dot { background: #1d9a5b; }
  .light-amber .dot { background: #e0a100; }
  .light-red .dot { background: #d92d20; }
  .light-green { color: var(--pos-success); }
  .light-amber { color: var(--pos-warning); }
  .light-red { color: var(--pos-danger); }
  .chips { display: flex; flex-wrap: wrap; gap: 0.3rem; }
  .chip { display: inline-flex; align-items: center; gap: 0.25rem; padding: 0.1rem 0.5rem; border-radius: 999px; background: var(--pos-primary-soft); color: var(--pos-primary); font-size: 0.8rem; font-weight: 600; }
  .flag { background: var(--pos-warning-soft); color: var(--pos-warning); }
  .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 0.75rem; align-items: end; }
  .filters .search { grid-column: 1 / -1; display: flex; gap: 0.5rem; }
  .filters .search input { flex: 1; }
  .views { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .views select { width: auto; min-width: 12rem; }
  a.order-link { font-weight: 650; color: var(--pos-primary); text-decoration: none; }
  a.order-link:hover { text-decoration: underline; }
  .more { display: flex; justify-content: center; padding-top: 0.75rem; }
`

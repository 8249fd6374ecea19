import { css, html, nothing } from 'lit'
import type { PrintJobStatus } from '../../../appliance/api/contract.js'
import { formatCount } from '../../data/format.js'
import { JOB_STATUSES, JOB_STATUS_VIEW, type JobFilter, type summariseCounts } from '../../data/printing.js'
import { icon } from '../../components/icons.js'

/** The two numbers that matter: jobs waiting for a printer, and jobs waiting for a person (with shortcuts to them). */
export function queueSummary(c: ReturnType<typeof summariseCounts>, show: (status: PrintJobStatus) => void) {
  return html`<div class="tiles" aria-live="polite">
    <div class="tile" data-count="waiting">
      <span class="tile-icon info">${icon('clock')}</span>
      <div><p class="tile-value">${formatCount(c.waiting)}</p><p class="tile-label">Waiting to print</p></div>
    </div>
    <div class="tile ${c.attention ? 'attention' : ''}" data-count="attention">
      <span class="tile-icon ${c.attention ? 'danger' : 'ok'}">${icon(c.attention ? 'alert' : 'check')}</span>
      <div><p class="tile-value">${formatCount(c.attention)}</p><p class="tile-label">${c.attention ? 'Need attention' : 'Nothing needs attention'}</p></div>
      <div class="tile-actions">
        ${c.failed ? html`<button type="button" class="btn" @click=${() => show('failed')}>${formatCount(c.failed)} failed</button>` : nothing}
        ${c.interrupted ? html`<button type="button" class="btn" @click=${() => show('interrupted')}>${formatCount(c.interrupted)} interrupted</button>` : nothing}
      </div>
    </div>
  </div>`
}

/** Status and station filters; "Clear filters" once one is set. */
export function queueFilters(f: JobFilter, stations: ReadonlyArray<{ id: string; label: string }>, set: (patch: JobFilter) => void) {
  return html`<div class="filters" role="search" aria-label="Filter the queue">
    <div class="field">
      <label for="status-filter">Status</label>
      <select id="status-filter" @change=${(e: Event) => set({ status: ((e.target as HTMLSelectElement).value || undefined) as PrintJobStatus | undefined })}>
        <option value="" ?selected=${!f.status}>All statuses</option>
        ${JOB_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${JOB_STATUS_VIEW[s].label}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="station-filter">Station</label>
      <select id="station-filter" @change=${(e: Event) => set({ station: (e.target as HTMLSelectElement).value || undefined })}>
        <option value="" ?selected=${!f.station}>All stations</option>
        ${stations.map((s) => html`<option value=${s.id} ?selected=${f.station === s.id}>${s.label}</option>`)}
      </select>
    </div>
    ${f.status || f.station ? html`<button type="button" class="btn btn-ghost clear" @click=${() => set({ status: undefined, station: undefined })}>Clear filters</button>` : nothing}
    <span class="live muted"><span class="live-dot" aria-hidden="true"></span>Updates live</span>
  </div>`
}

export const queueHeaderStyles = css`
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 1rem; }
  .tile {
    display: flex; align-items: center; gap: 0.9rem; padding: 1rem 1.2rem; background: var(--pos-surface);
    border: 1px solid var(--pos-border); border-radius: var(--pos-radius-lg); box-shadow: var(--pos-shadow);
  }
  .tile.attention { border-color: rgb(180 35 24 / 35%); background: linear-gradient(0deg, var(--pos-danger-soft), var(--pos-surface) 70%); }
  .tile-icon { display: grid; place-items: center; width: 44px; height: 44px; border-radius: 12px; flex: none; }
  .tile-icon.info { background: var(--pos-primary-soft); color: var(--pos-primary); }
  .tile-icon.danger { background: var(--pos-danger-soft); color: var(--pos-danger); }
  .tile-icon.ok { background: var(--pos-success-soft); color: var(--pos-success); }
  .tile-value { font-size: 1.7rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
  .tile-label { color: var(--pos-text-muted); font-size: 0.9rem; font-weight: 550; }
  .tile-actions { margin-left: auto; display: flex; gap: 0.5rem; flex-wrap: wrap; justify-content: flex-end; }
  .tile-actions .btn { white-space: nowrap; padding: 0 0.9rem; }
  .list { display: grid; gap: 1rem; container: queue / inline-size; }
  .filters { display: flex; flex-wrap: wrap; align-items: end; gap: 0.75rem 1rem; }
  .filters .field { min-width: 200px; }
  .live { margin-left: auto; display: inline-flex; align-items: center; gap: 0.45rem; font-size: 0.85rem; min-height: var(--pos-target); }
  .live-dot { width: 8px; height: 8px; border-radius: 50%; background: var(--pos-success); box-shadow: 0 0 0 3px var(--pos-success-soft); }
`

import { css, html, nothing } from 'lit'
import type { PrintJobDto } from '../../../appliance/api/contract.js'
import { canDiscard, canReprint, INTERRUPTED_HELP, jobReference, jobKindLabel, JOB_STATUS_VIEW } from '../../data/printing.js'
import { icon } from '../../components/icons.js'

export interface JobRowActions {
  view(job: PrintJobDto): void
  reprint(job: PrintJobDto): void
  discard(job: PrintJobDto): void
  /** Jobs with a request in flight: their buttons wait. */
  busy: ReadonlySet<number>
  printerName(id: string): string
  stationName(id: string): string
}

const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' })
const dayTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
const dayTimeYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
const full = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'medium' })

/** Today's jobs by time only ("14:05"), older ones with the day ("3 Mar, 14:05") and year if not this one; the full instant in the tooltip. */
export function formatWhen(iso: string, now = new Date()): { short: string; full: string } {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return { short: iso, full: iso }
  const sameDay = at.toDateString() === now.toDateString()
  const short = sameDay ? time.format(at) : at.getFullYear() === now.getFullYear() ? dayTime.format(at) : dayTimeYear.format(at)
  return { short, full: full.format(at) }
}

/** The queue as table rows: one per job, plus a note row under a job that needs a person. */
export function jobRows(jobs: readonly PrintJobDto[], actions: JobRowActions) {
  return jobs.map((job) => html`
    <tr data-job=${job.id} class=${job.status === 'interrupted' || job.status === 'failed' ? 'flagged' : ''}>
      <td class="what">
        <span class="kind">${jobKindLabel(job)}${jobReference(job) ? html` <span class="ref">${jobReference(job)}</span>` : nothing}</span>
        <span class="muted small">#${job.id}${job.copyOf ? html` · <span class="badge">Copy of #${job.copyOf}</span>` : nothing}</span>
      </td>
      <td class="status">${statusChip(job)}${waitingNote(job)}</td>
      <td class="where"><span class="station">${job.station ? actions.stationName(job.station) : '—'}</span><span class="muted small printer">${actions.printerName(job.printer)}</span></td>
      <td class="num tries">${job.attempts}</td>
      <td class="time">${when(job)}</td>
      <td class="actions">${rowButtons(job, actions)}</td>
    </tr>
    ${job.status === 'interrupted' || job.status === 'failed' ? html`<tr class="note" data-note=${job.id}><td colspan="6">${problemNote(job)}</td></tr>` : nothing}
  `)
}

function when(job: PrintJobDto) {
  const at = formatWhen(job.createdAt)
  return html`<time datetime=${job.createdAt} title=${at.full}>${at.short}</time>`
}

function statusChip(job: PrintJobDto) {
  const view = JOB_STATUS_VIEW[job.status]
  return html`<span class="badge badge-${view.tone} chip-${job.status}"><span class="dot" aria-hidden="true"></span>${view.label}</span>`
}

/** A queued job with an error was blocked (offline, paper out): it retries by itself. */
function waitingNote(job: PrintJobDto) {
  if (job.status !== 'queued' || !job.lastError) return nothing
  return html`<span class="small waiting">Retrying: ${job.lastError}</span>`
}

function problemNote(job: PrintJobDto) {
  if (job.status === 'interrupted') {
    return html`<div class="alert alert-warning">${icon('alert', 18)}<div><p>${INTERRUPTED_HELP}</p>
      ${job.lastError ? html`<p class="small">What happened: ${job.lastError}</p>` : nothing}</div></div>`
  }
  return html`<div class="alert alert-error">${icon('alert', 18)}<div><p>This job failed and won’t retry by itself: fix the cause, then reprint or discard it.</p>
    ${job.lastError ? html`<p class="small">${job.lastError}</p>` : nothing}</div></div>`
}

function rowButtons(job: PrintJobDto, actions: JobRowActions) {
  const busy = actions.busy.has(job.id)
  const label = `job #${job.id}`
  return html`<div class="buttons">
    <button type="button" class="btn view" aria-label="View ${label}" @click=${() => actions.view(job)}>${icon('eye', 18)}View</button>
    ${canReprint(job.status) ? html`<button type="button" class="btn reprint" aria-label="Reprint ${label}" ?disabled=${busy}
      @click=${() => actions.reprint(job)}>${icon('copy', 18)}Reprint</button>` : nothing}
    ${canDiscard(job.status) ? html`<button type="button" class="btn discard" aria-label="Discard ${label}" ?disabled=${busy}
      @click=${() => actions.discard(job)}>${icon('trash', 18)}Discard</button>` : nothing}
  </div>`
}

export const jobRowStyles = css`
  td { vertical-align: middle; }
  th, td { padding-left: 0.55rem; padding-right: 0.55rem; }
  .what .kind { display: block; font-weight: 600; }
  .ref { font-family: var(--pos-font-mono); font-size: 0.9em; font-weight: 500; }
  .small { font-size: 0.83rem; }
  .station, .printer { display: block; }
  td.what { white-space: nowrap; }
  td.where { min-width: 9rem; max-width: 13rem; }
  .waiting { display: block; margin-top: 0.3rem; color: var(--pos-warning); max-width: 12rem; }
  .time { white-space: nowrap; color: var(--pos-text-muted); font-size: 0.9rem; }
  .actions { text-align: right; }
  .buttons { display: inline-flex; gap: 0.4rem; justify-content: flex-end; }
  .buttons .btn { padding: 0 0.7rem; gap: 0.3rem; font-size: 0.92rem; }
  .discard { color: var(--pos-danger); }
  .badge .dot { width: 7px; height: 7px; border-radius: 50%; background: currentColor; }
  .chip-sending .dot, .chip-queued .dot { animation: pulse 1.4s ease-in-out infinite; }
  @keyframes pulse { 50% { opacity: 0.25; } }
  @media (prefers-reduced-motion: reduce) { .chip-sending .dot, .chip-queued .dot { animation: none; } }
  tr.flagged td { border-bottom: none; }
  tr.note td { padding-top: 0; }
  tr.note .alert { padding: 0.6rem 0.85rem; font-size: 0.92rem; }
  tr.note .alert p + p { margin-top: 0.2rem; }
  /* Narrow screens (a till in portrait, a tablet): each job becomes a block. */
  @container queue (max-width: 880px) {
    thead { display: none; }
    table, tbody { display: block; }
    tr[data-job] {
      display: grid; grid-template-columns: minmax(0, 1fr) auto auto; gap: 0.35rem 1rem; padding: 0.85rem 0.25rem;
      border-bottom: 1px solid var(--pos-border);
    }
    tr[data-job].flagged { border-bottom: none; }
    tr[data-job] td { display: block; padding: 0; border: none; }
    td.what { grid-column: 1; grid-row: 1; }
    td.status { grid-column: 2 / -1; grid-row: 1; text-align: right; }
    td.what, td.where { white-space: normal; }
    td.where { grid-column: 1; grid-row: 2; }
    td.where .station, td.where .printer { display: inline; }
    td.where .station::after { content: ' · '; }
    td.tries { grid-column: 2; grid-row: 2; text-align: right; color: var(--pos-text-muted); font-size: 0.88rem; }
    td.tries::before { content: 'Tries '; }
    td.time { grid-column: 3; grid-row: 2; text-align: right; }
    td.actions { grid-column: 1 / -1; grid-row: 3; text-align: left; margin-top: 0.35rem; }
    .buttons { justify-content: flex-start; flex-wrap: wrap; }
    .waiting { margin-left: auto; }
    tr.note { display: block; padding: 0 0.25rem 0.85rem; border-bottom: 1px solid var(--pos-border); }
    tr.note td { display: block; padding: 0; border: none; }
  }
`

import { css, html, nothing } from 'lit'
import type { DeviceDto, PrinterStatusDto, PrintJobDto, StationDto } from '../../../appliance/api/contract.js'
import { errorAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { deviceStatusBadges, profileLabel, TRANSPORT_VIEW } from '../../data/printing.js'
import type { AppServices } from '../../data/services.js'
import '../../components/receipt-preview.js'

export interface PrinterCardOptions {
  services: AppServices | undefined
  status: PrinterStatusDto
  stations: readonly StationDto[]
  canManage: boolean
  /** The test page printed from this card, if any. */
  test: PrintJobDto | undefined
  testing: boolean
  testError: unknown
  onTest(): void
  onEdit(): void
  onHideTest(): void
}

/** One printer: what it is, its live status, who uses it, "Test print" (with the page's preview) and "Edit". */
export function printerCard(printer: DeviceDto, o: PrinterCardOptions) {
  const badges = deviceStatusBadges(o.status, printer.active)
  const details = badges.filter((b) => b.detail && b.tone !== 'success')
  const usedBy = o.stations.filter((s) => s.receiptPrinter === printer.id || s.labelPrinter === printer.id).map((s) => s.name)
  const titleId = `printer-${printer.id}`
  return html`<article class="card printer" data-printer=${printer.id} aria-labelledby=${titleId}>
    <div class="p-head">
      <span class="p-icon ${printer.type}">${icon(printer.type === 'label-printer' ? 'tag' : 'printer', 22)}</span>
      <div class="p-title">
        <h3 id=${titleId}>${printer.name}</h3>
        <p class="muted small">${printer.type === 'label-printer' ? 'Label printer' : 'Receipt printer'} · ${profileLabel(printer.profile)}</p>
      </div>
      <div class="badges" role="status" aria-label="Status of ${printer.name}">
        ${badges.map((b) => html`<span class="badge badge-${b.tone}"><span class="dot" aria-hidden="true"></span>${b.label}</span>`)}
      </div>
    </div>
    <dl class="facts">
      <div><dt>Connection</dt><dd>${connection(printer)}</dd></div>
      <div><dt>Used by</dt><dd>${usedBy.length ? usedBy.join(', ') : html`<span class="muted">No station</span>`}</dd></div>
    </dl>
    ${details.map((b) => html`<p class="status-detail tone-${b.tone}">${icon(b.tone === 'danger' ? 'alert' : 'info', 18)}<span>${b.detail}</span></p>`)}
    <div class="p-actions">
      <button type="button" class="btn test" ?disabled=${o.testing || !printer.active} @click=${o.onTest}>${icon('printer', 18)}${o.testing ? 'Sending…' : 'Test print'}</button>
      ${o.canManage ? html`<button type="button" class="btn btn-ghost edit" aria-label="Edit ${printer.name}" @click=${o.onEdit}>${icon('pencil', 18)}Edit</button>` : nothing}
    </div>
    ${o.testError ? errorAlert(o.testError) : nothing}
    ${o.test ? html`<div class="test-page">
      <div class="test-head"><h4>Test page</h4><button type="button" class="btn btn-ghost hide" @click=${o.onHideTest}>Hide</button></div>
      <pos-print-preview .services=${o.services} .job=${o.test}></pos-print-preview>
    </div>` : nothing}
  </article>`
}

const SCANNER_TRANSPORT: Record<string, string> = { hid: 'USB (HID POS)', serial: 'Serial' }

/** A scanner read on the appliance: its connection, live state and the stations it scans for. */
export function scannerCard(scanner: DeviceDto, stations: readonly StationDto[]) {
  const badges = deviceStatusBadges(scanner.status, scanner.active)
  const usedBy = stations.filter((s) => s.scanner === scanner.id).map((s) => s.name)
  return html`<article class="card printer" data-scanner=${scanner.id} aria-labelledby="scanner-${scanner.id}">
    <div class="p-head">
      <span class="p-icon scanner">${icon('scan', 22)}</span>
      <div class="p-title"><h3 id="scanner-${scanner.id}">${scanner.name}</h3><p class="muted small">Scanner</p></div>
      <div class="badges" role="status" aria-label="Status of ${scanner.name}">
        ${badges.map((b) => html`<span class="badge badge-${b.tone}"><span class="dot" aria-hidden="true"></span>${b.label}</span>`)}
      </div>
    </div>
    <dl class="facts">
      <div><dt>Connection</dt><dd>${SCANNER_TRANSPORT[scanner.transport] ?? scanner.transport}${scanner.address ? html` · <span class="mono">${scanner.address}</span>` : nothing}</dd></div>
      <div><dt>Used by</dt><dd>${usedBy.length ? usedBy.join(', ') : html`<span class="muted">No station</span>`}</dd></div>
    </dl>
    ${badges.filter((b) => b.detail && b.tone !== 'success').map((b) => html`<p class="status-detail tone-${b.tone}">${icon('alert', 18)}<span>${b.detail}</span></p>`)}
  </article>`
}

function connection(printer: DeviceDto) {
  const transport = printer.transport === 'tcp' || printer.transport === 'usb' || printer.transport === 'virtual' ? TRANSPORT_VIEW[printer.transport].label : printer.transport
  return printer.address ? html`${transport} · <span class="mono">${printer.address}</span>` : transport
}

export const printerCardStyles = css`
  .printer { display: grid; gap: 0.9rem; align-content: start; }
  .p-head { display: flex; gap: 0.85rem; align-items: flex-start; }
  .p-icon { display: grid; place-items: center; width: 44px; height: 44px; border-radius: 12px; flex: none; background: var(--pos-primary-soft); color: var(--pos-primary); }
  .p-icon.label-printer { background: #efe9fb; color: #5b3cc4; }
  .p-icon.scanner { background: var(--pos-success-soft); color: var(--pos-success); }
  .p-title { min-width: 0; flex: 1; }
  .p-title h3 { font-size: 1.05rem; }
  .p-title .small { font-size: 0.87rem; margin-top: 0.15rem; }
  .badges { display: flex; flex-wrap: wrap; gap: 0.35rem; justify-content: flex-end; }
  .badge .dot { width: 7px; height: 7px; border-radius: 50%; background: currentColor; }
  .facts { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; margin: 0; padding: 0.75rem 0.9rem; background: var(--pos-surface-muted); border-radius: var(--pos-radius); }
  .facts dt { font-size: 0.75rem; font-weight: 650; text-transform: uppercase; letter-spacing: 0.04em; color: var(--pos-text-muted); }
  .facts dd { margin: 0.15rem 0 0; font-weight: 550; overflow-wrap: anywhere; }
  .status-detail { display: flex; gap: 0.5rem; align-items: flex-start; font-size: 0.9rem; font-weight: 500; }
  .status-detail .icon { margin-top: 0.1rem; }
  .tone-danger { color: var(--pos-danger); }
  .tone-warning { color: var(--pos-warning); }
  .tone-neutral, .tone-info { color: var(--pos-text-muted); }
  .p-actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  .test-page { display: grid; gap: 0.6rem; border-top: 1px solid var(--pos-border); padding-top: 0.9rem; }
  .test-head { display: flex; justify-content: space-between; align-items: center; }
  .test-head h4 { margin: 0; font-size: 0.95rem; }
  .test-page pos-print-preview { --preview-max-height: 420px; }
`

import { LitElement, css, html, nothing } from 'lit'
import type { DeviceDto, DeviceList, PrinterStatusDto, PrintJobDto, ServerEvents } from '../../../appliance/api/contract.js'
import { isPrinter, listDevices, testPrint } from '../../data/printing.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { printerCard, printerCardStyles, scannerCard } from './printer-card.js'
import type { PosPrinterForm, PrinterSavedDetail } from './printer-form.js'
import type { StationSavedDetail } from './station-table.js'
import './drawer-panel.js'
import './printer-form.js'
import './station-table.js'

type DeviceStatus = Parameters<ServerEvents['device.status']>[0]

/** Receipt printers first, then label printers, each by name. */
const byKindThenName = (a: DeviceDto, b: DeviceDto) => b.type.localeCompare(a.type, 'en') || a.name.localeCompare(b.name, 'en')

/**
 * Settings → Devices: the printers with live status (from `device.status`) and a test print
 * each, the stations and which devices they use, and the cash drawer of this device's
 * station. Managers and admins add and change printers and stations; everyone else sees
 * the same screen read-only (status, test print and the drawer, which asks for approval).
 */
export class PosDevices extends LitElement {
  static override properties = {
    services: { attribute: false },
    devices: { state: true },
    loading: { state: true },
    error: { state: true },
    statuses: { state: true },
    tests: { state: true },
    testing: { state: true },
    testErrors: { state: true },
    notice: { state: true },
  }

  declare services: AppServices | undefined
  declare devices: DeviceList | undefined
  declare loading: boolean
  declare error: unknown
  /** Live status from `device.status`, newer than the list's. */
  declare statuses: ReadonlyMap<string, PrinterStatusDto>
  declare tests: ReadonlyMap<string, PrintJobDto>
  declare testing: ReadonlySet<string>
  declare testErrors: ReadonlyMap<string, unknown>
  declare notice: string | undefined

  #unsubscribe: (() => void) | undefined
  #generation = 0

  constructor() {
    super()
    this.services = undefined
    this.devices = undefined
    this.loading = true
    this.error = undefined
    this.statuses = new Map()
    this.tests = new Map()
    this.testing = new Set()
    this.testErrors = new Map()
    this.notice = undefined
    consumeServices(this)
  }

  override connectedCallback() {
    super.connectedCallback()
    this.#subscribe()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!changed.has('services') || !this.services) return
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this.#subscribe()
    void this.reload()
  }

  #subscribe() {
    if (this.#unsubscribe || !this.services || !this.isConnected) return
    this.#unsubscribe = this.services.realtime.on('device.status', (s) => this.#onStatus(s))
  }

  #onStatus({ printer, status }: DeviceStatus) {
    this.statuses = new Map(this.statuses).set(printer, status)
  }

  /** Devices and stations again, with fresh status. */
  async reload(): Promise<void> {
    if (!this.services) return
    const generation = ++this.#generation
    this.loading = true
    this.error = undefined
    try {
      const devices = await listDevices(this.services.api)
      if (generation !== this.#generation) return
      this.devices = devices
      this.statuses = new Map()
    } catch (error) {
      if (generation === this.#generation) this.error = error
    } finally {
      if (generation === this.#generation) this.loading = false
    }
  }

  get #canManage(): boolean {
    return this.services?.session.hasRole('manager', 'admin') ?? false
  }

  override render() {
    const manage = this.#canManage
    return html`<section class="page" aria-labelledby="title">
      ${manage ? html`<a class="back" href="#/settings">${icon('arrowLeft', 18)}<span>Settings</span></a>` : nothing}
      <header class="page-header">
        <div>
          <h1 id="title">Devices</h1>
          <p class="muted">Printers, the stations that use them and the cash drawer. Status updates live.</p>
        </div>
        <div class="row">
          <a class="btn" href="#/print-queue">Print queue</a>
          ${manage ? html`<button type="button" class="btn btn-primary add" ?disabled=${!this.devices} @click=${() => this.#edit(undefined)}>${icon('plus', 18)}Add printer</button>` : nothing}
        </div>
      </header>
      ${manage ? nothing : html`<div class="alert alert-info" role="note">${icon('lock')}<p>Only a manager can add or change printers and stations. You can check their status, print a test page and open the cash drawer.</p></div>`}
      ${this.notice ? successAlert(this.notice) : nothing}
      ${this.#body(manage)}
      <pos-printer-form .services=${this.services} @printer-saved=${this.#onPrinterSaved}></pos-printer-form>
    </section>`
  }

  #body(manage: boolean) {
    if (this.loading && !this.devices) return html`<p class="muted" role="status">Checking the printers…</p>`
    if (this.error && !this.devices) return errorAlert(this.error, html`<button class="btn" @click=${() => this.reload()}>Try again</button>`)
    const devices = this.devices
    if (!devices) return nothing
    const printers = devices.items.filter(isPrinter).sort(byKindThenName)
    const scanners = devices.items.filter((d) => d.type === 'scanner')
    return html`
      <section class="group" aria-labelledby="printers-title">
        <div class="group-head">
          <h2 id="printers-title">Printers</h2>
          <button type="button" class="btn btn-ghost" ?disabled=${this.loading} @click=${() => this.reload()}>${icon('refresh', 18)}${this.loading ? 'Checking…' : 'Check again'}</button>
        </div>
        ${printers.length ? html`<div class="printers">${printers.map((p) => printerCard(p, {
          services: this.services,
          status: this.statuses.get(p.id) ?? p.status,
          stations: devices.stations,
          canManage: manage,
          test: this.tests.get(p.id),
          testing: this.testing.has(p.id),
          testError: this.testErrors.get(p.id),
          onTest: () => void this.#test(p),
          onEdit: () => this.#edit(p),
          onHideTest: () => this.#hideTest(p.id),
        }))}</div>` : html`<div class="card">${emptyState({ icon: 'printer', title: 'No printers yet', body: manage ? 'Add the shop’s receipt and label printers.' : 'Ask a manager to add the shop’s printers.' })}</div>`}
      </section>
      ${scanners.length ? html`<section class="group" aria-labelledby="scanners-title">
        <h2 id="scanners-title">Scanners</h2>
        <div class="printers">${scanners.map((s) => scannerCard(s, devices.stations))}</div>
      </section>` : nothing}
      <section class="card" aria-labelledby="stations-title">
        <h2 id="stations-title">Stations</h2>
        <p class="muted intro">Each till or bench prints on its own printers; one with none set uses the shop’s first printer of that kind. A scanner that types like a keyboard needs no setting here.</p>
        <pos-station-table .services=${this.services} .stations=${devices.stations} .devices=${devices.items} ?readonly=${!manage}
          current=${this.services?.session.current?.station ?? ''} @station-saved=${this.#onStationSaved}></pos-station-table>
      </section>
      <pos-drawer-panel .services=${this.services} station=${this.services?.session.current?.station ?? ''}
        .stations=${devices.stations} .printers=${devices.items}></pos-drawer-panel>`
  }

  async #test(printer: DeviceDto) {
    if (!this.services || this.testing.has(printer.id)) return
    this.testing = new Set(this.testing).add(printer.id)
    const errors = new Map(this.testErrors)
    errors.delete(printer.id)
    this.testErrors = errors
    try {
      const job = await testPrint(this.services.api, printer.id)
      this.tests = new Map(this.tests).set(printer.id, job)
    } catch (error) {
      this.testErrors = new Map(this.testErrors).set(printer.id, error)
    } finally {
      const testing = new Set(this.testing)
      testing.delete(printer.id)
      this.testing = testing
    }
  }

  #hideTest(id: string) {
    const tests = new Map(this.tests)
    tests.delete(id)
    this.tests = tests
  }

  #edit(printer: DeviceDto | undefined) {
    const taken = this.devices?.items.map((d) => d.id) ?? []
    void this.renderRoot.querySelector<PosPrinterForm>('pos-printer-form')?.open(printer, taken)
  }

  #onPrinterSaved(event: CustomEvent<PrinterSavedDetail>) {
    this.notice = `Saved ${event.detail.printer.name}.`
    void this.reload()
  }

  #onStationSaved(event: CustomEvent<StationSavedDetail>) {
    const saved = event.detail.station
    if (!this.devices) return
    this.devices = { ...this.devices, stations: this.devices.stations.map((s) => (s.id === saved.id ? saved : s)) }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    printerCardStyles,
    css`
      :host { display: block; }
      .back { display: inline-flex; align-items: center; gap: 0.35rem; color: var(--pos-primary); text-decoration: none; font-weight: 600; min-height: 40px; justify-self: start; }
      .group { display: grid; gap: 0.75rem; }
      .group-head { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
      .printers { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1rem; align-items: start; }
      .card > h2 { margin-bottom: 0.25rem; }
      .intro { margin-bottom: 0.75rem; font-size: 0.92rem; }
      .page-header > div:first-child { flex: 1 1 24rem; }
    `,
  ]
}

customElements.define('pos-devices', PosDevices)

declare global {
  interface HTMLElementTagNameMap {
    'pos-devices': PosDevices
  }
}

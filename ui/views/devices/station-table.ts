import { LitElement, css, html, nothing } from 'lit'
import type { DeviceDto, StationDto } from '../../../appliance/api/contract.js'
import { errorDetail } from '../../data/api.js'
import { saveStation, type StationInput } from '../../data/printing.js'
import type { AppServices } from '../../data/services.js'
import { emptyState, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'

export interface StationSavedDetail {
  station: StationDto
}

type Column = 'receiptPrinter' | 'labelPrinter' | 'scanner'
type RowState = { saving: true } | { saved: true } | { error: string }

const COLUMNS: ReadonlyArray<{ key: Column; label: string; none: string }> = [
  { key: 'receiptPrinter', label: 'Receipt printer', none: 'Shop’s first receipt printer' },
  { key: 'labelPrinter', label: 'Label printer', none: 'Shop’s first label printer' },
  { key: 'scanner', label: 'Scanner', none: 'None' },
]

/**
 * Which printers and scanner each station uses: a select per device, saved per station with
 * `PUT /api/stations/{id}` (managers). Read-only for everyone else. Fires `station-saved`.
 */
export class PosStationTable extends LitElement {
  static override properties = {
    services: { attribute: false },
    stations: { attribute: false },
    devices: { attribute: false },
    readonly: { type: Boolean },
    current: { type: String },
    drafts: { state: true },
    rows: { state: true },
  }

  declare services: AppServices | undefined
  declare stations: StationDto[]
  declare devices: DeviceDto[]
  declare readonly: boolean
  /** This device's station, marked in the table. */
  declare current: string
  /** Unsaved choices per station. */
  declare drafts: ReadonlyMap<string, StationInput>
  declare rows: ReadonlyMap<string, RowState>

  constructor() {
    super()
    this.services = undefined
    this.stations = []
    this.devices = []
    this.readonly = false
    this.current = ''
    this.drafts = new Map()
    this.rows = new Map()
  }

  #options(column: Column): DeviceDto[] {
    const type = column === 'receiptPrinter' ? 'receipt-printer' : column === 'labelPrinter' ? 'label-printer' : 'scanner'
    return this.devices.filter((d) => d.type === type)
  }

  #value(station: StationDto): StationInput {
    const { name, receiptPrinter, labelPrinter, scanner } = station
    return this.drafts.get(station.id) ?? { name, receiptPrinter, labelPrinter, scanner }
  }

  #change(station: StationDto, column: Column, value: string) {
    const next = { ...this.#value(station), [column]: value || null }
    this.drafts = new Map(this.drafts).set(station.id, next)
    const rows = new Map(this.rows)
    rows.delete(station.id)
    this.rows = rows
  }

  #dirty(station: StationDto): boolean {
    const draft = this.drafts.get(station.id)
    return !!draft && COLUMNS.some((c) => draft[c.key] !== station[c.key])
  }

  override render() {
    if (this.stations.length === 0) {
      return emptyState({ icon: 'till', title: 'No stations yet', body: 'A station appears here once it is set up on the appliance.' })
    }
    return html`<div class="table-wrap"><table class=${this.readonly ? 'readonly' : ''}>
      <colgroup><col class="c-station" />${COLUMNS.map((c) => html`<col class="c-${c.key}" />`)}</colgroup>
      <thead><tr><th scope="col">Station</th>${COLUMNS.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
      <tbody>${this.stations.map((s) => this.#row(s))}</tbody>
    </table></div>`
  }

  #row(station: StationDto) {
    const value = this.#value(station)
    const state = this.rows.get(station.id)
    const saving = !!state && 'saving' in state
    const dirty = this.#dirty(station)
    return html`<tr data-station=${station.id}>
      <th scope="row">
        <span class="name">${station.name}${station.id === this.current ? html` <span class="badge badge-info">This device</span>` : nothing}</span>
        <span class="muted small mono">${station.id}</span>
        ${!this.readonly && (dirty || saving) ? html`<button type="button" class="btn btn-primary save" ?disabled=${saving}
          aria-label="Save ${station.name}" @click=${() => this.#save(station)}>${saving ? 'Saving…' : 'Save'}</button>` : nothing}
        ${state && 'saved' in state ? html`<span class="saved" role="status">${icon('check', 16)}Saved</span>` : nothing}
      </th>
      ${COLUMNS.map((c) => html`<td>${this.readonly ? this.#deviceName(value[c.key], c.none) : this.#select(station, c, value[c.key], saving)}</td>`)}
    </tr>
    ${state && 'error' in state ? html`<tr class="row-error"><td colspan="4"><span class="field-error" role="alert">${state.error}</span></td></tr>` : nothing}`
  }

  #select(station: StationDto, column: (typeof COLUMNS)[number], value: string | null, disabled: boolean) {
    const options = this.#options(column.key)
    const known = value === null || options.some((d) => d.id === value)
    return html`<select aria-label="${column.label} for ${station.name}" data-column=${column.key} ?disabled=${disabled}
      @change=${(e: Event) => this.#change(station, column.key, (e.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${value === null}>${column.none}</option>
      ${options.map((d) => html`<option value=${d.id} ?selected=${d.id === value}>${d.name}${d.active ? '' : ' (switched off)'}</option>`)}
      ${known ? nothing : html`<option value=${value ?? ''} selected>${value}</option>`}
    </select>`
  }

  #deviceName(id: string | null, none: string) {
    if (id === null) return html`<span class="muted">${none}</span>`
    return html`${this.devices.find((d) => d.id === id)?.name ?? id}`
  }

  async #save(station: StationDto) {
    if (!this.services) return
    const input = this.#value(station)
    this.rows = new Map(this.rows).set(station.id, { saving: true })
    try {
      const saved = await saveStation(this.services.api, station.id, input)
      const drafts = new Map(this.drafts)
      drafts.delete(station.id)
      this.drafts = drafts
      this.rows = new Map(this.rows).set(station.id, { saved: true })
      this.dispatchEvent(new CustomEvent<StationSavedDetail>('station-saved', { detail: { station: { ...saved, id: station.id } }, bubbles: true, composed: true }))
    } catch (error) {
      this.rows = new Map(this.rows).set(station.id, { error: errorDetail(error) })
    }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      th[scope='row'] { text-transform: none; letter-spacing: 0; font-size: 0.95rem; color: var(--pos-text); padding: 0.7rem 0.75rem; white-space: nowrap; }
      th[scope='row'] .name { display: block; font-weight: 650; }
      td, th[scope='row'] { vertical-align: middle; }
      table { table-layout: fixed; min-width: 720px; }
      .c-station { width: 9.5rem; }
      .c-scanner { width: 20%; }
      tbody tr:last-child th { border-bottom: none; }
      td { padding-left: 0.4rem; padding-right: 0.4rem; }
      select { font-size: 0.93rem; padding: 0 1.6rem 0 0.6rem; text-overflow: ellipsis; }
      th[scope='row'] { white-space: normal; }
      .save { margin-top: 0.45rem; min-height: 40px; padding: 0 1rem; }
      .small { font-size: 0.8rem; font-weight: 500; }
      .saved { display: flex; align-items: center; gap: 0.25rem; margin-top: 0.3rem; color: var(--pos-success); font-weight: 600; font-size: 0.88rem; }
      tr:has(+ .row-error) td, tr:has(+ .row-error) th { border-bottom: none; }
      .row-error td { padding-top: 0; }
    `,
  ]
}

customElements.define('pos-station-table', PosStationTable)

declare global {
  interface HTMLElementTagNameMap {
    'pos-station-table': PosStationTable
  }
}

import { LitElement, html, nothing } from 'lit'
import type { CarrierDto, CollectionItemDto, ManifestDto } from '../../../appliance/api/fulfilment-contract.js'
import { formatWeight, getManifest, listCarriers, localDate, manifestPath, readyCollections } from '../../data/fulfilment.js'
import { formatDateTime } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { fulfilStyles } from '../picking/fulfil-styles.js'

/**
 * Beside the bench: the end-of-day manifest per carrier (what the driver signs for, as CSV
 * or PDF) and the click-and-collect parcels waiting at the collection point.
 */
export class PosManifestPanel extends LitElement {
  static override properties = {
    services: { attribute: false },
    carriers: { state: true },
    carrier: { state: true },
    date: { state: true },
    manifest: { state: true },
    collections: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare carriers: CarrierDto[]
  declare carrier: string
  declare date: string
  declare manifest: ManifestDto | null
  declare collections: CollectionItemDto[]
  declare error: unknown

  constructor() {
    super()
    this.services = undefined
    this.carriers = []
    this.carrier = ''
    this.date = localDate()
    this.manifest = null
    this.collections = []
    this.error = undefined
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services') && this.services) void this.reload()
  }

  async reload(): Promise<void> {
    if (!this.services) return
    try {
      const [carriers, collections] = await Promise.all([listCarriers(this.services.api), readyCollections(this.services.api)])
      this.carriers = carriers
      this.collections = collections
      this.carrier ||= carriers[0]?.id ?? ''
      await this.#loadManifest()
    } catch (error) {
      this.error = error
    }
  }

  async #loadManifest() {
    if (!this.services || !this.carrier) return
    try {
      this.manifest = await getManifest(this.services.api, this.carrier, this.date)
      this.error = undefined
    } catch (error) {
      this.error = error
    }
  }

  override render() {
    const api = this.services?.api
    const link = (format: 'csv' | 'pdf') => api?.url(manifestPath(this.carrier, this.date, format)) ?? '#'
    const m = this.manifest
    return html`<div class="stack">
      <section class="card stack" aria-labelledby="manifest-title">
        <div class="row" style="justify-content:space-between"><h2 id="manifest-title">End-of-day manifest</h2>
          <button class="btn btn-ghost" aria-label="Refresh" @click=${() => this.reload()}>${icon('refresh', 18)}</button></div>
        <div class="row">
          <label class="field" style="flex:1">Carrier<select @change=${(e: Event) => { this.carrier = (e.target as HTMLSelectElement).value; void this.#loadManifest() }}>
            ${this.carriers.map((c) => html`<option value=${c.id} ?selected=${c.id === this.carrier}>${c.name}</option>`)}</select></label>
          <label class="field" style="flex:1">Day<input type="date" .value=${this.date} @change=${(e: Event) => { this.date = (e.target as HTMLInputElement).value || localDate(); void this.#loadManifest() }} /></label>
        </div>
        ${m ? html`<p data-manifest-count=${m.shipments.length}><strong>${m.shipments.length}</strong> parcel${m.shipments.length === 1 ? '' : 's'} · ${formatWeight(m.shipments.reduce((s, r) => s + r.weightG, 0))}</p>` : nothing}
        ${this.error ? errorAlert(this.error) : nothing}
        <div class="row">
          <a class="btn manifest-csv" href=${link('csv')} download>${icon('download', 18)}CSV</a>
          <a class="btn manifest-pdf" href=${link('pdf')} target="_blank" rel="noopener">${icon('download', 18)}PDF</a>
        </div>
      </section>
      <section class="card" aria-labelledby="collect-title"><h2 id="collect-title">Waiting for collection</h2>
        ${this.collections.length === 0 ? html`<p class="muted">No parcels are waiting.</p>` : html`<ul class="lists">${this.collections.map((c) => html`<li data-collection=${c.orderId}>
          <strong>${c.number}</strong> <span class="muted">${c.customer ?? ''} · ${c.location} · since ${formatDateTime(c.readyAt)}</span></li>`)}</ul>`}
      </section>
    </div>`
  }

  static override styles = [baseStyles, feedbackStyles, fulfilStyles]
}

customElements.define('pos-manifest-panel', PosManifestPanel)

declare global {
  interface HTMLElementTagNameMap {
    'pos-manifest-panel': PosManifestPanel
  }
}

import { LitElement, html, nothing } from 'lit'
import type { CarrierDto, PackDto, ShipRequest, ShipResultDto } from '../../../appliance/api/fulfilment-contract.js'
import { ApiError } from '../../data/api.js'
import { deliveryNotePath, listCarriers, shipOrder } from '../../data/fulfilment.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import '../../components/receipt-preview.js'
import { baseStyles } from '../../components/styles.js'
import { errorTone, okTone } from '../../till/tone.js'
import { fulfilStyles } from '../picking/fulfil-styles.js'

/**
 * Despatch a packed order: carrier and service, the tracking number (typed or scanned, for
 * carriers like the built-in manual one), then "Print label and ship" — the appliance prints
 * the 4x6 label to the station's label printer and records the shipment once (a retry after
 * a lost answer reuses the idempotency key). Shows the label as printed and the delivery
 * note. Fires `shipped`.
 */
export class PosShipPanel extends LitElement {
  static override properties = {
    services: { attribute: false },
    pack: { attribute: false },
    carriers: { state: true },
    carrier: { state: true },
    tracking: { state: true },
    result: { state: true },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare pack: PackDto | undefined
  declare carriers: CarrierDto[]
  declare carrier: string
  declare tracking: string
  declare result: ShipResultDto | null
  declare busy: boolean
  declare error: unknown

  readonly #keys = new IdempotencyKeys()

  constructor() {
    super()
    this.services = undefined
    this.pack = undefined
    this.carriers = []
    this.carrier = ''
    this.tracking = ''
    this.result = null
    this.busy = false
    this.error = undefined
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services') && this.services) {
      listCarriers(this.services.api).then((items) => {
        this.carriers = items
        if (!this.carrier) this.carrier = items.find((c) => c.id === this.pack?.carrierDefault)?.id ?? items[0]?.id ?? ''
      }, (error: unknown) => (this.error = error))
    }
  }

  /** A scan at the bench once packed: the parcel's tracking barcode. */
  scanned(code: string): void {
    if (this.result) return
    this.tracking = code
    okTone()
  }

  get #current(): CarrierDto | undefined {
    return this.carriers.find((c) => c.id === this.carrier)
  }

  override render() {
    const p = this.pack
    if (!p) return nothing
    if (this.result) return this.#done(this.result)
    const carrier = this.#current
    return html`<form class="stack ship-form" @submit=${this.#ship}>
      <h3>Despatch</h3>
      <div class="row">
        <label class="field" style="flex:1">Carrier
          <select name="carrier" @change=${(e: Event) => (this.carrier = (e.target as HTMLSelectElement).value)}>
            ${this.carriers.map((c) => html`<option value=${c.id} ?selected=${c.id === this.carrier}>${c.name}</option>`)}</select></label>
        ${carrier?.services.length ? html`<label class="field" style="flex:1">Service
          <select name="service">${carrier.services.map((s) => html`<option value=${s}>${s}</option>`)}</select></label>` : nothing}
      </div>
      ${carrier?.needsTrackingNumber ? html`<label class="field">Tracking number (type it, or scan the carrier's barcode)
        <input name="tracking" autocomplete="off" .value=${this.tracking} @input=${(e: Event) => (this.tracking = (e.target as HTMLInputElement).value)} required /></label>` : nothing}
      ${this.error ? errorAlert(this.error) : nothing}
      <div class="row">
        <button class="btn btn-primary btn-huge ship" type="submit" ?disabled=${this.busy || !carrier}>${icon('printer')}Print label and ship</button>
        <a class="btn packing-slip" href=${this.services?.api.url(deliveryNotePath(p.orderId)) ?? '#'} target="_blank" rel="noopener">${icon('download', 18)}Packing slip (PDF)</a>
      </div>
    </form>`
  }

  #done(r: ShipResultDto) {
    const api = this.services?.api
    return html`<div class="stack shipped" data-shipment=${r.shipment.id}>
      ${successAlert(html`Shipped ${r.shipment.orderNumber} with ${this.#current?.name ?? r.shipment.carrier}: tracking <strong class="mono" data-tracking>${r.shipment.trackingNumber}</strong>.`)}
      <div class="row">
        <a class="btn delivery-note" href=${api?.url(r.deliveryNoteUrl) ?? r.deliveryNoteUrl} target="_blank" rel="noopener">${icon('download', 18)}Delivery note (PDF)</a>
      </div>
      ${r.labelJobId !== null ? html`<pos-print-preview .services=${this.services} job-id=${Number(r.labelJobId)}></pos-print-preview>` : nothing}
    </div>`
  }

  async #ship(event: Event) {
    event.preventDefault()
    const p = this.pack
    const carrier = this.#current
    if (!this.services || !p || !carrier) return
    const data = new FormData(event.target as HTMLFormElement)
    const request: ShipRequest = { carrier: carrier.id }
    const service = String(data.get('service') ?? '')
    if (service) request.service = service
    if (carrier.needsTrackingNumber) {
      if (!this.tracking.trim()) return void (this.error = new Error('Type or scan the tracking number first.'))
      request.trackingNumber = this.tracking.trim()
    }
    this.busy = true
    this.error = undefined
    try {
      this.result = await shipOrder(this.services.api, p.orderId, request, this.#keys.keyFor({ orderId: p.orderId, ...request }))
      this.#keys.settle()
      okTone()
      this.dispatchEvent(new CustomEvent<ShipResultDto>('shipped', { detail: this.result, bubbles: true, composed: true }))
    } catch (error) {
      if (!(error instanceof ApiError && error.retryable)) this.#keys.settle()
      errorTone()
      this.error = error
    } finally {
      this.busy = false
    }
  }

  static override styles = [baseStyles, feedbackStyles, fulfilStyles]
}

customElements.define('pos-ship-panel', PosShipPanel)

declare global {
  interface HTMLElementTagNameMap {
    'pos-ship-panel': PosShipPanel
  }
}

import { LitElement, html, nothing } from 'lit'
import type { PackDto, ShipResultDto } from '../../../appliance/api/fulfilment-contract.js'
import { errorDetail } from '../../data/api.js'
import { formatWeight, getPack, markReady, packOrder, packScan, parseWeight } from '../../data/fulfilment.js'
import { CHANNEL_LABEL } from '../../data/orders.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { orderHref } from '../../routes.js'
import { errorTone, okTone } from '../../till/tone.js'
import { fulfilStyles } from '../picking/fulfil-styles.js'
import { ScanController } from '../picking/scan-controller.js'
import type { PosManifestPanel } from './manifest-panel.js'
import type { PosShipPanel } from './ship-panel.js'
import '../picking/camera-scan.js'
import './manifest-panel.js'
import './ship-panel.js'

type Message = { kind: 'ok' | 'error' | 'info'; text: string }

/**
 * The pack bench: scan an order (number, or its tote) to bring it up, scan every item to
 * verify it — a wrong or extra item is refused and blocks with the appliance's message —
 * then box and weigh it (the appliance suggests the box), and despatch it (carrier, label,
 * delivery note) or, for click and collect, put it out for collection.
 */
export class PosPackBench extends LitElement {
  static override properties = {
    services: { attribute: false },
    code: { type: String },
    pack: { state: true },
    message: { state: true },
    busy: { state: true },
  }

  declare services: AppServices | undefined
  /** An order or tote to open straight away (from the URL). */
  declare code: string
  declare pack: PackDto | null
  declare message: Message | null
  declare busy: boolean

  readonly #scanner = new ScanController(this, (code) => this.scan(code), () => this.renderRoot.querySelector<HTMLInputElement>('#code'))

  constructor() {
    super()
    this.services = undefined
    this.code = ''
    this.pack = null
    this.message = null
    this.busy = false
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if ((changed.has('services') || changed.has('code')) && this.services && this.code) void this.open(this.code)
  }

  /** Brings an order up by its id, number or tote. */
  async open(code: string): Promise<void> {
    if (!this.services) return
    try {
      this.pack = await getPack(this.services.api, code)
      this.#say({ kind: 'info', text: this.pack.unpicked > 0 ? `${this.pack.number}: ${this.pack.unpicked} unit(s) still to pick — finish picking before packing.` : `${this.pack.number}: scan each item.` })
    } catch (error) {
      this.#say({ kind: 'error', text: errorDetail(error) })
    }
  }

  /** What a scan means depends on where the order is: open one, verify an item, or fill the tracking number. */
  async scan(code: string): Promise<void> {
    const pack = this.pack
    if (!this.services) return
    if (!pack || pack.shipment || (pack.collect && pack.packed)) return this.open(code)
    if (pack.packed) return this.#shipPanel()?.scanned(code)
    if (pack.allScanned) return this.#say({ kind: 'info', text: pack.collect ? 'Every item is scanned: press Ready for collection.' : 'Every item is scanned: choose the box and weight, then press Packed.' })
    try {
      this.pack = await packScan(this.services.api, pack.orderId, code)
      const line = this.pack.lines.find((l) => l.barcode === code || l.sku === code)
      this.#say({ kind: 'ok', text: line ? `${line.name}: ${line.packed} of ${line.quantity}` : 'Item checked.' })
    } catch (error) {
      this.#say({ kind: 'error', text: errorDetail(error) })
    }
  }

  #say(message: Message) {
    this.message = message
    if (message.kind === 'error') errorTone()
    else if (message.kind === 'ok') okTone()
  }

  #shipPanel() {
    return this.renderRoot.querySelector<PosShipPanel>('pos-ship-panel')
  }

  override render() {
    return html`<section class="page" aria-labelledby="pack-title">
      <header class="page-header">
        <div><h1 id="pack-title">Packing</h1>
          <p class="muted">Scan an order or its tote, then every item in it. A wrong or extra item is refused.</p></div>
        ${this.pack ? html`<button class="btn next-order" @click=${this.#next}>Next order</button>` : nothing}
      </header>
      <form class="code-entry" @submit=${this.#typed}>
        <label class="visually-hidden" for="code">Order, tote or item code</label>
        <input id="code" autocomplete="off" placeholder=${this.pack ? 'Scan or type an item barcode' : 'Scan or type an order number or tote'} />
        <button class="btn btn-primary" type="submit">Enter</button>
      </form>
      <pos-camera-scan class="no-print" @camera-scan=${(e: CustomEvent<string>) => void this.#scanner.scan(e.detail)}></pos-camera-scan>
      ${this.message ? html`<div class="alert message ${this.message.kind === 'error' ? 'alert-error' : this.message.kind === 'ok' ? 'alert-success' : 'alert-info'}"
        role=${this.message.kind === 'error' ? 'alert' : 'status'} data-message=${this.message.kind}>${icon(this.message.kind === 'error' ? 'alert' : 'check')}<p>${this.message.text}</p></div>` : nothing}
      <div class="grid2">
        <div class="stack">${this.pack ? this.#order(this.pack) : html`<div class="card">${emptyState({ icon: 'scan', title: 'Scan an order to pack', body: 'Scan the tote from picking, or type the order number.' })}</div>`}</div>
        <pos-manifest-panel .services=${this.services}></pos-manifest-panel>
      </div>
    </section>`
  }

  #order(p: PackDto) {
    const scanned = p.lines.reduce((s, l) => s + l.packed, 0)
    const total = p.lines.reduce((s, l) => s + l.quantity, 0)
    return html`<section class="card stack" aria-labelledby="order-title" data-pack=${p.orderId}>
      <div class="row" style="justify-content:space-between">
        <h2 id="order-title"><a class="order-link" href=${orderHref(p.orderId)}>${p.number}</a></h2>
        <span class="muted">${CHANNEL_LABEL[p.channel] ?? p.channel}${p.collect ? ' · collect in store' : ''} · ${p.status.replace(/_/g, ' ')}</span>
      </div>
      <div class="progress"><div class="row"><span><strong data-scanned>${scanned} of ${total}</strong> items checked</span></div>
        <progress max=${Math.max(total, 1)} value=${scanned} aria-label="Items checked"></progress></div>
      <div class="table-wrap"><table class="pack-lines">
        <thead><tr><th scope="col"></th><th scope="col">Item</th><th scope="col" class="num">Checked</th></tr></thead>
        <tbody>${p.lines.map((l) => html`<tr class=${l.packed >= l.quantity ? 'complete done' : ''} data-line=${l.lineNo} data-packed=${l.packed}>
          <td><span class="tick" aria-label=${l.packed >= l.quantity ? 'checked' : 'not yet'}>${l.packed >= l.quantity ? '✓' : ''}</span></td>
          <td>${l.name}<div class="muted mono">${l.sku}${l.barcode ? ` · ${l.barcode}` : ''}</div></td>
          <td class="num">${l.packed}/${l.quantity}</td></tr>`)}</tbody></table></div>
      ${p.unpicked > 0 ? html`<div class="alert alert-warning" role="status">${icon('alert')}<p>${p.unpicked} unit(s) still to pick: this order can't be packed yet.</p></div>` : nothing}
      ${p.allScanned && !p.packed && !p.collect ? this.#boxForm(p) : nothing}
      ${p.collect && (p.allScanned || p.packed) ? this.#collect(p) : nothing}
      ${p.packed && !p.collect ? html`<pos-ship-panel .services=${this.services} .pack=${p}
        @shipped=${(e: CustomEvent<ShipResultDto>) => this.#shipped(p, e.detail)}></pos-ship-panel>` : nothing}
    </section>`
  }

  #boxForm(p: PackDto) {
    return html`<form class="stack box-form" @submit=${(e: Event) => this.#packed(e, p)}>
      <h3>Box and weigh</h3>
      <div class="row">
        <label class="field" style="flex:1">Box
          <select name="box">${p.boxes.map((b) => html`<option value=${b.id} ?selected=${b.id === p.suggestedBox?.id}>${b.name}${b.id === p.suggestedBox?.id ? ' (suggested)' : ''}</option>`)}</select></label>
        <label class="field" style="flex:1">Weight (g or kg)
          <input name="weight" inputmode="decimal" autocomplete="off" .value=${String(p.weightG)} required /></label>
        <label class="field" style="max-width:7rem">Parcels<input name="parcels" type="number" min="1" max="20" value="1" inputmode="numeric" /></label>
      </div>
      <p class="hint">Estimated ${formatWeight(p.weightG)} with the suggested box.</p>
      <button class="btn btn-primary btn-huge packed" type="submit" ?disabled=${this.busy}>${icon('box')}Packed</button>
    </form>`
  }

  async #packed(event: Event, p: PackDto) {
    event.preventDefault()
    if (!this.services) return
    const data = new FormData(event.target as HTMLFormElement)
    const weightG = parseWeight(String(data.get('weight') ?? ''))
    if (weightG === undefined) return this.#say({ kind: 'error', text: 'Enter the weight like 850 or 1.2 kg.' })
    await this.#run(async (api) => {
      this.pack = await packOrder(api, p.orderId, { box: String(data.get('box')), weightG, parcels: Number(data.get('parcels') ?? 1) || 1 })
      this.#say({ kind: 'ok', text: p.collect ? 'Packed: put it out for collection.' : 'Packed: choose the carrier and print the label.' })
    })
  }

  #shipped(p: PackDto, r: ShipResultDto) {
    this.pack = { ...p, status: 'shipped', shipment: { id: r.shipment.id, carrier: r.shipment.carrier, trackingNumber: r.shipment.trackingNumber } }
    this.message = { kind: 'ok', text: `${p.number} shipped. Scan the next order.` }
  }

  #collect(p: PackDto) {
    return html`<div class="stack collect">
      <p>Click and collect: no label. Bag it, put it at the collection point, and the customer is told.</p>
      <button class="btn btn-primary btn-huge ready" ?disabled=${this.busy} @click=${() => this.#ready(p)}>${icon('check')}Ready for collection</button>
    </div>`
  }

  async #ready(p: PackDto) {
    await this.#run(async (api) => {
      const ready = await markReady(api, p.orderId)
      this.#say({ kind: 'ok', text: ready.notified === 'message' ? `${ready.number} is ready at ${ready.location}: the customer has been told.` : `${ready.number} is ready at ${ready.location}: hand the printed slip to the customer or post it.` })
      this.pack = null
      void this.renderRoot.querySelector<PosManifestPanel>('pos-manifest-panel')?.reload()
    })
  }

  async #run(work: (api: AppServices['api']) => Promise<void>) {
    if (!this.services) return
    this.busy = true
    try {
      await work(this.services.api)
    } catch (error) {
      this.#say({ kind: 'error', text: errorDetail(error) })
    } finally {
      this.busy = false
    }
  }

  #typed(event: Event) {
    event.preventDefault()
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code')
    const code = input?.value.trim() ?? ''
    if (input) input.value = ''
    if (code) void this.#scanner.scan(code)
  }

  #next() {
    this.pack = null
    this.message = null
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus()
  }

  static override styles = [baseStyles, feedbackStyles, fulfilStyles]
}

customElements.define('pos-pack-bench', PosPackBench)

declare global {
  interface HTMLElementTagNameMap {
    'pos-pack-bench': PosPackBench
  }
}

import { LitElement, html, nothing } from 'lit'
import type { CreateWaveRequest, PickMethod, WaveDto } from '../../../appliance/api/fulfilment-contract.js'
import { createWave, METHOD_LABEL, parseStaffIds } from '../../data/fulfilment.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { fulfilStyles } from './fulfil-styles.js'

const METHODS: PickMethod[] = ['single', 'batch', 'zone', 'wave']

/**
 * "Create pick work": the method, who picks (balanced across them by the appliance), and
 * which orders — the ones ticked in the queue, or the top N by priority. Fires
 * `wave-created` with the new wave.
 */
export class PosWaveForm extends LitElement {
  static override properties = {
    services: { attribute: false },
    selected: { attribute: false },
    zones: { attribute: false },
    queued: { type: Number },
    method: { state: true },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  /** Order ids ticked in the queue; empty: take the queue by priority. */
  declare selected: string[]
  /** Zones the queued orders need (for zone picking). */
  declare zones: string[]
  /** Orders waiting, for the "top N" default. */
  declare queued: number
  declare method: PickMethod
  declare busy: boolean
  declare error: unknown

  constructor() {
    super()
    this.services = undefined
    this.selected = []
    this.zones = []
    this.queued = 0
    this.method = 'wave'
    this.busy = false
    this.error = undefined
  }

  override render() {
    const me = this.services?.session.current?.staff
    const n = this.selected.length
    return html`<form class="card stack wave-form" aria-labelledby="wave-title" @submit=${this.#submit}>
      <h2 id="wave-title">Create pick work</h2>
      <fieldset class="segmented" style="border:0;padding:0;margin:0">
        <legend class="label">Method</legend>
        ${METHODS.map((m) => html`<label data-method=${m}>
          <span><input type="radio" name="method" value=${m} .checked=${this.method === m} @change=${() => (this.method = m)} />${METHOD_LABEL[m].label}</span>
          <span class="hint">${METHOD_LABEL[m].hint}</span></label>`)}
      </fieldset>
      <div class="row">
        ${me ? html`<label class="row"><input class="check" type="checkbox" name="me" checked />Me (${me.name})</label>` : nothing}
        <div class="field grow" style="flex:1;min-width:14rem">
          <label for="pickers">Other pickers (staff IDs)</label>
          <input id="pickers" name="pickers" autocomplete="off" placeholder="e.g. fin, ash" />
        </div>
      </div>
      <div class="row">
        ${this.method === 'batch' ? html`<div class="field"><label for="batch-size">Orders per list</label>
          <input id="batch-size" name="batchSize" type="number" min="1" max="100" value="10" inputmode="numeric" /></div>` : nothing}
        ${this.method === 'zone' ? html`<p class="muted">One list per zone${this.zones.length ? ` (${this.zones.join(', ')})` : ''}.</p>` : nothing}
        ${n === 0 ? html`<div class="field"><label for="limit">How many orders (most urgent first)</label>
          <input id="limit" name="limit" type="number" min="1" max="1000" .value=${String(Math.min(Math.max(this.queued, 1), 50))} inputmode="numeric" /></div>`
          : html`<p class="muted">${n} order${n === 1 ? '' : 's'} ticked in the queue.</p>`}
      </div>
      ${this.error ? errorAlert(this.error) : nothing}
      <button class="btn btn-primary btn-large create-wave" type="submit" ?disabled=${this.busy || this.queued === 0}>${icon('picking')}Create pick lists</button>
    </form>`
  }

  async #submit(event: Event) {
    event.preventDefault()
    if (!this.services) return
    const data = new FormData(event.target as HTMLFormElement)
    const me = this.services.session.current?.staff.id
    const pickers = [...new Set([...(data.get('me') && me ? [me] : []), ...parseStaffIds(String(data.get('pickers') ?? ''))])]
    const request: CreateWaveRequest = { method: this.method, pickers }
    if (this.selected.length) request.orders = this.selected
    else request.limit = Number(data.get('limit') ?? 50) || 50
    if (this.method === 'batch') request.batchSize = Number(data.get('batchSize') ?? 10) || 10
    this.busy = true
    this.error = undefined
    try {
      const wave = await createWave(this.services.api, request)
      this.dispatchEvent(new CustomEvent<WaveDto>('wave-created', { detail: wave, bubbles: true, composed: true }))
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  static override styles = [baseStyles, feedbackStyles, fulfilStyles]
}

customElements.define('pos-wave-form', PosWaveForm)

declare global {
  interface HTMLElementTagNameMap {
    'pos-wave-form': PosWaveForm
  }
}

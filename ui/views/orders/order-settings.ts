import { LitElement, css, html, nothing } from 'lit'
import { getOrderSettings, saveOrderSettings, type OrderSettingsDto } from '../../data/orders.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'

type Rule = OrderSettingsDto['shippingRules'][number]
type Escalation = OrderSettingsDto['escalations'][number]

/**
 * Order settings for managers: where online orders are allocated from and how backorders
 * are refilled, the despatch rules (per channel and delivery method: daily cut-off, handling
 * and transit working days) and the escalation rules for late orders ("amber at 14:00 →
 * notify managers", "red → notify managers and tag late"). The appliance checks the whole
 * set before saving and names the field at fault.
 */
export class PosOrderSettings extends LitElement {
  static override properties = {
    services: { attribute: false },
    settings: { state: true },
    rules: { state: true },
    escalations: { state: true },
    error: { state: true },
    saved: { state: true },
    busy: { state: true },
  }

  declare services: AppServices | undefined
  declare settings: OrderSettingsDto | undefined
  declare rules: Rule[]
  declare escalations: Escalation[]
  declare error: unknown
  declare saved: boolean
  declare busy: boolean

  constructor() {
    super()
    this.services = undefined
    this.settings = undefined
    this.rules = []
    this.escalations = []
    this.error = undefined
    this.saved = false
    this.busy = false
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services') && this.services) void this.load()
  }

  async load(): Promise<void> {
    if (!this.services) return
    try {
      this.#show(await getOrderSettings(this.services.api))
    } catch (error) {
      this.error = error
    }
  }

  #show(settings: OrderSettingsDto) {
    this.settings = settings
    this.rules = settings.shippingRules.map((r) => ({ ...r }))
    this.escalations = settings.escalations.map((e) => ({ ...e, actions: [...e.actions] }))
  }

  #rule(i: number, patch: Partial<Rule>) {
    this.rules = this.rules.map((r, k) => (k === i ? { ...r, ...patch } : r))
  }

  #escalation(i: number, patch: Partial<Escalation>) {
    this.escalations = this.escalations.map((e, k) => (k === i ? { ...e, ...patch } : e))
  }

  async #save(event: Event) {
    event.preventDefault()
    if (!this.services || this.busy) return
    const locations = this.renderRoot.querySelector<HTMLInputElement>('#locations')?.value.split(',').map((s) => s.trim()).filter(Boolean) ?? []
    const reallocation = this.renderRoot.querySelector<HTMLSelectElement>('#reallocation')?.value === 'despatch-by' ? 'despatch-by' : 'placed'
    const escalations = this.escalations.map((e) => {
      const { at, ...rest } = e
      return at ? { ...rest, at } : rest
    })
    this.busy = true
    this.error = undefined
    this.saved = false
    try {
      this.#show(await saveOrderSettings(this.services.api, { shippingRules: this.rules, escalations, fulfilmentLocations: locations.length ? locations : null, reallocation }))
      this.saved = true
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  override render() {
    const s = this.settings
    if (!s) return this.error ? errorAlert(this.error) : html`<p class="muted" role="status">Loading the order settings…</p>`
    const num = (e: Event) => Math.max(0, Math.trunc(Number((e.target as HTMLInputElement).value) || 0))
    const text = (e: Event) => (e.target as HTMLInputElement).value.trim()
    return html`<form class="settings" @submit=${this.#save} aria-labelledby="settings-title">
      <h2 id="settings-title">Order settings</h2>
      ${this.error ? errorAlert(this.error) : nothing}
      ${this.saved ? successAlert('Order settings saved') : nothing}
      <fieldset>
        <legend>Allocation</legend>
        <div class="field"><label for="locations">Fulfil online orders from (in order)</label>
          <input id="locations" .value=${(s.fulfilmentLocations ?? []).join(', ')} placeholder=${s.resolved.fulfilmentLocations.join(', ')} /></div>
        <div class="field"><label for="reallocation">Refill backorders</label>
          <select id="reallocation">
            <option value="placed" ?selected=${s.reallocation === 'placed'}>Oldest order first</option>
            <option value="despatch-by" ?selected=${s.reallocation === 'despatch-by'}>Earliest despatch deadline first</option>
          </select></div>
      </fieldset>
      <fieldset>
        <legend>Despatch deadlines (${s.resolved.timeZone})</legend>
        <table class="rules"><thead><tr><th scope="col">Channel</th><th scope="col">Delivery method</th><th scope="col">Cut-off</th><th scope="col">Handling days</th><th scope="col">Transit days</th><th></th></tr></thead>
          <tbody>${this.rules.map((r, i) => html`<tr data-rule=${i}>
            <td><input class="channel" aria-label="Channel (* for any)" .value=${r.channel} @change=${(e: Event) => this.#rule(i, { channel: text(e) })} /></td>
            <td><input class="method" aria-label="Delivery method (* for any)" .value=${r.method} @change=${(e: Event) => this.#rule(i, { method: text(e) })} /></td>
            <td><input class="cut-off" aria-label="Cut-off time" .value=${r.cutOff} @change=${(e: Event) => this.#rule(i, { cutOff: text(e) })} /></td>
            <td><input class="handling" type="number" min="0" aria-label="Handling days" .value=${String(r.handlingDays)} @change=${(e: Event) => this.#rule(i, { handlingDays: num(e) })} /></td>
            <td><input class="transit" type="number" min="0" aria-label="Transit days" .value=${String(r.transitDays)} @change=${(e: Event) => this.#rule(i, { transitDays: num(e) })} /></td>
            <td><button type="button" class="btn" aria-label="Remove rule ${i + 1}" @click=${() => (this.rules = this.rules.filter((_, k) => k !== i))}>Remove</button></td>
          </tr>`)}</tbody></table>
        <button type="button" class="btn add-rule" @click=${() => (this.rules = [...this.rules, { channel: '*', method: '*', cutOff: '15:00', handlingDays: 0, transitDays: 2 }])}>Add a rule</button>
      </fieldset>
      <fieldset>
        <legend>Late orders</legend>
        <table class="escalations"><thead><tr><th scope="col">When the light turns</th><th scope="col">From (HH:MM)</th><th scope="col">Then</th><th></th></tr></thead>
          <tbody>${this.escalations.map((e, i) => html`<tr data-escalation=${i}>
            <td><select class="when" aria-label="Light" @change=${(ev: Event) => this.#escalation(i, { when: (ev.target as HTMLSelectElement).value === 'red' ? 'red' : 'amber' })}>
              <option value="amber" ?selected=${e.when === 'amber'}>Amber (due today)</option><option value="red" ?selected=${e.when === 'red'}>Red (late)</option></select></td>
            <td><input class="at" aria-label="From time" .value=${e.at ?? ''} placeholder="any time" @change=${(ev: Event) => this.#escalation(i, { at: text(ev) || undefined })} /></td>
            <td><input class="actions" aria-label="Actions" .value=${e.actions.join(', ')} @change=${(ev: Event) => this.#escalation(i, { actions: text(ev).split(',').map((a) => a.trim()).filter(Boolean) })} /></td>
            <td><button type="button" class="btn" aria-label="Remove escalation ${i + 1}" @click=${() => (this.escalations = this.escalations.filter((_, k) => k !== i))}>Remove</button></td>
          </tr>`)}</tbody></table>
        <p class="muted">Actions: notify-managers, notify-staff, tag:&lt;name&gt; — separated by commas.</p>
        <button type="button" class="btn add-escalation" @click=${() => (this.escalations = [...this.escalations, { when: 'red', actions: ['notify-managers'] }])}>Add an escalation</button>
      </fieldset>
      <button class="btn btn-primary save-settings" type="submit" ?disabled=${this.busy}>Save settings</button>
    </form>`
  }

  static override styles = [baseStyles, feedbackStyles, css`
    :host { display: block; }
    .settings { display: grid; gap: 0.75rem; }
    h2 { margin: 0; }
    fieldset { display: grid; gap: 0.6rem; border: 1px solid var(--pos-border); border-radius: 8px; padding: 0.6rem 0.8rem; }
    legend { font-weight: 650; padding: 0 0.3rem; }
    .field { display: grid; gap: 0.2rem; }
    table input, table select { width: 100%; }
    .handling, .transit { max-width: 6rem; }
  `]
}

customElements.define('pos-order-settings', PosOrderSettings)

declare global {
  interface HTMLElementTagNameMap {
    'pos-order-settings': PosOrderSettings
  }
}

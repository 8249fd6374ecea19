import { LitElement, css, html, nothing } from 'lit'
import type { AppServices } from '../../data/services.js'
import { DEFAULT_STATION, setStationName, stationName, stationNameProblem } from '../../data/settings.js'
import { consumeServices } from '../../components/consume-services.js'
import { feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import './backup-panel.js'

/** Settings: this device's station name (kept in the browser) and, for managers, backups. */
export class PosSettings extends LitElement {
  static override properties = {
    services: { attribute: false },
    station: { state: true },
    saved: { state: true },
    problem: { state: true },
  }

  declare services: AppServices | undefined
  declare station: string | undefined
  declare saved: boolean
  declare problem: string | undefined

  constructor() {
    super()
    this.services = undefined
    this.station = undefined
    this.saved = false
    this.problem = undefined
    consumeServices(this)
  }

  override render() {
    const services = this.services
    const stored = services ? stationName(services.storage) : DEFAULT_STATION
    const current = services?.session.current
    return html`<section class="page" aria-labelledby="title">
      <header class="page-header"><div><h1 id="title">Settings</h1></div></header>
      <form class="card station" @submit=${this.#save}>
        <h2>This device</h2>
        <div class="field">
          <label for="station">Station name</label>
          <div class="row">
            <input id="station" autocomplete="off" maxlength="40" .value=${this.station ?? stored}
              aria-describedby="station-hint station-error" aria-invalid=${this.problem ? 'true' : 'false'}
              @input=${(e: Event) => { this.station = (e.target as HTMLInputElement).value; this.saved = false }} />
            <button class="btn btn-primary" type="submit">Save</button>
          </div>
          <span id="station-hint" class="hint">Shows on receipts and in the audit trail. Takes effect at the next sign-in${
            current ? html` (signed in now as station <strong>${current.station}</strong>)` : nothing}.</span>
        </div>
        <span id="station-error" class="field-error" ?hidden=${!this.problem}>${this.problem ?? ''}</span>
        ${this.saved ? successAlert(`Saved. This device is station “${stored}”.`) : nothing}
      </form>
      <a class="card link-card" href="#/settings/devices">
        <span class="link-icon">${icon('printer', 22)}</span>
        <span><strong>Devices</strong><span class="muted">Receipt and label printers, which station uses which, test prints and the cash drawer.</span></span>
      </a>
      ${services?.session.hasRole('manager', 'admin') ? html`<pos-backup-panel .services=${services}></pos-backup-panel>` : nothing}
    </section>`
  }

  #save(event: Event) {
    event.preventDefault()
    if (!this.services) return
    this.problem = stationNameProblem(this.station ?? '')
    if (this.problem) return
    this.station = setStationName(this.services.storage, this.station ?? '')
    this.saved = true
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .station { display: grid; gap: 1rem; max-width: 640px; }
      .station > h2 { margin-bottom: 0; }
      .row { flex-wrap: nowrap; }
      .row input { flex: 1; }
      .link-card { display: flex; align-items: center; gap: 0.9rem; max-width: 640px; color: inherit; text-decoration: none; min-height: var(--pos-target); }
      .link-card:hover { border-color: var(--pos-primary); }
      .link-card > span:last-child { display: grid; gap: 0.15rem; }
      .link-icon { display: grid; place-items: center; width: 44px; height: 44px; border-radius: 12px; background: var(--pos-primary-soft); color: var(--pos-primary); flex: none; }
    `,
  ]
}

customElements.define('pos-settings', PosSettings)

declare global {
  interface HTMLElementTagNameMap {
    'pos-settings': PosSettings
  }
}

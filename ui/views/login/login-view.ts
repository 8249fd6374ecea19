import { LitElement, css, html, nothing } from 'lit'
import { Task, initialState } from '@lit/task'
import { ApiError } from '../../data/api.js'
import { getHealth } from '../../data/health.js'
import type { AppServices } from '../../data/services.js'
import { signIn } from '../../data/session.js'
import { stationName } from '../../data/settings.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import type { PinChangeDetail, PosPinPad } from '../../components/pin-pad.js'
import { baseStyles } from '../../components/styles.js'
import '../../components/pin-pad.js'

/**
 * Extra words for the two sign-in refusals people need to act on, when the API's detail
 * does not already say them: tries left before a lockout, and minutes until it ends.
 */
export function signInHint(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  const p = error.problem
  if (error.code === 'locked_out') {
    const until = typeof p.lockedUntil === 'string' ? Date.parse(p.lockedUntil) - Date.now() : Number.NaN
    const seconds = typeof p.retryAfterSeconds === 'number' ? p.retryAfterSeconds
      : Number.isFinite(until) ? until / 1000 : error.retryAfterSeconds
    if (seconds === undefined || seconds <= 0 || /minute/i.test(error.detail)) return undefined
    const minutes = Math.max(1, Math.ceil(seconds / 60))
    return `Locked out: try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask a manager.`
  }
  const left = typeof p.triesLeft === 'number' ? p.triesLeft : p.remainingAttempts
  if (typeof left !== 'number' || /\btr(y|ies) left\b/i.test(error.detail)) return undefined
  return `${left} ${left === 1 ? 'try' : 'tries'} left before this staff ID is locked.`
}

/** The sign-in screen: staff ID plus a big PIN pad. Demo mode shows the demo PINs. */
export class PosLogin extends LitElement {
  static override properties = {
    services: { attribute: false },
    staff: { state: true },
    pin: { state: true },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare staff: string
  declare pin: string
  declare busy: boolean
  declare error: unknown

  #health = new Task(this, {
    task: async ([services]) => (services ? getHealth(services.api) : initialState),
    args: () => [this.services] as const,
  })

  constructor() {
    super()
    this.services = undefined
    this.staff = ''
    this.pin = ''
    this.busy = false
    this.error = undefined
    consumeServices(this)
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('#staff')?.focus()
  }

  override render() {
    const station = this.services ? stationName(this.services.storage) : 'web'
    const reason = this.services?.session.signedOutReason
    const hint = signInHint(this.error)
    return html`
      <main class="screen">
        <div class="intro">
          <div class="brand">${icon('store', 30)}<span>Store Appliance</span></div>
          <p class="tagline">Till, stock, orders and reports for the shop.</p>
          ${this.#health.value?.demo ? this.#demoBanner() : nothing}
          <p class="station muted">This device signs in as station <strong>${station}</strong>.</p>
        </div>
        <form class="card" @submit=${this.#onSubmit} novalidate aria-labelledby="title">
          <h1 id="title">Sign in</h1>
          ${reason === 'expired' && !this.error
            ? html`<div class="alert alert-info" role="status">${icon('info')}<p>Your session ended. Sign in again to carry on.</p></div>`
            : nothing}
          <div class="field">
            <label for="staff">Staff ID</label>
            <input id="staff" name="staff" autocomplete="username" autocapitalize="none" spellcheck="false"
              placeholder="e.g. maya" .value=${this.staff} ?disabled=${this.busy}
              @input=${(e: Event) => (this.staff = (e.target as HTMLInputElement).value)}
              @keydown=${this.#onStaffKeydown} />
          </div>
          <pos-pin-pad .value=${this.pin} submit-label=${this.busy ? 'Signing in…' : 'Sign in'} ?disabled=${this.busy}
            @pin-change=${(e: CustomEvent<PinChangeDetail>) => (this.pin = e.detail.value)}
            @pin-submit=${() => this.#signIn()}></pos-pin-pad>
          ${this.error ? errorAlert(this.error, hint ? html`<p class="hint-line">${hint}</p>` : undefined) : nothing}
        </form>
      </main>
    `
  }

  #demoBanner() {
    return html`<aside class="demo" aria-label="Demo shop">
      ${icon('info')}<p><strong>Demo shop</strong> — Maya (manager) 1111, Ash (assistant) 2222, Fin (fulfilment) 3333</p>
    </aside>`
  }

  #onStaffKeydown(event: KeyboardEvent) {
    if (event.key !== 'Enter') return
    event.preventDefault()
    this.renderRoot.querySelector<PosPinPad>('pos-pin-pad')?.focus()
  }

  #onSubmit(event: Event) {
    event.preventDefault()
    void this.#signIn()
  }

  async #signIn() {
    const services = this.services
    if (!services || this.busy) return
    const staff = this.staff.trim()
    if (!staff) {
      this.error = new Error('Enter your staff ID first.')
      this.renderRoot.querySelector<HTMLInputElement>('#staff')?.focus()
      return
    }
    if (!this.pin) {
      this.error = new Error('Enter your PIN.')
      return
    }
    this.busy = true
    this.error = undefined
    try {
      await signIn(services.api, services.session, { staff, pin: this.pin, station: stationName(services.storage) })
      this.pin = ''
    } catch (error) {
      this.error = error
      this.pin = ''
      await this.updateComplete
      this.renderRoot.querySelector<PosPinPad>('pos-pin-pad')?.focus()
    } finally {
      this.busy = false
    }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; min-height: 100vh; }
      .screen {
        min-height: 100vh; display: grid; grid-template-columns: minmax(0, 380px) minmax(0, 420px);
        align-content: center; justify-content: center; align-items: center; gap: 1.5rem 4rem;
        padding: 1.5rem 1rem; background: linear-gradient(160deg, #e3eaf7 0%, var(--pos-bg) 60%);
      }
      .intro { display: grid; gap: 1rem; align-content: center; }
      .brand { display: flex; align-items: center; gap: 0.6rem; font-size: 1.5rem; font-weight: 750; color: var(--pos-nav-bg); }
      .brand .icon { color: var(--pos-primary); }
      .tagline { font-size: 1.1rem; color: var(--pos-text-muted); }
      form.card { display: grid; gap: 1rem; padding: 1.6rem 1.75rem; }
      form h1 { font-size: 1.45rem; }
      .demo {
        display: flex; gap: 0.6rem; align-items: flex-start; padding: 0.8rem 1rem;
        border-radius: var(--pos-radius); background: var(--pos-warning-soft); color: var(--pos-warning);
        border: 1px solid rgb(138 90 0 / 20%); font-size: 0.95rem;
      }
      .station { font-size: 0.9rem; }
      @media (max-width: 900px) {
        .screen { grid-template-columns: minmax(0, 420px); gap: 1rem; }
        .intro { justify-items: start; }
      }
      .hint-line { font-weight: 600; }
    `,
  ]
}

customElements.define('pos-login', PosLogin)

declare global {
  interface HTMLElementTagNameMap {
    'pos-login': PosLogin
  }
}

import { LitElement, css, html, nothing, type TemplateResult } from 'lit'
import type { ParkedBasketDto, TillDto, TillReportDto, TillSettingsDto } from '../../../appliance/api/contract.js'
import { formatDateTime, formatMoney } from '../../data/format.js'
import { newIdempotencyKey } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { fromParked, parsePounds } from '../../till/basket.js'
import { getTillSettings, listParked, listTills, moveCash, openTill, recallParked, xReport } from '../../till/till-api.js'
import type { PosSale } from './sale-screen.js'
import { tillStyles } from './till-styles.js'
import './close-till.js'
import './collection-dialog.js'
import './sale-screen.js'
import './till-report.js'

const TILL_KEY = 'pos.till.id'
type Dialog = { kind: 'x'; report: TillReportDto } | { kind: 'z'; report: TillReportDto } | { kind: 'cash' } | { kind: 'close' } | { kind: 'parked'; items: ParkedBasketDto[] }

/**
 * The till screen: choose this device's till, open it with a float, sell, and manage the
 * session (X report, cash in/out, parked baskets, close with a Z report).
 */
export class PosTill extends LitElement {
  static override properties = {
    services: { attribute: false },
    tills: { state: true },
    settings: { state: true },
    tillId: { state: true },
    dialog: { state: true },
    error: { state: true },
    busy: { state: true },
  }

  declare services: AppServices | undefined
  declare tills: TillDto[] | null
  declare settings: TillSettingsDto | undefined
  declare tillId: string | null
  declare dialog: Dialog | null
  declare error: unknown
  declare busy: boolean

  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.services = undefined
    this.tills = null
    this.settings = undefined
    this.tillId = null
    this.dialog = null
    this.error = undefined
    this.busy = false
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services') && this.services) {
      this.tillId = this.services.storage.getItem(TILL_KEY) || null
      this.#unsubscribe?.()
      this.#unsubscribe = this.services.realtime.on('till.changed', () => void this.#load())
      void this.#load()
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  async #load() {
    if (!this.services) return
    try {
      const [tills, settings] = await Promise.all([listTills(this.services.api), this.settings ?? getTillSettings(this.services.api)])
      this.tills = tills
      this.settings = settings
    } catch (error) {
      this.error = error
    }
  }

  get #till(): TillDto | undefined {
    return this.tills?.find((t) => t.id === this.tillId)
  }

  override render() {
    if (!this.tills) return this.error ? errorAlert(this.error) : html`<p class="muted" role="status">Loading the tills…</p>`
    const till = this.#till
    if (!till) return this.#choose()
    return html`<section class="till" aria-labelledby="till-title">
      <header class="bar">
        <div>
          <h1 id="till-title">${till.name}</h1>
          <p class="muted" data-till-state=${till.open ? (till.session?.expired ? 'expired' : 'open') : 'closed'}>${till.session
            ? html`Open since ${formatDateTime(till.session.openedAt)} · float ${formatMoney(till.session.floatMinor)}`
            : 'Closed'}</p>
        </div>
        <div class="row actions">
          ${till.open ? html`
            <button class="btn" data-action="x-report" @click=${() => this.#xReport(till)}>${icon('reports')}X report</button>
            <button class="btn" data-action="cash" @click=${() => (this.dialog = { kind: 'cash' })}>Cash in/out</button>
            <button class="btn" data-action="parked" @click=${() => this.#parked()}>Parked</button>
            <button class="btn" data-action="close" @click=${() => (this.dialog = { kind: 'close' })}>${icon('lock')}Close till</button>` : nothing}
          ${till.open ? html`<pos-collection-dialog .services=${this.services}></pos-collection-dialog>` : nothing}
          <button class="btn btn-ghost" data-action="change-till" @click=${() => this.#pick(null)}>Change till</button>
        </div>
      </header>
      ${this.error ? errorAlert(this.error) : nothing}
      ${!till.open ? this.#openForm(till) : till.session?.expired
        ? html`<div class="alert alert-warning" role="alert">${icon('alert')}<p>${till.name} was opened for ${till.session.businessDay} and that business day is over. Close it (Z report), then open it again to sell.</p></div>`
        : html`<pos-sale .services=${this.services} .till=${till} .settings=${this.settings}></pos-sale>`}
      ${this.dialog ? this.#modal(till, this.dialog) : nothing}
    </section>`
  }

  #choose() {
    return html`<section class="page choose" aria-labelledby="choose-title">
      <h1 id="choose-title">Which till is this?</h1>
      <p class="muted">This device remembers its till. Sales, cash and Z reports belong to the till.</p>
      <div class="tills">${this.tills!.map((t) => html`<button class="btn btn-large till-choice" data-till=${t.id} @click=${() => this.#pick(t.id)}>
        ${icon('till')}<span>${t.name}</span><span class="badge ${t.open ? 'badge-success' : ''}">${t.open ? 'Open' : 'Closed'}</span></button>`)}</div>
    </section>`
  }

  #pick(id: string | null) {
    this.tillId = id
    this.dialog = null
    this.error = undefined
    this.services?.storage.setItem(TILL_KEY, id ?? '')
  }

  #openForm(till: TillDto) {
    return html`<form class="panel open-form stack" @submit=${(e: Event) => this.#open(e, till)}>
      <h2>Open ${till.name}</h2>
      <label class="field">Float counted into the drawer (£)
        <input name="float" inputmode="decimal" autocomplete="off" placeholder="100.00" required />
      </label>
      <button class="btn btn-primary btn-large" type="submit" ?disabled=${this.busy}>Open till</button>
    </form>`
  }

  async #open(event: Event, till: TillDto) {
    event.preventDefault()
    const float = parsePounds(String(new FormData(event.target as HTMLFormElement).get('float') ?? ''))
    if (float === undefined || !this.services) return void (this.error = new Error('Enter the float like 100 or 100.00'))
    await this.#run(async (api) => {
      await openTill(api, till.id, float, newIdempotencyKey())
      await this.#load()
    })
  }

  async #xReport(till: TillDto) {
    await this.#run(async (api) => {
      this.dialog = { kind: 'x', report: await xReport(api, till.id) }
    })
  }

  async #parked() {
    await this.#run(async (api) => {
      this.dialog = { kind: 'parked', items: await listParked(api) }
    })
  }

  async #recall(id: string, till: TillDto) {
    const sale = this.renderRoot.querySelector<PosSale>('pos-sale')
    if (!sale || !sale.isEmpty) return void (this.error = new Error('Finish or park the sale on this till first, then recall.'))
    await this.#run(async (api) => {
      const recalled = await recallParked(api, id, till.id)
      sale.load(fromParked(recalled.basket))
      this.dialog = null
    })
  }

  async #run(work: (api: AppServices['api']) => Promise<void>) {
    if (!this.services) return
    this.busy = true
    this.error = undefined
    try {
      await work(this.services.api)
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  #modal(till: TillDto, dialog: Dialog) {
    const titles = { x: 'X report', z: 'Z report', cash: 'Cash in or out', close: `Close ${till.name}`, parked: 'Parked baskets' }
    let body: TemplateResult
    if (dialog.kind === 'x' || dialog.kind === 'z') {
      body = html`<pos-till-report .report=${dialog.report}></pos-till-report>
        <div class="row"><button class="btn" @click=${() => window.print()}>Print</button><button class="btn btn-primary grow" autofocus @click=${() => (this.dialog = null)}>Done</button></div>`
    } else if (dialog.kind === 'close') {
      body = html`<pos-close-till .services=${this.services} .till=${till} .settings=${this.settings}
        @till-closed=${(e: CustomEvent<TillReportDto>) => { this.dialog = { kind: 'z', report: e.detail }; void this.#load() }}></pos-close-till>`
    } else if (dialog.kind === 'cash') {
      body = this.#cashForm(till)
    } else {
      body = dialog.items.length === 0 ? html`<p class="muted">No baskets are parked.</p>` : html`<ul class="parked">${dialog.items.map((p) => html`<li>
        <span><strong>${p.label ?? 'Basket'}</strong> <span class="muted">${p.lineCount} lines · ${formatMoney(p.totalMinor)} · ${p.staffName ?? ''} · ${formatDateTime(p.parkedAt)}</span></span>
        <button class="btn btn-primary" data-recall=${p.id} @click=${() => this.#recall(p.id, till)}>Recall</button></li>`)}</ul>`
    }
    return html`<div class="modal-backdrop" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.dialog = null)}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${titles[dialog.kind]}>
        <header><h2>${titles[dialog.kind]}</h2><button class="btn btn-ghost" aria-label="Close" @click=${() => (this.dialog = null)}>✕</button></header>
        ${this.error ? errorAlert(this.error) : nothing}
        ${body}
      </div>
    </div>`
  }

  #cashForm(till: TillDto) {
    return html`<form class="stack" @submit=${async (e: Event) => {
      e.preventDefault()
      const data = new FormData(e.target as HTMLFormElement)
      const amount = parsePounds(String(data.get('amount') ?? ''))
      if (!amount) return void (this.error = new Error('Enter an amount like 20.00'))
      await this.#run(async (api) => {
        const kind = String(data.get('kind')) as 'paid_in' | 'paid_out' | 'bank_drop'
        await moveCash(api, till.id, { kind, amountMinor: amount, reason: String(data.get('reason') ?? '').trim() }, newIdempotencyKey())
        this.dialog = null
      })
    }}>
      <label class="field">What<select name="kind"><option value="paid_out">Paid out (petty cash)</option><option value="paid_in">Paid in</option><option value="bank_drop">Bank drop</option></select></label>
      <label class="field">Amount (£)<input name="amount" inputmode="decimal" autocomplete="off" required /></label>
      <label class="field">Reason<input name="reason" autocomplete="off" placeholder="e.g. milk for the staff room" required /></label>
      <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>Record</button>
    </form>`
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    tillStyles,
    css`
      :host { display: block; }
      .till { display: grid; gap: 1rem; }
      .bar { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
      .actions { flex-wrap: wrap; }
      .choose .tills { display: flex; flex-wrap: wrap; gap: 0.75rem; }
      .till-choice { min-width: 12rem; }
      .open-form { max-width: 26rem; }
      .parked { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      .parked li { display: flex; justify-content: space-between; gap: 1rem; align-items: center; }
      @media print {
        .bar, pos-sale { display: none; }
        .modal-backdrop { position: static; background: none; padding: 0; }
        .modal { box-shadow: none; }
        .modal .row, .modal header button { display: none; }
      }
    `,
  ]
}

customElements.define('pos-till', PosTill)

declare global {
  interface HTMLElementTagNameMap {
    'pos-till': PosTill
  }
}

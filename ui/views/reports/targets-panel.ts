import { LitElement, html, nothing } from 'lit'
import type { ReportResult, SalesTargetDto } from '../../../appliance/api/contract.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import { formatMoney } from '../../data/format.js'
import { listTargets, saveTargets } from '../../data/reports.js'
import type { AppServices } from '../../data/services.js'
import { amountText, inputStyles, isMonth, monthLabel, monthOf, monthRange, parseAmount, showReportEvent } from './input-kit.js'

/**
 * A month's sales targets per product category (VAT-inclusive sales, after discounts — what
 * "Sales against targets" compares them with). Beside each, the category's sales in the
 * same month a year before, to aim from. A blank target clears it.
 */
export class PosTargetsPanel extends LitElement {
  static override properties = {
    services: { attribute: false }, today: { type: String }, categories: { attribute: false },
    month: { state: true }, targets: { state: true }, lastYear: { state: true }, drafts: { state: true },
    error: { state: true }, errors: { state: true }, saved: { state: true }, busy: { state: true },
  }
  declare services: AppServices | undefined
  declare today: string
  /** The shop's product categories. */
  declare categories: string[]
  declare month: string
  declare targets: SalesTargetDto[] | undefined
  declare lastYear: Map<string, number>
  /** What the manager has typed, by category (untouched categories are absent). */
  declare drafts: Record<string, string>
  declare error: unknown
  declare errors: Record<string, string>
  declare saved: string | undefined
  declare busy: boolean

  constructor() {
    super()
    this.today = ''
    this.categories = []
    this.month = ''
    this.targets = undefined
    this.lastYear = new Map()
    this.drafts = {}
    this.error = undefined
    this.errors = {}
    this.saved = undefined
    this.busy = false
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!this.month && this.today) this.month = monthOf(this.today)
    if ((changed.has('month') || changed.has('services')) && this.month && this.services) void this.#load()
  }

  async #load() {
    const month = this.month
    const year = String(Number(month.slice(0, 4)) - 1)
    const { from, to } = monthRange(`${year}${month.slice(4)}`)
    try {
      const [targets, sold] = await Promise.all([
        listTargets(this.services!.api, month),
        this.services!.api.get<ReportResult>(`/api/reports/sales-by-category?from=${from}&to=${to}`).catch(() => undefined),
      ])
      if (month !== this.month) return
      this.targets = targets
      this.lastYear = new Map((sold?.rows ?? []).map((r) => [String(r.category), Number(r.salesMinor ?? 0)]))
      this.error = undefined
    } catch (error) {
      this.error = error
    }
  }

  get #rows(): string[] {
    const names = new Set(this.categories)
    for (const t of this.targets ?? []) names.add(t.category)
    return [...names].sort((a, b) => a.localeCompare(b))
  }

  #current(category: string): string {
    if (category in this.drafts) return this.drafts[category]!
    const target = this.targets?.find((t) => t.category === category)
    return target ? amountText(target.targetMinor) : ''
  }

  #onMonth(event: Event) {
    const value = (event.target as HTMLInputElement).value
    if (!isMonth(value)) return void (this.errors = { month: 'Pick a month between 2000 and 2099.' })
    if (value === this.month) return void (this.errors = {})
    Object.assign(this, { errors: {}, drafts: {}, saved: undefined, targets: undefined, month: value })
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault()
    const errors: Record<string, string> = {}
    const items: Array<{ month: string; category: string; targetMinor: number }> = []
    for (const [category, text] of Object.entries(this.drafts)) {
      const minor = text.trim() === '' ? 0 : parseAmount(text)
      if (minor === undefined) errors[category] = 'Enter pounds, like 12000 or 12,000.50 (blank clears the target).'
      else if (minor !== (this.targets?.find((t) => t.category === category)?.targetMinor ?? 0)) items.push({ month: this.month, category, targetMinor: minor })
    }
    this.errors = errors
    this.saved = undefined
    if (Object.keys(errors).length > 0) return
    if (items.length === 0) return void (this.saved = 'Nothing changed: type a target beside a category first.')
    this.busy = true
    try {
      this.targets = (await saveTargets(this.services!.api, items)).filter((t) => t.month === this.month)
      this.drafts = {}
      this.error = undefined
      this.saved = `Saved ${items.length} ${items.length === 1 ? 'target' : 'targets'} for ${monthLabel(this.month)}.`
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  override render() {
    const label = this.month ? monthLabel(this.month) : ''
    return html`<section class="card panel" aria-labelledby="targets-title">
      <div>
        <h2 id="targets-title">Sales targets</h2>
        <p class="muted intro">What each category should sell in a month (VAT-inclusive, after discounts). “Sales against targets” shows how the month is doing.</p>
      </div>
      <div class="row">
        <div class="field"><label for="target-month">Month</label>
          <input id="target-month" type="month" .value=${this.month} min="2000-01" max="2099-12" aria-invalid=${this.errors.month ? 'true' : 'false'} @change=${this.#onMonth} />
          ${this.errors.month ? html`<p class="field-error">${this.errors.month}</p>` : nothing}</div>
        <button class="btn" type="button" @click=${() => this.dispatchEvent(showReportEvent({ id: 'sales-vs-targets', ...monthRange(this.month) }))}>See sales against targets for ${label}</button>
      </div>
      ${this.error ? errorAlert(this.error) : nothing}
      ${this.saved ? successAlert(this.saved) : nothing}
      ${this.#table(label)}
    </section>`
  }

  #table(label: string) {
    if (!this.targets) return this.error ? nothing : html`<p class="muted" role="status">Loading…</p>`
    const rows = this.#rows
    if (rows.length === 0) return emptyState({ icon: 'tag', title: 'No product categories yet', body: 'Targets are set per product category: add products with categories to the catalogue first.' })
    const lastYear = `${label.slice(0, 3)} ${Number(this.month.slice(0, 4)) - 1}`
    const set = rows.filter((c) => this.#current(c) !== '').length
    return html`${set === 0 ? html`<p class="muted" role="status">No targets set for ${label} yet: type one beside each category you want to track.</p>` : nothing}
      <form @submit=${this.#onSubmit} novalidate aria-label=${`Targets for ${label}`}>
      <div class="table-wrap"><table class="targets">
        <thead><tr><th scope="col">Category</th><th scope="col" class="num">Sales in ${lastYear}</th><th scope="col" class="num">Target for ${label} (£)</th></tr></thead>
        <tbody>${rows.map((category, i) => html`<tr data-category=${category}>
          <td><label for=${`target-${i}`}>${category}</label></td>
          <td class="num muted">${this.lastYear.has(category) ? formatMoney(this.lastYear.get(category)!) : '—'}</td>
          <td class="num"><input id=${`target-${i}`} inputmode="decimal" autocomplete="off" placeholder="No target" .value=${this.#current(category)}
            aria-invalid=${this.errors[category] ? 'true' : 'false'} @input=${(e: Event) => (this.drafts = { ...this.drafts, [category]: (e.target as HTMLInputElement).value })} />
            ${this.errors[category] ? html`<p class="field-error">${this.errors[category]}</p>` : nothing}</td>
        </tr>`)}</tbody>
      </table></div>
      <div class="row actions"><button class="btn btn-primary" type="submit" ?disabled=${this.busy}>Save targets</button></div>
    </form>`
  }

  static override styles = [baseStyles, feedbackStyles, inputStyles]
}

customElements.define('pos-targets-panel', PosTargetsPanel)

declare global {
  interface HTMLElementTagNameMap {
    'pos-targets-panel': PosTargetsPanel
  }
}

import { LitElement, html, nothing } from 'lit'
import type { ExpenseDto } from '../../../appliance/api/contract.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { formatMoney } from '../../data/format.js'
import { addExpense, listExpenses, removeExpense } from '../../data/reports.js'
import type { AppServices } from '../../data/services.js'
import { inputStyles, isMonth, monthLabel, monthOf, monthRange, parseAmount, showReportEvent } from './input-kit.js'

/** What shops usually enter (free text: anything else is fine). */
const KINDS = ['rent', 'wages', 'utilities', 'marketing', 'card fees', 'insurance', 'repairs']

type Field = 'month' | 'category' | 'amount' | 'note'

/**
 * A month's expenses (VAT-exclusive) for profit and loss: the list with its total, an
 * entry form checked before it is sent, removal of a mistake, and a way on to the report.
 */
export class PosExpensesPanel extends LitElement {
  static override properties = {
    services: { attribute: false }, today: { type: String },
    month: { state: true }, items: { state: true }, error: { state: true }, errors: { state: true }, saved: { state: true }, busy: { state: true },
  }
  declare services: AppServices | undefined
  /** The store's date (YYYY-MM-DD): the month shown first. */
  declare today: string
  declare month: string
  declare items: ExpenseDto[] | undefined
  declare error: unknown
  declare errors: Partial<Record<Field, string>>
  declare saved: ExpenseDto | undefined
  declare busy: boolean

  constructor() {
    super()
    this.today = ''
    this.month = ''
    this.items = undefined
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
    try {
      const items = await listExpenses(this.services!.api, month)
      if (month === this.month) [this.items, this.error] = [items, undefined]
    } catch (error) {
      this.error = error
    }
  }

  #onMonth(event: Event) {
    const value = (event.target as HTMLInputElement).value
    if (!isMonth(value)) return void (this.errors = { ...this.errors, month: 'Pick a month between 2000 and 2099.' })
    this.errors = {}
    if (value === this.month) return
    this.saved = undefined
    this.items = undefined
    this.month = value
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const category = String(data.get('category') ?? '').trim()
    const amountMinor = parseAmount(String(data.get('amount') ?? ''))
    const note = String(data.get('note') ?? '').trim()
    const errors: Partial<Record<Field, string>> = {}
    if (!category) errors.category = 'Say what the money went on (rent, wages, …).'
    else if (category.length > 60) errors.category = 'Keep it to 60 characters.'
    if (amountMinor === undefined || amountMinor === 0) errors.amount = 'Enter an amount in pounds above zero, like 2500 or 2,500.00.'
    if (note.length > 200) errors.note = 'Keep the note to 200 characters.'
    this.errors = errors
    this.saved = undefined
    if (Object.keys(errors).length > 0) return
    this.busy = true
    try {
      this.saved = await addExpense(this.services!.api, { month: this.month, category, amountMinor: amountMinor!, ...(note ? { note } : {}) })
      this.error = undefined
      form.reset()
      await this.#load()
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  async #remove(expense: ExpenseDto) {
    try {
      await removeExpense(this.services!.api, expense.id)
      this.saved = undefined
      await this.#load()
    } catch (error) {
      this.error = error
    }
  }

  override render() {
    const label = this.month ? monthLabel(this.month) : ''
    return html`<section class="card panel" aria-labelledby="expenses-title">
      <div>
        <h2 id="expenses-title">Monthly expenses</h2>
        <p class="muted intro">What the shop spent beyond the goods it sold — rent, wages, utilities — before VAT. Profit and loss takes a month’s expenses off its gross margin.</p>
      </div>
      <div class="row">
        <div class="field"><label for="expense-month">Month</label>
          <input id="expense-month" type="month" .value=${this.month} min="2000-01" max="2099-12" aria-invalid=${this.errors.month ? 'true' : 'false'} @change=${this.#onMonth} />
          ${this.errors.month ? html`<p class="field-error">${this.errors.month}</p>` : nothing}</div>
        <button class="btn" type="button" @click=${() => this.dispatchEvent(showReportEvent({ id: 'profit-and-loss', ...monthRange(this.month) }))}>See profit and loss for ${label}</button>
      </div>
      ${this.error ? errorAlert(this.error) : nothing}
      ${this.saved ? successAlert(`Added ${this.saved.category}, ${formatMoney(this.saved.amountMinor)}, to ${monthLabel(this.saved.month)}.`) : nothing}
      ${this.#list(label)}
      ${this.#form(label)}
    </section>`
  }

  #list(label: string) {
    if (!this.items) return this.error ? nothing : html`<p class="muted" role="status">Loading…</p>`
    if (this.items.length === 0) {
      return emptyState({ icon: 'reports', title: `No expenses for ${label} yet`, body: 'Add the month’s rent, wages and other costs below, and profit and loss will show what the shop made after them.' })
    }
    const total = this.items.reduce((s, e) => s + e.amountMinor, 0)
    return html`<div class="table-wrap"><table class="expenses">
      <thead><tr><th scope="col">Expense</th><th scope="col">Note</th><th scope="col" class="num">Amount</th><th scope="col" aria-label="Remove"></th></tr></thead>
      <tbody>${this.items.map((e) => html`<tr>
        <td>${e.category}</td><td class="muted">${e.note ?? ''}</td><td class="num">${formatMoney(e.amountMinor)}</td>
        <td class="num"><button class="btn btn-ghost" type="button" aria-label=${`Remove ${e.category}`} @click=${() => this.#remove(e)}>${icon('trash', 18)}</button></td>
      </tr>`)}</tbody>
      <tfoot><tr><td>Total for ${label}</td><td></td><td class="num">${formatMoney(total)}</td><td></td></tr></tfoot>
    </table></div>`
  }

  #form(label: string) {
    const invalid = (f: Field) => (this.errors[f] ? 'true' : 'false')
    const error = (f: Field) => (this.errors[f] ? html`<p class="field-error" id=${`expense-${f}-error`}>${this.errors[f]}</p>` : nothing)
    return html`<form class="row" novalidate @submit=${this.#onSubmit} aria-label=${`Add an expense for ${label}`}>
      <div class="field"><label for="expense-category">Expense</label>
        <input id="expense-category" name="category" list="expense-kinds" maxlength="60" autocomplete="off" aria-invalid=${invalid('category')} aria-describedby="expense-category-error" />
        <datalist id="expense-kinds">${KINDS.map((k) => html`<option value=${k}></option>`)}</datalist>${error('category')}</div>
      <div class="field"><label for="expense-amount">Amount (£, before VAT)</label>
        <input id="expense-amount" name="amount" inputmode="decimal" autocomplete="off" aria-invalid=${invalid('amount')} aria-describedby="expense-amount-error" />${error('amount')}</div>
      <div class="field wide"><label for="expense-note">Note <span class="muted">(optional)</span></label>
        <input id="expense-note" name="note" maxlength="200" autocomplete="off" aria-invalid=${invalid('note')} />${error('note')}</div>
      <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>${icon('plus', 18)} Add expense</button>
    </form>`
  }

  static override styles = [baseStyles, feedbackStyles, inputStyles]
}

customElements.define('pos-expenses-panel', PosExpensesPanel)

declare global {
  interface HTMLElementTagNameMap {
    'pos-expenses-panel': PosExpensesPanel
  }
}

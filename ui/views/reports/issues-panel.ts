import { LitElement, css, html, nothing } from 'lit'
import type { CustomerIssueDto, IssuePriority } from '../../../appliance/api/contract.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { baseStyles } from '../../components/styles.js'
import { formatDateTime } from '../../data/format.js'
import { findOrderByNumber, listIssues, logIssue, updateIssue } from '../../data/reports.js'
import type { AppServices } from '../../data/services.js'
import { inputStyles } from './input-kit.js'

const CATEGORIES = ['delivery', 'damaged', 'wrong-item', 'refund', 'product', 'other']
const PRIORITIES: IssuePriority[] = ['low', 'normal', 'high', 'urgent']
const BADGE: Record<string, string> = { urgent: 'badge-danger', high: 'badge-warning', normal: 'badge-info', low: '' }

type Status = 'open' | 'closed' | 'all'
type Field = 'order' | 'category' | 'summary' | 'reply'

/**
 * Customer issues: log one (about an order, by its number, or not), answer it (the first
 * reply to the customer sets the first-response time), close or reopen it. What the
 * customer-service reports count and time.
 */
export class PosIssuesPanel extends LitElement {
  static override properties = {
    services: { attribute: false },
    status: { state: true }, items: { state: true }, openId: { state: true }, error: { state: true }, errors: { state: true },
    message: { state: true }, busy: { state: true },
  }
  declare services: AppServices | undefined
  declare status: Status
  declare items: CustomerIssueDto[] | undefined
  /** The issue shown in full. */
  declare openId: string | undefined
  declare error: unknown
  declare errors: Partial<Record<Field, string>>
  declare message: string | undefined
  declare busy: boolean

  constructor() {
    super()
    this.status = 'open'
    this.items = undefined
    this.openId = undefined
    this.error = undefined
    this.errors = {}
    this.message = undefined
    this.busy = false
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if ((changed.has('status') || changed.has('services')) && this.services) void this.#load()
  }

  async #load() {
    const status = this.status
    try {
      const items = await listIssues(this.services!.api, status)
      if (status === this.status) [this.items, this.error] = [items, undefined]
    } catch (error) {
      this.error = error
    }
  }

  /** Runs a change, shows what happened (nothing for ''), and reloads the list. */
  async #act(work: () => Promise<string>) {
    this.busy = true
    this.message = undefined
    try {
      this.message = await work()
      this.error = undefined
      await this.#load()
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  async #onLog(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const [number, category, summary, note] = [text('order'), text('category').toLowerCase(), text('summary'), text('note')]
    const priority = text('priority') as IssuePriority
    const errors: Partial<Record<Field, string>> = {}
    if (!category) errors.category = 'Pick what the issue is about.'
    else if (category.length > 40) errors.category = 'Keep the category to 40 characters.'
    if (!summary) errors.summary = 'Say what the customer raised.'
    this.errors = errors
    if (Object.keys(errors).length > 0) return
    await this.#act(async () => {
      const order = number ? await findOrderByNumber(this.services!.api, number) : undefined
      if (number && !order) {
        this.errors = { order: `There is no order numbered ${number}: check the number on the receipt or order page, or leave it blank.` }
        return ''
      }
      const issue = await logIssue(this.services!.api, { category, priority, summary, ...(order ? { orderId: order.id } : {}), ...(note ? { note } : {}) })
      form.reset()
      this.openId = issue.id
      return `Logged: ${issue.summary}.`
    })
  }

  async #onReply(issue: CustomerIssueDto, event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const body = String(data.get('reply') ?? '').trim()
    if (!body) return void (this.errors = { reply: 'Write the reply or note first.' })
    this.errors = {}
    const response = data.get('response') === 'on'
    await this.#act(async () => {
      await updateIssue(this.services!.api, issue.id, { note: { body, response } })
      form.reset()
      return response ? 'Reply recorded.' : 'Note added.'
    })
  }

  #setStatus(issue: CustomerIssueDto, status: 'open' | 'closed') {
    return this.#act(async () => {
      await updateIssue(this.services!.api, issue.id, { status })
      return status === 'closed' ? `Closed: ${issue.summary}.` : `Reopened: ${issue.summary}.`
    })
  }

  override render() {
    return html`<section class="card panel" aria-labelledby="issues-title">
      <div>
        <h2 id="issues-title">Customer issues</h2>
        <p class="muted intro">Log what a customer raised, record the reply, close it when it is sorted. The customer-service reports count them and time the first reply and the resolution.</p>
      </div>
      ${this.error ? errorAlert(this.error) : nothing}
      ${this.message ? successAlert(this.message) : nothing}
      <h3>Log a new issue</h3>
      ${this.#logForm()}
      <h3>Issues</h3>
      <div class="row">
        <div class="field"><label for="issue-status">Show</label>
          <select id="issue-status" @change=${(e: Event) => Object.assign(this, { status: (e.target as HTMLSelectElement).value as Status, items: undefined })}>
            <option value="open" ?selected=${this.status === 'open'}>Open</option>
            <option value="closed" ?selected=${this.status === 'closed'}>Closed</option>
            <option value="all" ?selected=${this.status === 'all'}>All</option>
          </select></div>
      </div>
      ${this.#list()}
    </section>`
  }

  #logForm() {
    const invalid = (f: Field) => (this.errors[f] ? 'true' : 'false')
    const error = (f: Field) => (this.errors[f] ? html`<p class="field-error">${this.errors[f]}</p>` : nothing)
    return html`<form class="row log" novalidate @submit=${this.#onLog} aria-label="Log a customer issue">
      <div class="field"><label for="issue-order">Order number <span class="muted">(optional)</span></label>
        <input id="issue-order" name="order" autocomplete="off" aria-invalid=${invalid('order')} />${error('order')}</div>
      <div class="field"><label for="issue-category">About</label>
        <input id="issue-category" name="category" list="issue-categories" value="delivery" autocomplete="off" aria-invalid=${invalid('category')} />
        <datalist id="issue-categories">${CATEGORIES.map((c) => html`<option value=${c}></option>`)}</datalist>${error('category')}</div>
      <div class="field"><label for="issue-priority">Priority</label>
        <select id="issue-priority" name="priority">${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === 'normal'}>${p}</option>`)}</select></div>
      <div class="field wide"><label for="issue-summary">What the customer raised</label>
        <input id="issue-summary" name="summary" maxlength="500" autocomplete="off" aria-invalid=${invalid('summary')} />${error('summary')}</div>
      <div class="field wide"><label for="issue-note">Note <span class="muted">(optional)</span></label>
        <input id="issue-note" name="note" maxlength="2000" autocomplete="off" /></div>
      <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>Log issue</button>
    </form>`
  }

  #list() {
    if (!this.items) return this.error ? nothing : html`<p class="muted" role="status">Loading…</p>`
    if (this.items.length === 0) {
      const title = this.status === 'open' ? 'No open customer issues' : this.status === 'closed' ? 'No closed customer issues yet' : 'No customer issues logged yet'
      return emptyState({ icon: 'check', title, body: 'When a customer gets in touch about an order, log it above so it is answered and counted.' })
    }
    return html`<ul class="issues">${this.items.map((issue) => this.#issue(issue))}</ul>`
  }

  #issue(issue: CustomerIssueDto) {
    const expanded = this.openId === issue.id
    return html`<li class="issue" data-id=${issue.id}>
      <button class="summary" type="button" aria-expanded=${expanded ? 'true' : 'false'} @click=${() => (this.openId = expanded ? undefined : issue.id)}>
        <span class="badge ${BADGE[issue.priority] ?? ''}">${issue.priority}</span>
        <span class="what">${issue.summary}</span>
        <span class="muted">${issue.category}${issue.orderNumber ? ` · ${issue.orderNumber}` : ''} · ${formatDateTime(issue.openedAt)}</span>
        <span class="badge ${issue.status === 'open' ? 'badge-warning' : 'badge-success'}">${issue.status}</span>
      </button>
      ${expanded ? this.#detail(issue) : nothing}
    </li>`
  }

  #detail(issue: CustomerIssueDto) {
    const open = issue.status === 'open'
    return html`<div class="detail">
      <p class="muted">${issue.orderId ? html`Order <a href="#/orders/${encodeURIComponent(issue.orderId)}">${issue.orderNumber ?? issue.orderId}</a> · ` : nothing}First reply:
        ${issue.firstResponseAt ? formatDateTime(issue.firstResponseAt) : 'not yet'}${issue.closedAt ? html` · Closed ${formatDateTime(issue.closedAt)}` : nothing}</p>
      ${issue.notes.length ? html`<ol class="notes">${issue.notes.map((n) => html`<li><span class="muted">${formatDateTime(n.at)} · ${n.staffId}${n.response ? ' · reply to customer' : ''}</span><p>${n.body}</p></li>`)}</ol>` : nothing}
      ${open ? html`<form class="row" novalidate @submit=${(e: SubmitEvent) => this.#onReply(issue, e)} aria-label="Reply or add a note">
        <div class="field wide"><label for=${`reply-${issue.id}`}>Reply or note</label>
          <textarea id=${`reply-${issue.id}`} name="reply" rows="2" maxlength="2000" aria-invalid=${this.errors.reply ? 'true' : 'false'}></textarea>
          ${this.errors.reply ? html`<p class="field-error">${this.errors.reply}</p>` : nothing}</div>
        <label class="check"><input type="checkbox" name="response" checked /> Sent to the customer</label>
        <button class="btn" type="submit" ?disabled=${this.busy}>Add</button>
      </form>` : nothing}
      <div class="row"><button class="btn ${open ? 'btn-primary' : ''}" type="button" ?disabled=${this.busy} @click=${() => this.#setStatus(issue, open ? 'closed' : 'open')}>${open ? 'Close issue' : 'Reopen issue'}</button></div>
    </div>`
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    inputStyles,
    css`
      h3 { font-size: 1rem; margin: 0.5rem 0 0; }
      .issues, .notes { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      .issue { border: 1px solid var(--pos-border); border-radius: var(--pos-radius); }
      .summary { display: flex; flex-wrap: wrap; gap: 0.4rem 0.75rem; align-items: center; width: 100%; padding: 0.65rem 0.85rem;
        background: none; border: none; font: inherit; color: inherit; text-align: left; cursor: pointer; }
      .summary .what { font-weight: 600; flex: 1 1 14rem; }
      .detail { display: grid; gap: 0.75rem; padding: 0 0.85rem 0.85rem; }
      .notes li { border-left: 3px solid var(--pos-border); padding-left: 0.6rem; }
      textarea { padding: 0.5rem 0.85rem; min-height: 4rem; }
      .check { display: flex; gap: 0.4rem; align-items: center; font-weight: 500; }
      .check input { width: auto; min-height: 0; }
    `,
  ]
}

customElements.define('pos-issues-panel', PosIssuesPanel)

declare global {
  interface HTMLElementTagNameMap {
    'pos-issues-panel': PosIssuesPanel
  }
}

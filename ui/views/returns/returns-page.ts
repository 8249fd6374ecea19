import { LitElement, css, html, nothing } from 'lit'
import type { OrderDetailDto, OrderListItemDto, ReturnConditionDto, ReturnDto, ReturnOptionsDto, ReturnRequest } from '../../../appliance/api/contract.js'
import { ApiError } from '../../data/api.js'
import { CHANNEL_LABEL, createReturn, getOrder, listOrders, returnOptions } from '../../data/orders.js'
import { formatDateTime, formatMoney } from '../../data/format.js'
import { IdempotencyKeys } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import type { ApprovalGrantedDetail } from '../stock/approval-prompt.js'
import '../stock/approval-prompt.js'
import { unitsValue, type ExchangeItem, type ExchangeItemsDetail } from './exchange-items.js'
import './exchange-items.js'
import type { ReturnDoneDetail } from './no-receipt-form.js'
import './no-receipt-form.js'
import './rma-desk.js'

interface Pick {
  quantity: number
  reason: string
  condition: ReturnConditionDto
}

const REFUND_LABEL: Record<string, string> = {
  cash: 'Cash from the drawer', card: 'Back to the card', voucher: 'Back onto the gift card', channel: 'Back through the website',
  'store-credit': 'Store credit', exchange: 'Towards the exchange',
}

/**
 * The returns desk at the till: scan the receipt barcode (or type the order number, the
 * customer's email or phone), choose what comes back — how many, why, and whether it can be
 * sold again — and refund it to what paid or as store credit. A manager approves on this
 * screen when the return needs it (outside the window). The appliance decides the amounts;
 * the screen shows its answer.
 */
export class PosReturns extends LitElement {
  static override properties = {
    services: { attribute: false },
    orderRef: { type: String, attribute: 'order-ref' },
    candidates: { state: true },
    order: { state: true },
    options: { state: true },
    picks: { state: true },
    method: { state: true },
    busy: { state: true },
    error: { state: true },
    approval: { state: true },
    windowClosed: { state: true },
    result: { state: true },
    exchangeItems: { state: true },
    payBy: { state: true },
    noReceipt: { state: true },
  }

  declare services: AppServices | undefined
  /** An order to start from (the order page's "Return items"). */
  declare orderRef: string
  declare candidates: OrderListItemDto[]
  declare order: OrderDetailDto | undefined
  declare options: ReturnOptionsDto | undefined
  declare picks: Record<number, Pick>
  declare method: 'original' | 'store-credit' | 'exchange'
  declare busy: boolean
  declare error: unknown
  declare approval: { action: string; reason: string; override: boolean } | undefined
  declare windowClosed: string | undefined
  declare result: ReturnDto | undefined
  /** An exchange's new items, and how the customer pays any difference. */
  declare exchangeItems: ExchangeItem[]
  declare payBy: 'cash' | 'card'
  /** Taking a return without a receipt (no order to find). */
  declare noReceipt: boolean

  readonly #keys = new IdempotencyKeys()
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.services = undefined
    this.orderRef = ''
    this.candidates = []
    this.order = undefined
    this.options = undefined
    this.picks = {}
    this.method = 'original'
    this.busy = false
    this.error = undefined
    this.approval = undefined
    this.windowClosed = undefined
    this.result = undefined
    this.exchangeItems = []
    this.payBy = 'card'
    this.noReceipt = false
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services') && this.services) {
      returnOptions(this.services.api).then((o) => (this.options = o), (error: unknown) => (this.error = error))
      this.#unsubscribe?.()
      const station = this.services.session.current?.station
      this.#unsubscribe = this.services.realtime.on('scanner.scan', (scan) => {
        if (!this.order && (!station || scan.stations.includes(station))) void this.find(scan.data)
      })
    }
    if ((changed.has('services') || changed.has('orderRef')) && this.services && this.orderRef) void this.#load(this.orderRef)
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('#find')?.focus()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
  }

  /** Finds the order from a scan or what was typed. */
  async find(text: string): Promise<void> {
    if (!this.services || !text.trim()) return
    this.busy = true
    this.error = undefined
    this.candidates = []
    try {
      const page = await listOrders(this.services.api, { q: text.trim() }, null, 20)
      if (page.items.length === 1) await this.#load(page.items[0]!.id)
      else if (page.items.length === 0) this.error = new Error(`No order found for “${text.trim()}”. Check the number, or try the customer's email or phone.`)
      else this.candidates = page.items
    } catch (error) {
      this.error = error
    } finally {
      this.busy = false
    }
  }

  async #load(id: string) {
    if (!this.services) return
    try {
      this.order = await getOrder(this.services.api, id)
      this.candidates = []
      this.picks = {}
      this.result = undefined
      this.error = undefined
    } catch (error) {
      this.error = error
    }
  }

  #reset() {
    this.order = undefined
    this.candidates = []
    this.picks = {}
    this.result = undefined
    this.error = undefined
    this.approval = undefined
    this.windowClosed = undefined
    this.method = 'original'
    this.exchangeItems = []
    this.noReceipt = false
    location.hash = '#/returns'
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#find')?.focus())
  }

  #pick(lineNo: number, patch: Partial<Pick>) {
    const reasons = this.options?.reasons ?? ['changed-mind']
    const current = this.picks[lineNo] ?? { quantity: 0, reason: reasons[0] ?? 'changed-mind', condition: 'sellable' as const }
    this.picks = { ...this.picks, [lineNo]: { ...current, ...patch } }
  }

  #chosen() {
    return (this.order?.lines ?? []).flatMap((l) => {
      const p = this.picks[l.lineNo]
      return p && p.quantity > 0 ? [{ line: l, pick: p }] : []
    })
  }

  /** The credit the return gives, by the appliance's rule: units apportioned from their line, capped by what is left of the payments. */
  #estimate(): number {
    const order = this.order
    if (!order) return 0
    const value = this.#chosen().reduce((s, { line, pick }) => s + unitsValue(line.totalMinor, line.quantity, line.returned, pick.quantity), 0)
    return Math.min(value, Math.max(0, order.totals.paidMinor - order.totals.refundedMinor))
  }

  /** An exchange's figures: what the new items cost, what the customer pays, what comes back. */
  #exchange() {
    const newTotal = this.exchangeItems.reduce((s, i) => s + i.unitPriceMinor * i.quantity, 0)
    const credit = this.#estimate()
    const applied = Math.min(credit, newTotal)
    return { newTotal, due: newTotal - applied, back: credit - applied }
  }

  async #submit(token?: string, overrideWindow = false) {
    if (!this.services || !this.order || this.busy) return
    const request: ReturnRequest = {
      order: this.order.id,
      lines: this.#chosen().map(({ line, pick }) => ({ sku: line.sku, quantity: pick.quantity, reason: pick.reason, condition: pick.condition })),
      refund: { method: this.method },
      ...(this.method === 'exchange' ? { exchange: this.#exchangeRequest() } : {}),
      ...(overrideWindow ? { overrideWindow: true } : {}),
      ...(token ? { approvalToken: token } : {}),
    }
    this.busy = true
    this.error = undefined
    try {
      this.result = await createReturn(this.services.api, request, this.#keys.keyFor(request))
      this.#keys.settle()
      this.approval = undefined
      this.windowClosed = undefined
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable) this.#keys.settle()
      if (error instanceof ApiError && error.code === 'approval_required') {
        this.approval = { action: String(error.problem.action ?? 'return.refund'), reason: error.detail, override: overrideWindow }
      } else if (error instanceof ApiError && error.field === 'overrideWindow') {
        this.windowClosed = error.detail
      } else {
        this.error = error
      }
    } finally {
      this.busy = false
    }
  }

  #exchangeRequest(): NonNullable<ReturnRequest['exchange']> {
    const { due } = this.#exchange()
    return { lines: this.exchangeItems.map((i) => ({ sku: i.sku, quantity: i.quantity })), ...(due > 0 ? { tenders: [{ method: this.payBy, amountMinor: due }] } : {}) }
  }

  #submitLabel(count: number): string {
    if (this.busy) return 'Refunding…'
    if (count === 0) return 'Choose what comes back'
    if (this.method !== 'exchange') return `Refund ${formatMoney(this.#estimate())} for ${count} item${count === 1 ? '' : 's'}`
    if (this.exchangeItems.length === 0) return 'Add the new items'
    const { due, back } = this.#exchange()
    return due > 0 ? `Exchange: customer pays ${formatMoney(due)}` : back > 0 ? `Exchange: ${formatMoney(back)} back` : 'Exchange'
  }

  override render() {
    return html`<section class="page" aria-labelledby="title">
      <header class="page-header">
        <div><h1 id="title">Returns</h1><p class="muted">Scan the receipt barcode, or find the order by its number, the customer's email or phone — from any channel.</p></div>
        ${this.order || this.result || this.noReceipt ? html`<button type="button" class="btn new-return" @click=${this.#reset}>Start another return</button>` : nothing}
      </header>
      ${this.result ? this.#done(this.result) : this.order ? this.#form(this.order) : this.noReceipt
        ? html`<pos-no-receipt-return .services=${this.services} .options=${this.options} @return-done=${(e: CustomEvent<ReturnDoneDetail>) => (this.result = e.detail.result)}></pos-no-receipt-return>`
        : this.#finder()}
    </section>`
  }

  #finder() {
    return html`<div class="card">
      <form class="find" @submit=${(e: Event) => { e.preventDefault(); void this.find(this.renderRoot.querySelector<HTMLInputElement>('#find')?.value ?? '') }}>
        <label for="find">Receipt, order number, email or phone</label>
        <div class="row"><input id="find" autocomplete="off" placeholder="Scan the receipt barcode" ?disabled=${this.busy} />
          <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>${icon('search', 18)}Find</button></div>
      </form>
      ${this.error ? errorAlert(this.error) : nothing}
      <p><button type="button" class="btn btn-ghost start-no-receipt" @click=${() => (this.noReceipt = true)}>No receipt? Return items for store credit</button></p>
      ${this.candidates.length ? html`<ul class="candidates" aria-label="Matching orders">${this.candidates.map((o) => html`<li>
        <button type="button" class="btn candidate" @click=${() => this.#load(o.id)}>${o.number} · ${CHANNEL_LABEL[o.channel] ?? o.channel} · ${formatDateTime(o.placedAt)} · ${formatMoney(o.totalMinor)}</button></li>`)}</ul>` : nothing}
    </div>
    <pos-rma-desk .services=${this.services}></pos-rma-desk>`
  }

  #form(order: OrderDetailDto) {
    const returnable = order.lines.filter((l) => l.returnable > 0)
    const count = this.#chosen().reduce((s, c) => s + c.pick.quantity, 0)
    return html`<div class="card" data-order=${order.id}>
      <h2>${order.number} <span class="muted">· ${CHANNEL_LABEL[order.channel] ?? order.channel} · ${formatDateTime(order.placedAt)}${order.customer?.name ? ` · ${order.customer.name}` : ''}</span></h2>
      <p class="muted">Returns accepted until ${order.returnWindow.lastDay}. Paid ${formatMoney(order.totals.paidMinor)}${order.totals.refundedMinor ? `, ${formatMoney(order.totals.refundedMinor)} refunded already` : ''}.</p>
      ${returnable.length === 0 ? html`<div class="alert alert-info" role="status">${icon('info')}<p>Nothing on this order can be returned${order.status === 'returned' ? ': everything has come back already' : ` (${order.status.replace(/_/g, ' ')})`}.</p></div>` : html`
      <div class="table-wrap"><table class="lines">
        <thead><tr><th scope="col">Item</th><th scope="col" class="num">Can return</th><th scope="col">Returning</th><th scope="col">Reason</th><th scope="col">Condition</th></tr></thead>
        <tbody>${returnable.map((l) => {
          const pick = this.picks[l.lineNo]
          return html`<tr data-sku=${l.sku}>
            <td>${l.name}<div class="muted mono">${l.sku} · ${formatMoney(l.totalMinor)}</div></td>
            <td class="num">${l.returnable}</td>
            <td><input class="qty" type="number" min="0" max=${l.returnable} .value=${String(pick?.quantity ?? 0)} aria-label="How many ${l.name} come back"
              @input=${(e: Event) => this.#pick(l.lineNo, { quantity: Math.max(0, Math.min(l.returnable, Number((e.target as HTMLInputElement).value) || 0)) })} /></td>
            <td><select class="reason" aria-label="Why" @change=${(e: Event) => this.#pick(l.lineNo, { reason: (e.target as HTMLSelectElement).value })}>
              ${(this.options?.reasons ?? []).map((r) => html`<option value=${r} ?selected=${pick?.reason === r}>${r.replace(/-/g, ' ')}</option>`)}</select></td>
            <td><select class="condition" aria-label="Condition" @change=${(e: Event) => this.#pick(l.lineNo, { condition: (e.target as HTMLSelectElement).value as ReturnConditionDto })}>
              <option value="sellable">Sellable: back on the shelf</option><option value="damaged">Damaged: to quarantine</option><option value="write-off">Write off</option></select></td>
          </tr>`
        })}</tbody>
      </table></div>
      <fieldset class="methods"><legend>Refund</legend>
        <label><input type="radio" name="method" value="original" .checked=${this.method === 'original'} @change=${() => (this.method = 'original')} /> To what they paid with (${order.payments.map((p) => p.method).join(', ') || 'no payment'})</label>
        <label><input type="radio" name="method" value="store-credit" .checked=${this.method === 'store-credit'} @change=${() => (this.method = 'store-credit')} /> As store credit</label>
        <label><input type="radio" name="method" value="exchange" .checked=${this.method === 'exchange'} @change=${() => (this.method = 'exchange')} /> Exchange for other items</label>
      </fieldset>
      ${this.method === 'exchange' ? html`<div class="exchange">
        <pos-exchange-items .services=${this.services} @items-change=${(e: CustomEvent<ExchangeItemsDetail>) => (this.exchangeItems = e.detail.items)}></pos-exchange-items>
        ${this.#exchange().due > 0 ? html`<fieldset class="pay"><legend>The customer pays ${formatMoney(this.#exchange().due)} by</legend>
          <label><input type="radio" name="pay" value="card" .checked=${this.payBy === 'card'} @change=${() => (this.payBy = 'card')} /> Card</label>
          <label><input type="radio" name="pay" value="cash" .checked=${this.payBy === 'cash'} @change=${() => (this.payBy = 'cash')} /> Cash</label>
        </fieldset>` : nothing}
      </div>` : nothing}
      ${this.windowClosed ? html`<div class="alert alert-warning" role="alert">${icon('alert')}<div class="alert-body"><p>${this.windowClosed}</p>
        <button type="button" class="btn override" @click=${() => this.#submit(undefined, true)}>Ask a manager to override</button></div></div>` : nothing}
      ${this.approval ? html`<pos-approval-prompt .services=${this.services} action=${this.approval.action} reason=${this.approval.reason}
        @approval-granted=${(e: CustomEvent<ApprovalGrantedDetail>) => this.#submit(e.detail.grant.token, this.approval?.override ?? false)}
        @approval-cancelled=${() => (this.approval = undefined)}></pos-approval-prompt>` : html`
        <button type="button" class="btn btn-primary btn-large refund" ?disabled=${count === 0 || this.busy || (this.method === 'exchange' && this.exchangeItems.length === 0)} @click=${() => this.#submit()}>
          ${this.#submitLabel(count)}</button>`}
      `}
      ${this.error ? errorAlert(this.error) : nothing}
    </div>`
  }

  #done(r: ReturnDto) {
    return html`<div class="card done" role="status" data-return=${r.number}>
      <h2>${icon('check')} Return ${r.number} done</h2>
      <ul class="refunds">${r.refunds.map((f) => html`<li data-method=${f.method}><strong>${formatMoney(f.amountMinor)}</strong> ${REFUND_LABEL[f.method] ?? f.method}${f.status === 'queued' ? ' (the website refunds it shortly)' : ''}</li>`)}</ul>
      ${r.storeCredit ? html`<p class="credit">Store credit code <strong class="mono">${r.storeCredit.formatted}</strong> for ${formatMoney(r.storeCredit.amountMinor)}: it is on the receipt.</p>` : nothing}
      ${r.refunds.some((f) => f.method === 'cash') ? html`<p>Give the customer the cash from the drawer.</p>` : nothing}
      ${r.exchange ? html`<p class="exchanged">New items sold on receipt <strong class="mono">${r.exchange.receiptNumber}</strong>.</p>` : nothing}
      <p class="muted">${r.lines.map((l) => `${l.quantity} × ${l.name ?? l.sku} → ${l.location ?? 'written off'}`).join('; ')}</p>
    </div>`
  }

  static override styles = [baseStyles, feedbackStyles, css`
    :host { display: block; }
    .card { display: grid; gap: 1rem; }
    .find { display: grid; gap: 0.4rem; max-width: 40rem; }
    .find .row input { flex: 1; font-size: 1.15rem; }
    .candidates { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.4rem; }
    .candidate { width: 100%; justify-content: flex-start; }
    .qty { width: 6rem; }
    .methods { border: 1px solid var(--pos-border); border-radius: var(--pos-radius); padding: 0.75rem 1rem; display: grid; gap: 0.5rem; }
    .methods label { display: flex; gap: 0.5rem; align-items: center; font-weight: 500; }
    .methods input, .pay input { width: auto; min-height: auto; }
    .pay { border: 1px solid var(--pos-border); border-radius: var(--pos-radius); padding: 0.75rem 1rem; display: flex; gap: 1.5rem; }
    .pay label { display: flex; gap: 0.5rem; align-items: center; font-weight: 500; }
    .exchange { display: grid; gap: 0.75rem; }
    .done h2 { display: flex; gap: 0.5rem; align-items: center; color: var(--pos-success); }
    .refunds { margin: 0; padding-left: 1.2rem; font-size: 1.1rem; }
  `]
}

customElements.define('pos-returns', PosReturns)

declare global {
  interface HTMLElementTagNameMap {
    'pos-returns': PosReturns
  }
}

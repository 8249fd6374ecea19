import { LitElement, css, html, nothing } from 'lit'
import type { SaleQuote, SaleResult, ScanAnswer, TillDto, TillSettingsDto } from '../../../appliance/api/contract.js'
import { ApiError, errorDetail } from '../../data/api.js'
import { formatMoney } from '../../data/format.js'
import { isCollectCode } from '../../data/fulfilment.js'
import { newIdempotencyKey } from '../../data/idempotency.js'
import type { AppServices } from '../../data/services.js'
import { feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import * as B from '../../till/basket.js'
import { ScanListener } from '../../till/scan-listener.js'
import { SaleSender } from '../../till/sale-sender.js'
import { quoteBasket, recordVoid, scanCode, voucherBalance } from '../../till/till-api.js'
import { errorTone, okTone } from '../../till/tone.js'
import type { LineChange } from './basket-lines.js'
import { basketTools, type ToolAction } from './basket-tools.js'
import { COLLECT_SCAN_EVENT } from './collection-dialog.js'
import { approvalPanel, donePanel } from './sale-panels.js'
import { saleScreenStyles } from './sale-screen-styles.js'
import './basket-lines.js'
import './search-box.js'
import './tender-panel.js'

type Product = Extract<ScanAnswer, { kind: 'product' }>

/** `pos-line-added`: a scanned line is on screen; `ms` is from the scan's last key to the render. */
export interface LineAddedDetail {
  code: string
  sku: string
  ms: number
}

/**
 * Selling on one open till: scan (anywhere on the screen) or search to add lines, edit
 * them, take payment in any split, and complete — exactly once, even across a lost
 * connection or a reload, because the basket and the pending sale's idempotency key live
 * in local storage until the appliance answers.
 */
export class PosSale extends LitElement {
  static override properties = {
    services: { attribute: false },
    till: { attribute: false },
    settings: { attribute: false },
    basket: { state: true },
    quote: { state: true },
    quoteError: { state: true },
    message: { state: true },
    result: { state: true },
    waiting: { state: true },
    tool: { state: true },
  }

  declare services: AppServices | undefined
  declare till: TillDto | undefined
  declare settings: TillSettingsDto | undefined
  declare basket: B.Basket
  /** The appliance's pricing of the basket as it is now (null while it is being priced). */
  declare quote: SaleQuote | null
  declare quoteError: unknown
  declare message: { kind: 'error' | 'info'; text: string } | null
  declare result: SaleResult | null
  /** The appliance did not answer the sale: it is sent again until it does. */
  declare waiting: boolean
  declare tool: ToolAction | null

  #listener: ScanListener | undefined
  #quoteAbort: AbortController | undefined
  #sender: SaleSender | undefined
  #onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'F2') {
      e.preventDefault()
      this.#searchBox()?.focus()
    } else if (e.key === 'Escape') {
      this.message = null
      this.tool = null
    }
  }

  constructor() {
    super()
    this.services = undefined
    this.till = undefined
    this.settings = undefined
    this.basket = B.emptyBasket()
    this.quote = null
    this.quoteError = undefined
    this.message = null
    this.result = null
    this.waiting = false
    this.tool = null
  }

  override connectedCallback() {
    super.connectedCallback()
    this.addEventListener('keydown', this.#onKeydown)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#listener?.detach()
    this.#listener = undefined
    this.#unsubscribeScanner?.()
    this.#unsubscribeScanner = undefined
    this.removeEventListener('keydown', this.#onKeydown)
    this.#sender?.stop()
    this.#sender = undefined
  }

  /** Scans from a scanner read on the appliance (HID POS / serial) assigned to this station. */
  #unsubscribeScanner: (() => void) | undefined

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('services') && this.services) {
      this.#unsubscribeScanner?.()
      this.#unsubscribeScanner = this.services.realtime.on('scanner.scan', (event) => void this.scan(event.data, performance.now()))
    }
    if (changed.has('settings') && this.settings) {
      this.#listener?.detach()
      this.#listener = new ScanListener({
        settings: { maxInterKeyMs: this.settings.scanner.maxInterKeyMs, minLength: this.settings.scanner.minLength, suffixKeys: this.settings.scanner.suffixKeys },
        onScan: (code, endedAt) => void this.scan(code, endedAt),
        fallback: () => this.#searchBox()?.input ?? null,
      })
      this.#listener.attach(window)
    }
    if (changed.has('till') && this.till && this.services && (changed.get('till') as TillDto | undefined)?.id !== this.till.id) {
      this.basket = B.loadBasket(this.services.storage, this.till.id)
      this.result = null
      if (this.basket.pending) void this.#submit()
      else this.#requote()
    }
  }

  /** Replaces the basket (a recalled parked basket); refused while a sale is in progress. */
  load(basket: B.Basket): boolean {
    if (this.basket.lines.length > 0) return false
    this.result = null
    this.#set(basket)
    return true
  }

  get isEmpty(): boolean {
    return this.basket.lines.length === 0
  }

  override render() {
    const b = this.basket
    const current = this.#currentQuote()
    const needs = current && !b.approvalToken ? current.approvals : []
    const estimate = b.lines.reduce((s, l) => s + l.estimateMinor, 0)
    return html`<div class="sale">
      <section class="basket panel" aria-label="Basket">
        <pos-search-box .services=${this.services} ?disabled=${B.isLocked(b)} @product-chosen=${(e: CustomEvent<Product>) => this.#add(e.detail, performance.now())}
          @code-entered=${(e: CustomEvent<string>) => void this.scan(e.detail, performance.now())}></pos-search-box>
        ${this.message ? html`<div class="alert ${this.message.kind === 'error' ? 'alert-error' : 'alert-info'}" role=${this.message.kind === 'error' ? 'alert' : 'status'} data-message=${this.message.kind}>
          ${icon(this.message.kind === 'error' ? 'alert' : 'info')}<p>${this.message.text}</p></div>` : nothing}
        <pos-basket-lines class="grow" .lines=${b.lines} .priced=${current?.lines} ?locked=${B.isLocked(b)} @line-change=${this.#onLineChange}></pos-basket-lines>
        ${basketTools(this, b, current, this.tool, (action) => (this.tool = action))}
      </section>
      <section class="pay panel" aria-label="Payment">
        ${this.result ? donePanel(this.result, () => this.newSale()) : html`
          ${this.quoteError ? html`<div class="alert alert-error" role="alert">${icon('alert')}<p>${errorDetail(this.quoteError)}</p></div>` : nothing}
          ${needs.length ? approvalPanel(this.services, needs[0]!, (token) => this.#set({ ...this.basket, approvalToken: token }), () => (this.message = { kind: 'info', text: 'Approval cancelled: change the discount or price, or ask a manager.' })) : nothing}
          ${this.waiting ? html`<div class="alert alert-warning" role="status">${icon('clock')}<p>Waiting for the appliance… the sale will complete once, as soon as it answers. Keep this screen open.</p></div>` : nothing}
          <pos-tender-panel .quote=${current} .tenders=${b.tenders} .estimateMinor=${estimate}
            ?disabled=${b.lines.length === 0 || !current || needs.length > 0 || b.pending !== null}
            @tender-add=${(e: CustomEvent<{ tender: B.Basket['tenders'][number] }>) => this.#set(B.addTender(this.basket, e.detail.tender))}
            @tender-remove=${(e: CustomEvent<{ index: number }>) => this.#set(B.removeTender(this.basket, e.detail.index))}
            @voucher-use=${(e: CustomEvent<{ code: string; amountMinor?: number }>) => void this.#useVoucher(e.detail.code, e.detail.amountMinor)}></pos-tender-panel>`}
      </section>
    </div>`
  }

  newSale() {
    this.result = null
    this.message = null
    this.tool = null
    void this.updateComplete.then(() => this.#searchBox()?.focus())
  }

  /** A scan (or a typed code): product → a line; voucher → a payment; receipt → a pointer to returns. */
  async scan(code: string, endedAt: number): Promise<void> {
    if (!this.services || !this.till) return
    // A click-and-collect QR: the collection dialog (collection-dialog.ts) takes it.
    if (isCollectCode(code)) return void window.dispatchEvent(new CustomEvent(COLLECT_SCAN_EVENT, { detail: code }))
    let answer: ScanAnswer
    try {
      answer = await scanCode(this.services.api, code)
    } catch (error) {
      errorTone()
      this.message = { kind: 'error', text: error instanceof ApiError && error.status === 404 ? `Not found: ${code} is not in the catalogue. Nothing was added.` : errorDetail(error) }
      return
    }
    if (answer.kind === 'product') return this.#add(answer, endedAt)
    if (answer.kind === 'voucher') {
      if (this.basket.lines.length && !this.result) return this.#useVoucher(answer.voucher.code)
      this.message = { kind: 'info', text: `Gift card ${answer.voucher.formatted}: ${formatMoney(answer.voucher.balanceMinor)} left${answer.voucher.expired ? ' (expired)' : ''}.` }
      return
    }
    this.message = { kind: 'info', text: `That is receipt ${answer.receiptNumber}: take returns on the Returns screen.` }
  }

  async #add(answer: Product, endedAt: number) {
    if (B.isLocked(this.basket)) {
      errorTone()
      this.message = { kind: 'error', text: 'Payment has started: remove the payments to change the basket.' }
      return
    }
    if (this.result) this.newSale()
    const { basket } = B.addScanned(this.basket, answer)
    this.message = null
    this.#set(basket)
    await this.updateComplete
    const lines = this.renderRoot.querySelector('pos-basket-lines')
    await lines?.updateComplete
    const detail: LineAddedDetail = { code: answer.code, sku: answer.product.sku, ms: performance.now() - endedAt }
    this.dispatchEvent(new CustomEvent('pos-line-added', { detail, bubbles: true, composed: true }))
  }

  async #onLineChange(e: CustomEvent<LineChange>) {
    const change = e.detail
    if (change.kind === 'quantity') return this.#set(B.setQuantity(this.basket, change.id, change.quantity))
    if (change.kind === 'discount') return this.#set(B.setLineDiscount(this.basket, change.id, change.discount as never))
    if (change.kind === 'override') return this.#set(B.setPriceOverride(this.basket, change.id, change.override))
    const index = this.basket.lines.findIndex((l) => l.id === change.id)
    if (await this.void('line', change.reason, [index])) this.#set(B.removeLine(this.basket, change.id))
  }

  /** Records voided lines (with the reason) on the appliance before they leave the screen. */
  async void(scope: 'line' | 'basket', reason: string, indexes: number[]): Promise<boolean> {
    if (!this.services || !this.till) return false
    const lines = B.voidedLines(this.basket, indexes, this.#currentQuote()?.lines)
    try {
      await recordVoid(this.services.api, this.till.id, { scope, reason, lines }, newIdempotencyKey())
      return true
    } catch (error) {
      this.message = { kind: 'error', text: `Couldn’t record the void: ${errorDetail(error)}` }
      return false
    }
  }

  /** Replaces the basket, keeps it in local storage, and has it priced again. */
  setBasket(basket: B.Basket) {
    this.#set(basket)
  }

  #set(basket: B.Basket) {
    this.basket = basket
    if (this.services && this.till) B.saveBasket(this.services.storage, this.till.id, basket)
    this.#requote()
  }

  #quoteKey = ''
  #currentQuote(): SaleQuote | null {
    return this.quote && this.#quoteKey === JSON.stringify(B.quoteRequest(this.basket)) ? this.quote : null
  }

  #requote() {
    this.#quoteAbort?.abort()
    this.quoteError = undefined
    if (!this.services || this.basket.lines.length === 0) {
      this.quote = null
      return
    }
    const request = B.quoteRequest(this.basket)
    const key = JSON.stringify(request)
    const abort = (this.#quoteAbort = new AbortController())
    quoteBasket(this.services.api, request, abort.signal).then(
      (quote) => {
        if (abort.signal.aborted) return
        this.#quoteKey = key
        this.quote = quote
        if (quote.payment.complete && this.basket.tenders.length > 0) void this.#submit()
      },
      (error: unknown) => {
        if (!abort.signal.aborted) this.quoteError = error
      },
    )
  }

  async #useVoucher(code: string, amountMinor?: number) {
    if (!this.services) return
    try {
      const voucher = await voucherBalance(this.services.api, code)
      const due = this.#currentQuote()?.payment.remainingMinor ?? 0
      if (voucher.expired) throw new Error(`Gift card ${voucher.formatted} has expired.`)
      if (voucher.balanceMinor <= 0) throw new Error(`Gift card ${voucher.formatted} has nothing left on it.`)
      const amount = amountMinor ?? Math.min(voucher.balanceMinor, due)
      if (amount > voucher.balanceMinor) throw new Error(`Gift card ${voucher.formatted} only has ${formatMoney(voucher.balanceMinor)} left.`)
      this.message = { kind: 'info', text: `Gift card ${voucher.formatted}: ${formatMoney(amount)} used, ${formatMoney(voucher.balanceMinor - amount)} left on it.` }
      this.#set(B.addTender(this.basket, { method: 'voucher', amountMinor: amount, reference: voucher.code }))
    } catch (error) {
      errorTone()
      this.message = { kind: 'error', text: errorDetail(error) }
    }
  }

  /** Sends the sale (or the one already sent) with its idempotency key until the appliance answers. */
  async #submit() {
    if (!this.services || !this.till || this.#sender) return
    const pending = this.basket.pending ?? { key: newIdempotencyKey(), body: B.saleRequest(this.basket, this.till.id), sentAt: new Date().toISOString() }
    this.basket = { ...this.basket, pending }
    B.saveBasket(this.services.storage, this.till.id, this.basket)
    const sender = (this.#sender = new SaleSender(this.services.api, { events: window, onWaiting: (waiting) => (this.waiting = waiting) }))
    try {
      const result = await sender.send(pending)
      this.result = result
      this.quote = null
      this.basket = B.emptyBasket()
      B.saveBasket(this.services.storage, this.till.id, this.basket)
      okTone()
      this.dispatchEvent(new CustomEvent('sale-completed', { detail: result, bubbles: true, composed: true }))
    } catch (error) {
      if (!this.isConnected) return // stopped: the pending sale stays in storage for next time
      errorTone()
      this.message = { kind: 'error', text: `The sale was not completed: ${errorDetail(error)}` }
      this.#set({ ...this.basket, pending: null, approvalToken: error instanceof ApiError && error.code === 'approval_required' ? null : this.basket.approvalToken })
    } finally {
      if (this.#sender === sender) this.#sender = undefined
    }
  }

  #searchBox() {
    return this.renderRoot.querySelector('pos-search-box')
  }

  static override styles = [baseStyles, feedbackStyles, saleScreenStyles, css``]
}

customElements.define('pos-sale', PosSale)

declare global {
  interface HTMLElementTagNameMap {
    'pos-sale': PosSale
  }
}

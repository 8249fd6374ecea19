import { LitElement, html, nothing } from 'lit'
import type { PickExceptionReason, PickListDto, PickTaskDto } from '../../../appliance/api/fulfilment-contract.js'
import { errorDetail } from '../../data/api.js'
import { assignTote, getPickList, nextTask, openUnits, percentDone, pickListPdfPath, pickScan, METHOD_LABEL } from '../../data/fulfilment.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { packHref } from '../../routes.js'
import { errorTone, okTone } from '../../till/tone.js'
import { fulfilStyles } from './fulfil-styles.js'
import { ScanController } from './scan-controller.js'
import './camera-scan.js'
import './pick-exception.js'

type Message = { kind: 'ok' | 'error' | 'info'; text: string }

/**
 * The picking screen for one list, for a tablet or phone in the aisle: the bin to go to and
 * the product to take, big; scan the bin, then the product (each scan confirms units — type
 * a number first to confirm several at once); the appliance refuses a wrong product and its
 * message shows with the error tone. Missing or damaged stock is reported from here. A
 * batch's tote is scanned (any `TOTE-…` code) before or during the walk.
 */
export class PosPickList extends LitElement {
  static override properties = {
    services: { attribute: false },
    listId: { type: String, attribute: 'list-id' },
    list: { state: true },
    bin: { state: true },
    focusTask: { state: true },
    message: { state: true },
    error: { state: true },
    exception: { state: true },
  }

  declare services: AppServices | undefined
  declare listId: string
  declare list: PickListDto | null
  /** The bin last scanned: product scans are checked against it. */
  declare bin: string | null
  /** A task the picker chose by tapping (otherwise the next on the walk). */
  declare focusTask: string | null
  declare message: Message | null
  declare error: unknown
  declare exception: PickExceptionReason | null

  readonly #scanner = new ScanController(this, (code) => this.scan(code), () => this.renderRoot.querySelector<HTMLInputElement>('#code'))

  constructor() {
    super()
    this.services = undefined
    this.listId = ''
    this.list = null
    this.bin = null
    this.focusTask = null
    this.message = null
    this.error = undefined
    this.exception = null
    consumeServices(this)
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if ((changed.has('services') || changed.has('listId')) && this.services && this.listId) void this.reload()
  }

  async reload(): Promise<void> {
    if (!this.services) return
    try {
      this.list = await getPickList(this.services.api, this.listId)
      this.error = undefined
    } catch (error) {
      this.error = error
    }
  }

  get current(): PickTaskDto | undefined {
    const tasks = this.list?.tasks ?? []
    const chosen = tasks.find((t) => t.id === this.focusTask && openUnits(t) > 0)
    return chosen ?? nextTask(tasks, this.bin)
  }

  /** One scan or typed code: a tote, a bin or a product. */
  async scan(code: string): Promise<void> {
    if (!this.services || !this.list) return
    const api = this.services.api
    try {
      if (/^TOTE-/i.test(code)) {
        this.list = await assignTote(api, this.list.id, code.toUpperCase())
        this.#say({ kind: 'ok', text: `Tote ${this.list.tote ?? code} carries this list.` })
        return
      }
      const qty = this.#quantity()
      const result = await pickScan(api, this.list.id, code, this.bin, qty)
      if (result.kind === 'bin') {
        this.bin = result.task?.bin ?? code
        this.focusTask = result.task?.id ?? this.focusTask
      } else if (result.task?.bin) this.bin = result.task.bin
      this.#merge(result.task)
      this.list = { ...this.list, ...result.list, tasks: this.list.tasks }
      this.#say({ kind: 'ok', text: result.message })
      if (result.kind === 'product') this.#clearQuantity()
    } catch (error) {
      this.#say({ kind: 'error', text: errorDetail(error) })
    }
  }

  #merge(task: PickTaskDto | null) {
    if (!task || !this.list) return
    this.list = { ...this.list, tasks: this.list.tasks.map((t) => (t.id === task.id ? task : t)) }
    if (openUnits(task) === 0 && this.focusTask === task.id) this.focusTask = null
  }

  #say(message: Message) {
    this.message = message
    if (message.kind === 'error') errorTone()
    else if (message.kind === 'ok') okTone()
  }

  #quantity(): number | undefined {
    const value = Number(this.renderRoot.querySelector<HTMLInputElement>('#qty')?.value ?? '')
    return Number.isInteger(value) && value > 1 ? value : undefined
  }

  #clearQuantity() {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#qty')
    if (input) input.value = ''
  }

  override render() {
    if (!this.list) return this.error ? errorAlert(this.error, html`<button class="btn" @click=${() => this.reload()}>Try again</button>`) : html`<p class="muted" role="status">Loading the pick list…</p>`
    const list = this.list
    const task = this.current
    const needsTote = !list.tote && list.orders > 1
    // Counted from the tasks themselves, so a scan's answer shows at once.
    const done = list.tasks.filter((t) => openUnits(t) === 0).length
    return html`<section class="page" aria-labelledby="list-title">
      <header class="page-header">
        <div>
          <a class="btn btn-ghost no-print" href="#/picking">${icon('arrowLeft', 18)}Picking</a>
          <h1 id="list-title">Pick list ${list.number}</h1>
          <p class="muted">${METHOD_LABEL[list.method].label}${list.zone ? ` · zone ${list.zone}` : ''} · ${list.orders} order${list.orders === 1 ? '' : 's'}${list.picker ? ` · ${list.picker.name}` : ''}${list.tote ? html` · tote <strong data-tote>${list.tote}</strong>` : ''}</p>
        </div>
        <a class="btn no-print print-list" href=${this.services?.api.url(pickListPdfPath(list.id)) ?? '#'} target="_blank" rel="noopener">${icon('printer', 18)}Print list</a>
      </header>
      <div class="progress" aria-live="polite">
        <div class="row"><span><strong data-progress>${done} of ${list.tasks.length}</strong> lines done</span><span class="muted">${list.pickedUnits} of ${list.units} units</span></div>
        <progress max="100" value=${percentDone(done, list.tasks.length)} aria-label="Pick progress"></progress>
      </div>
      ${this.message ? html`<div class="alert message ${this.message.kind === 'error' ? 'alert-error' : this.message.kind === 'ok' ? 'alert-success' : 'alert-info'}"
        role=${this.message.kind === 'error' ? 'alert' : 'status'} data-message=${this.message.kind}>${icon(this.message.kind === 'error' ? 'alert' : 'check')}<p>${this.message.text}</p></div>` : nothing}
      ${needsTote ? html`<div class="alert alert-warning no-print" role="status" data-needs-tote>${icon('box')}<p>Scan a tote (TOTE-…) to carry this batch.</p></div>` : nothing}
      <div class="grid2">
        <div class="stack">
          ${task ? this.#now(task) : this.#finished(list)}
          <form class="code-entry no-print" @submit=${this.#typed}>
            <label class="visually-hidden" for="code">Bin, product or tote code</label>
            <input id="code" autocomplete="off" placeholder="Scan, or type a bin, barcode or tote and press Enter" />
            <button class="btn" type="submit">Enter</button>
          </form>
          <pos-camera-scan class="no-print" @camera-scan=${(e: CustomEvent<string>) => void this.#scanner.scan(e.detail)}></pos-camera-scan>
        </div>
        <section class="card" aria-labelledby="walk-title"><h2 id="walk-title">Walk route</h2>
          <ol class="tasks">${list.tasks.map((t) => this.#taskRow(t, t.id === task?.id))}</ol></section>
      </div>
      ${this.exception && task ? html`<pos-pick-exception .services=${this.services} .list=${list} .task=${task} reason=${this.exception}
        @exception-done=${(e: CustomEvent<PickListDto>) => this.#excepted(e.detail)} @exception-cancel=${() => (this.exception = null)}></pos-pick-exception>` : nothing}
    </section>`
  }

  #now(task: PickTaskDto) {
    const atBin = !task.bin || this.bin === task.bin
    const left = openUnits(task)
    return html`<section class="card now stack" aria-labelledby="now-title" data-task=${task.id}>
      <h2 id="now-title" class="visually-hidden">Pick now</h2>
      <div><div class="label">${atBin ? 'At bin' : 'Go to bin'}</div><div class="huge" data-bin>${task.bin ?? task.location}</div>
        <div class="muted">${task.location}${atBin ? '' : ' · scan the bin label when you get there'}</div></div>
      <div><div class="label">Take</div><div class="big" data-product>${task.name}</div>
        <div class="muted mono">${task.sku}${task.barcode ? ` · ${task.barcode}` : ''}</div></div>
      <div class="row">
        <div><div class="label">Quantity</div><div class="huge" data-left>${left}</div><div class="muted">${task.pickedQuantity} of ${task.quantity} picked · order ${task.orderNumber}</div></div>
        <div class="field no-print" style="max-width:9rem"><label for="qty">Units per scan</label><input id="qty" type="number" min="1" max=${left} placeholder="1" inputmode="numeric" /></div>
      </div>
      <div class="row no-print">
        <button class="btn btn-huge btn-danger" data-exception="missing" @click=${() => (this.exception = 'missing')}>Missing</button>
        <button class="btn btn-huge btn-danger" data-exception="damaged" @click=${() => (this.exception = 'damaged')}>Damaged</button>
      </div>
    </section>`
  }

  #finished(list: PickListDto) {
    const shorts = list.tasks.filter((t) => t.status === 'short').length
    return html`<div class="card list-done">${emptyState({
      icon: 'check',
      title: `Pick list ${list.number} is done`,
      body: shorts ? `${shorts} line${shorts === 1 ? ' was' : 's were'} short: those orders are flagged for customer contact.` : 'Everything was picked. Take it to the packing bench.',
      action: html`<a class="btn btn-primary btn-large" href=${packHref(list.tote ?? '')}>${icon('packing')}Go to packing</a>`,
    })}</div>`
  }

  #taskRow(t: PickTaskDto, current: boolean) {
    const state = t.status === 'short' ? 'short' : openUnits(t) === 0 ? 'picked' : 'open'
    return html`<li class="${state} ${current ? 'current' : ''}" data-task-row=${t.id} data-state=${state}>
      <button type="button" ?disabled=${state !== 'open'} @click=${() => { this.focusTask = t.id }}>
        <span class="tick" aria-hidden="true">${state === 'picked' ? '✓' : state === 'short' ? '!' : t.seq}</span>
        <span class="mono">${t.bin ?? t.location}</span>
        <span>${t.name}<span class="muted"> · ${t.orderNumber}${t.exception ? ` · ${t.exception}` : ''}</span></span>
        <span class="num">${t.pickedQuantity}/${t.quantity}</span>
      </button></li>`
  }

  #typed(event: Event) {
    event.preventDefault()
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code')
    const code = input?.value.trim() ?? ''
    if (input) input.value = ''
    if (code) void this.#scanner.scan(code)
  }

  #excepted(list: PickListDto & { reallocated?: boolean }) {
    this.list = list
    this.exception = null
    this.focusTask = null
    this.#say({ kind: 'info', text: list.reallocated
      ? 'Recorded: the stock is adjusted and the line is reallocated from other stock; the order is flagged for customer contact.'
      : 'Recorded: the stock is adjusted, the line released, and the order flagged for customer contact.' })
  }

  static override styles = [baseStyles, feedbackStyles, fulfilStyles]
}

customElements.define('pos-pick-list', PosPickList)

declare global {
  interface HTMLElementTagNameMap {
    'pos-pick-list': PosPickList
  }
}

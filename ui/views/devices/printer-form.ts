import { LitElement, css, html, nothing } from 'lit'
import type { DeviceDto } from '../../../appliance/api/contract.js'
import { ApiError } from '../../data/api.js'
import {
  printerIdFrom, printerProblems, profilesFor, savePrinter, TRANSPORT_VIEW,
  type PrinterInput, type PrinterKind, type PrinterTransport,
} from '../../data/printing.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { dialogStyles } from '../print-queue/dialog-styles.js'

export interface PrinterSavedDetail {
  id: string
  printer: PrinterInput
}

type Field = 'name' | 'address' | 'profile'
const KINDS: ReadonlyArray<{ id: PrinterKind; label: string }> = [{ id: 'receipt', label: 'Receipts' }, { id: 'label', label: 'Labels' }]
const TRANSPORTS: readonly PrinterTransport[] = ['virtual', 'tcp', 'usb']

const blank = (): PrinterInput => ({ name: '', kind: 'receipt', transport: 'tcp', address: '', profile: 'epson-tm-t20iii-80mm', active: true })

/**
 * Add or change a printer (`PUT /api/printers/{id}`), in a modal. The address field explains
 * what each connection needs; the model list follows the kind. A new printer's id comes from
 * its name. Fires `printer-saved`.
 */
export class PosPrinterForm extends LitElement {
  static override properties = {
    services: { attribute: false },
    editing: { state: true },
    draft: { state: true },
    problems: { state: true },
    busy: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  /** The printer's id when changing one; undefined when adding. */
  declare editing: string | undefined
  declare draft: PrinterInput
  declare problems: Partial<Record<Field, string>>
  declare busy: boolean
  declare error: unknown

  #taken: readonly string[] = []

  constructor() {
    super()
    this.services = undefined
    this.editing = undefined
    this.draft = blank()
    this.problems = {}
    this.busy = false
    this.error = undefined
  }

  /** Opens the form for a printer, or empty to add one (`taken`: the ids already in use). */
  async open(printer: DeviceDto | undefined, taken: readonly string[]): Promise<void> {
    this.#taken = taken
    this.editing = printer?.id
    this.draft = printer ? {
      name: printer.name,
      kind: printer.type === 'label-printer' ? 'label' : 'receipt',
      transport: printer.transport === 'tcp' || printer.transport === 'usb' ? printer.transport : 'virtual',
      address: printer.address ?? '',
      profile: printer.profile ?? '',
      active: printer.active,
    } : blank()
    this.problems = {}
    this.error = undefined
    await this.updateComplete
    const dialog = this.renderRoot.querySelector('dialog')
    if (dialog && !dialog.open) dialog.showModal()
    this.renderRoot.querySelector<HTMLInputElement>('#printer-name')?.focus()
  }

  close(): void {
    this.renderRoot.querySelector('dialog')?.close()
  }

  #set(patch: Partial<PrinterInput>) {
    const next = { ...this.draft, ...patch }
    if (patch.kind && !profilesFor(patch.kind).some((p) => p.id === next.profile)) next.profile = profilesFor(patch.kind)[0]?.id ?? ''
    this.draft = next
    const cleared = { ...this.problems }
    for (const key of Object.keys(patch)) delete cleared[key === 'kind' ? 'profile' : key === 'transport' ? 'address' : (key as Field)]
    this.problems = cleared
  }

  override render() {
    const d = this.draft
    const transport = TRANSPORT_VIEW[d.transport]
    const id = this.editing ?? printerIdFrom(d.name, this.#taken)
    return html`<dialog aria-labelledby="printer-title">
      <form class="dialog-body" novalidate @submit=${this.#submit}>
        <div class="dialog-head">
          <div><h2 id="printer-title">${this.editing ? `Change ${d.name || 'printer'}` : 'Add a printer'}</h2>
            <p class="muted">${this.editing ? html`Printer id <span class="mono">${id}</span>` : 'A receipt or label printer on the network, on USB or on screen.'}</p></div>
          <button type="button" class="btn btn-ghost icon-btn" aria-label="Close" @click=${this.close}>${icon('close')}</button>
        </div>
        <div class="field">
          <label for="printer-name">Name</label>
          <input id="printer-name" autocomplete="off" maxlength="60" placeholder="Front counter" .value=${d.name} ?disabled=${this.busy}
            aria-invalid=${this.problems.name ? 'true' : 'false'} aria-describedby="printer-name-hint name-error"
            @input=${(e: Event) => this.#set({ name: (e.target as HTMLInputElement).value })} />
          ${this.editing ? nothing : html`<span id="printer-name-hint" class="hint">Saved as <span class="mono">${id}</span>.</span>`}
          ${this.#error('name')}
        </div>
        <div class="pair">
          ${this.#segmented('Prints', 'kind', KINDS.map((k) => ({ id: k.id, label: k.label })), d.kind, (kind) => this.#set({ kind: kind as PrinterKind }))}
          ${this.#segmented('Connection', 'transport', TRANSPORTS.map((t) => ({ id: t, label: TRANSPORT_VIEW[t].label })), d.transport,
            (t) => this.#set({ transport: t as PrinterTransport }))}
        </div>
        <div class="field">
          <label for="printer-address">Address</label>
          <input id="printer-address" class="mono" autocomplete="off" spellcheck="false" maxlength="100" placeholder=${transport.placeholder}
            .value=${d.transport === 'virtual' ? '' : d.address ?? ''} ?disabled=${this.busy || d.transport === 'virtual'}
            aria-invalid=${this.problems.address ? 'true' : 'false'} aria-describedby="address-hint address-error"
            @input=${(e: Event) => this.#set({ address: (e.target as HTMLInputElement).value })} />
          <span id="address-hint" class="hint">${transport.hint}</span>
          ${this.#error('address')}
        </div>
        <div class="field">
          <label for="printer-profile">Model</label>
          <select id="printer-profile" .value=${d.profile} ?disabled=${this.busy} aria-invalid=${this.problems.profile ? 'true' : 'false'}
            aria-describedby="profile-error" @change=${(e: Event) => this.#set({ profile: (e.target as HTMLSelectElement).value })}>
            ${profilesFor(d.kind).map((p) => html`<option value=${p.id} ?selected=${p.id === d.profile}>${p.label}</option>`)}
          </select>
          ${this.#error('profile')}
        </div>
        <label class="check">
          <input type="checkbox" .checked=${d.active} ?disabled=${this.busy} @change=${(e: Event) => this.#set({ active: (e.target as HTMLInputElement).checked })} />
          <span><strong>In use</strong><span class="hint">A switched-off printer gets no new jobs: its stations print on the shop’s first printer of that kind.</span></span>
        </label>
        ${this.error ? errorAlert(this.error) : nothing}
        <div class="dialog-foot">
          <button type="button" class="btn" ?disabled=${this.busy} @click=${this.close}>Cancel</button>
          <button type="submit" class="btn btn-primary" ?disabled=${this.busy}>${this.busy ? 'Saving…' : this.editing ? 'Save changes' : 'Add printer'}</button>
        </div>
      </form>
    </dialog>`
  }

  #segmented(label: string, name: string, options: ReadonlyArray<{ id: string; label: string }>, value: string, pick: (id: string) => void) {
    return html`<fieldset class="field">
      <legend class="label">${label}</legend>
      <div class="segmented">
        ${options.map((o) => html`<label class="seg-option">
          <input type="radio" name=${name} value=${o.id} .checked=${o.id === value} ?disabled=${this.busy} @change=${() => pick(o.id)} />
          <span>${o.label}</span></label>`)}
      </div>
    </fieldset>`
  }

  #error(field: Field) {
    const message = this.problems[field]
    return html`<span id="${field}-error" class="field-error" ?hidden=${!message}>${message ?? ''}</span>`
  }

  async #submit(event: Event) {
    event.preventDefault()
    if (!this.services || this.busy) return
    const d = this.draft
    const input: PrinterInput = { ...d, name: d.name.trim(), address: d.transport === 'virtual' ? null : d.address?.trim() || null }
    this.problems = printerProblems(input)
    const first = Object.keys(this.problems)[0]
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(first === 'name' ? '#printer-name' : `#printer-${first}`)?.focus()
      return
    }
    const id = this.editing ?? printerIdFrom(input.name, this.#taken)
    this.busy = true
    this.error = undefined
    try {
      await savePrinter(this.services.api, id, input)
      this.close()
      this.dispatchEvent(new CustomEvent<PrinterSavedDetail>('printer-saved', { detail: { id, printer: input }, bubbles: true, composed: true }))
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined
      if (field === 'name' || field === 'address' || field === 'profile') this.problems = { [field]: (error as ApiError).detail }
      else this.error = error
    } finally {
      this.busy = false
    }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    dialogStyles,
    css`
      :host { display: contents; --dialog-width: 620px; }
      .pair { display: grid; grid-template-columns: 2fr 3fr; gap: 1rem; }
      @media (max-width: 640px) { .pair { grid-template-columns: 1fr; } }
      fieldset { border: none; margin: 0; padding: 0; min-width: 0; }
      legend { padding: 0; margin-bottom: 0.35rem; }
      .segmented { display: flex; padding: 3px; gap: 3px; border-radius: var(--pos-radius); background: var(--pos-surface-muted); border: 1px solid var(--pos-border); }
      .seg-option { flex: 1; position: relative; }
      .seg-option input { position: absolute; opacity: 0; width: 100%; height: 100%; margin: 0; cursor: pointer; min-height: 0; }
      .seg-option span {
        display: grid; place-items: center; min-height: 44px; border-radius: 8px; font-weight: 600; color: var(--pos-text-muted);
        transition: background 120ms, color 120ms;
      }
      .seg-option input:checked + span { background: var(--pos-surface); color: var(--pos-text); box-shadow: var(--pos-shadow); }
      .seg-option input:focus-visible + span { box-shadow: var(--pos-focus); }
      input:disabled { background: var(--pos-surface-muted); color: var(--pos-text-muted); }
      .check { display: flex; gap: 0.75rem; align-items: flex-start; font-weight: 400; cursor: pointer; }
      .check input { width: 22px; height: 22px; min-height: 0; margin: 0.1rem 0 0; flex: none; accent-color: var(--pos-primary); }
      .check span { display: grid; gap: 0.15rem; }
    `,
  ]
}

customElements.define('pos-printer-form', PosPrinterForm)

declare global {
  interface HTMLElementTagNameMap {
    'pos-printer-form': PosPrinterForm
  }
}

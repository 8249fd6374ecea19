import { LitElement, css, html, nothing } from 'lit'
import type { ChannelAccountDto, ChannelAccountRequest, ChannelKind, ConnectionTestDto, StockRuleDto } from '../../../appliance/api/contract.js'
import { ApiError, errorDetail } from '../../data/api.js'
import { BASE_URL_HINT, CHANNEL_KINDS, CHANNEL_LABEL, CREDENTIAL_FIELDS, createChannel, testUnsaved, updateChannel } from '../../data/channels.js'
import type { AppServices } from '../../data/services.js'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import { dialogStyles } from '../print-queue/dialog-styles.js'

export interface AccountSavedDetail {
  account: ChannelAccountDto
}

type RuleKind = StockRuleDto['kind']

interface Draft {
  kind: ChannelKind
  name: string
  baseUrl: string
  credentials: Record<string, string>
  sellerId: string
  marketplaceId: string
  rule: RuleKind
  ruleValue: string
  importIntervalSeconds: string
  active: boolean
}

const blank = (kind: ChannelKind = 'shopify'): Draft => ({
  kind, name: '', baseUrl: '', credentials: {}, sellerId: '', marketplaceId: 'A1F83G8C2ARO7P', rule: 'buffer', ruleValue: '0', importIntervalSeconds: '60', active: true,
})

const RULE_HELP: Record<RuleKind, string> = {
  buffer: 'On hand − reserved − this many units held back.',
  share: 'This percentage of what is free (two channels sharing scarce stock).',
  fixed: 'Always advertise this figure.',
}

/**
 * Add a channel account or change one, in a modal: the channel, its address and credentials
 * (password fields; a saved account shows only which are set, and an empty field keeps the
 * saved value), the stock rule and how often to import. "Test connection" asks the channel
 * with what is typed, before anything is saved. Fires `account-saved`.
 */
export class PosChannelForm extends LitElement {
  static override properties = {
    services: { attribute: false },
    editing: { state: true },
    draft: { state: true },
    busy: { state: true },
    error: { state: true },
    field: { state: true },
    test: { state: true },
  }

  declare services: AppServices | undefined
  declare editing: ChannelAccountDto | undefined
  declare draft: Draft
  declare busy: boolean
  declare error: unknown
  /** The field the appliance said is wrong, and why. */
  declare field: { name: string; message: string } | undefined
  declare test: ConnectionTestDto | 'testing' | undefined

  constructor() {
    super()
    this.services = undefined
    this.editing = undefined
    this.draft = blank()
    this.busy = false
    this.error = undefined
    this.field = undefined
    this.test = undefined
  }

  async open(account?: ChannelAccountDto): Promise<void> {
    this.editing = account
    const rule = account?.rules.default
    this.draft = account ? {
      kind: account.kind, name: account.name, baseUrl: account.baseUrl, credentials: {}, sellerId: account.settings.sellerId ?? '',
      marketplaceId: account.settings.marketplaceId ?? '', rule: rule?.kind ?? 'buffer',
      ruleValue: String(rule ? (rule.kind === 'buffer' ? rule.buffer : rule.kind === 'share' ? rule.percent : rule.quantity) : 0),
      importIntervalSeconds: String(account.importIntervalSeconds), active: account.active,
    } : blank()
    this.error = undefined
    this.field = undefined
    this.test = undefined
    await this.updateComplete
    const dialog = this.renderRoot.querySelector('dialog')
    if (dialog && !dialog.open) dialog.showModal()
    this.renderRoot.querySelector<HTMLElement>(account ? '#channel-name' : '#channel-kind')?.focus()
  }

  close(): void {
    this.renderRoot.querySelector('dialog')?.close()
  }

  #set(patch: Partial<Draft>) {
    this.draft = { ...this.draft, ...patch }
    this.field = undefined
    this.test = undefined
  }

  #rule(): StockRuleDto {
    const n = Number(this.draft.ruleValue)
    if (this.draft.rule === 'share') return { kind: 'share', percent: n }
    if (this.draft.rule === 'fixed') return { kind: 'fixed', quantity: n }
    return { kind: 'buffer', buffer: n }
  }

  #request(): ChannelAccountRequest {
    const d = this.draft
    const credentials = Object.fromEntries(Object.entries(d.credentials).filter(([, v]) => v.trim() !== ''))
    const settings = d.kind === 'amazon' ? { sellerId: d.sellerId.trim(), marketplaceId: d.marketplaceId.trim() } : undefined
    return {
      kind: d.kind, name: d.name.trim(), baseUrl: d.baseUrl.trim(), credentials, ...(settings ? { settings } : {}),
      rules: { default: this.#rule() }, importIntervalSeconds: Number(d.importIntervalSeconds), active: d.active,
    }
  }

  override render() {
    const d = this.draft
    const editing = this.editing
    return html`<dialog aria-labelledby="channel-title">
      <form class="dialog-body" novalidate @submit=${this.#submit}>
        <div class="dialog-head">
          <div><h2 id="channel-title">${editing ? `Change ${editing.name}` : 'Add a channel'}</h2>
            <p class="muted">${editing ? html`Account <span class="mono">${editing.id}</span> on ${CHANNEL_LABEL[editing.kind]}` : 'Orders come in from it; its stock follows the shop’s.'}</p></div>
          <button type="button" class="btn btn-ghost icon-btn" aria-label="Close" @click=${this.close}>${icon('close')}</button>
        </div>
        <div class="pair">
          <div class="field">
            <label for="channel-kind">Channel</label>
            <select id="channel-kind" ?disabled=${this.busy || editing !== undefined} @change=${(e: Event) => this.#set({ kind: (e.target as HTMLSelectElement).value as ChannelKind, credentials: {} })}>
              ${CHANNEL_KINDS.map((k) => html`<option value=${k} ?selected=${k === d.kind}>${CHANNEL_LABEL[k]}</option>`)}
            </select>
          </div>
          ${this.#input('channel-name', 'name', 'Name', d.name, (v) => this.#set({ name: v }), { placeholder: `Our ${CHANNEL_LABEL[d.kind]} shop` })}
        </div>
        ${this.#input('channel-url', 'baseUrl', 'Address (base URL)', d.baseUrl, (v) => this.#set({ baseUrl: v }), { placeholder: BASE_URL_HINT[d.kind], mono: true })}
        <fieldset class="field">
          <legend class="label">Credentials</legend>
          <p class="hint">Stored encrypted on this appliance and never shown again.${editing ? ' Leave a field empty to keep what is saved.' : ''}</p>
          ${CREDENTIAL_FIELDS[d.kind].map((f) => this.#input(`cred-${f.key}`, `credentials.${f.key}`, f.label, d.credentials[f.key] ?? '',
            (v) => this.#set({ credentials: { ...d.credentials, [f.key]: v } }),
            { secret: true, placeholder: editing?.credentials[f.key] ? '•••••••• (set)' : '' }))}
        </fieldset>
        ${d.kind === 'amazon' ? html`<div class="pair">
          ${this.#input('amazon-seller', 'settings.sellerId', 'Seller id', d.sellerId, (v) => this.#set({ sellerId: v }), { mono: true })}
          ${this.#input('amazon-market', 'settings.marketplaceId', 'Marketplace id', d.marketplaceId, (v) => this.#set({ marketplaceId: v }), { mono: true })}
        </div>` : nothing}
        <div class="pair">
          <div class="field">
            <label for="channel-rule">Stock to advertise</label>
            <select id="channel-rule" ?disabled=${this.busy} @change=${(e: Event) => this.#set({ rule: (e.target as HTMLSelectElement).value as RuleKind })}>
              <option value="buffer" ?selected=${d.rule === 'buffer'}>Free stock less a buffer</option>
              <option value="share" ?selected=${d.rule === 'share'}>A share of free stock</option>
              <option value="fixed" ?selected=${d.rule === 'fixed'}>A fixed figure</option>
            </select>
            <span class="hint">${RULE_HELP[d.rule]}</span>
          </div>
          ${this.#input('channel-rule-value', 'rules.default', d.rule === 'share' ? 'Percent' : 'Units', d.ruleValue, (v) => this.#set({ ruleValue: v }), { type: 'number' })}
        </div>
        <div class="pair">
          ${this.#input('channel-interval', 'importIntervalSeconds', 'Import every (seconds)', d.importIntervalSeconds, (v) => this.#set({ importIntervalSeconds: v }), { type: 'number' })}
          <label class="check">
            <input type="checkbox" .checked=${d.active} ?disabled=${this.busy} @change=${(e: Event) => this.#set({ active: (e.target as HTMLInputElement).checked })} />
            <span><strong>In use</strong><span class="hint">Switched off: no imports, no pushes.</span></span>
          </label>
        </div>
        ${this.#testResult()}
        ${this.error ? errorAlert(this.error) : nothing}
        <div class="dialog-foot">
          ${editing ? nothing : html`<button type="button" class="btn test" ?disabled=${this.busy || this.test === 'testing'} @click=${this.#test}>${this.test === 'testing' ? 'Testing…' : 'Test connection'}</button>`}
          <button type="button" class="btn" ?disabled=${this.busy} @click=${this.close}>Cancel</button>
          <button type="submit" class="btn btn-primary" ?disabled=${this.busy}>${this.busy ? 'Saving…' : editing ? 'Save changes' : 'Add channel'}</button>
        </div>
      </form>
    </dialog>`
  }

  #input(id: string, name: string, label: string, value: string, change: (v: string) => void, o: { placeholder?: string; secret?: boolean; mono?: boolean; type?: string } = {}) {
    const problem = this.field?.name === name ? this.field.message : undefined
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} class=${o.mono || o.secret ? 'mono' : ''} type=${o.secret ? 'password' : (o.type ?? 'text')} autocomplete=${o.secret ? 'new-password' : 'off'}
        spellcheck="false" placeholder=${o.placeholder ?? ''} .value=${value} ?disabled=${this.busy}
        aria-invalid=${problem ? 'true' : 'false'} @input=${(e: Event) => change((e.target as HTMLInputElement).value)} />
      ${problem ? html`<span class="field-error">${problem}</span>` : nothing}
    </div>`
  }

  #testResult() {
    const t = this.test
    if (!t || t === 'testing') return nothing
    return t.ok
      ? html`<div class="alert alert-success" role="status">${icon('check')}<p>Connected to <strong>${t.accountName}</strong>${t.currency ? ` (${t.currency})` : ''}.</p></div>`
      : html`<div class="alert alert-error" role="alert">${icon('alert')}<p>${t.kind === 'auth' ? 'The channel refused these credentials: ' : 'Could not connect: '}${t.message}</p></div>`
  }

  async #test() {
    if (!this.services) return
    this.test = 'testing'
    this.error = undefined
    try {
      this.test = await testUnsaved(this.services.api, this.#request())
    } catch (error) {
      this.test = undefined
      this.#fail(error)
    }
  }

  #fail(error: unknown) {
    if (error instanceof ApiError && error.field) this.field = { name: error.field, message: errorDetail(error) }
    else this.error = error
  }

  async #submit(event: Event) {
    event.preventDefault()
    if (!this.services || this.busy) return
    this.busy = true
    this.error = undefined
    try {
      const body = this.#request()
      const account = this.editing
        ? await updateChannel(this.services.api, this.editing.id, { name: body.name, baseUrl: body.baseUrl, credentials: body.credentials, ...(body.settings ? { settings: body.settings } : {}), rules: body.rules, importIntervalSeconds: body.importIntervalSeconds, active: body.active })
        : await createChannel(this.services.api, body)
      this.close()
      this.dispatchEvent(new CustomEvent<AccountSavedDetail>('account-saved', { detail: { account }, bubbles: true, composed: true }))
    } catch (error) {
      this.#fail(error)
    } finally {
      this.busy = false
    }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    dialogStyles,
    css`
      :host { display: contents; --dialog-width: 640px; }
      .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
      @media (max-width: 640px) { .pair { grid-template-columns: 1fr; } }
      fieldset { border: none; margin: 0; padding: 0; min-width: 0; display: grid; gap: 0.6rem; }
      legend { padding: 0; margin-bottom: 0.1rem; font-weight: 600; }
      .check { display: flex; gap: 0.75rem; align-items: flex-start; padding-top: 1.9rem; font-weight: 400; cursor: pointer; }
      .check input { width: 22px; height: 22px; min-height: 0; margin: 0.1rem 0 0; flex: none; accent-color: var(--pos-primary); }
      .check > span { display: grid; gap: 0.1rem; }
      .test { margin-right: auto; }
    `,
  ]
}

customElements.define('pos-channel-form', PosChannelForm)

declare global {
  interface HTMLElementTagNameMap {
    'pos-channel-form': PosChannelForm
  }
}

import { LitElement, css, html, nothing } from 'lit'
import type { ChannelAccountDto, ChannelAccountList, ConnectionTestDto, SyncNowDto } from '../../../appliance/api/contract.js'
import { errorDetail } from '../../data/api.js'
import { ago, CHANNEL_LABEL, duration, health, listChannels, syncNow, testChannel } from '../../data/channels.js'
import type { AppServices } from '../../data/services.js'
import { consumeServices } from '../../components/consume-services.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import type { AccountSavedDetail, PosChannelForm } from './account-form.js'
import './account-form.js'
import './dead-letters.js'

type Outcome = { kind: 'test'; result: ConnectionTestDto } | { kind: 'sync'; result: SyncNowDto } | { kind: 'error'; message: string }

const TONE = { ok: 'badge-success', warning: 'badge-warning', danger: 'badge-danger', off: '' } as const

/**
 * Settings → Channels: each online channel account with how its sync stands (last good
 * import and push, changes waiting and for how long, refused changes and orders), "Test
 * connection" and "Sync now", the dead letters to replay, and a form to add or change an
 * account. Refreshes live on `sync.changed` (and every few seconds for the "ago" times).
 */
export class PosChannels extends LitElement {
  static override properties = {
    services: { attribute: false },
    accounts: { state: true },
    error: { state: true },
    notice: { state: true },
    outcomes: { state: true },
    working: { state: true },
    open: { state: true },
    now: { state: true },
  }

  declare services: AppServices | undefined
  declare accounts: ChannelAccountDto[] | undefined
  declare error: unknown
  declare notice: string | undefined
  declare outcomes: ReadonlyMap<string, Outcome>
  declare working: ReadonlySet<string>
  /** Accounts whose dead letters are shown. */
  declare open: ReadonlySet<string>
  declare now: number

  #unsubscribe: (() => void) | undefined
  #timer: ReturnType<typeof setInterval> | undefined
  #pending: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.services = undefined
    this.accounts = undefined
    this.error = undefined
    this.notice = undefined
    this.outcomes = new Map()
    this.working = new Set()
    this.open = new Set()
    this.now = Date.now()
    consumeServices(this)
  }

  override connectedCallback() {
    super.connectedCallback()
    this.#timer = setInterval(() => {
      this.now = Date.now()
      void this.reload()
    }, 10_000)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    clearInterval(this.#timer)
    clearTimeout(this.#pending)
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!changed.has('services') || !this.services) return
    this.#unsubscribe?.()
    // Many events in a burst (an import of fifty orders): one reload shortly after.
    this.#unsubscribe = this.services.realtime.on('sync.changed', () => {
      this.#pending ??= setTimeout(() => {
        this.#pending = undefined
        void this.reload()
      }, 500)
    })
    void this.reload()
  }

  async reload(): Promise<void> {
    if (!this.services) return
    try {
      const list: ChannelAccountList = await listChannels(this.services.api)
      this.accounts = list.items
      this.error = undefined
      this.now = Date.now()
    } catch (error) {
      this.error = error
    }
  }

  override render() {
    return html`<section class="page" aria-labelledby="title">
      <a class="back" href="#/settings">${icon('arrowLeft', 18)}<span>Settings</span></a>
      <header class="page-header">
        <div>
          <h1 id="title">Channels</h1>
          <p class="muted">Online shops and marketplaces: orders come in on a schedule (and at once where webhooks reach us); every stock change goes out.</p>
        </div>
        <button type="button" class="btn btn-primary add" @click=${() => this.#form()?.open()}>${icon('plus', 18)}Add channel</button>
      </header>
      ${this.notice ? successAlert(this.notice) : nothing}
      ${this.#body()}
      <pos-channel-form .services=${this.services} @account-saved=${this.#onSaved}></pos-channel-form>
    </section>`
  }

  #body() {
    if (!this.accounts) return this.error ? errorAlert(this.error, html`<button class="btn" @click=${() => this.reload()}>Try again</button>`) : html`<p class="muted" role="status">Loading the channels…</p>`
    if (!this.accounts.length) {
      return html`<div class="card">${emptyState({ icon: 'store', title: 'No channels yet', body: 'Add a Shopify, WooCommerce, Amazon or eBay account to bring its orders in and keep its stock right.' })}</div>`
    }
    return html`${this.error ? errorAlert(this.error) : nothing}<div class="accounts">${this.accounts.map((a) => this.#card(a))}</div>`
  }

  #card(a: ChannelAccountDto) {
    const s = a.status
    const state = health(a, s)
    const busy = this.working.has(a.id)
    const importFailed = s.lastImportError && (!s.lastImportAt || s.lastImportError.at > s.lastImportAt)
    const pushFailed = s.lastPushError && (!s.lastPushAt || s.lastPushError.at > s.lastPushAt)
    return html`<article class="card account" aria-labelledby="acct-${a.id}">
      <header class="account-head">
        <div>
          <h2 id="acct-${a.id}">${a.name}</h2>
          <p class="muted">${CHANNEL_LABEL[a.kind]} · <span class="mono">${a.id}</span> · ${a.baseUrl}</p>
        </div>
        <span class="badge ${TONE[state.level]}" title=${state.reason}>${state.level === 'ok' ? icon('check', 16) : state.level === 'off' ? nothing : icon('alert', 16)}${state.reason}</span>
      </header>
      <dl class="facts">
        <div><dt>Last import</dt><dd>${ago(s.lastImportAt, this.now)}${importFailed ? html`<span class="fail">failed ${ago(s.lastImportError!.at, this.now)}: ${s.lastImportError!.message}</span>` : nothing}</dd></div>
        <div><dt>Last push</dt><dd>${ago(s.lastPushAt, this.now)}${pushFailed ? html`<span class="fail">failed ${ago(s.lastPushError!.at, this.now)}: ${s.lastPushError!.message}</span>` : nothing}</dd></div>
        <div><dt>Waiting to go</dt><dd>${s.backlog ? `${s.backlog} (oldest ${duration(s.lagSeconds)})` : 'nothing'}</dd></div>
        <div><dt>Orders</dt><dd>${s.ordersImported} imported${s.webhooksPending ? ` · ${s.webhooksPending} to fetch` : ''}</dd></div>
        <div><dt>Stock check</dt><dd>${s.lastReconcileAt ? html`${ago(s.lastReconcileAt, this.now)}${s.lastReconcile ? ` · ${s.lastReconcile.drift.length ? `fixed ${s.lastReconcile.drift.length} difference${s.lastReconcile.drift.length === 1 ? '' : 's'}` : 'no differences'}` : ''}` : 'not yet'}</dd></div>
        <div><dt>Needs a person</dt><dd>${s.dead + s.rejects ? html`<strong class="fail-text">${s.dead + s.rejects}</strong>` : 'nothing'}</dd></div>
      </dl>
      ${this.#outcome(a.id)}
      <div class="row actions">
        <button class="btn" ?disabled=${busy} @click=${() => this.#run(a.id, 'test')}>${icon('check', 18)}Test connection</button>
        <button class="btn" ?disabled=${busy || !a.active} @click=${() => this.#run(a.id, 'sync')}>${icon('refresh', 18)}${busy ? 'Working…' : 'Sync now'}</button>
        <button class="btn btn-ghost" @click=${() => this.#form()?.open(a)}>${icon('pencil', 18)}Change</button>
        <button class="btn btn-ghost" aria-expanded=${this.open.has(a.id) ? 'true' : 'false'} @click=${() => this.#toggle(a.id)}>
          ${this.open.has(a.id) ? 'Hide' : 'Show'} dead letters${s.dead + s.rejects ? ` (${s.dead + s.rejects})` : ''}</button>
      </div>
      ${this.open.has(a.id) ? html`<pos-dead-letters .services=${this.services} account=${a.id} @changed=${() => this.reload()}></pos-dead-letters>` : nothing}
      <p class="hint">Webhooks: <span class="mono">${a.webhookPath}</span> on this appliance’s public address. Credentials set: ${Object.entries(a.credentials).filter(([, set]) => set).map(([k]) => k).join(', ') || 'none'}.</p>
    </article>`
  }

  #outcome(id: string) {
    const o = this.outcomes.get(id)
    if (!o) return nothing
    if (o.kind === 'error') return html`<div class="alert alert-error" role="alert">${icon('alert')}<p>${o.message}</p></div>`
    if (o.kind === 'test') {
      return o.result.ok
        ? html`<div class="alert alert-success" role="status">${icon('check')}<p>Connected to <strong>${o.result.accountName}</strong>${o.result.currency ? ` (${o.result.currency})` : ''}.</p></div>`
        : html`<div class="alert alert-error" role="alert">${icon('alert')}<p>${o.result.message}</p></div>`
    }
    const { import: i, push: p } = o.result
    const problems = [i.error, p.error].filter(Boolean)
    const paused = i.throttledMs ? ` The channel asked us to slow down: the rest comes in ${Math.ceil(i.throttledMs / 1000)} s.` : ''
    return html`<div class="alert ${problems.length ? 'alert-warning' : 'alert-success'}" role="status">${icon(problems.length ? 'alert' : 'check')}
      <p>Imported ${i.created} new and ${i.updated} changed order${i.created + i.updated === 1 ? '' : 's'}${i.rejected ? `, refused ${i.rejected}` : ''}; sent ${p.sent} change${p.sent === 1 ? '' : 's'}${p.failed ? `, ${p.failed} to retry` : ''}.${paused}${problems.length ? ` ${problems.join(' ')}` : ''}</p></div>`
  }

  async #run(id: string, what: 'test' | 'sync') {
    if (!this.services || this.working.has(id)) return
    this.working = new Set(this.working).add(id)
    try {
      const outcome: Outcome = what === 'test'
        ? { kind: 'test', result: await testChannel(this.services.api, id) }
        : { kind: 'sync', result: await syncNow(this.services.api, id) }
      this.outcomes = new Map(this.outcomes).set(id, outcome)
      await this.reload()
    } catch (error) {
      this.outcomes = new Map(this.outcomes).set(id, { kind: 'error', message: errorDetail(error) })
    } finally {
      const working = new Set(this.working)
      working.delete(id)
      this.working = working
    }
  }

  #toggle(id: string) {
    const open = new Set(this.open)
    if (!open.delete(id)) open.add(id)
    this.open = open
  }

  #form(): PosChannelForm | null {
    return this.renderRoot.querySelector('pos-channel-form')
  }

  #onSaved(event: CustomEvent<AccountSavedDetail>) {
    this.notice = `Saved ${event.detail.account.name}.`
    void this.reload()
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      .back { display: inline-flex; align-items: center; gap: 0.35rem; color: var(--pos-primary); text-decoration: none; font-weight: 600; min-height: 40px; justify-self: start; }
      .page-header > div:first-child { flex: 1 1 24rem; }
      .accounts { display: grid; gap: 1rem; }
      .account { display: grid; gap: 0.9rem; }
      .account-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; flex-wrap: wrap; }
      .account-head h2 { margin: 0; }
      .account-head .badge { display: inline-flex; align-items: center; gap: 0.3rem; }
      .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 0.75rem 1.25rem; margin: 0; }
      .facts div { display: grid; gap: 0.15rem; }
      dt { color: var(--pos-text-muted); font-size: 0.82rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
      dd { margin: 0; display: grid; gap: 0.15rem; }
      .fail { color: var(--pos-danger); font-size: 0.85rem; overflow-wrap: anywhere; }
      .fail-text { color: var(--pos-danger); }
      .actions { gap: 0.5rem; }
    `,
  ]
}

customElements.define('pos-channels', PosChannels)

declare global {
  interface HTMLElementTagNameMap {
    'pos-channels': PosChannels
  }
}

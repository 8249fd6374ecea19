import { LitElement, css, html, nothing } from 'lit'
import { ContextProvider } from '@lit/context'
import type { RoleName, SessionInfo } from '../appliance/api/contract.js'
import { createServices, servicesContext, type AppServices } from './data/services.js'
import { restoreSession, signOut } from './data/session.js'
import { DEFAULT_HASH, canOpen, navFor, parseRoute, sectionOf, type Route } from './routes.js'
import { emptyState, errorAlert, feedbackStyles } from './components/feedback.js'
import { icon } from './components/icons.js'
import { baseStyles } from './components/styles.js'
import './views/login/login-view.js'
import './views/lookup/product-lookup.js'
import './views/stock/stock-page.js'
import './views/catalogue/catalogue-import.js'
import './views/settings/settings-view.js'
import './views/devices/devices-page.js'
import './views/channels/channels-page.js'
import './views/channels/channels-link.js'
import './views/print-queue/print-queue-page.js'
import './views/placeholder/coming-soon.js'
import './views/till/till-view.js'
import './views/orders/orders-page.js'
import './views/orders/order-detail.js'
import './views/returns/returns-page.js'
import './views/reports/reports-page.js'
import './views/picking/picking-page.js'
import './views/picking/pick-screen.js'
import './views/packing/pack-bench.js'
import type { PosProductLookup } from './views/lookup/product-lookup.js'

const ROLE_LABEL: Record<RoleName, string> = {
  assistant: 'Assistant',
  fulfilment: 'Fulfilment',
  manager: 'Manager',
  admin: 'Admin',
}

/**
 * The application: restores the session, shows sign-in or the signed-in shell (role-aware
 * navigation, who is signed in, sign out) and routes by the URL hash. Provides the
 * services (API client, session, realtime) to every screen through a context.
 */
export class PosApp extends LitElement {
  static override properties = {
    services: { attribute: false },
    route: { state: true },
    phase: { state: true },
    startError: { state: true },
  }

  declare services: AppServices | undefined
  declare route: Route
  declare phase: 'starting' | 'ready' | 'failed'
  declare startError: unknown

  #provider = new ContextProvider(this, { context: servicesContext })
  /** One lookup screen kept alive, so going back from a stock page keeps the results. */
  #lookup: PosProductLookup | undefined
  #onHashChange = () => {
    this.route = parseRoute(location.hash)
    void this.#focusView()
  }
  #onSessionChange = () => {
    if (!this.services?.session.current) {
      this.services?.realtime.close()
      this.#lookup = undefined
    }
    this.requestUpdate()
  }

  constructor() {
    super()
    this.services = undefined
    this.route = parseRoute(location.hash)
    this.phase = 'starting'
    this.startError = undefined
  }

  override connectedCallback() {
    super.connectedCallback()
    this.services ??= createServices({ fetch: globalThis.fetch.bind(globalThis) })
    this.#provider.setValue(this.services)
    this.services.session.addEventListener('change', this.#onSessionChange)
    window.addEventListener('hashchange', this.#onHashChange)
    void this.#start()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.services?.session.removeEventListener('change', this.#onSessionChange)
    window.removeEventListener('hashchange', this.#onHashChange)
  }

  async #start() {
    if (!this.services) return
    this.phase = 'starting'
    try {
      await restoreSession(this.services.api, this.services.session)
      this.phase = 'ready'
    } catch (error) {
      this.startError = error
      this.phase = 'failed'
    }
  }

  override render() {
    if (this.phase === 'starting') return html`<div class="splash" role="status">${icon('store', 36)}<p>Starting the shop…</p></div>`
    if (this.phase === 'failed') {
      return html`<div class="splash">${errorAlert(this.startError, html`<button class="btn" @click=${() => this.#start()}>Try again</button>`)}</div>`
    }
    const session = this.services?.session.current
    if (!session) return html`<pos-login></pos-login>`
    return this.#shell(session)
  }

  #shell(session: SessionInfo) {
    const items = navFor(session.staff.role)
    const current = sectionOf(this.route)
    return html`
      <a class="skip" href="#main" @click=${this.#skipToMain}>Skip to content</a>
      <div class="shell">
        <nav class="sidebar" aria-label="Main">
          <div class="brand">${icon('store', 26)}<span>Store Appliance</span></div>
          <ul>
            ${items.map((item) => html`<li>
              <a href="#/${item.id}" aria-current=${item.id === current ? 'page' : nothing}>${icon(item.icon)}<span>${item.label}</span></a>
            </li>`)}
          </ul>
        </nav>
        <div class="column">
          <header class="topbar">
            <div class="who" aria-label="Signed in">
              <span class="avatar" aria-hidden="true">${initials(session.staff.name)}</span>
              <span class="who-text">
                <strong class="staff-name">${session.staff.name}</strong>
                <span class="muted">${ROLE_LABEL[session.staff.role]} · station ${session.station}</span>
              </span>
              ${session.demo ? html`<span class="badge badge-warning">Demo shop</span>` : nothing}
            </div>
            <button class="btn btn-ghost sign-out" @click=${this.#signOut}>${icon('signOut')}<span>Sign out</span></button>
          </header>
          <main id="main" tabindex="-1">${this.#view(session.staff.role)}</main>
        </div>
      </div>
    `
  }

  #view(role: RoleName) {
    const route = this.route
    if (!canOpen(route, role)) {
      return html`<div class="card">${emptyState({
        icon: 'lock',
        title: 'Not available for your role',
        body: 'Ask a manager if you need this screen.',
        action: html`<a class="btn" href=${DEFAULT_HASH}>Go to products &amp; stock</a>`,
      })}</div>`
    }
    switch (route.name) {
      case 'lookup':
        this.#lookup ??= document.createElement('pos-product-lookup')
        return this.#lookup
      case 'stock':
        return html`<pos-stock-page .sku=${route.sku}></pos-stock-page>`
      case 'catalogue':
        return html`<pos-catalogue-import></pos-catalogue-import>`
      case 'settings':
        return html`<pos-settings></pos-settings><pos-channels-link></pos-channels-link>`
      case 'devices':
        return html`<pos-devices></pos-devices>`
      case 'channels':
        return html`<pos-channels></pos-channels>`
      case 'print-queue':
        return html`<pos-print-queue></pos-print-queue>`
      case 'orders':
        return html`<pos-orders></pos-orders>`
      case 'order':
        return html`<pos-order-detail order-id=${route.id}></pos-order-detail>`
      case 'returns':
        return html`<pos-returns order-ref=${route.order ?? ''}></pos-returns>`
      case 'reports':
        return html`<pos-reports report=${route.report}></pos-reports>`
      case 'picking':
        return html`<pos-picking></pos-picking>`
      case 'pick-list':
        return html`<pos-pick-list list-id=${route.id}></pos-pick-list>`
      case 'packing':
        return html`<pos-pack-bench code=${route.code}></pos-pack-bench>`
      case 'soon':
        if (route.section === 'till') return html`<pos-till></pos-till>`
        return html`<pos-coming-soon section=${route.section}></pos-coming-soon>`
      case 'not-found':
        return html`<div class="card">${emptyState({
          icon: 'search',
          title: 'There is no such page',
          body: `Nothing lives at “${route.path}”.`,
          action: html`<a class="btn" href=${DEFAULT_HASH}>Go to products &amp; stock</a>`,
        })}</div>`
    }
  }

  /** After navigating, focus goes to the new screen (its search box, or its content) for keyboard and screen-reader users. */
  async #focusView() {
    await this.updateComplete
    if (this.route.name === 'lookup' && this.#lookup) this.#lookup.focusSearch()
    else this.renderRoot.querySelector<HTMLElement>('#main')?.focus({ preventScroll: true })
  }

  #skipToMain(event: Event) {
    event.preventDefault()
    this.renderRoot.querySelector<HTMLElement>('#main')?.focus()
  }

  async #signOut() {
    if (!this.services) return
    await signOut(this.services.api, this.services.session)
    location.hash = DEFAULT_HASH
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; min-height: 100vh; }
      .splash { min-height: 100vh; display: grid; place-content: center; justify-items: center; gap: 0.75rem; color: var(--pos-text-muted); padding: 1rem; }
      .splash .icon { color: var(--pos-primary); }
      .skip { position: absolute; left: -9999px; top: 0.5rem; z-index: 10; }
      .skip:focus { left: 0.5rem; background: var(--pos-surface); padding: 0.6rem 1rem; border-radius: var(--pos-radius); }
      .shell {
        display: grid; grid-template-columns: 240px 1fr; min-height: 100vh;
        background: linear-gradient(to right, var(--pos-nav-bg) 240px, transparent 240px);
      }
      .sidebar { background: var(--pos-nav-bg); color: var(--pos-nav-text); padding: 1.1rem 0.75rem; position: sticky; top: 0; height: 100vh; overflow-y: auto; }
      .brand { display: flex; align-items: center; gap: 0.6rem; color: #fff; font-weight: 700; font-size: 1.05rem; padding: 0.35rem 0.75rem 1.25rem; }
      .brand .icon { color: #7fa8f5; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.2rem; }
      nav a {
        display: flex; align-items: center; gap: 0.75rem; min-height: var(--pos-target); padding: 0 0.85rem;
        border-radius: var(--pos-radius); color: inherit; text-decoration: none; font-weight: 550;
      }
      nav a:hover { background: rgb(255 255 255 / 7%); color: var(--pos-nav-active); }
      nav a[aria-current='page'] { background: var(--pos-primary); color: var(--pos-nav-active); }
      .column { display: grid; grid-template-rows: auto 1fr; min-width: 0; }
      .topbar {
        display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.7rem 1.75rem;
        background: var(--pos-surface); border-bottom: 1px solid var(--pos-border); position: sticky; top: 0; z-index: 2;
      }
      .who { display: flex; align-items: center; gap: 0.75rem; min-width: 0; }
      .who-text { display: grid; line-height: 1.25; }
      .who-text .muted { font-size: 0.85rem; }
      .avatar {
        display: grid; place-items: center; width: 40px; height: 40px; border-radius: 50%;
        background: var(--pos-primary-soft); color: var(--pos-primary); font-weight: 700;
      }
      main { padding: 1.75rem; outline: none; min-width: 0; }
      @media (max-width: 820px) {
        .shell { grid-template-columns: 1fr; grid-template-rows: auto 1fr; background: none; }
        .sidebar { position: static; height: auto; padding: 0.5rem; }
        .brand { display: none; }
        ul { display: flex; overflow-x: auto; gap: 0.25rem; scrollbar-width: thin; }
        nav a { white-space: nowrap; }
        main { padding: 1rem; }
        .topbar { padding: 0.6rem 1rem; }
      }
    `,
  ]
}

function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]?.toUpperCase() ?? '').join('')
}

customElements.define('pos-app', PosApp)

declare global {
  interface HTMLElementTagNameMap {
    'pos-app': PosApp
  }
}

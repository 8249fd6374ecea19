import { LitElement, css, html } from 'lit'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'

/** The way into Settings → Channels, shown under the settings (managers see Settings at all). */
export class PosChannelsLink extends LitElement {
  override render() {
    return html`<a class="card link-card" href="#/settings/channels">
      <span class="link-icon">${icon('store', 22)}</span>
      <span><strong>Channels</strong><span class="muted">Shopify, WooCommerce, Amazon and eBay accounts: orders in, stock out, sync status and dead letters.</span></span>
    </a>`
  }

  static override styles = [
    baseStyles,
    css`
      :host { display: block; margin-top: 1.25rem; max-width: 1100px; }
      .link-card { display: flex; align-items: center; gap: 0.9rem; max-width: 640px; color: inherit; text-decoration: none; min-height: var(--pos-target); }
      .link-card:hover { border-color: var(--pos-primary); }
      .link-card > span:last-child { display: grid; gap: 0.15rem; }
      .link-icon { display: grid; place-items: center; width: 44px; height: 44px; border-radius: 12px; background: var(--pos-primary-soft); color: var(--pos-primary); flex: none; }
    `,
  ]
}

customElements.define('pos-channels-link', PosChannelsLink)

declare global {
  interface HTMLElementTagNameMap {
    'pos-channels-link': PosChannelsLink
  }
}

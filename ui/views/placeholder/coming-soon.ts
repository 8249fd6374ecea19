import { LitElement, css, html } from 'lit'
import type { ComingSoon } from '../../routes.js'
import { emptyState, feedbackStyles } from '../../components/feedback.js'
import type { IconName } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'

const COPY: Record<ComingSoon, { title: string; icon: IconName; body: string }> = {
  till: { title: 'Till', icon: 'till', body: 'Scan items, take payment and print receipts.' },
  returns: { title: 'Returns', icon: 'returns', body: 'Refund or exchange items from any channel, in store.' },
  orders: { title: 'Orders', icon: 'orders', body: 'Every order from the till and the online channels in one list.' },
  picking: { title: 'Picking', icon: 'picking', body: 'Pick lists for online orders, walked in shelf order.' },
  packing: { title: 'Packing', icon: 'packing', body: 'Pack, weigh and print shipping labels.' },
  reports: { title: 'Reports', icon: 'reports', body: 'Sales, stock and channel reports with drill-downs and exports.' },
}

/** A screen that a later release fills: says what it will do and where to go meanwhile. */
export class PosComingSoon extends LitElement {
  static override properties = { section: { type: String } }
  declare section: ComingSoon

  constructor() {
    super()
    this.section = 'till'
  }

  override render() {
    const copy = COPY[this.section]
    return html`<section class="page" aria-labelledby="title">
      <header class="page-header"><h1 id="title">${copy.title}</h1></header>
      <div class="card">
        ${emptyState({
          icon: copy.icon,
          title: `${copy.title} is coming soon`,
          body: `${copy.body} This screen isn't ready on this appliance yet.`,
          action: html`<a class="btn" href="#/lookup">Go to products &amp; stock</a>`,
        })}
      </div>
    </section>`
  }

  static override styles = [baseStyles, feedbackStyles, css`:host { display: block; }`]
}

customElements.define('pos-coming-soon', PosComingSoon)

declare global {
  interface HTMLElementTagNameMap {
    'pos-coming-soon': PosComingSoon
  }
}

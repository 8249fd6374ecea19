import { LitElement, css, html, nothing } from 'lit'
import type { TillReportDto } from '../../../appliance/api/contract.js'
import { formatDateTime, formatMoney } from '../../data/format.js'
import { baseStyles } from '../../components/styles.js'
import { tillStyles } from './till-styles.js'

const TENDER: Record<string, string> = { cash: 'Cash', card: 'Card', voucher: 'Gift cards' }

/** An X or Z report: sales by tender and by VAT rate, refunds, voids, discounts, and the cash. */
export class PosTillReport extends LitElement {
  static override properties = { report: { attribute: false } }

  declare report: TillReportDto | undefined

  constructor() {
    super()
    this.report = undefined
  }

  override render() {
    const r = this.report
    if (!r) return nothing
    const c = r.cash
    return html`<article class="report stack" aria-label="${r.kind} report">
      <header>
        <h3>${r.kind === 'Z' ? `Z report ${r.zNumber ?? ''}` : 'X report (reading)'} · ${r.till.name}</h3>
        <p class="muted">Business day ${r.businessDay} · opened ${formatDateTime(r.openedAt)} by ${r.openedBy}${r.closedAt ? ` · closed ${formatDateTime(r.closedAt)}` : ''}</p>
      </header>
      <dl class="figures">
        <dt>Sales</dt><dd data-sales-count>${r.sales.count}</dd>
        <dt>Takings</dt><dd data-sales-total>${formatMoney(r.sales.totalMinor)}</dd>
        <dt>of which VAT</dt><dd>${formatMoney(r.sales.vatMinor)}</dd>
        <dt>Discounts (${r.discounts.count} sales)</dt><dd>${formatMoney(r.discounts.amountMinor)}</dd>
        <dt>Price overrides</dt><dd>${r.priceOverrides.count}</dd>
        <dt>Refunds (${r.refunds.count})</dt><dd>${formatMoney(r.refunds.amountMinor)}</dd>
        <dt>Voided lines (${r.voids.lineCount})</dt><dd>${formatMoney(r.voids.lineMinor)}</dd>
        <dt>Voided baskets (${r.voids.basketCount})</dt><dd>${formatMoney(r.voids.basketMinor)}</dd>
        <dt>Gift cards sold (${r.giftCardsSold.count})</dt><dd>${formatMoney(r.giftCardsSold.amountMinor)}</dd>
      </dl>
      <table aria-label="Sales by tender"><thead><tr><th>Tender</th><th class="num">Payments</th><th class="num">Amount</th></tr></thead><tbody>
        ${r.tenders.map((t) => html`<tr data-tender=${t.method}><td>${TENDER[t.method] ?? t.method}</td><td class="num">${t.count}</td><td class="num">${formatMoney(t.amountMinor)}</td></tr>`)}
      </tbody></table>
      <table aria-label="Sales by VAT rate"><thead><tr><th>VAT rate</th><th class="num">Net</th><th class="num">VAT</th><th class="num">Gross</th></tr></thead><tbody>
        ${r.vat.map((v) => html`<tr><td>${v.ratePercent}%</td><td class="num">${formatMoney(v.netMinor)}</td><td class="num">${formatMoney(v.vatMinor)}</td><td class="num">${formatMoney(v.grossMinor)}</td></tr>`)}
      </tbody></table>
      <dl class="figures cash" aria-label="Cash">
        <dt>Float</dt><dd>${formatMoney(c.floatMinor)}</dd>
        <dt>Cash sales</dt><dd>${formatMoney(c.salesMinor)}</dd>
        ${c.refundsMinor ? html`<dt>Cash refunds</dt><dd>${formatMoney(c.refundsMinor)}</dd>` : nothing}
        <dt>Paid in</dt><dd>${formatMoney(c.paidInMinor)}</dd>
        <dt>Paid out</dt><dd>${formatMoney(c.paidOutMinor)}</dd>
        <dt>Bank drops</dt><dd>${formatMoney(c.bankDropMinor)}</dd>
        <dt><strong>Expected in drawer</strong></dt><dd><strong data-expected>${formatMoney(c.expectedMinor)}</strong></dd>
        ${c.countedMinor !== null ? html`<dt><strong>Counted</strong></dt><dd><strong>${formatMoney(c.countedMinor)}</strong></dd>
          <dt>Over / short</dt><dd class=${(c.overShortMinor ?? 0) < 0 ? 'negative' : 'positive'} data-over-short=${c.overShortMinor ?? 0}>${formatMoney(c.overShortMinor ?? 0)}</dd>` : nothing}
      </dl>
      ${c.denominations?.length ? html`<table aria-label="Cash counted by denomination"><thead><tr><th>Coin / note</th><th class="num">Count</th><th class="num">Amount</th></tr></thead><tbody>
        ${c.denominations.map((d) => html`<tr><td>${formatMoney(d.denominationMinor)}</td><td class="num">${d.count}</td><td class="num">${formatMoney(d.amountMinor)}</td></tr>`)}
      </tbody></table>` : nothing}
    </article>`
  }

  static override styles = [
    baseStyles,
    tillStyles,
    css`
      :host { display: block; }
      td, th { padding: 0.35rem 0.5rem; }
      .cash { border-top: 1px solid var(--pos-border); padding-top: 0.75rem; }
    `,
  ]
}

customElements.define('pos-till-report', PosTillReport)

declare global {
  interface HTMLElementTagNameMap {
    'pos-till-report': PosTillReport
  }
}

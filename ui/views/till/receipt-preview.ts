import { LitElement, css, html, nothing, svg } from 'lit'
import type { ReceiptDocument } from '../../../appliance/api/contract.js'
import { formatMoney } from '../../data/format.js'
import { baseStyles } from '../../components/styles.js'
import { code128Modules } from '../../till/code128.js'

/** The receipt number as a Code 128, drawn in SVG (scannable from the screen at the returns desk). */
export function code128Svg(text: string, moduleWidth = 2, height = 56) {
  const modules = code128Modules(text)
  const quiet = 10
  const width = (modules.reduce((s, m) => s + m, 0) + quiet * 2) * moduleWidth
  let x = quiet * moduleWidth
  const bars = modules.map((m, i) => {
    const bar = i % 2 === 0 ? svg`<rect x=${x} y="0" width=${m * moduleWidth} height=${height} />` : nothing
    x += m * moduleWidth
    return bar
  })
  return html`<svg class="barcode" role="img" aria-label="Barcode ${text}" viewBox="0 0 ${width} ${height}" width=${width} height=${height} shape-rendering="crispEdges">
    <rect width=${width} height=${height} fill="#fff" /><g fill="#000">${bars}</g></svg>`
}

/** A receipt document laid out on screen the way the printer lays it out on paper. */
export class PosReceiptPreview extends LitElement {
  static override properties = { receipt: { attribute: false } }

  declare receipt: ReceiptDocument | undefined

  constructor() {
    super()
    this.receipt = undefined
  }

  override render() {
    const r = this.receipt
    if (!r) return nothing
    return html`<article class="paper" aria-label="Receipt preview">
      <header>
        <h3>${r.shop.name}</h3>
        ${r.shop.addressLines.map((l) => html`<div>${l}</div>`)}
        ${r.shop.vatNumber ? html`<div>VAT No. ${r.shop.vatNumber}</div>` : nothing}
      </header>
      <div class="lr"><span>Receipt ${r.receiptNumber}</span><span>${r.dateTime}</span></div>
      ${r.cashier || r.station ? html`<div class="lr"><span>${r.cashier ? `Served by ${r.cashier}` : ''}</span><span>${r.station ?? ''}</span></div>` : nothing}
      <hr />
      ${r.lines.map((l) => html`<div class="lr"><span>${l.name}</span><span>${formatMoney(l.lineTotalMinor)} ${l.vatCode}</span></div>
        ${l.qty !== 1 || l.unit ? html`<div class="indent">${l.qty}${l.unit ? ` ${l.unit}` : ''} x ${formatMoney(l.unitPriceMinor)}</div>` : nothing}
        ${l.note ? html`<div class="indent note">${l.note}</div>` : nothing}`)}
      ${(r.discounts ?? []).map((d) => html`<div class="lr"><span>${d.label}</span><span>−${formatMoney(d.amountMinor)}</span></div>`)}
      <hr />
      ${r.totals.subtotalMinor !== undefined ? html`<div class="lr"><span>Subtotal</span><span>${formatMoney(r.totals.subtotalMinor)}</span></div>` : nothing}
      <div class="lr total"><span>TOTAL</span><span data-receipt-total>${formatMoney(r.totals.totalMinor)}</span></div>
      ${r.totals.vatMinor !== undefined ? html`<div class="lr"><span>of which VAT</span><span>${formatMoney(r.totals.vatMinor)}</span></div>` : nothing}
      ${r.tenders.map((t) => html`<div class="lr"><span>${t.label}</span><span>${formatMoney(t.amountMinor)}</span></div>`)}
      ${r.changeMinor !== undefined ? html`<div class="lr strong"><span>Change</span><span>${formatMoney(r.changeMinor)}</span></div>` : nothing}
      ${r.vat.length ? html`<hr /><table class="vat"><thead><tr><th>VAT</th><th>Rate</th><th>Net</th><th>VAT</th><th>Gross</th></tr></thead><tbody>
        ${r.vat.map((v) => html`<tr><td>${v.code}</td><td>${v.rateLabel}</td><td>${formatMoney(v.netMinor)}</td><td>${formatMoney(v.vatMinor)}</td><td>${formatMoney(v.grossMinor)}</td></tr>`)}
      </tbody></table>` : nothing}
      <div class="code">${code128Svg(r.receiptNumber)}</div>
      ${(r.footer ?? []).map((f) => html`<div class="center">${f}</div>`)}
    </article>`
  }

  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      .paper {
        background: #fff; color: #111; font-family: var(--pos-font-mono); font-size: 0.82rem; line-height: 1.35;
        width: min(100%, 23rem); margin: 0 auto; padding: 1rem 1.1rem; box-shadow: var(--pos-shadow); border: 1px solid var(--pos-border);
      }
      header { text-align: center; margin-bottom: 0.5rem; }
      h3 { font-size: 1.05rem; }
      .lr { display: flex; justify-content: space-between; gap: 1rem; }
      .indent { padding-left: 1rem; }
      .note { font-style: italic; }
      .total { font-weight: 700; font-size: 1.05rem; }
      .strong { font-weight: 700; }
      hr { border: none; border-top: 1px dashed #999; margin: 0.4rem 0; }
      table.vat { font-size: 0.78rem; }
      table.vat th, table.vat td { padding: 0.1rem 0.2rem; border: none; text-transform: none; letter-spacing: 0; }
      .code { display: grid; justify-items: center; margin: 0.6rem 0; }
      .barcode { max-width: 100%; height: auto; }
      .center { text-align: center; }
    `,
  ]
}

customElements.define('pos-receipt-preview', PosReceiptPreview)

declare global {
  interface HTMLElementTagNameMap {
    'pos-receipt-preview': PosReceiptPreview
  }
}

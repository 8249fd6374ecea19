import { html, nothing, type TemplateResult } from 'lit'
import type { SaleQuote } from '../../../appliance/api/contract.js'
import { errorDetail } from '../../data/api.js'
import { formatMoney } from '../../data/format.js'
import * as B from '../../till/basket.js'
import { parkBasket } from '../../till/till-api.js'
import { VOID_REASONS } from './basket-lines.js'
import type { PosSale } from './sale-screen.js'

export type ToolAction = 'discount' | 'giftcard' | 'customer' | 'park' | 'void'

const TOOLS: Array<[ToolAction, string]> = [
  ['discount', 'Discount sale'],
  ['giftcard', 'Sell gift card'],
  ['customer', 'Customer'],
  ['park', 'Park'],
  ['void', 'Void sale'],
]

const field = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '').trim()

/** The basket's tools under the lines: basket discount, gift card, customer, park, void. */
export function basketTools(sale: PosSale, b: B.Basket, quote: SaleQuote | null, open: ToolAction | null, setOpen: (t: ToolAction | null) => void): TemplateResult {
  const locked = B.isLocked(b)
  const emptyBasket = b.lines.length === 0
  return html`<div class="tools">
    ${b.customer || b.discounts.length ? html`<div class="chips row">
      ${b.customer ? html`<span class="badge badge-info" data-customer>Customer: ${b.customer.name || b.customer.email || b.customer.phone}</span>` : nothing}
      ${b.discounts.map((d, i) => html`<span class="badge badge-success">${'percent' in d && d.percent !== undefined ? `${d.percent}% off` : `${formatMoney(d.amountMinor ?? 0)} off`}: ${d.reason}
        ${quote?.discounts[i] ? html`(−${formatMoney(quote.discounts[i].amountMinor)})` : nothing}
        ${locked ? nothing : html`<button class="chip-x" aria-label="Remove this discount" @click=${() => sale.setBasket(B.removeBasketDiscount(b, i))}>✕</button>`}</span>`)}
    </div>` : nothing}
    <div class="row tool-buttons">
      ${TOOLS.map(([id, label]) => html`<button class="btn tool" aria-expanded=${open === id} data-tool=${id}
        ?disabled=${locked || (emptyBasket && id !== 'giftcard' && id !== 'customer')} @click=${() => setOpen(open === id ? null : id)}>${label}</button>`)}
    </div>
    ${open && !locked ? panel(sale, b, open, () => setOpen(null)) : nothing}
  </div>`
}

function panel(sale: PosSale, b: B.Basket, open: ToolAction, close: () => void): TemplateResult {
  const cancel = html`<button type="button" class="btn btn-ghost" @click=${close}>Cancel</button>`
  const fail = (error: unknown) => (sale.message = { kind: 'error', text: errorDetail(error) })
  switch (open) {
    case 'discount':
      return html`<form class="tool-panel row" @submit=${(e: Event) => {
        e.preventDefault()
        const form = e.target as HTMLFormElement
        const value = field(form, 'value')
        const reason = field(form, 'reason')
        const amount = field(form, 'kind') === 'amount' ? B.parsePounds(value) : undefined
        const percent = Number(value.replace('%', ''))
        const discount = field(form, 'kind') === 'amount' ? (amount ? { amountMinor: amount, reason } : undefined) : percent > 0 ? { percent, reason } : undefined
        if (!discount) return fail(new Error('Enter a discount like 10 (%) or 2.50 (£)'))
        sale.setBasket(B.addBasketDiscount(b, discount))
        close()
      }}>
        <select name="kind" aria-label="Discount kind"><option value="percent">% off</option><option value="amount">£ off</option></select>
        <input name="value" inputmode="decimal" aria-label="Discount on the sale" placeholder="10" required />
        <input name="reason" class="grow" aria-label="Reason" placeholder="Reason (e.g. loyalty)" required />
        <button class="btn btn-primary" type="submit">Apply</button>${cancel}
      </form>`
    case 'giftcard':
      return html`<form class="tool-panel row" @submit=${(e: Event) => {
        e.preventDefault()
        const amount = B.parsePounds(field(e.target as HTMLFormElement, 'amount'))
        if (!amount) return fail(new Error('Enter the amount to load, like 25'))
        sale.setBasket(B.addGiftCard(b, amount))
        close()
      }}>
        <input name="amount" inputmode="decimal" aria-label="Gift card amount (£)" placeholder="25.00" required />
        <button class="btn btn-primary" type="submit">Add gift card</button>${cancel}
      </form>`
    case 'customer':
      return html`<form class="tool-panel row" @submit=${(e: Event) => {
        e.preventDefault()
        const form = e.target as HTMLFormElement
        const customer = { name: field(form, 'name'), email: field(form, 'email'), phone: field(form, 'phone') }
        sale.setBasket({ ...b, customer: customer.name || customer.email || customer.phone ? customer : null })
        close()
      }}>
        <input name="name" aria-label="Customer name" placeholder="Name" .value=${b.customer?.name ?? ''} />
        <input name="email" type="email" aria-label="Customer email" placeholder="Email" .value=${b.customer?.email ?? ''} />
        <input name="phone" type="tel" aria-label="Customer phone" placeholder="Phone" .value=${b.customer?.phone ?? ''} />
        <button class="btn btn-primary" type="submit">Save</button>${cancel}
      </form>`
    case 'park':
      return html`<form class="tool-panel row" @submit=${async (e: Event) => {
        e.preventDefault()
        if (!sale.services || !sale.till) return
        const label = field(e.target as HTMLFormElement, 'label')
        try {
          await parkBasket(sale.services.api, { till: sale.till.id, ...(label ? { label } : {}), lines: b.lines.map((l) => l.request), discounts: b.discounts, ...(b.customer ? { customer: b.customer } : {}) })
          sale.setBasket(B.emptyBasket())
          sale.message = { kind: 'info', text: `Basket parked${label ? ` as “${label}”` : ''}: recall it from any till.` }
          close()
        } catch (error) {
          fail(error)
        }
      }}>
        <input name="label" class="grow" aria-label="Label for the parked basket" placeholder="Label (e.g. lady in the blue coat)" />
        <button class="btn btn-primary" type="submit">Park basket</button>${cancel}
      </form>`
    case 'void':
      return html`<div class="tool-panel row" role="group" aria-label="Why void the sale?">
        ${VOID_REASONS.map((reason) => html`<button class="btn reason" @click=${async () => {
          if (await sale.void('basket', reason, b.lines.map((_, i) => i))) {
            sale.setBasket(B.emptyBasket())
            sale.message = { kind: 'info', text: `Sale voided: ${reason}.` }
            close()
          }
        }}>${reason}</button>`)}${cancel}
      </div>`
  }
}

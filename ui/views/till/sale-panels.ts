/** The payment column's two other states: a manager's approval on this screen, and the completed sale. */
import { html } from 'lit'
import type { ApprovalNeedDto, SaleResult } from '../../../appliance/api/contract.js'
import { formatMoney } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import type { ApprovalGrantedDetail } from '../stock/approval-prompt.js'
import '../stock/approval-prompt.js'
import './receipt-preview.js'

export function approvalPanel(services: AppServices | undefined, need: ApprovalNeedDto, granted: (token: string) => void, cancelled: () => void) {
  return html`<pos-approval-prompt .services=${services} action=${need.action} reason=${`${need.reason}: ${formatMoney(need.amountMinor)} off ${formatMoney(need.baseMinor)}.`}
    @approval-granted=${(e: CustomEvent<ApprovalGrantedDetail>) => granted(e.detail.grant.token)}
    @approval-cancelled=${cancelled}></pos-approval-prompt>`
}

export function donePanel(result: SaleResult, next: () => void) {
  return html`<div class="done stack" role="status" aria-live="polite">
    <div class="change"><span>Change</span><strong class="money" data-change=${result.changeMinor}>${formatMoney(result.changeMinor)}</strong></div>
    <p class="muted">Sale <strong data-receipt-number>${result.receiptNumber}</strong> complete · ${formatMoney(result.totalMinor)}${
      result.vouchersIssued.map((v) => html` · gift card <strong class="mono">${v.formatted}</strong>`)}</p>
    <pos-receipt-preview .receipt=${result.receipt}></pos-receipt-preview>
    <button class="btn btn-primary btn-large new-sale" autofocus @click=${next}>New sale</button>
  </div>`
}

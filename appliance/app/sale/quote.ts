/**
 * Pricing a sale without writing it: the till screen shows this as the basket changes,
 * and completing a sale starts from the same figures. Everything money-related is core's
 * (`priceBasket`, `approvalsNeeded`); this adds gift cards, maps fields back to the
 * request's line numbers and decides whose approval covers a reduction.
 */
import type { Minor } from '../../core/money.js'
import { DomainError, ErrorCode } from '../../core/errors.js'
import { approvalsNeeded, priceBasket, type ApprovalNeed, type PricedBasket } from '../../core/sale/index.js'
import { ApprovalAction, canSelfApprove, type Approvals } from '../auth.js'
import type { Actor } from '../ports.js'
import type { TillSettings } from '../till/settings.js'
import { GIFT_CARD_SKU, requestField, resolveBasket, type BasketRequest, type ProductLookup, type ResolvedBasket } from './basket.js'
import type { AppliedBasketDiscount, OrderLineRecord } from './ports.js'

export interface ApprovalNeeded extends ApprovalNeed {
  /** The approval action a manager's PIN must grant (`sale.discount` or `sale.price_override`). */
  readonly action: ApprovalAction
}

export interface PricedSale {
  resolved: ResolvedBasket
  priced: PricedBasket
  /** Goods after discounts plus gift cards sold. */
  totalMinor: Minor
  lines: OrderLineRecord[]
  discounts: AppliedBasketDiscount[]
  needs: ApprovalNeeded[]
}

const actionOf = (need: ApprovalNeed): ApprovalAction =>
  need.field.endsWith('.priceOverride') ? ApprovalAction.PriceOverride : ApprovalAction.Discount

function remap(error: unknown, resolved: ResolvedBasket): unknown {
  if (!(error instanceof DomainError)) return error
  const field = requestField(error.field, resolved.goods)
  return field === error.field ? error : new DomainError(error.code, error.message, field, error.details)
}

/** The order lines a priced basket makes, in request order (line numbers from 1). */
function orderLines(resolved: ResolvedBasket, priced: PricedBasket): OrderLineRecord[] {
  const lines: OrderLineRecord[] = []
  resolved.goods.forEach((g, k) => {
    const p = priced.lines[k]!
    lines.push({
      lineNo: g.index + 1, kind: 'goods', sku: p.sku, name: p.name, barcode: g.barcode, quantity: p.quantity,
      weightGrams: p.weightGrams, pricePerKgMinor: p.pricePerKgMinor, listUnitPriceMinor: p.listUnitPriceMinor,
      unitPriceMinor: p.unitPriceMinor, overrideReason: p.overrideReason, grossMinor: p.grossMinor,
      lineDiscountMinor: p.lineDiscountMinor, lineDiscountReason: resolved.input.lines[k]?.discount?.reason ?? null,
      basketDiscountMinor: p.basketDiscountMinor, totalMinor: p.totalMinor, vatRateBp: p.vatRateBp, vatMinor: p.vatMinor,
      location: null, voucherCode: null,
    })
  })
  for (const card of resolved.giftCards) {
    lines.push({
      lineNo: card.index + 1, kind: 'gift_card', sku: GIFT_CARD_SKU, name: 'Gift card', barcode: null, quantity: 1,
      weightGrams: null, pricePerKgMinor: null, listUnitPriceMinor: card.amountMinor, unitPriceMinor: card.amountMinor,
      overrideReason: null, grossMinor: card.amountMinor, lineDiscountMinor: 0, lineDiscountReason: null,
      basketDiscountMinor: 0, totalMinor: card.amountMinor, vatRateBp: null, vatMinor: 0, location: null, voucherCode: null,
    })
  }
  return lines.sort((a, b) => a.lineNo - b.lineNo)
}

/** Resolves, prices and lists the approvals a basket needs. Throws `invalid_input` / `not_found` naming the request field. */
export async function priceSale(catalogue: ProductLookup, request: BasketRequest, settings: TillSettings): Promise<PricedSale> {
  const resolved = await resolveBasket(catalogue, request, settings.embeddedBarcodes)
  let priced: PricedBasket
  let needs: ApprovalNeed[]
  try {
    priced = priceBasket(resolved.input)
    needs = resolved.goods.length > 0 ? approvalsNeeded(priced, settings.approvalLimits) : []
  } catch (error) {
    throw remap(error, resolved)
  }
  const giftCardTotal = resolved.giftCards.reduce((sum, c) => sum + c.amountMinor, 0)
  return {
    resolved,
    priced,
    totalMinor: (priced.totalMinor + giftCardTotal) as Minor,
    lines: orderLines(resolved, priced),
    discounts: priced.discounts.map((d) => ({
      kind: d.discount.kind,
      percentBp: d.discount.kind === 'percent' ? d.discount.percentBp : null,
      amountMinor: d.amountMinor,
      reason: d.discount.reason,
    })),
    needs: needs.map((n) => ({ ...n, field: requestField(n.field, resolved.goods) ?? n.field, action: actionOf(n) })),
  }
}

/**
 * Who approved the sale's reductions: nobody needed, the actor (a manager), or the manager
 * whose one-use token is sent. Throws `approval_required` with the action to ask for.
 */
export function approveSale(needs: readonly ApprovalNeeded[], actor: Actor, token: string | undefined, approvals: Approvals, now: Date): string | null {
  const first = needs[0]
  if (!first) return null
  if (canSelfApprove(actor)) return actor.staffId
  const actions = [...new Set(needs.map((n) => n.action))]
  if (token) {
    for (const action of actions) {
      try {
        return approvals.check(token, action, now)
      } catch {
        // The token may be for the other kind of reduction; try it, then ask again.
      }
    }
  }
  throw new DomainError(
    ErrorCode.ApprovalRequired,
    `${first.reason} needs a manager's approval${token ? ' (the approval given has expired or was for something else)' : ''}.`,
    first.field,
    { action: first.action, needs },
  )
}

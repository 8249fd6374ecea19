/**
 * A return without a receipt (and no order the search can find): there is no payment to
 * go back to, so it is store credit only, valued at a price the till supplies (the current
 * shelf price, or a lower one the manager chooses), up to the policy's limit, and it always
 * needs a manager (`return.no_receipt`). Stock goes where any return's goes.
 */
import { invalid } from '../errors.js'
import { MAX_MINOR, type Minor } from '../money.js'
import { MAX_QUANTITY } from '../stock-ledger.js'
import { checkReason, type ReturnCondition, type ReturnPolicy } from './return-policy.js'
import { planReturnStock, type ReturnMovement, type WrittenOff } from './return-stock.js'
import type { PlannedReturnLine, ReturnApprovalNeed } from './returns.js'
import { checkInstant } from './zoned-time.js'

export interface NoReceiptLineRequest {
  readonly sku: string
  readonly quantity: number
  /** The value credited per unit. */
  readonly unitValueMinor: Minor
  readonly reason: string
  readonly condition: ReturnCondition
  readonly location?: string | null
}

export interface NoReceiptReturnRequest {
  readonly lines: readonly NoReceiptLineRequest[]
  /** Only `store-credit` is accepted; anything else is refused on `method`. */
  readonly method?: string
  readonly at: Date
}

export interface NoReceiptReturnPlan {
  readonly lines: PlannedReturnLine[]
  readonly movements: ReturnMovement[]
  readonly writtenOff: WrittenOff[]
  /** The store-credit voucher to issue. */
  readonly storeCreditMinor: Minor
  /** Always the manager's `return.no_receipt`. */
  readonly approvals: ReturnApprovalNeed[]
}

/** Plans a no-receipt return. Throws `invalid_input` naming the field. */
export function planNoReceiptReturn(request: NoReceiptReturnRequest, policy: ReturnPolicy): NoReceiptReturnPlan {
  checkInstant(request.at, 'at')
  if (request.method !== undefined && request.method !== 'store-credit') throw invalid('Returns without a receipt are refunded as store credit only', 'method')
  if (request.lines.length === 0) throw invalid('Choose at least one item to return', 'lines')
  let total = 0
  request.lines.forEach((line, i) => {
    const at = `lines.${i}`
    if (typeof line.sku !== 'string' || line.sku.trim() === '') throw invalid('Scan or enter the item', `${at}.sku`)
    if (!Number.isInteger(line.quantity) || line.quantity <= 0 || line.quantity > MAX_QUANTITY) throw invalid('Return a whole number of items, at least one', `${at}.quantity`)
    if (!Number.isSafeInteger(line.unitValueMinor) || line.unitValueMinor < 0 || line.unitValueMinor > MAX_MINOR) throw invalid('A value is a whole number of pence, zero or more', `${at}.unitValueMinor`)
    checkReason(policy, line.reason, `${at}.reason`)
    total += line.unitValueMinor * line.quantity
  })
  if (total > policy.noReceiptLimitMinor) {
    throw invalid(`Returns without a receipt are limited to ${policy.noReceiptLimitMinor} pence of store credit`, 'lines')
  }
  const stock = planReturnStock(policy, request.lines.map((l) => ({ ...l, lineNo: null })), (i) => `lines.${i}`)
  const lines = request.lines.map((l, i): PlannedReturnLine => ({
    lineNo: null, sku: l.sku, quantity: l.quantity, reason: l.reason, condition: l.condition,
    location: stock.locations[i] ?? null, valueMinor: (l.unitValueMinor * l.quantity) as Minor,
  }))
  return {
    lines,
    movements: stock.movements,
    writtenOff: stock.writtenOff,
    storeCreditMinor: total as Minor,
    approvals: [{ action: 'return.no_receipt', field: 'lines', reason: 'A return without a receipt needs a manager' }],
  }
}

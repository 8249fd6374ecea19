/**
 * Steps every return shares, whether against an order or without a receipt: whose approval
 * covers it, which till's drawer pays cash out, moving the returned stock (once per unit:
 * one ledger movement per returned line entry, nothing for a write-off), and the refund
 * receipt.
 */
import { DomainError, ErrorCode, conflict, notFound } from '../../core/errors.js'
import type { ReturnApprovalNeed, ReturnMovement } from '../../core/orders/index.js'
import { canSelfApprove, type ApprovalAction, type Approvals } from '../auth.js'
import type { Actor, TxStores } from '../ports.js'
import { requireOpenTill } from '../sale/complete-sale.js'
import { businessDay } from '../till/business-day.js'
import type { OpenTill } from './payouts.js'

/** Rewrites the field of a core error into the request's terms (`method` → `refund.method`). */
export function remapField<T>(work: () => T, fields: Record<string, string>): T {
  try {
    return work()
  } catch (error) {
    if (!(error instanceof DomainError) || !error.field) throw error
    const [head = '', ...rest] = error.field.split('.')
    const mapped = fields[error.field] ?? (fields[head] !== undefined ? [fields[head], ...rest].join('.') : undefined)
    if (mapped === undefined) throw error
    throw new DomainError(error.code, error.message, mapped, error.details)
  }
}

/**
 * Who approved what the return needs: nobody (nothing needed), the actor (a manager), or the
 * manager whose one-use token was sent. Throws `approval_required` naming the action.
 */
export function approveReturn(needs: readonly ReturnApprovalNeed[], actor: Actor, token: string | undefined, approvals: Approvals, now: Date): string | null {
  const first = needs[0]
  if (!first) return null
  if (canSelfApprove(actor)) return actor.staffId
  let approvedBy: string | null = null
  for (const need of needs) {
    try {
      approvedBy = approvals.check(token, need.action as ApprovalAction, now)
    } catch {
      throw new DomainError(ErrorCode.ApprovalRequired, `${need.reason}: ask a manager to approve this return.`, need.field, { action: need.action })
    }
  }
  return approvedBy
}

/**
 * The till whose drawer a return pays from: the one asked for, or this station's. A till at
 * another station is someone else's drawer and session: refused. Without `required`, a
 * closed or absent till just means no till (a card refund is still recorded).
 */
export async function tillForReturn(s: TxStores, requested: string | undefined, actor: Actor, now: Date, timeZone: string, required: boolean): Promise<OpenTill | null> {
  const tillId = requested ?? actor.station
  if (tillId !== actor.station) {
    throw new DomainError(ErrorCode.Forbidden, `Till "${tillId}" is another station's drawer and session: take this return at that till, or at this station's own`, 'refund.till')
  }
  if (!required) {
    // A card refund taken at an open till (today's session) shows on its X and Z reports (the till from memory).
    const open = await s.tills.openTill(tillId, businessDay(now, timeZone))
    return open?.sessionId ? { id: open.id, sessionId: open.sessionId } : null
  }
  if (!requested && !(await s.tills.get(tillId))) throw conflict('Cash refunds and exchanges are taken at a till: choose the open till at this station', 'refund.till')
  try {
    const { till, session } = await requireOpenTill(s, tillId, now, timeZone)
    return { id: till.id, sessionId: session.id }
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, error.message, 'refund.till', error.details)
    throw error
  }
}

/** Checks the returned goods' locations exist (field `lines.N.location`). */
export async function checkLocations(s: TxStores, locations: ReadonlyArray<string | null>): Promise<void> {
  for (const [i, location] of locations.entries()) {
    if (location !== null && !(await s.catalogue.locationExists(location))) throw notFound(`There is no stock location "${location}"`, `lines.${i}.location`)
  }
}

/** One `return` movement per returned line entry; a write-off moves nothing. */
export async function moveReturnedStock(s: TxStores, movements: readonly ReturnMovement[], reasons: ReadonlyMap<number | null, string>, reference: string, actor: Actor, now: Date): Promise<void> {
  // One append and one level UPDATE at commit for all of them (nothing here needs the level back).
  await s.stock.moveAndPublish(movements.map((m) => ({
    sku: m.sku, location: m.location, quantity: m.quantity, kind: m.kind, reason: `return: ${reasons.get(m.lineNo) ?? 'returned'}`,
    reference, actor, occurredAt: now,
  })))
}

/** `R-000123`. */
export const returnNumber = (seq: number): string => `R-${String(seq).padStart(6, '0')}`

/**
 * Sign-in with a PIN, sessions, and a manager's one-action approvals. Every sign-in,
 * failed sign-in, lockout and approval is audited.
 */
import { createHash, randomBytes } from 'node:crypto'
import { DomainError, ErrorCode } from '../core/errors.js'
import { afterPinAttempt, APPROVER_ROLES, isLockedOut, MAX_FAILED_PINS, type Role } from '../core/staff.js'
import { verifyPin } from './pin-hash.js'
import type { Actor, SessionRecord, StaffRecord, TxStores, UnitOfWork } from './ports.js'

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')
const newToken = (): string => randomBytes(32).toString('base64url')

const WRONG_PIN = 'That staff ID and PIN don\u2019t match. Check both and try again.'

function lockedOutError(until: Date, now: Date): DomainError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  return new DomainError(ErrorCode.LockedOut, `Too many wrong PINs: this staff member is locked out for ${minutes} more minute${minutes === 1 ? '' : 's'}. A manager can help.`, 'pin', { retryAfterSeconds: minutes * 60 })
}

/**
 * Checks a PIN against the staff member, counting failures and locking out on the
 * fifth. The failure bookkeeping commits even though the caller is refused, so it
 * runs in its own transaction before any other work.
 */
export async function checkPin(uow: UnitOfWork, staffId: string, pin: string, purpose: string, now: Date): Promise<StaffRecord> {
  const outcome = await uow.run(async (s) => {
    const staff = await s.staff.get(staffId)
    if (!staff || !staff.active) {
      await s.audit.record({ action: `${purpose}.failed`, actor: null, staffId, reason: 'unknown staff', occurredAt: now })
      return { error: new DomainError(ErrorCode.Unauthenticated, WRONG_PIN, 'staff') }
    }
    if (isLockedOut(staff, now)) return { error: lockedOutError(staff.lockedUntil!, now) }
    const correct = await verifyPin(pin, staff.pinHash)
    const next = afterPinAttempt(staff, correct, now)
    if (next.failedPins !== staff.failedPins || next.lockedUntil !== staff.lockedUntil) await s.staff.saveLockout(staff.id, next)
    if (correct) return { staff }
    await s.audit.record({ action: `${purpose}.failed`, actor: null, staffId, reason: 'wrong PIN', occurredAt: now })
    if (next.justLocked) {
      await s.audit.record({ action: 'staff.locked_out', actor: null, staffId, reason: `${MAX_FAILED_PINS} wrong PINs`, occurredAt: now })
      return { error: lockedOutError(next.lockedUntil!, now) }
    }
    const left = MAX_FAILED_PINS - next.failedPins
    return { error: new DomainError(ErrorCode.Unauthenticated, `${WRONG_PIN} ${left} ${left === 1 ? 'try' : 'tries'} left before a 5-minute lockout.`, 'pin', { triesLeft: left }) }
  })
  if ('error' in outcome) throw outcome.error
  return outcome.staff
}

export interface NewSession {
  token: string
  session: SessionRecord
  staff: StaffRecord
}

export async function signIn(
  uow: UnitOfWork,
  input: { staff: string; pin: string; station: string },
  now: Date,
  idleMs: number,
): Promise<NewSession> {
  const staff = await checkPin(uow, input.staff, input.pin, 'session.sign_in', now)
  const token = newToken()
  const session: SessionRecord = {
    id: hashToken(token),
    staffId: staff.id,
    station: input.station,
    csrfToken: newToken(),
    createdAt: now,
    expiresAt: new Date(now.getTime() + idleMs),
  }
  await uow.run(async (s) => {
    await s.sessions.save(session)
    await s.audit.record({ action: 'session.signed_in', actor: actorOf(staff, input.station), occurredAt: now })
  })
  return { token, session, staff }
}

export async function signOut(s: TxStores, sessionId: string, actor: Actor, now: Date): Promise<void> {
  await s.sessions.delete(sessionId)
  await s.audit.record({ action: 'session.signed_out', actor, occurredAt: now })
}

export const actorOf = (staff: { id: string; role: Role }, station: string): Actor => ({ staffId: staff.id, role: staff.role, station })

/** Actions that need a manager's PIN when the person asking is not a manager. */
export const ApprovalAction = {
  StockAdjust: 'stock.adjust',
  Discount: 'sale.discount',
  PriceOverride: 'sale.price_override',
  Refund: 'return.refund',
  NoReceiptReturn: 'return.no_receipt',
  OpenDrawer: 'till.open_drawer',
  CloseWithDiscrepancy: 'till.close_discrepancy',
} as const
export type ApprovalAction = (typeof ApprovalAction)[keyof typeof ApprovalAction]
export const APPROVAL_ACTIONS = Object.values(ApprovalAction) as [ApprovalAction, ...ApprovalAction[]]

interface Grant {
  action: ApprovalAction
  approvedBy: string
  expiresAt: Date
}

const APPROVAL_TTL_MS = 2 * 60_000

/**
 * One-action approvals: a manager's PIN on the requester's screen yields a token good
 * for that action, once, for two minutes. Kept in memory: an approval that does not
 * survive a restart is simply asked for again.
 */
export class Approvals {
  private readonly grants = new Map<string, Grant>()

  async grant(uow: UnitOfWork, input: { staff: string; pin: string; action: ApprovalAction }, requester: Actor, now: Date) {
    const approver = await checkPin(uow, input.staff, input.pin, 'approval', now)
    if (!APPROVER_ROLES.includes(approver.role)) {
      throw new DomainError(ErrorCode.Forbidden, `${approver.name} can't approve this: ask a manager.`, 'staff')
    }
    const token = newToken()
    const grant: Grant = { action: input.action, approvedBy: approver.id, expiresAt: new Date(now.getTime() + APPROVAL_TTL_MS) }
    this.grants.set(token, grant)
    await uow.run((s) =>
      s.audit.record({ action: 'approval.granted', actor: requester, occurredAt: now, details: { action: input.action, approvedBy: approver.id } }),
    )
    return { token, ...grant, approvedBy: approver.id, approvedByName: approver.name }
  }

  /**
   * Who approved `action` with this token, or approval_required. The token stays
   * valid until `spend`, so an action that fails its own checks can be corrected
   * and sent again without asking the manager twice.
   */
  check(token: string | undefined, action: ApprovalAction, now: Date): string {
    const grant = token ? this.grants.get(token) : undefined
    if (!token || !grant || grant.action !== action || grant.expiresAt <= now) {
      throw new DomainError(ErrorCode.ApprovalRequired, 'This needs a manager\u2019s approval: ask a manager to enter their PIN.', 'approvalToken', { action })
    }
    return grant.approvedBy
  }

  /** Uses a token up once the approved action has committed. */
  spend(token: string | undefined): void {
    if (token) this.grants.delete(token)
  }
}

/** True when the actor's own role lets them do `action` without a second PIN. */
export const canSelfApprove = (actor: Actor): boolean => APPROVER_ROLES.includes(actor.role)

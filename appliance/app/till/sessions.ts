/**
 * Till sessions: open with a counted float, move cash in and out with a reason, record
 * voids, and close with a count that produces the Z report. Each is one transaction,
 * audited, and publishes `till.changed` after commit where the till's state changes.
 */
import { randomUUID } from 'node:crypto'
import { DomainError, ErrorCode, conflict, invalid, notFound } from '../../core/errors.js'
import { MAX_MINOR } from '../../core/money.js'
import { ApprovalAction, canSelfApprove, type Approvals } from '../auth.js'
import type { Actor, TxStores } from '../ports.js'
import { businessDay } from './business-day.js'
import type { CashMovementKind, TillRecord, TillSessionRecord, VoidedLine } from './ports.js'
import { buildTillReport, countCash, expectedCash, type CashCount, type TillReport } from './report.js'
import type { TillSettings } from './settings.js'

export interface TillState {
  id: string
  name: string
  number: number
  location: string
  open: boolean
  session: {
    id: string
    businessDay: string
    openedAt: string
    openedBy: string
    floatMinor: number
    /** Opened on an earlier business day: it must be closed (Z) before the till sells again. */
    expired: boolean
  } | null
}

export function tillState(till: TillRecord, session: TillSessionRecord | null, now: Date, timeZone: string): TillState {
  return {
    id: till.id, name: till.name, number: till.number, location: till.location, open: session !== null,
    session: session && {
      id: session.id, businessDay: session.businessDay, openedAt: session.openedAt.toISOString(), openedBy: session.openedBy,
      floatMinor: session.floatMinor, expired: session.businessDay !== businessDay(now, timeZone),
    },
  }
}

async function getTill(s: TxStores, tillId: string) {
  const found = await s.tills.get(tillId)
  if (!found || !found.till.active) throw notFound(`There is no till "${tillId}"`, 'till')
  return found
}

function checkAmount(amount: number, field: string, allowZero: boolean): void {
  if (!Number.isSafeInteger(amount) || amount < 0 || (!allowZero && amount === 0)) {
    throw invalid(`Give a whole number of pence${allowZero ? ', zero or more' : ', more than zero'}`, field)
  }
  if (amount > MAX_MINOR) throw invalid('That amount is too large', field)
}

export async function openTill(
  s: TxStores,
  input: { tillId: string; floatMinor: number; denominations?: Record<string, number> },
  ctx: { actor: Actor; now: Date; settings: TillSettings },
): Promise<TillState> {
  checkAmount(input.floatMinor, 'floatMinor', true)
  if (input.denominations) countCash({ denominations: input.denominations, countedMinor: input.floatMinor }, ctx.settings.denominationsMinor)
  const { till, session: current } = await getTill(s, input.tillId)
  if (current) throw conflict(`${till.name} is already open (since ${current.openedAt.toISOString()})`, 'till')
  const session: TillSessionRecord = {
    id: randomUUID(), tillId: till.id, businessDay: businessDay(ctx.now, ctx.settings.timeZone), openedAt: ctx.now,
    openedBy: ctx.actor.staffId, floatMinor: input.floatMinor, closedAt: null, closedBy: null, expectedCashMinor: null,
    countedCashMinor: null, countedDenominations: input.denominations ?? null, approvedBy: null,
  }
  await s.tills.openSession(session)
  await s.audit.record({ action: 'till.opened', actor: ctx.actor, entity: 'till', entityId: till.id, occurredAt: ctx.now, details: { sessionId: session.id, floatMinor: input.floatMinor, businessDay: session.businessDay } })
  s.publish({ type: 'till.changed', till: till.id, open: true })
  return tillState({ ...till, sessionId: session.id }, session, ctx.now, ctx.settings.timeZone)
}

async function requireSession(s: TxStores, tillId: string) {
  const { till, session } = await getTill(s, tillId)
  if (!session) throw conflict(`${till.name} is closed`, 'till')
  return { till, session }
}

const CASH_SIGN: Record<CashMovementKind, 1 | -1> = { paid_in: 1, paid_out: -1, bank_drop: -1 }

/** Petty cash in or out, or a bank drop; refuses taking out more than the drawer should hold. */
export async function moveCash(
  s: TxStores,
  input: { tillId: string; kind: CashMovementKind; amountMinor: number; reason: string },
  ctx: { actor: Actor; now: Date },
): Promise<{ id: string; kind: CashMovementKind; amountMinor: number; expectedCashMinor: number }> {
  checkAmount(input.amountMinor, 'amountMinor', false)
  const { till, session } = await requireSession(s, input.tillId)
  const expected = expectedCash(session.floatMinor, (await s.tills.figures(session.id)).cash)
  const change = CASH_SIGN[input.kind] * input.amountMinor
  if (expected + change < 0) throw invalid(`${till.name} should only hold ${expected} pence in cash`, 'amountMinor')
  const id = randomUUID()
  await s.tills.addCashMovement({ id, tillSessionId: session.id, tillId: till.id, occurredAt: ctx.now, kind: input.kind, amountMinor: change, reason: input.reason, staffId: ctx.actor.staffId, station: ctx.actor.station })
  await s.audit.record({ action: `till.${input.kind}`, actor: ctx.actor, entity: 'till', entityId: till.id, reason: input.reason, occurredAt: ctx.now, details: { sessionId: session.id, amountMinor: change } })
  return { id, kind: input.kind, amountMinor: change, expectedCashMinor: expected + change }
}

/** A line or a whole basket voided before completion: nothing was sold, but it is on the record. */
export async function recordVoid(
  s: TxStores,
  input: { tillId: string; scope: 'line' | 'basket'; reason: string; lines: VoidedLine[] },
  ctx: { actor: Actor; now: Date },
): Promise<{ id: string; amountMinor: number }> {
  const { till, session } = await getTill(s, input.tillId)
  if (input.lines.length === 0) throw invalid('Say which lines were voided', 'lines')
  const amountMinor = input.lines.reduce((sum, l) => sum + l.totalMinor, 0)
  const id = randomUUID()
  await s.tills.addVoid({ id, tillSessionId: session?.id ?? null, tillId: till.id, occurredAt: ctx.now, scope: input.scope, amountMinor, reason: input.reason, lines: input.lines, staffId: ctx.actor.staffId, station: ctx.actor.station })
  await s.audit.record({ action: input.scope === 'line' ? 'sale.line_voided' : 'sale.basket_voided', actor: ctx.actor, entity: 'till', entityId: till.id, reason: input.reason, occurredAt: ctx.now, details: { voidId: id, amountMinor, lines: input.lines } })
  return { id, amountMinor }
}

/**
 * Closes the till: counts the cash, builds and keeps the Z report. Over or short by more
 * than the threshold needs a manager (the actor, or a manager's approval token).
 */
export async function closeTill(
  s: TxStores,
  input: { tillId: string; count: CashCount; approvalToken?: string },
  ctx: { actor: Actor; now: Date; settings: TillSettings; approvals: Approvals },
): Promise<TillReport> {
  const { till, session } = await requireSession(s, input.tillId)
  const count = countCash(input.count, ctx.settings.denominationsMinor)
  if (count.countedMinor > MAX_MINOR) throw invalid('That count is too large', 'countedMinor')
  const figures = await s.tills.figures(session.id)
  const overShort = count.countedMinor - expectedCash(session.floatMinor, figures.cash)
  let approvedBy: string | null = null
  if (Math.abs(overShort) > ctx.settings.discrepancyThresholdMinor) {
    if (canSelfApprove(ctx.actor)) approvedBy = ctx.actor.staffId
    else if (input.approvalToken) approvedBy = ctx.approvals.check(input.approvalToken, ApprovalAction.CloseWithDiscrepancy, ctx.now)
    else {
      throw new DomainError(ErrorCode.ApprovalRequired, `The cash is ${overShort > 0 ? 'over' : 'short'} by ${Math.abs(overShort)} pence, more than the ${ctx.settings.discrepancyThresholdMinor} pence a till may close with: a manager must close it`, 'denominations', { action: ApprovalAction.CloseWithDiscrepancy, overShortMinor: overShort })
    }
  }
  const zNumber = await s.tills.nextZNumber(till.id)
  const closed: TillSessionRecord = {
    ...session, closedAt: ctx.now, closedBy: ctx.actor.staffId, expectedCashMinor: count.countedMinor - overShort,
    countedCashMinor: count.countedMinor, countedDenominations: input.count.denominations ?? null, approvedBy,
  }
  const report = buildTillReport('Z', { till, session: closed, figures, now: ctx.now, zNumber, count })
  await s.tills.closeSession(closed, { id: randomUUID(), tillId: till.id, zNumber, tillSessionId: session.id, businessDay: session.businessDay, createdAt: ctx.now, staffId: ctx.actor.staffId, report })
  await s.audit.record({ action: 'till.closed', actor: ctx.actor, entity: 'till', entityId: till.id, occurredAt: ctx.now, details: { sessionId: session.id, zNumber, countedMinor: count.countedMinor, overShortMinor: overShort, approvedBy } })
  s.publish({ type: 'till.changed', till: till.id, open: false })
  return report
}

/** A new till (managers). Its number (1–99) is printed in every receipt number, so it must be unique. */
export async function createTill(s: TxStores, input: { id: string; name: string; number: number; location: string }, ctx: { actor: Actor; now: Date }): Promise<TillRecord> {
  if (!Number.isInteger(input.number) || input.number < 1 || input.number > 99) throw invalid('A till number is 1 to 99', 'number')
  if (await s.tills.get(input.id)) throw conflict(`There is already a till "${input.id}"`, 'id')
  if (await s.tills.numberTaken(input.number)) throw conflict(`Another till already has number ${input.number}`, 'number')
  if (!(await s.catalogue.locationExists(input.location))) throw notFound(`There is no stock location "${input.location}"`, 'location')
  const till: TillRecord = { ...input, active: true, sessionId: null }
  await s.tills.create(till)
  await s.audit.record({ action: 'till.created', actor: ctx.actor, entity: 'till', entityId: till.id, occurredAt: ctx.now, details: { ...input } })
  return till
}

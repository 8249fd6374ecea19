/** Staff roles and what a sign-in attempt does to a staff member's lockout state. */

export const Role = { Assistant: 'assistant', Fulfilment: 'fulfilment', Manager: 'manager', Admin: 'admin' } as const
export type Role = (typeof Role)[keyof typeof Role]
export const ROLES: readonly Role[] = Object.values(Role)

/** Roles that may approve another person's action with their PIN. */
export const APPROVER_ROLES: readonly Role[] = [Role.Manager, Role.Admin]

export const MAX_FAILED_PINS = 5
export const LOCKOUT_MS = 5 * 60_000

export interface LockoutState {
  readonly failedPins: number
  readonly lockedUntil: Date | null
}

export const isLockedOut = (s: LockoutState, now: Date): boolean => s.lockedUntil !== null && s.lockedUntil > now

/**
 * The lockout state machine: a wrong PIN counts up; the fifth locks the staff member
 * for five minutes and resets the count; a right PIN resets everything.
 */
export function afterPinAttempt(s: LockoutState, correct: boolean, now: Date): LockoutState & { justLocked: boolean } {
  if (correct) return { failedPins: 0, lockedUntil: null, justLocked: false }
  const failed = s.failedPins + 1
  if (failed >= MAX_FAILED_PINS) return { failedPins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS), justLocked: true }
  return { failedPins: failed, lockedUntil: s.lockedUntil, justLocked: false }
}

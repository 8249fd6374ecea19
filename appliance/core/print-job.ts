/**
 * A print job's lifecycle, as a pure state machine. The rule that matters: an
 * automatic retry never prints anything twice. A job goes back to `queued` only when
 * nothing reached the printer (it was offline, out of paper, unplugged); once bytes
 * may have reached it and the outcome is unknown (the link dropped mid-job, or the
 * appliance died while sending), the job is `interrupted` and waits for a person to
 * reprint or discard it.
 */
import { conflict } from './errors.js'

export const PrintStatus = {
  Queued: 'queued',
  Sending: 'sending',
  Printed: 'printed',
  Failed: 'failed',
  Interrupted: 'interrupted',
  Cancelled: 'cancelled',
} as const
export type PrintStatus = (typeof PrintStatus)[keyof typeof PrintStatus]

export type PrintEvent =
  /** The worker takes the job to send it. */
  | 'claim'
  /** Every byte went and the printer took them. */
  | 'sent'
  /** Nothing was sent: offline, paper out, cover open, unplugged — try again later. */
  | 'blocked'
  /** Some bytes may have gone and the link broke, or the appliance restarted mid-send. */
  | 'interrupted'
  /** An error retrying cannot fix (a document the printer can't take, no permission). */
  | 'failed'
  /** A person discards the job. */
  | 'cancel'

/** The whole table: every (status, event) pair not listed is refused. */
export const PRINT_TRANSITIONS: Readonly<Record<PrintStatus, Partial<Record<PrintEvent, PrintStatus>>>> = {
  queued: { claim: 'sending', cancel: 'cancelled' },
  sending: { sent: 'printed', blocked: 'queued', interrupted: 'interrupted', failed: 'failed' },
  printed: {},
  failed: { cancel: 'cancelled' },
  interrupted: { cancel: 'cancelled' },
  cancelled: {},
}

export function nextPrintStatus(status: PrintStatus, event: PrintEvent): PrintStatus {
  const next = PRINT_TRANSITIONS[status][event]
  if (!next) throw conflict(`A ${status} print job can't be ${event === 'cancel' ? 'cancelled' : event}`, 'status')
  return next
}

/** Statuses a person can act on (reprint or discard). */
export const needsAttention = (status: PrintStatus): boolean => status === 'failed' || status === 'interrupted'

/** Wait before retrying a blocked printer: 1 s doubling to 30 s. */
export const retryDelayMs = (attempts: number): number => Math.min(30_000, 1000 * 2 ** Math.max(0, attempts - 1))

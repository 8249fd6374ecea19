/**
 * What became of a refund the order book queued for a channel: when its outbox job is done
 * (the channel took it: `completed`, or `pending` while eBay moves the money), dead-lettered
 * (`failed`, managers told), replayed (`queued` again) or discarded (`discarded`: refund the
 * customer another way), the refund row and the order's timeline say so — in the same
 * transaction as the job's own outcome.
 *
 * A failed or discarded refund still counts in the order's `refunded_minor` (the return
 * happened and its units came back); a discarded one tells staff to pay it another way.
 *
 * A refund job's idempotency key is `refund:<refund id>` (returns/payouts.ts); jobs keyed
 * otherwise (written by hand, tests) have no refund row and are left alone.
 */
import { notify } from '../orders/notify.js'
import { Timeline } from '../orders/timeline.js'
import type { Actor, TxStores } from '../ports.js'
import type { RefundStatus } from '../returns/ports.js'
import type { JobFinish, OutboxJob } from './ports.js'

const refundIdOf = (job: Pick<OutboxJob, 'kind' | 'idempotencyKey'>): string | null =>
  job.kind === 'refund' && job.idempotencyKey.startsWith('refund:') ? job.idempotencyKey.slice('refund:'.length) : null

const pounds = (minor: number) => `£${(minor / 100).toFixed(2)}`

interface Outcome {
  status: RefundStatus
  channelRefundId?: string | null
  summary: (amount: string, channel: string) => string
  reason?: string | null
}

async function record(s: TxStores, job: OutboxJob, outcome: Outcome, actor: Actor | null, now: Date): Promise<void> {
  const refundId = refundIdOf(job)
  if (!refundId) return
  const before = await s.returns.setRefundStatus(refundId, outcome.status, outcome.channelRefundId)
  if (!before || before.status === outcome.status || !before.orderId) return
  const summary = outcome.summary(pounds(before.amountMinor), job.channel)
  await new Timeline(actor, now).add(before.orderId, { kind: 'refunded', summary, reason: outcome.reason ?? null, details: { refundId, jobId: job.id, status: outcome.status } }).write(s)
  if (outcome.status === 'failed') {
    await notify(s, { audience: 'managers', kind: 'sync', severity: 'danger', message: summary, orderId: before.orderId, ruleKey: null }, now)
  }
}

/** After the push lane finished a batch: settles the refunds whose jobs are done or dead. */
export async function settleRefunds(s: TxStores, jobs: readonly OutboxJob[], finishes: readonly JobFinish[], now: Date): Promise<void> {
  const byId = new Map(jobs.map((j) => [j.id, j]))
  for (const f of finishes) {
    const job = byId.get(f.id)
    if (!job || !refundIdOf(job) || (f.status !== 'done' && f.status !== 'dead')) continue
    if (f.status === 'done') {
      const result = (f.result ?? {}) as { channelRefundId?: string | null; state?: string }
      const pending = result.state === 'pending'
      await record(s, job, {
        status: pending ? 'pending' : 'completed', channelRefundId: result.channelRefundId ?? null,
        summary: (amount, channel) => pending ? `${channel} accepted the refund of ${amount}; the money is on its way` : `${channel} refunded ${amount}`,
      }, null, now)
    } else {
      await record(s, job, {
        status: 'failed', reason: f.lastError,
        summary: (amount, channel) => `${channel} refused the refund of ${amount}: a manager can replay it from the channel's dead letters, or discard it and refund another way`,
      }, null, now)
    }
  }
}

/** A manager replayed a dead refund job (queued again) or discarded it (to be refunded another way). */
export async function refundJobHandled(s: TxStores, job: OutboxJob, action: 'replay' | 'discard', actor: Actor, reason: string | null, now: Date): Promise<void> {
  await record(s, job, action === 'replay'
    ? { status: 'queued', summary: (amount, channel) => `Refund of ${amount} sent to ${channel} again` }
    : { status: 'discarded', reason, summary: (amount, channel) => `Refund of ${amount} will not go through ${channel}: refund the customer another way` }, actor, now)
}

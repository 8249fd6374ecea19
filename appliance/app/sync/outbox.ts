/** A person's hand on the outbox: replay a dead job once its cause is fixed, or discard it (managers, audited). */
import { notFound } from '../../core/errors.js'
import { nextSyncJobStatus } from '../../core/sync-job.js'
import type { Actor, TxStores } from '../ports.js'
import type { OutboxJob } from './ports.js'
import { refundJobHandled } from './refund-outcomes.js'

export async function replayJob(s: TxStores, id: string, actor: Actor, now: Date): Promise<OutboxJob> {
  const job = await s.sync.job(id)
  if (!job) throw notFound(`There is no sync job ${id}`, 'id')
  const status = nextSyncJobStatus(job.status, 'replay')
  await s.sync.setStatus(id, status, now, { resetAttempts: true })
  await refundJobHandled(s, job, 'replay', actor, null, now)
  await s.audit.record({ action: 'sync.job_replayed', actor, entity: 'sync_job', entityId: id, details: { kind: job.kind, account: job.account, reference: job.reference, lastError: job.lastError }, occurredAt: now })
  return { ...job, status, attempts: 0, nextAttemptAt: now }
}

export async function discardJob(s: TxStores, id: string, reason: string, actor: Actor, now: Date): Promise<OutboxJob> {
  const job = await s.sync.job(id)
  if (!job) throw notFound(`There is no sync job ${id}`, 'id')
  const status = nextSyncJobStatus(job.status, 'discard')
  await s.sync.setStatus(id, status, now)
  await refundJobHandled(s, job, 'discard', actor, reason, now)
  await s.audit.record({ action: 'sync.job_discarded', actor, entity: 'sync_job', entityId: id, reason, details: { kind: job.kind, account: job.account, reference: job.reference, lastError: job.lastError }, occurredAt: now })
  return { ...job, status }
}

/**
 * Channel accounts (managers): add, change, test, sync now, status, dead letters and replay.
 * Credentials go in and never come back out: an account shows which credential fields are set.
 */
import { z } from 'zod'
import { isChannelError } from '../../../sync/connector.js'
import { createAccount, rulesOf, updateAccount, type AccountInput } from '../../app/sync/accounts.js'
import { CREDENTIAL_SCHEMAS, parseCredentials } from '../../app/sync/connectors.js'
import { discardJob, replayJob } from '../../app/sync/outbox.js'
import type { AccountStatus, ChannelAccount, OutboxJob } from '../../app/sync/ports.js'
import { notFound } from '../../core/errors.js'
import type {
  ChannelAccountDto, ChannelAccountList, ChannelStatusDto, ConnectionTestDto, DeadLettersDto, SyncJobDto, SyncJobList, SyncNowDto, SyncRunDto,
} from '../contract.js'
import type { AppDeps } from '../deps.js'
import { MANAGERS, route } from '../route.js'
import { LocationId, Reason, Sku } from '../schemas.js'

const Kind = z.enum(['shopify', 'woocommerce', 'amazon', 'ebay'])
const AccountId = z.string().trim().min(2).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'an account id has lower-case letters, digits and dashes')
const Rule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('buffer'), buffer: z.number().int().min(0).max(100_000) }),
  z.strictObject({ kind: z.literal('fixed'), quantity: z.number().int().min(0).max(1_000_000) }),
  z.strictObject({ kind: z.literal('share'), percent: z.number().min(0).max(100) }),
])
const Rules = z.strictObject({ default: Rule.optional(), skus: z.record(Sku, Rule).optional(), scope: z.enum(['all', 'mapped']).optional() })
const Settings = z.strictObject({
  sellerId: z.string().trim().min(1).max(60).optional(),
  marketplaceId: z.string().trim().min(1).max(60).optional(),
  authUrl: z.url().max(300).optional(),
  apiVersion: z.string().trim().regex(/^(\d{4}-\d{2}|unstable)$/, 'an API version looks like 2026-04').optional(),
  pacing: z.boolean().optional(),
  importSince: z.iso.datetime().optional(),
})
const Credentials = z.record(z.string().max(40), z.string().max(2000))
const LocationMap = z.strictObject({ from: z.array(LocationId).max(20).optional(), channelLocation: z.string().trim().max(200).optional() })
const SkuMap = z.record(Sku, z.string().trim().min(1).max(100)).refine((m) => Object.keys(m).length <= 100_000, 'too many SKUs')
const Interval = z.number().int().min(5, 'import at most every 5 seconds').max(86_400)

const AccountBody = z.strictObject({
  id: AccountId.optional(),
  kind: Kind,
  name: z.string().trim().min(1).max(80),
  baseUrl: z.string().trim().min(1).max(300),
  credentials: Credentials,
  settings: Settings.optional(),
  locationMap: LocationMap.optional(),
  skuMap: SkuMap.optional(),
  rules: Rules.optional(),
  importIntervalSeconds: Interval.optional(),
  active: z.boolean().optional(),
})
const AccountPatchBody = AccountBody.omit({ id: true, kind: true }).partial()
const IdParams = z.strictObject({ id: AccountId })
const JobParams = z.strictObject({ id: z.uuid('not a sync job id') })

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function statusDto(status: AccountStatus, running: boolean, problem: string | null, now: Date): ChannelStatusDto {
  return {
    account: status.account, running, problem,
    lastImportAt: iso(status.lastImportAt),
    lastImportError: status.lastImportError ? { at: status.lastImportError.at.toISOString(), message: status.lastImportError.message } : null,
    lastPushAt: iso(status.lastPushAt),
    lastPushError: status.lastPushError ? { at: status.lastPushError.at.toISOString(), message: status.lastPushError.message } : null,
    lastReconcileAt: iso(status.lastReconcileAt),
    lastReconcile: status.lastReconcile as ChannelStatusDto['lastReconcile'],
    backlog: status.backlog,
    lagSeconds: Math.round(status.oldestPendingMs / 1000),
    importLagSeconds: status.lastImportAt ? Math.max(0, Math.round((now.getTime() - status.lastImportAt.getTime()) / 1000)) : null,
    dead: status.dead, rejects: status.rejects, ordersImported: status.ordersImported, webhooksPending: status.webhooksPending,
  }
}

function jobDto(j: OutboxJob): SyncJobDto {
  const payload = (j.payload ?? {}) as Record<string, unknown>
  const about = j.kind === 'stock' ? `Stock ${j.sku ?? String(payload.sku ?? '')}` : `${j.kind === 'refund' ? 'Refund' : 'Shipment'} for order ${String(payload.channelOrderId ?? j.reference ?? '')}`
  return {
    id: j.id, kind: j.kind, account: j.account, channel: j.channel, status: j.status, attempts: j.attempts, nextAttemptAt: j.nextAttemptAt.toISOString(),
    lastError: j.lastError, createdAt: j.createdAt.toISOString(), reference: j.reference, summary: about,
  }
}

export const channelRoutes = (deps: AppDeps) => {
  const { sync } = deps

  async function accountDto(account: ChannelAccount, now: Date): Promise<ChannelAccountDto> {
    const fields = Object.keys(CREDENTIAL_SCHEMAS[account.kind].shape)
    const status = await sync.queries.status(account, now)
    return {
      id: account.id, kind: account.kind, name: account.name, baseUrl: account.baseUrl,
      credentials: Object.fromEntries(fields.map((f) => [f, account.credentialFields.includes(f)])),
      settings: account.settings, locationMap: account.locationMap, skuMap: account.skuMap, rules: account.rules,
      importIntervalSeconds: account.importIntervalSeconds, active: account.active,
      createdAt: account.createdAt.toISOString(), updatedAt: account.updatedAt.toISOString(),
      webhookPath: `/api/webhooks/${account.id}`,
      status: statusDto(status, sync.control.isRunning(account.id), sync.control.problems.get(account.id) ?? null, now),
    }
  }

  async function load(id: string): Promise<ChannelAccount> {
    const found = await sync.queries.account(id)
    if (!found) throw notFound(`There is no channel account "${id}"`, 'id')
    return found.account
  }

  /** A connection test answers yes or no (with the channel's reason): not an HTTP error. */
  async function tested(test: () => Promise<{ accountName: string; currency: string | null }>): Promise<ConnectionTestDto> {
    try {
      const info = await test()
      return { ok: true, accountName: info.accountName, currency: info.currency }
    } catch (error) {
      if (isChannelError(error)) return { ok: false, kind: error.kind, message: error.message }
      throw error
    }
  }

  return [
    route({
      method: 'get', path: '/api/channels', summary: 'Channel accounts with their sync status (credentials only as "set")', roles: MANAGERS,
      async handler({ c, now }) {
        const items = await Promise.all((await sync.queries.accounts()).map((a) => accountDto(a, now)))
        return c.json({ items } satisfies ChannelAccountList)
      },
    }),
    route({
      method: 'post', path: '/api/channels', summary: 'Add a channel account (credentials are encrypted at rest)', roles: MANAGERS, body: AccountBody, status: 201,
      async handler({ c, body, actor, now }) {
        const account = await deps.uow.run((s) => createAccount(s, sync.box, body as AccountInput, actor, now))
        await sync.control.reload(account.id)
        return c.json(await accountDto(account, now), 201)
      },
    }),
    route({
      method: 'post', path: '/api/channels/test', summary: 'Test an account before saving it', roles: MANAGERS, body: AccountBody,
      async handler({ c, body, now }) {
        const credentials = parseCredentials(body.kind, body.credentials)
        const account: ChannelAccount = {
          id: body.id ?? 'unsaved', kind: body.kind, name: body.name, baseUrl: body.baseUrl, credentialFields: Object.keys(credentials), settings: body.settings ?? {},
          locationMap: { from: body.locationMap?.from ?? [], ...(body.locationMap?.channelLocation ? { channelLocation: body.locationMap.channelLocation } : {}) },
          skuMap: body.skuMap ?? {}, rules: rulesOf(body.rules as never), importIntervalSeconds: 60, active: false, createdAt: now, updatedAt: now,
        }
        return c.json(await tested(() => sync.control.testUnsaved(account, credentials)))
      },
    }),
    route({
      method: 'get', path: '/api/channels/:id', summary: 'One channel account', roles: MANAGERS, params: IdParams,
      async handler({ c, params, now }) {
        return c.json(await accountDto(await load(params.id), now))
      },
    }),
    route({
      method: 'put', path: '/api/channels/:id', summary: 'Change a channel account (omitted fields stay; credentials merge field by field)', roles: MANAGERS,
      params: IdParams, body: AccountPatchBody,
      async handler({ c, params, body, actor, now }) {
        const account = await deps.uow.run((s) => updateAccount(s, sync.box, params.id, body as never, actor, now))
        await sync.control.reload(account.id)
        return c.json(await accountDto(account, now))
      },
    }),
    route({
      method: 'post', path: '/api/channels/:id/test', summary: 'Test the saved account against its channel', roles: MANAGERS, params: IdParams,
      async handler({ c, params }) {
        return c.json(await tested(() => sync.control.testConnection(params.id)))
      },
    }),
    route({
      method: 'post', path: '/api/channels/:id/sync', summary: 'Import orders and push pending changes now', roles: MANAGERS, params: IdParams,
      async handler({ c, params }) {
        return c.json((await sync.control.syncNow(params.id)) satisfies SyncNowDto)
      },
    }),
    route({
      method: 'post', path: '/api/channels/:id/reconcile', summary: "Read the channel's stock back, report drift and fix it", roles: MANAGERS, params: IdParams,
      async handler({ c, params }) {
        return c.json({ report: await sync.control.reconcileNow(params.id) })
      },
    }),
    route({
      method: 'get', path: '/api/channels/:id/status', summary: 'Last successful import and push, backlog, lag and errors', roles: MANAGERS, params: IdParams,
      async handler({ c, params, now }) {
        const account = await load(params.id)
        const status = await sync.queries.status(account, now)
        const runs: SyncRunDto[] = (await sync.queries.runs(account.id, 20)).map((r) => ({ kind: r.kind, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt.toISOString(), ok: r.ok, items: r.items, error: r.error }))
        return c.json({ ...statusDto(status, sync.control.isRunning(account.id), sync.control.problems.get(account.id) ?? null, now), runs })
      },
    }),
    route({
      method: 'get', path: '/api/channels/:id/jobs', summary: "The account's outbox, newest first", roles: MANAGERS, params: IdParams,
      query: z.strictObject({ status: z.enum(['pending', 'sending', 'done', 'retry', 'dead', 'discarded']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      async handler({ c, params, query }) {
        await load(params.id)
        return c.json({ items: (await sync.queries.jobs({ account: params.id, status: query.status, limit: query.limit })).map(jobDto) } satisfies SyncJobList)
      },
    }),
    route({
      method: 'get', path: '/api/channels/:id/dead-letters', summary: 'Jobs the channel refused and orders we refused to take', roles: MANAGERS, params: IdParams,
      async handler({ c, params }) {
        await load(params.id)
        const [jobs, rejects] = await Promise.all([sync.queries.jobs({ account: params.id, status: 'dead', limit: 500 }), sync.queries.rejects(params.id)])
        return c.json({
          jobs: jobs.map(jobDto),
          rejects: rejects.map((r) => ({ channelOrderId: r.channelOrderId, reason: r.reason, code: r.code, firstSeenAt: r.firstSeenAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString() })),
        } satisfies DeadLettersDto)
      },
    }),
    route({
      method: 'post', path: '/api/channels/:id/refetch', summary: 'Fetch a refused order again (after it was fixed on the channel)', roles: MANAGERS,
      params: IdParams, body: z.strictObject({ channelOrderId: z.string().trim().min(1).max(200) }),
      async handler({ c, params, body }) {
        return c.json(await sync.control.refetch(params.id, body.channelOrderId))
      },
    }),
    route({
      method: 'post', path: '/api/sync-jobs/:id/replay', summary: 'Send a dead-lettered job again (its cause fixed)', roles: MANAGERS, params: JobParams,
      async handler({ c, params, actor, now }) {
        const job = await deps.uow.run((s) => replayJob(s, params.id, actor, now))
        sync.control.kick(job.account)
        return c.json(jobDto(job))
      },
    }),
    route({
      method: 'post', path: '/api/sync-jobs/:id/discard', summary: 'Give up on a dead-lettered job', roles: MANAGERS, params: JobParams,
      body: z.strictObject({ reason: Reason }),
      async handler({ c, params, body, actor, now }) {
        return c.json(jobDto(await deps.uow.run((s) => discardJob(s, params.id, body.reason, actor, now))))
      },
    }),
  ]
}

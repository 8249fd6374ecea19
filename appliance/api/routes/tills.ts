/**
 * Tills and their sessions: list, open with a float, cash in/out, voids, X report, close
 * with a count (Z report, kept), and the till settings.
 */
import { z } from 'zod'
import type { Context } from 'hono'
import { runIdempotent, type Answer } from '../../app/idempotent.js'
import type { TxStores } from '../../app/ports.js'
import { buildTillReport } from '../../app/till/report.js'
import { closeTill, createTill, moveCash, openTill, recordVoid, tillState } from '../../app/till/sessions.js'
import type { TillSettings } from '../../app/till/settings.js'
import { conflict, notFound } from '../../core/errors.js'
import type { TillDto, TillList, TillReportDto, TillSettingsDto, ZReportList } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, MANAGERS, route } from '../route.js'
import { LocationId, Reason } from '../schemas.js'
import { TILL_STAFF, TillId, TillParams } from './till-schemas.js'

const Pence = z.number({ error: 'give a number of pence' }).int('give a whole number of pence')
const Denominations = z.record(z.string().regex(/^\d+$/, 'a denomination is its value in pence'), z.number().int('a count is a whole number').min(0, 'a count is zero or more'))

const SettingsPatch = z.strictObject({
  approvalLimits: z.strictObject({ maxPercentBp: z.number().int().min(0).max(10_000), maxAmountMinor: Pence.min(0) }).partial().optional(),
  negativeStock: z.enum(['allow', 'refuse']).optional(),
  scanner: z.strictObject({
    maxInterKeyMs: z.number().min(5, 'at least 5 ms').max(500, 'at most 500 ms'),
    minLength: z.number().int().min(1).max(64),
    suffixKeys: z.array(z.string().min(1).max(20)).min(1).max(5),
  }).partial().optional(),
  embeddedBarcodes: z.array(z.strictObject({
    prefixes: z.array(z.string().regex(/^\d{1,3}$/, 'a prefix is 1 to 3 digits')).min(1).max(20),
    itemDigits: z.number().int().min(1).max(10),
    valueDigits: z.number().int().min(4).max(5),
    valueCheckDigit: z.boolean(),
    kind: z.enum(['price', 'weight']),
    valueScale: z.number().int().min(1).max(1000).optional(),
  })).max(10).optional(),
  discrepancyThresholdMinor: Pence.min(0).optional(),
  timeZone: z.string().min(1).max(64).optional(),
  quickCashMinor: z.array(Pence.min(1)).max(8).optional(),
  denominationsMinor: z.array(Pence.min(1)).min(1).max(30).optional(),
  voucherValidityDays: z.number().int().min(1).max(3650).nullable().optional(),
})

const settingsDto = (s: TillSettings): TillSettingsDto => ({ ...s, embeddedBarcodes: s.embeddedBarcodes.map((l) => ({ ...l, prefixes: [...l.prefixes] })) })

export const tillRoutes = (deps: AppDeps) => {
  /** Runs a till write once per Idempotency-Key; answers 201. */
  const once = async <T>(c: Context, scope: string, key: string | undefined, now: Date, work: (s: TxStores) => Promise<T>) => {
    const answer: Answer<T> = await runIdempotent(deps.uow, { scope, key, now }, 201, work)
    return c.json(answer.body as object, 201, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {})
  }
  const settings = async () => (await deps.till.settings.current()).settings

  return [
    route({
      method: 'get',
      path: '/api/tills',
      summary: 'The tills, open or closed',
      roles: ALL_STAFF,
      async handler({ c, now }) {
        const { timeZone } = await settings()
        const items: TillDto[] = (await deps.till.tills.list()).map((t) => tillState(t.till, t.session, now, timeZone))
        return c.json({ items } satisfies TillList)
      },
    }),
    route({
      method: 'post',
      path: '/api/tills',
      summary: 'Add a till (its number, 1–99, is printed in receipt numbers)',
      roles: MANAGERS,
      body: z.strictObject({ id: TillId, name: z.string().trim().min(1).max(40), number: z.number().int(), location: LocationId }),
      status: 201,
      async handler({ c, body, actor, now }) {
        const till = await deps.uow.run((s) => createTill(s, body, { actor, now }))
        return c.json(tillState(till, null, now, (await settings()).timeZone) satisfies TillDto, 201)
      },
    }),
    route({
      method: 'post',
      path: '/api/tills/:id/open',
      summary: 'Open a till with a counted float',
      roles: TILL_STAFF,
      params: TillParams,
      body: z.strictObject({ floatMinor: Pence, denominations: Denominations.optional() }),
      idempotent: true,
      status: 201,
      async handler({ c, params, body, actor, now, idempotencyKey }) {
        const s = await settings()
        return once(c, 'tills.open', idempotencyKey, now, (tx) => openTill(tx, { tillId: params.id, ...body }, { actor, now, settings: s }))
      },
    }),
    route({
      method: 'post',
      path: '/api/tills/:id/cash',
      summary: 'Cash in or out of the drawer with a reason (petty cash, bank drop)',
      roles: TILL_STAFF,
      params: TillParams,
      body: z.strictObject({ kind: z.enum(['paid_in', 'paid_out', 'bank_drop']), amountMinor: Pence, reason: Reason }),
      idempotent: true,
      status: 201,
      handler: ({ c, params, body, actor, now, idempotencyKey }) =>
        once(c, 'tills.cash', idempotencyKey, now, (tx) => moveCash(tx, { tillId: params.id, ...body }, { actor, now })),
    }),
    route({
      method: 'post',
      path: '/api/tills/:id/voids',
      summary: 'Record a line or a whole basket voided before completion, with a reason',
      roles: TILL_STAFF,
      params: TillParams,
      body: z.strictObject({
        scope: z.enum(['line', 'basket']),
        reason: Reason,
        lines: z.array(z.strictObject({ sku: z.string().min(1).max(64), name: z.string().min(1).max(200), quantity: z.number().int().min(1), totalMinor: Pence.min(0) })).min(1).max(500),
      }),
      idempotent: true,
      status: 201,
      handler: ({ c, params, body, actor, now, idempotencyKey }) =>
        once(c, 'tills.voids', idempotencyKey, now, (tx) => recordVoid(tx, { tillId: params.id, ...body }, { actor, now })),
    }),
    route({
      method: 'get',
      path: '/api/tills/:id/x-report',
      summary: 'X report: what the open session has taken so far (resets nothing)',
      roles: TILL_STAFF,
      params: TillParams,
      async handler({ c, params, now }) {
        const found = await deps.till.tills.get(params.id)
        if (!found) throw notFound(`There is no till "${params.id}"`, 'id')
        if (!found.session) throw conflict(`${found.till.name} is closed: there is no session to report on`, 'id')
        const figures = await deps.till.tills.figures(found.session.id)
        return c.json(buildTillReport('X', { till: found.till, session: found.session, figures, now }) satisfies TillReportDto)
      },
    }),
    route({
      method: 'post',
      path: '/api/tills/:id/close',
      summary: 'Close a till with the counted cash: makes and keeps the Z report',
      roles: TILL_STAFF,
      params: TillParams,
      body: z.strictObject({ denominations: Denominations.optional(), countedMinor: Pence.min(0).optional(), approvalToken: z.string().max(200).optional() }),
      idempotent: true,
      status: 201,
      async handler({ c, params, body, actor, now, idempotencyKey }) {
        const s = await settings()
        const count = { ...(body.denominations ? { denominations: body.denominations } : {}), ...(body.countedMinor !== undefined ? { countedMinor: body.countedMinor } : {}) }
        const response = await once(c, 'tills.close', idempotencyKey, now, (tx) =>
          closeTill(tx, { tillId: params.id, count, ...(body.approvalToken ? { approvalToken: body.approvalToken } : {}) }, { actor, now, settings: s, approvals: deps.approvals }))
        deps.approvals.spend(body.approvalToken)
        return response
      },
    }),
    route({
      method: 'get',
      path: '/api/tills/:id/z-reports',
      summary: 'The Z reports kept for a till, newest first',
      roles: TILL_STAFF,
      params: TillParams,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      async handler({ c, params, query }) {
        const rows = await deps.till.tills.zReports(params.id, query.limit)
        const items = rows.map((r) => ({ id: r.id, zNumber: r.zNumber, businessDay: r.businessDay, createdAt: r.createdAt.toISOString(), report: r.report as TillReportDto }))
        return c.json({ items } satisfies ZReportList)
      },
    }),
    route({
      method: 'get',
      path: '/api/settings/till',
      summary: 'Till settings: approval limits, negative stock, scanner timing, scale labels, cash, time zone',
      roles: ALL_STAFF,
      handler: async ({ c }) => c.json(settingsDto(await settings())),
    }),
    route({
      method: 'put',
      path: '/api/settings/till',
      summary: 'Change till settings (send only what changes)',
      roles: MANAGERS,
      body: SettingsPatch,
      async handler({ c, body, actor, now }) {
        const next = await deps.till.settings.update(deps.uow, body as Partial<TillSettings>, actor, now)
        return c.json(settingsDto(next))
      },
    }),
  ]
}

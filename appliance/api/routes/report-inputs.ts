/**
 * What managers enter for reports — monthly expenses (profit and loss) and sales targets
 * per category and month — and customer issues, which anyone may log and update.
 */
import { z } from 'zod'
import { notFound } from '../../core/errors.js'
import type { CustomerIssueDto, ExpenseDto, SalesTargetDto } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, MANAGERS, route } from '../route.js'

const Month = z.string().regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, 'use a month as YYYY-MM (2000–2099)')
const Label = z.string().trim().min(1, 'required').max(60)
const Money = z.number().int('money is whole pence').min(0).max(1_000_000_000_00)
const Priority = z.enum(['low', 'normal', 'high', 'urgent'])
const IssueCategory = z.string().trim().toLowerCase().min(1).max(40)
const UuidParams = z.strictObject({ id: z.string().min(1).max(100) })
const MonthRange = z.strictObject({ from: Month.optional(), to: Month.optional() })

const range = (q: { from?: string | undefined; to?: string | undefined }, now: Date) => {
  const to = q.to ?? now.toISOString().slice(0, 7)
  return { from: q.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`, to }
}

export const reportInputRoutes = (deps: AppDeps) => {
  const inputs = deps.reports.inputs
  return [
    route({
      method: 'get',
      path: '/api/expenses',
      summary: 'Monthly expenses entered for profit and loss (default: the last twelve months)',
      roles: MANAGERS,
      query: MonthRange,
      async handler({ c, query, now }) {
        const { from, to } = range(query, now)
        return c.json({ items: (await inputs.expenses(from, to)) satisfies ExpenseDto[] })
      },
    }),
    route({
      method: 'post',
      path: '/api/expenses',
      summary: 'Enter a month’s expense (rent, wages, …), VAT-exclusive, in minor units',
      roles: MANAGERS,
      status: 201,
      body: z.strictObject({ month: Month, category: Label, amountMinor: Money.min(1, 'an expense is more than zero'), note: z.string().trim().max(200).optional() }),
      handler: async ({ c, body, actor, now }) => c.json((await inputs.addExpense(body, actor, now)) satisfies ExpenseDto, 201),
    }),
    route({
      method: 'delete',
      path: '/api/expenses/:id',
      summary: 'Remove an expense entered by mistake',
      roles: MANAGERS,
      status: 204,
      params: UuidParams,
      async handler({ c, params, actor, now }) {
        await inputs.removeExpense(params.id, actor, now)
        return c.body(null, 204)
      },
    }),
    route({
      method: 'get',
      path: '/api/sales-targets',
      summary: 'Sales targets per category and month (default: the last twelve months)',
      roles: MANAGERS,
      query: MonthRange,
      async handler({ c, query, now }) {
        const { from, to } = range(query, now)
        return c.json({ items: (await inputs.targets(from, to)) satisfies SalesTargetDto[] })
      },
    }),
    route({
      method: 'put',
      path: '/api/sales-targets',
      summary: 'Set sales targets (VAT-inclusive sales, minor units) per category and month; 0 clears one',
      roles: MANAGERS,
      body: z.strictObject({ items: z.array(z.strictObject({ month: Month, category: Label, targetMinor: Money })).min(1).max(1000) }),
      async handler({ c, body, actor, now }) {
        await inputs.setTargets(body.items, actor, now)
        const months = body.items.map((i) => i.month).sort()
        return c.json({ items: (await inputs.targets(months[0]!, months.at(-1)!)) satisfies SalesTargetDto[] })
      },
    }),
    route({
      method: 'get',
      path: '/api/issues',
      summary: 'Customer issues, newest first (filter by status or order)',
      roles: ALL_STAFF,
      query: z.strictObject({ status: z.enum(['open', 'closed']).optional(), orderId: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      handler: async ({ c, query }) => c.json({ items: (await inputs.issues(query)) satisfies CustomerIssueDto[] }),
    }),
    route({
      method: 'post',
      path: '/api/issues',
      summary: 'Log a customer issue (about an order, or not)',
      roles: ALL_STAFF,
      status: 201,
      body: z.strictObject({
        orderId: z.string().min(1).max(100).optional(),
        category: IssueCategory,
        priority: Priority,
        summary: z.string().trim().min(1, 'say what the customer raised').max(500),
        note: z.string().trim().min(1).max(2000).optional(),
      }),
      handler: async ({ c, body, actor, now }) => c.json((await inputs.logIssue(body, actor, now)) satisfies CustomerIssueDto, 201),
    }),
    route({
      method: 'get',
      path: '/api/issues/:id',
      summary: 'One customer issue with its notes',
      roles: ALL_STAFF,
      params: UuidParams,
      async handler({ c, params }) {
        const issue = await inputs.issue(params.id)
        if (!issue) throw notFound(`There is no customer issue ${params.id}`, 'id')
        return c.json(issue satisfies CustomerIssueDto)
      },
    }),
    route({
      method: 'patch',
      path: '/api/issues/:id',
      summary: 'Add a note (a response to the customer sets the first-response time), change priority or category, close or reopen',
      roles: ALL_STAFF,
      params: UuidParams,
      body: z.strictObject({
        status: z.enum(['open', 'closed']).optional(),
        priority: Priority.optional(),
        category: IssueCategory.optional(),
        note: z.strictObject({ body: z.string().trim().min(1).max(2000), response: z.boolean().optional() }).optional(),
      }).refine((b) => Object.keys(b).length > 0, 'send a status, priority, category or note'),
      handler: async ({ c, params, body, actor, now }) => c.json((await inputs.updateIssue(params.id, body, actor, now)) satisfies CustomerIssueDto),
    }),
  ]
}

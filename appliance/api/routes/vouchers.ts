/** Gift cards and store credit: balance enquiry (anyone), and store credit issued by a manager. */
import { z } from 'zod'
import { runIdempotent } from '../../app/idempotent.js'
import { issueVoucher, voucherView } from '../../app/sale/vouchers.js'
import { notFound } from '../../core/errors.js'
import { normalizeVoucherCode } from '../../core/sale/index.js'
import type { VoucherDto } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, MANAGERS, route } from '../route.js'
import { Reason } from '../schemas.js'

export const voucherRoutes = (deps: AppDeps) => [
  route({
    method: 'get',
    path: '/api/vouchers/:code',
    summary: 'Balance enquiry: what is left on a gift card or store credit voucher',
    roles: ALL_STAFF,
    params: z.strictObject({ code: z.string().trim().min(1).max(40) }),
    async handler({ c, params, now }) {
      const code = normalizeVoucherCode(params.code)
      const voucher = await deps.till.sales.voucher(code)
      if (!voucher) throw notFound(`There is no voucher ${params.code}`, 'code')
      return c.json(voucherView(voucher, now) satisfies VoucherDto)
    },
  }),
  route({
    method: 'post',
    path: '/api/vouchers',
    summary: 'Issue store credit (or a gift card) without a sale, with a reason (managers)',
    roles: MANAGERS,
    body: z.strictObject({ kind: z.enum(['store_credit', 'gift_card']).default('store_credit'), amountMinor: z.number().int('a whole number of pence'), reason: Reason }),
    idempotent: true,
    status: 201,
    async handler({ c, body, actor, now, idempotencyKey }) {
      const { settings } = await deps.till.settings.current()
      const answer = await runIdempotent(deps.uow, { scope: 'vouchers', key: idempotencyKey, now }, 201, (s) =>
        issueVoucher(s, body, { actor, now, settings, randomBytes: deps.till.randomBytes }))
      return c.json(answer.body satisfies VoucherDto, 201, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {})
    },
  }),
]

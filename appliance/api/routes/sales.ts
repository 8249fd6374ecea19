/**
 * Till sales: price a basket (quote), tell what a scan is, complete a sale (one
 * idempotent transaction), read a sale back by its receipt number.
 */
import { z } from 'zod'
import { canSelfApprove } from '../../app/auth.js'
import { runIdempotent } from '../../app/idempotent.js'
import { queueReceipt } from '../../app/print-queue.js'
import { completeSale, toTenders } from '../../app/sale/complete-sale.js'
import { approveSale, priceSale, type PricedSale } from '../../app/sale/quote.js'
import { saleSummary } from '../../app/sale/sale-view.js'
import { describeScan } from '../../app/sale/scan.js'
import { lineSummary, vatSummary } from '../../app/sale/sale-view.js'
import { notFound } from '../../core/errors.js'
import type { Minor } from '../../core/money.js'
import { formatReceiptNumber, parseReceiptNumber, quickCashAmounts, tenderState } from '../../core/sale/index.js'
import type { RecentSale, SaleQuote, SaleResult, ScanAnswer } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, route } from '../route.js'
import { toProductDto } from './products.js'
import { BasketBody, Customer, Tender, TILL_STAFF, TillId, toBasket } from './till-schemas.js'

const SaleBody = z.strictObject({
  till: TillId,
  ...BasketBody,
  tenders: z.array(Tender).min(1, 'take at least one payment').max(20),
  customer: Customer.optional(),
  approvalToken: z.string().max(200).optional(),
  note: z.string().trim().max(500).optional(),
})

const QuoteBody = z.strictObject({ ...BasketBody, tenders: z.array(Tender).max(20).optional() })

const quoteOf = (sale: PricedSale, payment: SaleQuote['payment'], approvals: boolean, quickCash: number[]): SaleQuote => ({
  lines: sale.lines.map(lineSummary),
  discounts: sale.discounts.map((d) => ({ kind: d.kind, percent: d.percentBp === null ? null : d.percentBp / 100, amountMinor: d.amountMinor, reason: d.reason })),
  vat: vatSummary(sale.lines),
  grossMinor: sale.lines.reduce((s, l) => s + l.grossMinor, 0),
  discountMinor: sale.priced.discountTotalMinor,
  totalMinor: sale.totalMinor,
  vatMinor: sale.priced.vatTotalMinor,
  approvals: approvals ? sale.needs.map((n) => ({ field: n.field, reason: n.reason, action: n.action, amountMinor: n.amountMinor, baseMinor: n.baseMinor })) : [],
  payment,
  quickCashMinor: quickCash,
})

export const saleRoutes = (deps: AppDeps) => [
  route({
    method: 'post',
    path: '/api/sales/quote',
    summary: 'Price a basket as it stands: lines, discounts, VAT per rate, approvals needed (nothing is written)',
    roles: TILL_STAFF,
    body: QuoteBody,
    async handler({ c, body, actor }) {
      const { settings } = await deps.till.settings.current()
      const sale = await priceSale(deps.catalogue, toBasket(body), settings)
      const state = tenderState(sale.totalMinor, toTenders(body.tenders ?? []))
      const payment = { paidMinor: state.paidMinor, remainingMinor: state.remainingMinor, changeMinor: state.changeMinor, complete: state.complete }
      return c.json(quoteOf(sale, payment, !canSelfApprove(actor), quickCashAmounts(state.remainingMinor, settings.quickCashMinor as Minor[])))
    },
  }),
  route({
    method: 'get',
    path: '/api/sales/scan',
    summary: 'What a scanned code is: a product (GTIN, SKU, price or weight label), a voucher or a receipt',
    roles: ALL_STAFF,
    query: z.strictObject({ code: z.string().trim().min(1, 'scan or type a code').max(64) }),
    async handler({ c, query, now }) {
      const { settings } = await deps.till.settings.current()
      const scan = await describeScan(query.code, { catalogue: deps.catalogue, sales: deps.till.sales, layouts: settings.embeddedBarcodes, now })
      const answer: ScanAnswer = scan.kind === 'product'
        ? {
            kind: 'product', code: scan.code, product: toProductDto(scan.product), line: scan.line, unitPriceMinor: scan.unitPriceMinor,
            weightGrams: scan.embedded?.kind === 'weight' ? scan.embedded.weightGrams : null,
          }
        : scan
      return c.json(answer)
    },
  }),
  route({
    method: 'post',
    path: '/api/sales',
    summary: 'Complete a till sale: order, lines, payments, stock movements and audit in one transaction (send an Idempotency-Key)',
    roles: TILL_STAFF,
    body: SaleBody,
    idempotent: true,
    status: 201,
    async handler({ c, body, actor, staffName, now, idempotencyKey }) {
      const { settings, shop } = await deps.till.settings.current()
      const sale = await priceSale(deps.catalogue, toBasket(body), settings)
      const answer = await runIdempotent(deps.uow, { scope: 'sales', key: idempotencyKey, now }, 201, async (s) => {
        const approvedBy = approveSale(sale.needs, actor, body.approvalToken, deps.approvals, now)
        const order = { till: body.till, tenders: body.tenders, ...(body.customer ? { customer: body.customer } : {}), ...(body.note ? { note: body.note } : {}) }
        const summary = await completeSale(s, sale, order, { actor, staffName, now, settings, shop, randomBytes: deps.till.randomBytes, approvedBy })
        // The receipt is a print job in the same transaction: a sale and its receipt commit together.
        const openDrawer = summary.tenders.some((t) => t.method === 'cash')
        const printJobId = await queueReceipt(s, deps.printing.encoder, { station: actor.station, document: summary.receipt, reference: summary.receiptNumber, openDrawer }, actor, now)
        return { ...summary, printJobId }
      })
      if (!answer.replayed) deps.approvals.spend(body.approvalToken)
      return c.json(answer.body satisfies SaleResult, 201, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {})
    },
  }),
  route({
    method: 'get',
    path: '/api/sales',
    summary: 'Recent till sales, newest first',
    roles: ALL_STAFF,
    query: z.strictObject({ till: TillId.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
    async handler({ c, query }) {
      const rows = await deps.till.sales.recent({ ...(query.till ? { tillId: query.till } : {}), limit: query.limit })
      const items: RecentSale[] = rows.map((r) => ({ receiptNumber: r.receiptNumber, placedAt: r.placedAt.toISOString(), totalMinor: r.totalMinor, till: r.tillId, staffName: r.staffName }))
      return c.json({ items })
    },
  }),
  route({
    method: 'get',
    path: '/api/sales/:receiptNumber',
    summary: 'One till sale by its receipt number (S-01-000123, or S0100000123 as scanned from the receipt)',
    roles: ALL_STAFF,
    params: z.strictObject({ receiptNumber: z.string().trim().min(1).max(40) }),
    query: z.strictObject({ copy: z.enum(['true', 'false']).optional() }),
    async handler({ c, params, query }) {
      const parsed = parseReceiptNumber(params.receiptNumber)
      const rows = parsed && (await deps.till.sales.byNumber(formatReceiptNumber(parsed)))
      if (!rows) throw notFound(`There is no sale with receipt number ${params.receiptNumber}`, 'receiptNumber')
      const { settings, shop } = await deps.till.settings.current()
      return c.json(saleSummary(rows, shop, settings.timeZone, { copy: query.copy === 'true' }) satisfies SaleResult)
    },
  }),
]

/** Request schemas shared by the till's routes (sales, parked baskets). */
import { z } from 'zod'
import type { BasketRequest, DiscountRequest, SaleLineRequest } from '../../app/sale/basket.js'
import type { Role } from '../../core/staff.js'
import { Quantity, Reason, Sku } from '../schemas.js'

/** Who works a till (fulfilment staff pick and pack; they don't sell). */
export const TILL_STAFF: readonly Role[] = ['assistant', 'manager', 'admin']

export const TillId = z.string().trim().min(1, 'choose a till').max(40).regex(/^[\w.-]+$/, 'a till id has letters, digits, dots, dashes or underscores')
export const TillParams = z.strictObject({ id: TillId })
const Pence = (what: string) => z.number({ error: `${what} must be a number of pence` }).int(`${what} must be a whole number of pence`)

/** `{percent: 10, reason}` or `{amountMinor: 250, reason}`; `kind` ('percent' | 'amount') may be sent too, and must agree. */
export const Discount = z
  .strictObject({
    kind: z.enum(['percent', 'amount']).optional(),
    percent: z.number({ error: 'percent must be a number' }).optional(),
    amountMinor: Pence('amountMinor').optional(),
    reason: Reason,
  })
  .refine((d) => (d.percent === undefined) !== (d.amountMinor === undefined), { message: 'give either percent or amountMinor' })
  .refine((d) => d.kind === undefined || (d.kind === 'percent') === (d.percent !== undefined), { message: "kind doesn't match: percent goes with percent, amount with amountMinor", path: ['kind'] })

const ScannedCode = z.string().trim().min(1, 'a barcode is needed').max(64).regex(/^[0-9A-Za-z]+$/, 'a barcode has letters and digits only')

export const Line = z.strictObject({
  sku: Sku.optional(),
  barcode: ScannedCode.optional(),
  quantity: Quantity.optional(),
  priceOverride: z.strictObject({ unitPriceMinor: Pence('unitPriceMinor'), reason: Reason }).optional(),
  discount: Discount.optional(),
  giftCard: z.strictObject({ amountMinor: Pence('amountMinor') }).optional(),
})

export const Tender = z.strictObject({
  method: z.enum(['cash', 'card', 'voucher'], { error: 'a payment is cash, card or voucher' }),
  amountMinor: Pence('amountMinor'),
  reference: z.string().trim().max(100).optional(),
})

export const Customer = z.strictObject({
  name: z.string().trim().max(100).optional(),
  email: z.union([z.literal(''), z.email('that email address looks wrong').max(200)]).optional(),
  phone: z.string().trim().max(30).regex(/^[+0-9 ()-]*$/, 'a phone number has digits, spaces, +, ( ) and dashes').optional(),
})

export const BasketBody = {
  lines: z.array(Line).min(1, 'add at least one item').max(500, 'a sale has at most 500 lines'),
  discounts: z.array(Discount).max(20).optional(),
}

type DiscountBody = z.infer<typeof Discount>
type LineBody = z.infer<typeof Line>

export const toDiscount = (d: DiscountBody): DiscountRequest =>
  d.percent !== undefined ? { percent: d.percent, reason: d.reason } : { amountMinor: d.amountMinor ?? 0, reason: d.reason }

const toLine = (l: LineBody): SaleLineRequest => ({ ...l, ...(l.discount ? { discount: toDiscount(l.discount) } : {}) }) as SaleLineRequest

export const toBasket = (body: { lines: LineBody[]; discounts?: DiscountBody[] | undefined }): BasketRequest => ({
  lines: body.lines.map(toLine),
  discounts: (body.discounts ?? []).map(toDiscount),
})

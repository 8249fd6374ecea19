/** Field schemas shared by routes: one definition of a SKU, a barcode, a reason. */
import { z } from 'zod'
import { barcodeProblem } from '../core/barcode.js'
import { MAX_QUANTITY } from '../core/stock-ledger.js'

export const Sku = z.string().trim().min(1, 'a SKU is needed').max(64, 'a SKU has at most 64 characters').regex(/^[A-Za-z0-9._/-]+$/, 'a SKU has letters, digits, dots, dashes, slashes or underscores')
export const LocationId = z.string().trim().min(1, 'choose a location').max(40)
export const Reason = z.string().trim().min(1, 'give a reason').max(200, 'a reason has at most 200 characters')
export const Barcode = z.string().trim().superRefine((code, ctx) => {
  const problem = barcodeProblem(code)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})
export const SignedQuantity = z
  .number({ error: 'quantity must be a number' })
  .int('quantity must be a whole number')
  .refine((q) => q !== 0, 'quantity cannot be zero')
  .refine((q) => Math.abs(q) <= MAX_QUANTITY, `quantity cannot be over ${MAX_QUANTITY.toLocaleString('en-GB')}`)
export const Quantity = z
  .number({ error: 'quantity must be a number' })
  .int('quantity must be a whole number')
  .min(1, 'quantity must be at least 1')
  .max(MAX_QUANTITY, `quantity cannot be over ${MAX_QUANTITY.toLocaleString('en-GB')}`)
export const SkuParams = z.strictObject({ sku: Sku })

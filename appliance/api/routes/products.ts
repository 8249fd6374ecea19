/** Product lookup by barcode, SKU or name. */
import { z } from 'zod'
import type { ProductRecord } from '../../app/ports.js'
import type { Product, ProductList } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, route } from '../route.js'
import { SkuParams } from '../schemas.js'
import { notFound } from '../../core/errors.js'

export const toProductDto = (p: ProductRecord): Product => ({
  sku: p.sku,
  name: p.name,
  barcodes: p.barcodes,
  category: p.category,
  priceMinor: p.priceMinor,
  vatRatePercent: p.vatRateBp / 100,
  costMinor: p.costMinor,
  handle: p.handle,
})

const Lookup = z
  .strictObject({
    // Lookups accept any scanned digits: an unknown or mistyped code simply finds nothing.
    barcode: z.string().trim().min(1).max(64).regex(/^[0-9A-Za-z]+$/, 'a barcode has letters and digits only').optional(),
    q: z.string().trim().min(1, 'type something to search for').max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((v) => v.barcode !== undefined || v.q !== undefined, { message: 'give a barcode or a search text (q)', path: ['q'] })

export const productRoutes = (deps: AppDeps) => [
  route({
    method: 'get',
    path: '/api/products',
    summary: 'Find products by barcode (exact) or by SKU / name text',
    roles: ALL_STAFF,
    query: Lookup,
    async handler({ c, query }) {
      const items = query.barcode !== undefined
        ? [await deps.catalogue.byBarcode(query.barcode)].filter((p) => p !== undefined)
        : await deps.catalogue.search(query.q!, query.limit)
      return c.json({ items: items.map(toProductDto) } satisfies ProductList)
    },
  }),
  route({
    method: 'get',
    path: '/api/products/:sku',
    summary: 'One product by SKU',
    roles: ALL_STAFF,
    params: SkuParams,
    async handler({ c, params }) {
      const product = await deps.catalogue.bySku(params.sku)
      if (!product) throw notFound(`There is no product with SKU "${params.sku}"`, 'sku')
      return c.json(toProductDto(product))
    },
  }),
]

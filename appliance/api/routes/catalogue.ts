/** Catalogue import (CSV upload, progress) and export, in Shopify's product CSV columns. */
import { z } from 'zod'
import { catalogueCsv } from '../../app/catalogue-export.js'
import { notFound } from '../../core/errors.js'
import type { CatalogueImportJob } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { MANAGERS, route } from '../route.js'

/** A catalogue file is bigger than an API request: 50 MB holds about 400,000 products. */
const MAX_CSV_BYTES = 50 * 1024 * 1024

export const catalogueRoutes = (deps: AppDeps) => [
  route({
    method: 'post',
    path: '/api/catalogue/import',
    summary: 'Import products from a CSV (Shopify product columns); answers at once with a job to follow',
    roles: MANAGERS,
    body: z.string().min(1, 'the file is empty'),
    bodyType: 'csv',
    maxBodyBytes: MAX_CSV_BYTES,
    status: 202,
    handler({ c, body, actor }) {
      const { job } = deps.imports.start(body, actor)
      return c.json(job satisfies CatalogueImportJob, 202, { Location: `/api/catalogue/imports/${job.id}` })
    },
  }),
  route({
    method: 'get',
    path: '/api/catalogue/imports/:id',
    summary: 'Progress and result of an import',
    roles: MANAGERS,
    params: z.strictObject({ id: z.uuid('not an import id') }),
    handler({ c, params }) {
      const job = deps.imports.get(params.id)
      if (!job) throw notFound('There is no such import (imports are forgotten when the appliance restarts)', 'id')
      return c.json(job satisfies CatalogueImportJob)
    },
  }),
  route({
    method: 'get',
    path: '/api/catalogue/export',
    summary: 'The whole catalogue as CSV in Shopify product columns',
    roles: MANAGERS,
    handler({ c }) {
      const chunks = catalogueCsv(deps.catalogue)[Symbol.asyncIterator]()
      const stream = new ReadableStream<string>({
        async pull(controller) {
          const next = await chunks.next()
          if (next.done) controller.close()
          else controller.enqueue(next.value)
        },
      })
      return c.body(stream.pipeThrough(new TextEncoderStream()), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="catalogue.csv"',
      })
    },
  }),
]

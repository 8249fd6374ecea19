/** The catalogue as CSV text in Shopify's product columns, a page at a time (used by the route and the CLI). */
import { stringify } from 'csv-stringify/sync'
import { CSV_COLUMNS } from '../core/catalogue-row.js'
import { formatMajorUnits, minor } from '../core/money.js'
import type { CatalogueQueries } from './ports.js'

export async function* catalogueCsv(catalogue: CatalogueQueries, onRows: (count: number) => void = () => undefined): AsyncIterable<string> {
  yield stringify([[...CSV_COLUMNS]])
  let count = 0
  for await (const page of catalogue.all()) {
    count += page.length
    yield stringify(
      page.map((p) => [
        p.handle, p.name, p.sku, p.barcodes[0] ?? '', p.barcodes.slice(1).join(' '),
        formatMajorUnits(minor(p.priceMinor)), formatMajorUnits(minor(p.costMinor)), p.category, '', String(p.vatRateBp / 100),
      ]),
    )
    onRows(count)
  }
}

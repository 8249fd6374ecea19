/** `npm run import:catalogue -- products.csv`: imports a Shopify-columns CSV while the appliance is stopped. */
import { readFileSync } from 'node:fs'
import { CatalogueImports } from '../app/catalogue-import.js'
import { EventBus } from '../app/events.js'
import { DuckDbUnitOfWork } from '../db/tx-stores.js'
import { cliActor, openForCli, progressLine } from './common.js'

const file = process.argv[2]
if (!file) {
  console.error('Usage: npm run import:catalogue -- <products.csv>')
  process.exit(64)
}
const { db } = await openForCli()
const bus = new EventBus()
bus.subscribe((event) => {
  if (event.type === 'catalogue.import.progress') {
    const job = event.job as { processedRows: number; totalRows: number; imported: number }
    progressLine(job.processedRows, job.totalRows, `${job.imported} imported`)
  }
})
const imports = new CatalogueImports(new DuckDbUnitOfWork(db, bus), bus, { now: () => new Date() })
const { done } = imports.start(readFileSync(file, 'utf8'), cliActor)
const job = await done
await db.checkpoint()
db.close()
console.log(`${job.imported} of ${job.totalRows} rows imported.`)
for (const e of job.errors) console.log(`  line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.reason}`)
process.exit(job.status === 'done' && job.errors.length === 0 ? 0 : 1)

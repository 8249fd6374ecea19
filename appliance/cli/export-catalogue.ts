/** `npm run export:catalogue -- [file.csv]`: the catalogue in Shopify product columns (stdout without a file). */
import { createWriteStream } from 'node:fs'
import { catalogueCsv } from '../app/catalogue-export.js'
import { DuckDbCatalogueQueries } from '../db/queries.js'
import { openForCli } from './common.js'

const { db } = await openForCli()
const out = process.argv[2] ? createWriteStream(process.argv[2]) : process.stdout
let rows = 0
for await (const chunk of catalogueCsv(new DuckDbCatalogueQueries(db), (n) => (rows = n))) out.write(chunk)
if (out !== process.stdout) {
  out.end()
  console.error(`${rows} products written to ${process.argv[2]}`)
}
db.close()

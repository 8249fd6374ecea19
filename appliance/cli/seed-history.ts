/**
 * `npm run seed:history -- --years 5 --lines 10000000`: years of trading history in the
 * appliance's database (stopped: DuckDB lets one process hold the file), for reports and
 * their benchmarks. A new data directory gets the demo shop first. Options: --years (5),
 * --lines (1,000,000), --end (yesterday, YYYY-MM-DD), --seed (1).
 */
import { parseArgs } from 'node:util'
import { seedDemoShop } from '../db/seed-demo.js'
import { generateHistory } from '../db/report-history.js'
import { openForCli, progressLine } from './common.js'

const { values } = parseArgs({
  options: {
    years: { type: 'string', default: '5' },
    lines: { type: 'string', default: '1000000' },
    end: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
})
const years = Number(values.years)
const lines = Number(values.lines)
const seed = Number(values.seed)
if (!(years > 0 && years <= 20) || !(Number.isInteger(lines) && lines >= 100 && lines <= 100_000_000) || !Number.isInteger(seed)) {
  console.error('Usage: npm run seed:history -- --years 1..20 --lines 100..100000000 [--end YYYY-MM-DD] [--seed N]')
  process.exit(2)
}
const end = values.end ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(Date.parse(end))) {
  console.error(`--end "${end}" is not a date (YYYY-MM-DD)`)
  process.exit(2)
}

const { db, config } = await openForCli()
try {
  const products = (await db.reader.one<{ n: number }>('SELECT count(*) AS n FROM products'))!.n
  if (products === 0) {
    console.log(`An empty shop: seeding the demo catalogue (${config.demoProducts} products) first.`)
    await seedDemoShop(db, { products: config.demoProducts })
  }
  console.log(`Generating ${years} years of history, about ${lines.toLocaleString('en-GB')} lines, ending ${end}, into ${config.databasePath}`)
  const started = performance.now()
  const summary = await generateHistory(db, { years, lines, end, seed, timeZone: config.timeZone }, ({ step, done, total }) =>
    progressLine(done, total, `${step} (${Math.round((performance.now() - started) / 1000)} s)`),
  )
  await db.checkpoint()
  console.log(`\nDone in ${summary.seconds} s: ${summary.orders.toLocaleString('en-GB')} orders, ${summary.lines.toLocaleString('en-GB')} lines, ${summary.returns.toLocaleString('en-GB')} returns, ${summary.picks.toLocaleString('en-GB')} picks.`)
  console.log(`Seconds per step: ${Object.entries(summary.steps).map(([step, s]) => `${step} ${s}`).join(', ')}`)
} finally {
  db.close()
}

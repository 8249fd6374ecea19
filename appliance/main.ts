/** The composition root: read config, start the appliance, say where it is, stop cleanly. */
import { networkInterfaces } from 'node:os'
import { loadConfig } from './config.js'
import { DEMO_STAFF } from './db/seed-demo.js'
import { startAppliance } from './start.js'

const started = performance.now()
const config = loadConfig()
const appliance = await startAppliance(config)

const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && a.family === 'IPv4' && !a.internal)
  .map((a) => `http://${a!.address}:${appliance.port}`)

console.log(`Store Appliance is open at ${appliance.url}${lanAddresses.length ? ` (on the shop's network: ${lanAddresses.join(', ')})` : ''}`)
console.log(`  data: ${config.dataDir}   started in ${Math.round(performance.now() - started)} ms`)
if (appliance.seeded) console.log(`  a demo shop was created with ${config.demoProducts} products`)
if (appliance.deps.demo) {
  console.log('  demo staff (staff ID / PIN): ' + DEMO_STAFF.map((s) => `${s.id} / ${s.pin} (${s.role})`).join(', '))
}
if (!appliance.deps.uiRoot) console.log('  the UI is not built: run `npm run build:ui` (npm start does this)')

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    console.log('Stopping…')
    appliance.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
}

/** The composition root: read config, start the appliance, say where it is, stop cleanly. */
import { networkInterfaces } from 'node:os'
import { loadConfig } from './config.js'
import { DEMO_STAFF } from './db/seed-demo.js'
import { startAppliance } from './start.js'

const started = performance.now()
const config = loadConfig()
const appliance = await startAppliance(config, { logging: { stdout: process.stdout.isTTY ? 'pretty' : 'json', captureConsole: true } })

const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && a.family === 'IPv4' && !a.internal)
  .map((a) => (appliance.httpsPort ? `https://${a!.address}:${appliance.httpsPort}` : `http://${a!.address}:${appliance.port}`))

console.log(`Store Appliance is open at ${appliance.url}${lanAddresses.length ? ` (on the shop's network: ${lanAddresses.join(', ')})` : ''}`)
console.log(`  data: ${config.dataDir}   started in ${Math.round(performance.now() - started)} ms`)
if (appliance.tls) {
  console.log(`  HTTPS: ${appliance.httpsUrl} (certificate ${appliance.tls.origin}; plain HTTP answers this machine only)`)
  if (appliance.tls.caPath) console.log(`  install ${appliance.tls.caPath} on tablets and tills (or fetch /store-appliance-ca.crt); CA fingerprint ${appliance.tls.fingerprint}`)
}
console.log(`  logs: ${appliance.logger.filePath}   nightly backup: ${config.backupSchedule.time ?? 'off'} (keeps ${config.backupSchedule.keep})`)
if (appliance.seeded) console.log(`  a demo shop was created with ${config.demoProducts} products`)
if (appliance.deps.demo) {
  // To the terminal only, never the log file: even demo PINs stay out of the logs.
  process.stdout.write('  demo staff (staff ID / PIN): ' + DEMO_STAFF.map((s) => `${s.id} / ${s.pin} (${s.role})`).join(', ') + '\n')
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

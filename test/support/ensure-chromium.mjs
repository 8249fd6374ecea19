// npm test needs Debian's Chromium for the real-browser tests. Install it when we can
// (root with apt-get); otherwise stop with the one command to run. Never skip silently.
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot) {
    console.error(`Chromium is missing for the browser tests. Run:\n  sudo apt-get update && sudo apt-get install -y chromium`)
    process.exit(1)
  }
  console.log('Installing Debian chromium for the browser tests…')
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium still missing at ${CHROMIUM}. Run: apt-get install -y chromium`)
    process.exit(1)
  }
}

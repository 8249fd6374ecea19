/**
 * Real-browser tests: Debian's Chromium driven by playwright-core (which ships no browser).
 * Flags keep it quiet and fast on a 2-core box with no network beyond loopback.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS })
}

export interface BrowserSession {
  browser: Browser
  context: BrowserContext
  page: Page
  /** Console errors and uncaught page errors, for asserting a clean run. */
  errors: string[]
  close(): Promise<void>
}

/** A fresh browser with one page at a tablet-ish landscape size (the till's screen). */
export async function openPage(baseURL: string, viewport = { width: 1280, height: 800 }): Promise<BrowserSession> {
  const browser = await launchBrowser()
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Europe/London' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  return {
    browser,
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => {})
      await browser.close()
    },
  }
}

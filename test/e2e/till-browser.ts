/**
 * Helpers for the till's browser tests: a signed-in page on the till screen, and a
 * keyboard-wedge scanner simulated as real key events with a scanner's timing.
 */
import type { Page } from 'playwright-core'
import { signIn, type Client, type TestAppliance } from '../support/appliance.js'
import type { BrowserSession } from '../support/browser.js'

/** Signs in through the API (the PIN-pad sign-in has its own test) and hands the cookie to the browser. */
export async function signInBrowser(app: TestAppliance, browser: BrowserSession, staff: string, pin: string, station: string): Promise<Client> {
  const client = await signIn(app.url, staff, pin, station)
  const cookies = client.cookie.split('; ').map((pair) => {
    const [name = '', ...value] = pair.split('=')
    return { name, value: value.join('='), url: app.url }
  })
  await browser.context.addCookies(cookies)
  return client
}

/**
 * Browser tests on two shared cores can stretch the gaps between simulated key presses
 * (each one a DevTools round trip) past the 50 ms default; a shop with slow (Bluetooth)
 * scanners sets 80–90 ms, and so do these tests (the browser tests run one file at a
 * time, see vitest.config.ts). Much more, and two scans in quick succession run together.
 */
export async function tolerantScanner(app: TestAppliance): Promise<void> {
  const maya = await signIn(app.url)
  const r = await maya.fetch('/api/settings/till', { method: 'PUT', json: { scanner: { maxInterKeyMs: 90 } } })
  if (!r.ok) throw new Error(`settings: ${r.status} ${await r.text()}`)
}

/** Opens the till screen on `till`, opening the till with a float when it is closed. */
export async function openTillScreen(page: Page, till: string, floatPounds = '100.00'): Promise<void> {
  await page.goto('/#/till')
  const choice = page.locator(`[data-till="${till}"]`)
  const state = page.locator('[data-till-state]')
  await choice.or(state).first().waitFor()
  if (await choice.isVisible()) await choice.click()
  await state.waitFor()
  if ((await state.getAttribute('data-till-state')) === 'closed') {
    await page.fill('input[name="float"]', floatPounds)
    await page.click('form.open-form button[type="submit"]')
  }
  await page.locator('pos-sale pos-search-box input').waitFor()
}

/**
 * Types `code` as a wedge scanner does: one key every `msPerKey` (USB scanners ~10–20 ms,
 * Bluetooth ones up to ~80), then Enter. Keys go wherever focus is.
 */
export async function wedgeScan(page: Page, code: string, msPerKey = 12): Promise<void> {
  await page.keyboard.type(code, { delay: msPerKey })
  await page.keyboard.press('Enter')
}

/** Collects `pos-line-added` timings (last key of a scan → line rendered) in the page. */
export async function recordScanTimings(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __scanMs: number[] }
    w.__scanMs = []
    window.addEventListener('pos-line-added', (e) => w.__scanMs.push((e as CustomEvent<{ ms: number }>).detail.ms))
  })
  return () => page.evaluate(() => (window as unknown as { __scanMs: number[] }).__scanMs)
}

export const p95 = (samples: number[]): number => [...samples].sort((a, b) => a - b)[Math.max(0, Math.ceil(samples.length * 0.95) - 1)] ?? NaN

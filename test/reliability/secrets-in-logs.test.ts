/**
 * Secrets never reach the logs: the appliance runs as a real process and is put through
 * sign-ins (a right and a wrong PIN), a manager's approval, a channel account whose channel
 * is unreachable (so sync errors get logged), a forged webhook, bad requests and a SIGKILL.
 * Then its stdout, stderr and every log file under the data directory are searched for the
 * PINs, the session cookie, the CSRF token and the channel credentials; the database file
 * and its WAL for the raw session cookie (only its hash is stored). Channel credentials in
 * the database file are covered by test/api/channel-accounts.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { signIn } from '../support/appliance.js'
import { spawnChild, type ChildAppliance } from './child.js'

const dataDir = mkdtempSync(join(tmpdir(), 'secrets-'))
let child: ChildAppliance | undefined
afterAll(async () => {
  await child?.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

it('PINs, session cookies, CSRF tokens and channel credentials never appear in the logs', { timeout: 90_000 }, async () => {
  child = await spawnChild(dataDir, { LOG_LEVEL: 'debug' })
  const wrongPin = '97531864'
  const credentials = { consumerKey: 'ck_leakcheck_4f1d2a9b7c', consumerSecret: 'cs_leakcheck_88e0c3f1d6', webhookSecret: 'whsec_leakcheck_5b7e91' }
  const maya = await signIn(child.url, 'maya', '1111', 'back-office')
  const sessionToken = /sa_session=([^;]+)/.exec(maya.cookie)![1]!
  const ask = (body: unknown) => fetch(`${child!.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  expect((await ask({ staff: 'fin', pin: wrongPin })).status).toBe(401)
  expect((await ask({ staff: 'nobody', pin: wrongPin })).status).toBe(401)
  expect((await ask({ staff: 'fin', pin: wrongPin, extra: wrongPin })).status).toBe(400)
  expect((await maya.post('/api/approvals', { staff: 'ash', pin: wrongPin, action: 'stock.adjust' })).status).toBe(401)
  const account = await maya.post('/api/channels', {
    kind: 'woocommerce', name: 'Leak check', baseUrl: 'http://127.0.0.1:9', credentials, skuMap: {}, rules: { scope: 'mapped' }, importIntervalSeconds: 60,
  })
  expect(account.status, await account.clone().text()).toBe(201)
  const { id } = (await account.json()) as { id: string }
  await maya.post(`/api/channels/${id}/sync`, {})
  await maya.post(`/api/channels/${id}/test`, {})
  await fetch(`${child.url}/api/webhooks/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wc-webhook-signature': credentials.webhookSecret }, body: '{"id":1}' })
  await maya.fetch('/api/nothing-here')
  await maya.post('/api/stock/adjustments', { sku: 'NOPE', location: 'floor', quantity: 1, reason: 'leak check' })
  await new Promise((r) => setTimeout(r, 1500)) // let the sync runner fail and log it
  await child.kill()
  const output = child.output()
  child = undefined

  const logs = filesUnder(join(dataDir, 'logs')).map((f) => readFileSync(f, 'utf8')).join('\n')
  const everything = `${output}\n${logs}`
  expect(everything.length).toBeGreaterThan(200) // there were logs to search
  const secrets: Record<string, string> = {
    'a wrong PIN': wrongPin, 'the session cookie': sessionToken, 'the CSRF token': maya.csrfToken, ...credentials,
  }
  for (const [what, secret] of Object.entries(secrets)) expect(everything.includes(secret), `${what} in the logs`).toBe(false)
  expect(everything).not.toMatch(/"pin"\s*:/)
  // The database keeps only the session cookie's hash.
  for (const file of filesUnder(dataDir).filter((f) => /appliance\.duckdb(\.wal)?$/.test(f))) {
    expect(readFileSync(file).includes(Buffer.from(sessionToken)), `the session cookie in ${file}`).toBe(false)
  }
})

/** Structured logs: JSON lines, size-based rotation with retention, and no secrets. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { captureConsole, consoleRecord } from '../../appliance/ops/console-bridge.js'
import { Logger } from '../../appliance/ops/logger.js'
import { isSecretKey, redact } from '../../appliance/ops/redact.js'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-log-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)

describe('the structured logger', () => {
  it('writes one JSON object per line with time, level, msg and fields', () => {
    const dir = tempDir()
    const log = new Logger({ level: 'info', file: { path: join(dir, 'appliance.log') }, now: () => new Date('2026-03-01T10:00:00Z') })
    log.debug('hidden below the threshold')
    log.info('sale completed', { receipt: 'S-01-000001', totalMinor: 1299 })
    log.child({ component: 'sync' }).warn('channel slow', { account: 'shopify-1' })
    log.close()
    expect(lines(join(dir, 'appliance.log'))).toEqual([
      { time: '2026-03-01T10:00:00.000Z', level: 'info', msg: 'sale completed', receipt: 'S-01-000001', totalMinor: 1299 },
      { time: '2026-03-01T10:00:00.000Z', level: 'warn', msg: 'channel slow', component: 'sync', account: 'shopify-1' },
    ])
  })

  it('rotates by size and keeps only the configured number of old files', () => {
    const dir = tempDir()
    const path = join(dir, 'appliance.log')
    const log = new Logger({ file: { path, maxBytes: 2048, keep: 3 } })
    for (let i = 0; i < 400; i++) log.info('line', { i, padding: 'x'.repeat(40) })
    log.close()
    expect(readdirSync(dir).sort()).toEqual(['appliance.log', 'appliance.log.1', 'appliance.log.2', 'appliance.log.3'])
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(2048)
    // The newest lines are in the live file, in order, and the rotated files hold the ones just before.
    const live = lines(path).map((l) => l['i'] as number)
    const previous = lines(`${path}.1`).map((l) => l['i'] as number)
    expect(live.at(-1)).toBe(399)
    expect(previous.at(-1)! + 1).toBe(live[0])
    // A restart appends to the live file rather than truncating it.
    const again = new Logger({ file: { path, maxBytes: 2048, keep: 3 } })
    again.info('after restart')
    again.close()
    expect(lines(path).at(-1)!['msg']).toBe('after restart')
  })

  it('never writes PINs, passwords, tokens, cookies, authorization headers or credentials', () => {
    const dir = tempDir()
    const path = join(dir, 'appliance.log')
    const log = new Logger({ file: { path } })
    log.warn('sign-in refused for pin=4321 with token: tok-abcdef', {
      staff: 'maya',
      pin: '1111',
      newPin: '2222',
      password: 'hunter2',
      csrfToken: 'csrf-123456',
      headers: { Authorization: 'Bearer sekret-bearer', cookie: 'sa_session=session-tok', 'set-cookie': 'sa_session=session-tok2' },
      account: { credentials: { apiKey: 'shpat_live', clientSecret: 'cs_live' }, credentials_enc: 'v1:blob' },
      body: '{"staff":"maya","pin":"3333"}',
      shipping_minor: 495,
      err: new Error('upstream said Authorization: Bearer leaked-in-error'),
    })
    log.close()
    const text = readFileSync(path, 'utf8')
    for (const secret of ['4321', 'tok-abcdef', '1111', '2222', 'hunter2', 'csrf-123456', 'sekret-bearer', 'session-tok', 'shpat_live', 'cs_live', 'v1:blob', '3333', 'leaked-in-error']) {
      expect(text, secret).not.toContain(secret)
    }
    const [line] = lines(path)
    expect(line!['staff']).toBe('maya')
    expect(line!['shipping_minor']).toBe(495)
    expect(line!['pin']).toBe('[redacted]')
  })

  it('tells secret field names from innocent ones', () => {
    for (const key of ['pin', 'PIN', 'newPin', 'pin_hash', 'password', 'csrfToken', 'x-csrf-token', 'Cookie', 'set-cookie', 'authorization', 'credentials', 'credentials_enc', 'apiKey', 'api_key', 'privateKey', 'clientSecret', 'secret']) {
      expect(isSecretKey(key), key).toBe(true)
    }
    for (const key of ['shipping_minor', 'spinner', 'pinned', 'staff', 'sku', 'keyboard', 'idempotencyKey', 'account']) {
      expect(isSecretKey(key), key).toBe(false)
    }
    expect(redact({ big: 12n, when: new Date('2026-01-01T00:00:00Z') })).toEqual({ big: '12', when: '2026-01-01T00:00:00.000Z' })
  })

  it('routes console calls through the logger with the [tag] as component', () => {
    const dir = tempDir()
    const path = join(dir, 'appliance.log')
    const log = new Logger({ file: { path } })
    const restore = captureConsole(log)
    try {
      console.error('[sync] shopify-1 import:', new Error('HTTP 500 with cookie: sa_session=abc123'))
      console.log('Store Appliance is open at %s', 'http://127.0.0.1:8080')
    } finally {
      restore()
    }
    log.close()
    const [first, second] = lines(path)
    expect(first).toMatchObject({ level: 'error', component: 'sync', msg: 'shopify-1 import:', err: { name: 'Error' } })
    expect(JSON.stringify(first)).not.toContain('abc123')
    expect(second).toMatchObject({ level: 'info', msg: 'Store Appliance is open at http://127.0.0.1:8080' })
    expect(consoleRecord(['plain'])).toEqual({ msg: 'plain', fields: {} })
  })
})

describe('logs of a running appliance', () => {
  it('go to <dataDir>/logs/appliance.log as JSON lines, with console output routed in and no PIN or cookie', async () => {
    const { loadConfig } = await import('../../appliance/config.js')
    const { startAppliance } = await import('../../appliance/start.js')
    const { signIn } = await import('../support/appliance.js')
    const dataDir = tempDir()
    const config = loadConfig({ APPLIANCE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', APPLIANCE_DEMO: '1' })
    const appliance = await startAppliance(config, { logging: { stdout: false, captureConsole: true } })
    let cookie: string
    try {
      const maya = await signIn(appliance.url, 'maya', '1111')
      cookie = maya.cookie.split('=')[1]!
      await fetch(`${appliance.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: 'ash', pin: '9876' }) })
      // What a failing module would log: its own tag, an error quoting a request.
      console.error('[api] POST /api/session failed', new Error(`body {"staff":"maya","pin":"1111"} cookie: sa_session=${cookie}`))
      await appliance.backupSchedule!.runNow()
    } finally {
      await appliance.stop()
    }
    const path = join(dataDir, 'logs', 'appliance.log')
    const text = readFileSync(path, 'utf8')
    const records = lines(path)
    for (const r of records) expect(Object.keys(r).slice(0, 3)).toEqual(['time', 'level', 'msg'])
    expect(records).toContainEqual(expect.objectContaining({ level: 'error', component: 'api', msg: 'POST /api/session failed' }))
    expect(records).toContainEqual(expect.objectContaining({ level: 'info', component: 'backup', msg: 'scheduled backup written' }))
    for (const secret of ['1111', '9876', cookie]) expect(text).not.toContain(secret)
  })
})

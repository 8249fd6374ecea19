/**
 * HTTPS on the LAN: a certificate made on first start (a local CA and a server certificate
 * naming the machine's addresses), PIN sign-in over HTTPS with a Secure cookie, plain HTTP
 * kept for loopback and redirected for everyone else, and a supplied certificate used as is.
 */
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { certificateNames, loadOrCreateTls } from '../../appliance/ops/tls.js'
import { signIn, startAppliance, type TestAppliance } from '../support/appliance.js'
import { httpsRequest } from './https-client.js'

const lanAddress = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address

describe('HTTPS on the LAN', () => {
  let appliance: TestAppliance
  let ca: string

  beforeAll(async () => {
    appliance = await startAppliance({ env: { APPLIANCE_HTTPS: 'on', HTTPS_PORT: '0', HOST: '0.0.0.0', APPLIANCE_TLS_HOSTNAMES: 'till.shop.lan' } })
    ca = readFileSync(join(appliance.dataDir, 'tls', 'ca.crt'), 'utf8')
  })
  afterAll(async () => appliance?.stop())

  it('generates a CA and a server certificate on first start, keys readable by the service only', () => {
    expect(appliance.tls?.origin).toBe('created')
    for (const key of ['ca.key', 'server.key']) expect(statSync(join(appliance.dataDir, 'tls', key)).mode & 0o777).toBe(0o600)
    const server = new X509Certificate(readFileSync(join(appliance.dataDir, 'tls', 'server.crt')))
    expect(server.checkIssued(new X509Certificate(ca))).toBe(true)
    expect(server.ca).toBe(false)
    const names = certificateNames(server.toString())
    expect(names).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '::1', 'till.shop.lan']))
    if (lanAddress) expect(names).toContain(lanAddress)
  })

  it('answers /health over HTTPS to a client that trusts only the appliance CA', async () => {
    const answer = await httpsRequest(`https://localhost:${appliance.httpsPort}/health`, { ca })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok' })
    expect(answer.peer.subjectaltname).toContain('IP Address:127.0.0.1')
  })

  it('signs in with a PIN over HTTPS and the session cookie is Secure and HttpOnly', async () => {
    const url = `https://127.0.0.1:${appliance.httpsPort}`
    const session = await httpsRequest(`${url}/api/session`, {
      ca, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: 'maya', pin: '1111', station: 'tablet-1' }),
    })
    expect(session.status).toBe(201)
    const cookie = ([] as string[]).concat(session.headers['set-cookie'] ?? []).find((c) => c.startsWith('sa_session='))!
    expect(cookie).toMatch(/;\s*Secure/i)
    expect(cookie).toMatch(/HttpOnly/i)
    const me = await httpsRequest(`${url}/api/session`, { ca, headers: { cookie: cookie.split(';')[0]! } })
    expect(me.status).toBe(200)
    expect(JSON.parse(me.body)).toMatchObject({ staff: { id: 'maya' }, station: 'tablet-1' })
  })

  it('carries the live updates (socket.io) over HTTPS with the Secure session cookie', async () => {
    const { io } = await import('socket.io-client')
    const url = `https://127.0.0.1:${appliance.httpsPort}`
    const session = await httpsRequest(`${url}/api/session`, {
      ca, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: 'maya', pin: '1111', station: 'tablet-2' }),
    })
    const cookie = ([] as string[]).concat(session.headers['set-cookie'] ?? []).find((c) => c.startsWith('sa_session='))!.split(';')[0]!
    const socket = io(url, { extraHeaders: { cookie }, transports: ['websocket'], ca })
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve())
        socket.on('connect_error', reject)
      })
      expect(socket.connected).toBe(true)
    } finally {
      socket.close()
    }
  })

  it('keeps plain HTTP for this machine (kiosk, tools) and the cookie there is not Secure', async () => {
    const client = await signIn(appliance.url)
    expect(client.cookie).toMatch(/^sa_session=/)
    expect((await fetch(`${appliance.url}/health`)).status).toBe(200)
  })

  it.runIf(lanAddress)('redirects a LAN client from HTTP to HTTPS, where the certificate matches the LAN address', async () => {
    const plain = await fetch(`http://${lanAddress}:${appliance.port}/till?x=1`, { redirect: 'manual' })
    expect(plain.status).toBe(308)
    expect(plain.headers.get('location')).toBe(`https://${lanAddress}:${appliance.httpsPort}/till?x=1`)
    // A PIN sent to plain HTTP from the LAN is never processed.
    const pin = await fetch(`http://${lanAddress}:${appliance.port}/api/session`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: 'maya', pin: '1111' }) })
    expect(pin.status).toBe(308)
    expect(pin.headers.get('set-cookie')).toBeNull()
    const caDownload = await fetch(`http://${lanAddress}:${appliance.port}/store-appliance-ca.crt`)
    expect(await caDownload.text()).toBe(ca)
    const secure = await httpsRequest(`https://${lanAddress}:${appliance.httpsPort}/health`, { ca })
    expect(secure.status).toBe(200)
  })
})

describe('the certificate across restarts and when supplied', () => {
  it('keeps the CA and server certificate on a restart, renews only the server certificate when names change', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ops-tls-'))
    try {
      const first = await loadOrCreateTls({ dataDir })
      const again = await loadOrCreateTls({ dataDir })
      expect(again.origin).toBe('kept')
      expect(again.cert).toBe(first.cert)
      const moved = await loadOrCreateTls({ dataDir, hostnames: ['10.9.8.7'] })
      expect(moved.origin).toBe('renewed')
      expect(moved.caCert).toBe(first.caCert)
      expect(moved.names).toContain('10.9.8.7')
      const later = await loadOrCreateTls({ dataDir, now: new Date(Date.now() + 380 * 86_400_000), hostnames: ['10.9.8.7'] })
      expect(later.origin).toBe('renewed')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('serves a supplied certificate and key as they are', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ops-tls-'))
    const made = await loadOrCreateTls({ dataDir: join(dataDir, 'elsewhere') })
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(dataDir, 'shop.crt'), made.cert)
    writeFileSync(join(dataDir, 'shop.key'), made.key)
    const appliance = await startAppliance({
      dataDir: join(dataDir, 'data'),
      env: { APPLIANCE_HTTPS: 'on', HTTPS_PORT: '0', APPLIANCE_TLS_CERT: join(dataDir, 'shop.crt'), APPLIANCE_TLS_KEY: join(dataDir, 'shop.key') },
    })
    try {
      expect(appliance.tls?.origin).toBe('supplied')
      const answer = await httpsRequest(`https://127.0.0.1:${appliance.httpsPort}/health`, { ca: made.caCert! })
      expect(answer.status).toBe(200)
      expect(answer.peer.fingerprint256).toBe(new X509Certificate(made.cert).fingerprint256)
    } finally {
      await appliance.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('the HTTPS settings', () => {
  it('default to on from the real environment and off for configs built in code; port 8443, or any when PORT is 0', async () => {
    const { loadConfig } = await import('../../appliance/config.js')
    expect(loadConfig({ APPLIANCE_DATA_DIR: '/tmp/x' }).https).toMatchObject({ enabled: false, port: 8443 })
    expect(loadConfig({ APPLIANCE_DATA_DIR: '/tmp/x', APPLIANCE_HTTPS: 'on', PORT: '0' }).https).toMatchObject({ enabled: true, port: 0 })
    const saved = { ...process.env }
    try {
      delete process.env['APPLIANCE_HTTPS']
      process.env['PORT'] = '8080'
      expect(loadConfig().https).toMatchObject({ enabled: true, port: 8443 })
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
    expect(() => loadConfig({ APPLIANCE_TLS_CERT: '/etc/cert.pem' })).toThrow(/both APPLIANCE_TLS_CERT and APPLIANCE_TLS_KEY/)
    expect(() => loadConfig({ APPLIANCE_BACKUP_TIME: '25:00' })).toThrow(/HH:MM/)
  })
})

describe('who counts as this machine', () => {
  it('is loopback in IPv4, IPv6 and IPv4-mapped form, and nothing else', async () => {
    const { isLoopback } = await import('../../appliance/ops/https-front.js')
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true)
    for (const a of ['192.168.1.20', '::ffff:192.168.1.20', 'fd00::2', '10.127.0.1', undefined]) expect(isLoopback(a), String(a)).toBe(false)
  })
})

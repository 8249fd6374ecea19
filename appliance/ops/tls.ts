/**
 * The appliance's HTTPS certificate. Supplied (APPLIANCE_TLS_CERT/KEY: the shop's own,
 * e.g. from its router or an internal CA) or generated on first start under
 * `<dataDir>/tls`: a small local CA (10 years; install `ca.crt` once on each tablet and
 * till) and a server certificate it signs, naming every LAN address and hostname of the
 * mini-PC. The server certificate is renewed on start when it is near expiry or when the
 * machine gained an address it does not name (DHCP moved it), without changing the CA,
 * so devices that trust the CA keep trusting the appliance. Pure JS (selfsigned uses
 * WebCrypto): no openssl binary at runtime.
 */
import { X509Certificate } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname, networkInterfaces } from 'node:os'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { generate } from 'selfsigned'

export interface TlsMaterial {
  key: string
  cert: string
  /** The local CA's certificate (PEM), when the appliance made its own. */
  caCert: string | undefined
  caPath: string | undefined
  /** SHA-256 fingerprint of the CA (or of the supplied certificate), to check by eye on a tablet. */
  fingerprint: string
  /** DNS names and IP addresses the certificate covers. */
  names: string[]
  /** 'supplied' | 'created' (first start) | 'renewed' | 'kept'. */
  origin: 'supplied' | 'created' | 'renewed' | 'kept'
}

export interface TlsOptions {
  dataDir: string
  certFile?: string | undefined
  keyFile?: string | undefined
  /** Extra names/addresses to cover. */
  hostnames?: readonly string[]
  now?: Date
}

const DAY = 86_400_000
const SERVER_DAYS = 397 // browsers refuse longer-lived server certificates
const RENEW_WITHIN_DAYS = 30

/** The names this machine answers to: localhost, its hostname (and .local for mDNS), every address. */
export function lanNames(extra: readonly string[] = []): string[] {
  const host = hostname()
  const addresses = Object.values(networkInterfaces()).flat()
    .filter((a) => a && !(a.family === 'IPv6' && a.address.startsWith('fe80')))
    .map((a) => a!.address)
  return [...new Set(['localhost', host, `${host}.local`, '127.0.0.1', '::1', ...addresses, ...extra].map((n) => n.toLowerCase()))]
}

/** The DNS names and IP addresses a certificate's subjectAltName lists (IPv6 normalised). */
export function certificateNames(pem: string): string[] {
  const san = new X509Certificate(pem).subjectAltName ?? ''
  return san.split(', ').filter(Boolean).map((entry) => {
    const [kind, ...rest] = entry.split(':')
    const value = rest.join(':')
    return kind === 'IP Address' && isIP(value) === 6 ? normaliseV6(value) : value.toLowerCase()
  })
}

function normaliseV6(address: string): string {
  // 0:0:0:0:0:0:0:1 → ::1 (what networkInterfaces() reports)
  return new URL(`http://[${address}]/`).hostname.replace(/^\[|\]$/g, '')
}

export async function loadOrCreateTls(options: TlsOptions): Promise<TlsMaterial> {
  const now = options.now ?? new Date()
  if (options.certFile && options.keyFile) {
    const cert = readFileSync(options.certFile, 'utf8')
    return { key: readFileSync(options.keyFile, 'utf8'), cert, caCert: undefined, caPath: undefined, fingerprint: new X509Certificate(cert).fingerprint256, names: certificateNames(cert), origin: 'supplied' }
  }
  const dir = join(options.dataDir, 'tls')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const paths = { caKey: join(dir, 'ca.key'), caCert: join(dir, 'ca.crt'), key: join(dir, 'server.key'), cert: join(dir, 'server.crt') }
  const wanted = lanNames(options.hostnames)

  let created = false
  if (!existsSync(paths.caKey) || !existsSync(paths.caCert)) {
    const ca = await generate([{ name: 'commonName', value: `Store Appliance local CA (${hostname()})` }, { name: 'organizationName', value: 'Store Appliance' }], {
      keyType: 'ec', algorithm: 'sha256', notBeforeDate: new Date(now.getTime() - DAY), notAfterDate: new Date(now.getTime() + 3650 * DAY),
      extensions: [{ name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }],
    })
    writeSecret(paths.caKey, ca.private)
    writeFileSync(paths.caCert, ca.cert)
    created = true
  }
  const caKey = readFileSync(paths.caKey, 'utf8')
  const caCert = readFileSync(paths.caCert, 'utf8')

  let origin: TlsMaterial['origin'] = 'kept'
  if (created || needsRenewal(paths.cert, caCert, wanted, now)) {
    const server = await generate([{ name: 'commonName', value: hostname() }], {
      keyType: 'ec', algorithm: 'sha256', ca: { key: caKey, cert: caCert },
      notBeforeDate: new Date(now.getTime() - DAY), notAfterDate: new Date(now.getTime() + SERVER_DAYS * DAY),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: wanted.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
      ],
    })
    writeSecret(paths.key, server.private)
    writeFileSync(paths.cert, server.cert)
    origin = created ? 'created' : 'renewed'
  }
  const cert = readFileSync(paths.cert, 'utf8')
  return {
    key: readFileSync(paths.key, 'utf8'), cert, caCert, caPath: paths.caCert,
    fingerprint: new X509Certificate(caCert).fingerprint256, names: certificateNames(cert), origin,
  }
}

function needsRenewal(certPath: string, caCert: string, wanted: string[], now: Date): boolean {
  if (!existsSync(certPath)) return true
  try {
    const pem = readFileSync(certPath, 'utf8')
    const cert = new X509Certificate(pem)
    if (!cert.checkIssued(new X509Certificate(caCert))) return true
    if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_WITHIN_DAYS * DAY) return true
    const have = new Set(certificateNames(pem))
    return wanted.some((n) => !have.has(n))
  } catch {
    return true
  }
}

function writeSecret(path: string, pem: string): void {
  writeFileSync(path, pem, { mode: 0o600 })
  chmodSync(path, 0o600)
}

/** A tiny HTTPS client for tests that trusts only the given CA (fetch has no per-call CA option). */
import { request } from 'node:https'
import type { PeerCertificate, TLSSocket } from 'node:tls'

export interface HttpsAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  peer: PeerCertificate
}

export function httpsRequest(url: string, options: { ca: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, ca: options.ca, agent: false }, (res) => {
      const peer = (res.socket as TLSSocket).getPeerCertificate()
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), peer }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/**
 * How the two listeners share one app when HTTPS is on. HTTPS (8443) serves everything,
 * with the session cookie marked Secure. Plain HTTP (8080) serves loopback clients as
 * before — the till's kiosk browser on the mini-PC itself, the command-line tools, the
 * demo channels — and sends every other client to HTTPS, so a PIN typed on a tablet
 * never crosses the shop's network in clear. The one thing HTTP gives the LAN is the
 * local CA's certificate, to install on a tablet before its first HTTPS visit.
 */
import type { IncomingMessage } from 'node:http'

export type Fetch = (request: Request, env: { incoming: IncomingMessage }) => Response | Promise<Response>
export const CA_PATH = '/store-appliance-ca.crt'

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
}

/** The HTTP listener: loopback → the app; anyone else → 308 to the same path on HTTPS. */
export function httpFront(app: Fetch, options: { httpsPort: number; caCert: string | undefined }): Fetch {
  return (request, env) => {
    if (isLoopback(env.incoming.socket.remoteAddress)) return app(request, env)
    const url = new URL(request.url)
    if (url.pathname === CA_PATH && options.caCert) {
      return new Response(options.caCert, { headers: { 'Content-Type': 'application/x-x509-ca-cert', 'Content-Disposition': 'attachment; filename="store-appliance-ca.crt"' } })
    }
    url.protocol = 'https:'
    url.port = String(options.httpsPort)
    return new Response(null, { status: 308, headers: { Location: url.toString(), 'Cache-Control': 'no-store' } })
  }
}

/** The HTTPS listener: the app, with `Secure` added to every cookie it sets. */
export function httpsFront(app: Fetch, options: { caCert: string | undefined }): Fetch {
  return async (request, env) => {
    const url = new URL(request.url)
    if (url.pathname === CA_PATH && options.caCert) {
      return new Response(options.caCert, { headers: { 'Content-Type': 'application/x-x509-ca-cert', 'Content-Disposition': 'attachment; filename="store-appliance-ca.crt"' } })
    }
    const response = await app(request, env)
    const cookies = response.headers.getSetCookie()
    if (!cookies.length) return response
    const headers = new Headers(response.headers)
    headers.delete('set-cookie')
    for (const cookie of cookies) headers.append('set-cookie', /;\s*secure\b/i.test(cookie) ? cookie : `${cookie}; Secure`)
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  }
}

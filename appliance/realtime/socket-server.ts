/**
 * socket.io on the appliance's HTTP server, fed by the event bus. A socket must
 * carry a live session cookie and come from the appliance's own pages (a browser sends
 * the page's Origin; another site's page is refused, as for HTTP writes); events go to
 * every signed-in screen.
 */
import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'
import type { EventBus } from '../app/events.js'
import type { Clock } from '../app/ports.js'
import type { SessionCache } from '../app/session-cache.js'

const COOKIE = 'sa_session'

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return undefined
}

/** True when an Origin header, if any, names the host the request was sent to. */
function sameSite(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

export function attachRealtime(http: HttpServer, deps: { bus: EventBus; sessions: SessionCache; clock: Clock }): Server {
  const io = new Server(http, { serveClient: false, cors: { origin: false } })
  io.use((socket, next) => {
    if (!sameSite(socket.request.headers.origin, socket.request.headers.host)) return next(new Error('Connections from other sites are refused'))
    const token = cookieValue(socket.request.headers.cookie, COOKIE)
    if (!token) return next(new Error('Please sign in'))
    deps.sessions
      .resolve(token, deps.clock.now())
      .then((auth) => {
        if (!auth) return next(new Error('Please sign in'))
        socket.data.staffId = auth.staff.id
        socket.data.station = auth.session.station
        void socket.join(`station:${auth.session.station}`)
        next()
      })
      .catch(next)
  })
  const unsubscribe = deps.bus.subscribe((event) => {
    const { type, ...payload } = event
    if (type === 'catalogue.changed') return
    if (type === 'scanner.scan') {
      // A scan belongs to its station's till only, never to every screen.
      for (const station of event.stations) io.to(`station:${station}`).emit(type, payload)
      return
    }
    if (type === 'catalogue.import.progress') io.emit(type, (payload as { job: unknown }).job)
    else io.emit(type, payload)
  })
  io.on('close', unsubscribe)
  return io
}

/**
 * GET /metrics for Prometheus. Not a staff route (a scraper has no PIN): it takes a
 * bearer token instead — APPLIANCE_METRICS_TOKEN or `<dataDir>/secrets/metrics-token` —
 * so an anonymous call from the LAN is refused like every other route. The figures are
 * counts, sums and ages only: no personal data (see docs/OPERATIONS.md).
 */
import { timingSafeEqual } from 'node:crypto'
import type { AppDeps } from '../deps.js'
import { problem } from '../error-handler.js'
import { route } from '../route.js'

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export const metricsRoutes = (deps: AppDeps) => [
  route({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (sales, queue depths, sync lag, print failures, memory); send `Authorization: Bearer <metrics token>`',
    roles: 'public',
    async handler({ c }) {
      const metrics = deps.metrics
      if (!metrics) return problem(c, 404, 'not_found', 'Metrics are not enabled on this appliance.')
      const header = c.req.header('authorization') ?? ''
      const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
      if (!given || !sameToken(given, metrics.token)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"')
        return problem(c, 401, 'unauthenticated', 'Send the metrics token as "Authorization: Bearer <token>" (it is in the data directory: secrets/metrics-token).')
      }
      return c.body(await metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' })
    },
  }),
]

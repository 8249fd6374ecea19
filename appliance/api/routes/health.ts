import type { Health } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { route } from '../route.js'

export const healthRoutes = (deps: AppDeps) => [
  route({
    method: 'get',
    path: '/health',
    summary: 'Is the appliance up (and is it the demo shop)?',
    roles: 'public',
    handler: ({ c }) => c.json({ status: 'ok', demo: deps.demo, version: deps.version } satisfies Health),
  }),
]

/** Backups from the UI: start one (progress over socket.io) and list them. */
import type { BackupInfo, BackupStarted } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { MANAGERS, route } from '../route.js'

export const backupRoutes = (deps: AppDeps) => {
  let running: Promise<unknown> | null = null
  return [
    route({
      method: 'post',
      path: '/api/backups',
      summary: 'Back up the database now (a consistent snapshot while the shop keeps selling)',
      roles: MANAGERS,
      status: 202,
      async handler({ c, actor, now }) {
        if (running) return c.json({ status: 'running' } satisfies BackupStarted, 202)
        running = deps.backups
          .create((p) => deps.bus.publish({ type: 'backup.progress', ...p }))
          .then((summary) =>
            deps.uow.run((s) => s.audit.record({ action: 'backup.created', actor, entity: 'backup', entityId: summary.name, occurredAt: now, details: { tables: summary.tables } })),
          )
          .catch((error: unknown) => {
            console.error('[backup] failed', error)
            deps.bus.publish({ type: 'backup.progress', name: 'backup', step: 'failed', done: 0, total: 0, failed: (error as Error).message })
          })
          .finally(() => (running = null))
        return c.json({ status: 'started' } satisfies BackupStarted, 202)
      },
    }),
    route({
      method: 'get',
      path: '/api/backups',
      summary: 'Backups on this appliance, newest first',
      roles: MANAGERS,
      handler: async ({ c }) => c.json({ items: (await deps.backups.list()) satisfies BackupInfo[] }),
    }),
  ]
}

/** Serves the built UI: files from ui/dist (no path escapes it), and index.html for app routes. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'

export function serveUi(app: Hono, root: string): void {
  let index: string | undefined
  app.use('/*', serveStatic({ root }))
  app.get('/*', (c) => {
    index ??= readFileSync(join(root, 'index.html'), 'utf8')
    return c.html(index)
  })
}

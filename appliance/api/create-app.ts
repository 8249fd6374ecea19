/**
 * Builds the hono app from its dependencies (no module singletons): every route is
 * mounted with body limits, session auth, role checks, CSRF and zod validation, then
 * the built UI is served for everything else.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import type { z } from 'zod'
import { actorOf } from '../app/auth.js'
import type { AppDeps } from './deps.js'
import { handleError, problem, RequestValidationError } from './error-handler.js'
import { buildOpenApi } from './openapi.js'
import type { RouteDef } from './route.js'
import { allRoutes } from './routes/index.js'
import { serveUi } from './static.js'

export const SESSION_COOKIE = 'sa_session'
export const CSRF_HEADER = 'x-csrf-token'
const ONE_MB = 1024 * 1024
const SAFE_METHODS = new Set(['get', 'head', 'options'])

export function createApp(deps: AppDeps): { app: Hono; routes: RouteDef[] } {
  const app = new Hono()
  const routes = allRoutes(deps)
  app.onError(handleError)
  app.notFound((c) => problem(c, 404, 'not_found', `There is nothing at ${c.req.path}.`))

  const openApi = buildOpenApi(routes, deps.version)
  app.get('/api/openapi.json', (c) => c.json(openApi))

  for (const def of routes) {
    const limit = bodyLimit({
      maxSize: def.maxBodyBytes ?? ONE_MB,
      onError: (c) => {
        // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
        c.header('Connection', 'close')
        return problem(c, 413, 'payload_too_large', `The request is larger than ${Math.round((def.maxBodyBytes ?? ONE_MB) / ONE_MB)} MB.`)
      },
    })
    app.on(def.method.toUpperCase(), def.path, limit, (c) => handle(def, deps, c))
  }
  // Anything under /api that no route matched is a 404 problem, never the UI page.
  app.all('/api/*', (c) => problem(c, 404, 'not_found', `There is no ${c.req.method} ${c.req.path} on this appliance.`))
  if (deps.uiRoot) serveUi(app, deps.uiRoot)
  return { app, routes }
}

async function handle(def: RouteDef, deps: AppDeps, c: Context): Promise<Response> {
  const now = deps.clock.now()
  const auth = def.roles === 'public' ? undefined : await authenticate(def, deps, c, now)
  if (auth instanceof Response) return auth
  if (!SAFE_METHODS.has(def.method)) {
    const crossSite = checkOrigin(c)
    if (crossSite) return crossSite
    if (auth && c.req.header(CSRF_HEADER) !== auth.session.csrfToken) {
      return problem(c, 403, 'csrf', 'This page is out of date. Reload it and try again.')
    }
  }
  const idempotencyKey = c.req.header('idempotency-key')
  if (idempotencyKey !== undefined && !/^[\w.:-]{8,100}$/.test(idempotencyKey)) {
    throw new RequestValidationError('header', [{ field: 'Idempotency-Key', message: 'use 8 to 100 letters, digits, dots, colons, dashes or underscores' }])
  }
  const body = await readBody(def, c)
  const query = parse(def.query, 'query', c.req.query())
  const params = parse(def.params, 'path', c.req.param())
  return def.handler({
    c, body, query, params, now, idempotencyKey,
    actor: auth ? actorOf(auth.staff, auth.session.station) : (undefined as never),
    session: auth?.session as never,
    staffName: auth?.staff.name ?? '',
  })
}

async function authenticate(def: RouteDef, deps: AppDeps, c: Context, now: Date) {
  const token = getCookie(c, SESSION_COOKIE)
  const auth = token ? await deps.sessions.resolve(token, now) : undefined
  if (!auth) return problem(c, 401, 'unauthenticated', 'Please sign in again: your session has ended.')
  if (def.roles !== 'public' && !def.roles.includes(auth.staff.role)) {
    return problem(c, 403, 'forbidden', `${auth.staff.name} (${auth.staff.role}) can't do this: ask a ${def.roles.includes('manager') ? 'manager' : 'colleague with access'}.`)
  }
  return auth
}

/** Refuses a state-changing request sent by another site's page (defence beside the CSRF token). */
function checkOrigin(c: Context): Response | undefined {
  const origin = c.req.header('origin')
  if (!origin) return undefined
  const host = c.req.header('host')
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    originHost = ''
  }
  return originHost === host ? undefined : problem(c, 403, 'csrf', 'Requests from other sites are refused.')
}

async function readBody(def: RouteDef, c: Context): Promise<unknown> {
  if (!def.body) return undefined
  const text = await c.req.text()
  if (def.bodyType === 'csv') return parse(def.body, 'body', text)
  const type = c.req.header('content-type') ?? ''
  if (!type.includes('application/json')) {
    throw new RequestValidationError('header', [{ field: 'Content-Type', message: 'send the request as JSON (application/json)' }])
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new RequestValidationError('body', [{ field: 'body', message: 'the request body is not valid JSON' }])
  }
  return parse(def.body, 'body', json)
}

function parse<T>(schema: z.ZodType<T> | undefined, where: 'body' | 'query' | 'path', value: unknown): T {
  if (!schema) return undefined as T
  const result = schema.safeParse(value)
  if (!result.success) throw RequestValidationError.fromZod(where, result.error)
  return result.data
}

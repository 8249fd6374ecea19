/** Sign in with a PIN, see who is signed in, sign out, and a manager's one-action approval. */
import { deleteCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { APPROVAL_ACTIONS, signIn, signOut } from '../../app/auth.js'
import type { StaffRecord, SessionRecord } from '../../app/ports.js'
import type { ApprovalGrant, SessionInfo } from '../contract.js'
import { SESSION_COOKIE } from '../create-app.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, route } from '../route.js'

const StaffId = z.string().trim().toLowerCase().min(1, 'enter your staff ID').max(40)
const Pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits')
const Station = z.string().trim().min(1).max(40).regex(/^[\w .-]+$/, 'a station name has letters, digits, spaces, dots or dashes')

const info = (session: SessionRecord, staff: Pick<StaffRecord, 'id' | 'name' | 'role'>, demo: boolean): SessionInfo => ({
  staff: { id: staff.id, name: staff.name, role: staff.role },
  station: session.station,
  csrfToken: session.csrfToken,
  expiresAt: session.expiresAt.toISOString(),
  demo,
})

export const sessionRoutes = (deps: AppDeps) => [
  route({
    method: 'post',
    path: '/api/session',
    summary: 'Sign in with staff ID and PIN; sets the session cookie',
    roles: 'public',
    body: z.strictObject({ staff: StaffId, pin: Pin, station: Station.optional() }),
    status: 201,
    async handler({ c, body, now }) {
      const { token, session, staff } = await signIn(deps.uow, { staff: body.staff, pin: body.pin, station: body.station ?? 'web' }, now, deps.sessionIdleMs)
      deps.sessions.add(session, staff)
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: deps.secureCookies, maxAge: Math.floor(deps.sessionIdleMs / 1000) })
      return c.json(info(session, staff, deps.demo), 201)
    },
  }),
  route({
    method: 'get',
    path: '/api/session',
    summary: 'Who is signed in here',
    roles: ALL_STAFF,
    handler: ({ c, session, actor, staffName }) =>
      c.json(info(session, { id: actor.staffId, role: actor.role, name: staffName }, deps.demo)),
  }),
  route({
    method: 'delete',
    path: '/api/session',
    summary: 'Sign out',
    roles: ALL_STAFF,
    async handler({ c, session, actor, now }) {
      await deps.uow.run((s) => signOut(s, session.id, actor, now))
      deps.sessions.forget(session.id)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    },
  }),
  route({
    method: 'post',
    path: '/api/approvals',
    summary: "A manager's PIN approves one action for the signed-in person",
    roles: ALL_STAFF,
    body: z.strictObject({ staff: StaffId, pin: Pin, action: z.enum(APPROVAL_ACTIONS) }),
    status: 201,
    async handler({ c, body, actor, now }) {
      const grant = await deps.approvals.grant(deps.uow, body, actor, now)
      const answer: ApprovalGrant = { token: grant.token, action: grant.action, approvedBy: grant.approvedBy, approvedByName: grant.approvedByName, expiresAt: grant.expiresAt.toISOString() }
      return c.json(answer, 201)
    },
  }),
]

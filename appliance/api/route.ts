/**
 * Routes are data: method, path, the roles that may call it, and zod schemas for
 * what it takes. create-app.ts mounts them with auth, CSRF and validation; the
 * OpenAPI document and the security tests read the same list.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import type { Actor, SessionRecord } from '../app/ports.js'
import type { Role } from '../core/staff.js'

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface RouteContext<B, Q, P> {
  c: Context
  body: B
  query: Q
  params: P
  /** Undefined only on public routes. */
  actor: Actor
  session: SessionRecord
  staffName: string
  /** The `Idempotency-Key` header, on routes that take one. */
  idempotencyKey: string | undefined
  now: Date
}

export interface RouteDef<B = unknown, Q = unknown, P = unknown> {
  method: Method
  /** Hono path syntax: `/api/stock/:sku`. */
  path: string
  summary: string
  /** Who may call it; `public` only for health and sign-in. */
  roles: readonly Role[] | 'public'
  body?: z.ZodType<B>
  /** `csv` routes receive the raw text body. */
  bodyType?: 'json' | 'csv'
  query?: z.ZodType<Q>
  params?: z.ZodType<P>
  /** Accepts an `Idempotency-Key` header (writes that create money or stock movements). */
  idempotent?: boolean
  /** Defaults to 1 MB. */
  maxBodyBytes?: number
  /** The success status, for the OpenAPI document. */
  status?: number
  handler(ctx: RouteContext<B, Q, P>): Promise<Response> | Response
}

/** Keeps each route's types while collecting them in one list. */
export const route = <B = undefined, Q = undefined, P = undefined>(def: RouteDef<B, Q, P>): RouteDef =>
  def as unknown as RouteDef

export const ALL_STAFF: readonly Role[] = ['assistant', 'fulfilment', 'manager', 'admin']
export const MANAGERS: readonly Role[] = ['manager', 'admin']

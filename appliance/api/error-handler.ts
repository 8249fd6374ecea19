/**
 * The one place that knows HTTP statuses: DomainErrors, validation failures and
 * anything unexpected become application/problem+json (RFC 9457). Unknown errors are
 * logged and answered without internals.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { DomainError, ErrorCode } from '../core/errors.js'
import type { Problem } from './contract.js'

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  [ErrorCode.NotFound]: 404,
  [ErrorCode.InvalidInput]: 422,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.InsufficientStock]: 409,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.LockedOut]: 423,
  [ErrorCode.ApprovalRequired]: 403,
  [ErrorCode.PayloadTooLarge]: 413,
}

const TITLE: Record<number, string> = {
  400: 'Bad request', 401: 'Sign in needed', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict',
  413: 'Too large', 415: 'Unsupported media type', 422: 'Check the details', 423: 'Locked out', 500: 'Something went wrong',
}

export function problem(c: Context, status: ContentfulStatusCode, code: string, detail: string, extra: Partial<Problem> & Record<string, unknown> = {}): Response {
  const body: Problem = { type: `https://store-appliance.local/problems/${code}`, title: TITLE[status] ?? 'Error', status, detail, code, ...extra }
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' })
}

/** Raised by request validation; carries every issue with its field path. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError'
  constructor(
    readonly where: 'body' | 'query' | 'path' | 'header',
    readonly issues: Array<{ field: string; message: string }>,
  ) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '))
  }

  static fromZod(where: RequestValidationError['where'], error: z.ZodError): RequestValidationError {
    return new RequestValidationError(
      where,
      error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
        const path = [...issue.path, ...(keys.length === 1 ? keys : [])].map(String)
        const field = path.join('.') || where
        const message = issue.code === 'unrecognized_keys' ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` : issue.message
        return { field, message }
      }),
    )
  }
}

export function handleError(error: unknown, c: Context): Response {
  if (error instanceof DomainError) {
    return problem(c, STATUS[error.code], error.code, error.message, { ...(error.field ? { field: error.field } : {}), ...(error.details ?? {}) })
  }
  if (error instanceof RequestValidationError) {
    const first = error.issues[0]!
    return problem(c, 400, 'invalid_input', `${first.field}: ${first.message}`, { field: first.field, errors: error.issues })
  }
  console.error(`[api] ${c.req.method} ${c.req.path} failed`, error)
  return problem(c, 500, 'internal', 'Something went wrong on the appliance. Nothing was saved; try again, and tell a manager if it keeps happening.')
}

/**
 * The one error the domain throws. Codes are a closed set; exactly one file
 * (api/error-handler.ts) maps them to HTTP statuses.
 */
export const ErrorCode = {
  NotFound: 'not_found',
  InvalidInput: 'invalid_input',
  Conflict: 'conflict',
  InsufficientStock: 'insufficient_stock',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  LockedOut: 'locked_out',
  ApprovalRequired: 'approval_required',
  PayloadTooLarge: 'payload_too_large',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export class DomainError extends Error {
  override readonly name = 'DomainError'
  constructor(
    readonly code: ErrorCode,
    /** A sentence a shop assistant can act on. */
    message: string,
    /** The request field at fault, as a JSON pointer-ish path (`lines.0.sku`). */
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const notFound = (message: string, field?: string) => new DomainError(ErrorCode.NotFound, message, field)
export const invalid = (message: string, field?: string) => new DomainError(ErrorCode.InvalidInput, message, field)
export const conflict = (message: string, field?: string) => new DomainError(ErrorCode.Conflict, message, field)

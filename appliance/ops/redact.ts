/**
 * Keeps secrets out of the logs. Field names are split into words (camelCase, snake_case,
 * kebab-case) so `csrfToken`, `set-cookie` and `credentials_enc` are caught while
 * `shipping_minor` (which merely contains "pin") is not. Free text is scrubbed too, for
 * errors that quote a header or a request body.
 */
const SECRET_WORDS = new Set([
  'pin', 'pins', 'password', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens',
  'credential', 'credentials', 'cookie', 'cookies', 'authorization', 'apikey', 'privatekey',
])
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['client', 'secret'], ['access', 'key']]
export const REDACTED = '[redacted]'

function words(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)
}

/** Whether a field with this name holds a secret. */
export function isSecretKey(key: string): boolean {
  const w = words(key)
  if (w.some((word) => SECRET_WORDS.has(word))) return true
  return SECRET_PAIRS.some(([a, b]) => w.some((x, i) => x === a && w[i + 1] === b))
}

// `pin: 1234`, `"password":"x"`, `Authorization: Bearer abc`, `Cookie: sa_session=…`, `token=abc`.
const TEXT_PATTERNS: RegExp[] = [
  /("?\b(?:pin|password|passphrase|secret|token|csrfToken|apiKey|api_key|access_token|refresh_token|client_secret)\b"?\s*[:=]\s*)("[^"]*"|[^\s,;&}]+)/gi,
  /(\b(?:authorization|proxy-authorization)\s*[:=]\s*)(?:(bearer|basic)\s+)?[^\s,;]+/gi,
  /(\b(?:set-)?cookie\s*[:=]\s*)[^\n]+/gi,
  /(sa_session=)[^\s;,]+/gi,
]

/** Scrubs secrets quoted in free text (error messages, stack traces). */
export function redactText(text: string): string {
  let out = text
  for (const pattern of TEXT_PATTERNS) out = out.replace(pattern, (_m, prefix: string) => `${prefix}${REDACTED}`)
  return out
}

/** A JSON-safe copy of `value` with secret fields replaced and errors turned into plain objects. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]'
  if (typeof value === 'string') return redactText(value)
  if (typeof value === 'bigint') return value.toString()
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Error) {
    const { name, message, stack } = value
    const cause = (value as { cause?: unknown }).cause
    return { name, message: redactText(message), ...(stack ? { stack: redactText(stack) } : {}), ...(cause !== undefined ? { cause: redact(cause, depth + 1) } : {}) }
  }
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : redact(v, depth + 1)
  return out
}

/**
 * Bad payloads for any route, derived from its JSON Schema (the OpenAPI document's, made
 * from the route's zod schema): a plausible body first, then one fast-check mutation — a
 * field of the wrong type, a required field missing, an unknown field, or a hostile value
 * (huge strings and numbers, unicode, SQL and script injection) where a string or number goes.
 */
import fc from 'fast-check'

export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  default?: unknown
  minimum?: number
  maximum?: number
  minLength?: number
  pattern?: string
  format?: string
}

/** A value of the schema's shape (not always valid: patterns and refinements are not solved). */
export function sampleOf(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return 'x'
  if (schema.const !== undefined) return schema.const
  if (schema.enum?.length) return schema.enum[0]
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives?.length) return sampleOf(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], depth + 1)
  switch (typesOf(schema)[0]) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const key of schema.required ?? []) out[key] = sampleOf(schema.properties?.[key], depth + 1)
      return out
    }
    case 'array': return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleOf(schema.items, depth + 1))
    case 'integer':
    case 'number': return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1))
    case 'boolean': return true
    case 'null': return null
    default: return schema.format === 'email' ? 'a@example.com' : 'x'.repeat(Math.max(1, schema.minLength ?? 1))
  }
}

export function typesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return []
  if (schema.type) return Array.isArray(schema.type) ? schema.type : [schema.type]
  const alternatives = schema.anyOf ?? schema.oneOf ?? []
  return [...new Set(alternatives.flatMap(typesOf))]
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v)

/** Strings no form should choke on. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE orders; --", "\" OR 1=1 --", "1); DELETE FROM stock_levels; --", "' UNION SELECT pin_hash FROM staff --",
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}${7*7}',
    '../../../../etc/passwd', '..\\..\\windows\\win.ini', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '\u0000', '\u202eevil\u202c',
    'Z̸̢͉̈́a̷͎̿l̶̰̇g̸̠̈o̵̢͝', '🧾💷🛒', 'ｆｕｌｌｗｉｄｔｈ', '\ud83d', ' ', '',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.nat({ max: 3 }).map((n) => 'x'.repeat([300, 5_000, 100_000, 400_000][n]!)),
)

/** Numbers past every range: huge, negative, fractional, not safe integers. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 64, 0.5, -1, 1e-9, 123456789012),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => Number(b)),
)

/** A value of some JSON type the field does not take. */
export const wrongTypeFor = (schema: JsonSchema | undefined): fc.Arbitrary<unknown> => {
  const allowed = new Set(typesOf(schema))
  if (allowed.has('number')) allowed.add('integer')
  const candidates: unknown[] = [null, 42, 'forty-two', true, {}, [], [1, 2], { nested: { deep: ['x'] } }, 4.5]
  const wrong = candidates.filter((v) => !allowed.has(jsonType(v)) && !(jsonType(v) === 'integer' && allowed.has('number')))
  return wrong.length ? fc.constantFrom(...wrong) : fc.constant(Symbol.for('skip'))
}

export type Mutation =
  | { kind: 'wrong-type'; field: string; value: unknown }
  | { kind: 'missing'; field: string }
  | { kind: 'extra'; field: string }
  | { kind: 'hostile'; field: string; value: unknown }
  | { kind: 'not-an-object'; value: unknown }

/** One mutation of an object body, chosen by fast-check. */
export function mutationOf(schema: JsonSchema): fc.Arbitrary<Mutation> {
  const properties = Object.entries(schema.properties ?? {})
  const options: Array<fc.Arbitrary<Mutation>> = [
    fc.constantFrom<unknown>([], 'text', 12, null, [{}]).map((value) => ({ kind: 'not-an-object' as const, value })),
    fc.constantFrom('unexpected', 'isAdmin', '__proto__x', 'constructor').map((field) => ({ kind: 'extra' as const, field })),
  ]
  if (properties.length) {
    options.push(fc.constantFrom(...properties).chain(([field, s]) => wrongTypeFor(s).map((value) => ({ kind: 'wrong-type' as const, field, value }))))
    const hostile = properties.filter(([, s]) => typesOf(s).some((t) => ['string', 'number', 'integer'].includes(t)))
    if (hostile.length) {
      options.push(fc.constantFrom(...hostile).chain(([field, s]) =>
        (typesOf(s).includes('string') ? hostileString : hostileNumber).map((value) => ({ kind: 'hostile' as const, field, value }))))
    }
  }
  if (schema.required?.length) options.push(fc.constantFrom(...schema.required).map((field) => ({ kind: 'missing' as const, field })))
  return fc.oneof(...options)
}

export function apply(base: Record<string, unknown>, m: Mutation): unknown {
  if (m.kind === 'not-an-object') return m.value
  const body = { ...base }
  if (m.kind === 'missing') delete body[m.field]
  else if (m.kind === 'extra') body[m.field] = 'surprise'
  else body[m.field] = m.value
  return body
}

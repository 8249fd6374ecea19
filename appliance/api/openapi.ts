/** The OpenAPI 3.1 document, generated from the route list and its zod schemas. */
import { z } from 'zod'
import type { RouteDef } from './route.js'

const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}')

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
}

function parameters(def: RouteDef): unknown[] {
  const out: unknown[] = []
  for (const [where, schema] of [['query', def.query], ['path', def.params]] as const) {
    if (!schema) continue
    const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] }
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s })
    }
  }
  if (def.idempotent) out.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 8, maxLength: 100 } })
  return out
}

export function buildOpenApi(routes: readonly RouteDef[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const def of routes) {
    const path = (paths[toOpenApiPath(def.path)] ??= {})
    path[def.method] = {
      summary: def.summary,
      'x-roles': def.roles,
      security: def.roles === 'public' ? [] : [{ session: [] }],
      parameters: parameters(def),
      ...(def.body && {
        requestBody: {
          required: true,
          content: def.bodyType === 'csv' ? { 'text/csv': { schema: { type: 'string' } } } : { 'application/json': { schema: jsonSchema(def.body) } },
        },
      }),
      responses: {
        [String(def.status ?? 200)]: { description: 'Success' },
        default: { description: 'A problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Store Appliance API', version },
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sa_session' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
            code: { type: 'string' }, field: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  }
}

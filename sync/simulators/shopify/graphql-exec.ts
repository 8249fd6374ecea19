/**
 * Executes a parsed GraphQL document against plain objects, the way the Shopify simulator
 * needs: only the requested fields come back (an unknown field is an error, as on Shopify),
 * and the query's cost is calculated Shopify's way — scalars 0, objects 1, connections
 * 2 + first x (node cost), mutations 10 — both before execution (requested, from `first`)
 * and after it (actual, from what came back).
 *
 * An object is a record with `__typename`; a field is a value or a function
 * `(args, directives) => value`, so connections and lookups resolve lazily.
 */
import { parseGraphql, GqlSyntaxError, type GqlDocument, type GqlOperation, type GqlSelection, type GqlValue } from './graphql-parse.js'

export type GqlArgs = Record<string, unknown>
export type GqlDirectives = Record<string, GqlArgs>
export type GqlResolver = (args: GqlArgs, directives: GqlDirectives) => unknown
export type GqlObject = { __typename: string } & Record<string, unknown>

export interface GqlError {
  message: string
  path?: (string | number)[]
  extensions: { code: string }
}

export class GqlFailure extends Error {
  constructor(readonly errors: GqlError[]) {
    super(errors.map((e) => e.message).join('; '))
  }
}

export interface PreparedOperation {
  operation: GqlOperation
  document: GqlDocument
  variables: GqlArgs
}

const MUTATION_COST = 10
const PASS_THROUGH = new Set(['pageInfo', 'nodes', 'edges', 'node'])

/** Parses and picks the operation; throws GqlFailure with Shopify-like errors. */
export function prepare(query: unknown, variables: unknown, operationName: unknown): PreparedOperation {
  if (typeof query !== 'string') throw new GqlFailure([{ message: 'Parameter Missing or Invalid: query', extensions: { code: 'BAD_REQUEST' } }])
  let document: GqlDocument
  try {
    document = parseGraphql(query)
  } catch (error) {
    if (error instanceof GqlSyntaxError) throw new GqlFailure([{ message: `Parse error: ${error.message}`, extensions: { code: 'parseError' } }])
    throw error
  }
  const candidates = typeof operationName === 'string' ? document.operations.filter((o) => o.name === operationName) : document.operations
  const operation = candidates[0]
  if (!operation || (candidates.length > 1 && typeof operationName !== 'string')) {
    throw new GqlFailure([{ message: 'An operation name is required when a document has several operations', extensions: { code: 'BAD_REQUEST' } }])
  }
  const given = (variables && typeof variables === 'object' ? variables : {}) as GqlArgs
  const resolved: GqlArgs = {}
  for (const def of operation.variables) {
    const value = def.name in given ? given[def.name] : def.defaultValue ? valueOf(def.defaultValue, {}) : undefined
    if ((value === undefined || value === null) && def.type.endsWith('!')) {
      throw new GqlFailure([{ message: `Variable $${def.name} of type ${def.type} was provided invalid value`, extensions: { code: 'INVALID_VARIABLE' } }])
    }
    resolved[def.name] = value ?? null
  }
  return { operation, document, variables: resolved }
}

/** The cost Shopify reserves before running the query (uses `first`/`last` as counts). */
export function requestedCost(prepared: PreparedOperation): number {
  const { operation } = prepared
  if (operation.type === 'mutation') return MUTATION_COST * fields(prepared, operation.selections).length
  return selectionCost(prepared, operation.selections)
}

function selectionCost(prepared: PreparedOperation, selections: GqlSelection[]): number {
  let cost = 0
  for (const field of fields(prepared, selections)) {
    if (!field.selections) continue
    const size = connectionSize(field.args, prepared.variables)
    if (size !== undefined) cost += 2 + size * (1 + nodeCost(prepared, field.selections))
    else if (field.name === 'pageInfo') continue
    else cost += 1 + selectionCost(prepared, field.selections)
  }
  return cost
}

/** Cost inside one node of a connection: `nodes`/`edges`/`node` are pass-through. */
function nodeCost(prepared: PreparedOperation, selections: GqlSelection[]): number {
  let cost = 0
  for (const field of fields(prepared, selections)) {
    if (!field.selections || field.name === 'pageInfo') continue
    if (field.name === 'nodes' || field.name === 'edges' || field.name === 'node') cost = Math.max(cost, nodeCost(prepared, field.selections))
    else cost += selectionCost(prepared, [field])
  }
  return cost
}

/** Runs the operation against `root`; resolves with the data and the actual cost. */
export async function execute(root: GqlObject, prepared: PreparedOperation): Promise<{ data: Record<string, unknown>; actualCost: number }> {
  const errors: GqlError[] = []
  const state = { cost: 0, errors }
  const data: Record<string, unknown> = {}
  for (const field of fields(prepared, prepared.operation.selections)) {
    const key = field.alias ?? field.name
    const raw = root[field.name]
    if (raw === undefined) {
      errors.push({ message: `Field '${field.name}' doesn't exist on type '${root.__typename}'`, path: [key], extensions: { code: 'undefinedField' } })
      continue
    }
    const args = argsOf(field.args, prepared.variables)
    const value = typeof raw === 'function' ? await (raw as GqlResolver)(args, directivesOf(field, prepared.variables)) : raw
    if (prepared.operation.type === 'mutation') state.cost += MUTATION_COST
    data[key] = project(prepared, field, value, [key], state, prepared.operation.type === 'query')
  }
  if (errors.length) throw new GqlFailure(errors)
  return { data, actualCost: state.cost }
}

type ExecState = { cost: number; errors: GqlError[] }
type FieldSelection = Extract<GqlSelection, { kind: 'field' }>

function project(prepared: PreparedOperation, field: FieldSelection, value: unknown, path: (string | number)[], state: ExecState, counted: boolean): unknown {
  if (value === null || value === undefined) return null
  if (!field.selections) {
    if (isObject(value) || (Array.isArray(value) && value.some(isObject))) {
      state.errors.push({ message: `Field must have selections (field '${field.name}' returns ${typeName(value)} but has no selections)`, path, extensions: { code: 'selectionMismatch' } })
      return null
    }
    return value
  }
  const connection = connectionSize(field.args, prepared.variables) !== undefined
  if (counted && !PASS_THROUGH.has(field.name)) state.cost += connection ? 2 : Array.isArray(value) ? 0 : 1
  if (counted && field.name === 'node' && isObject(value)) state.cost += 1
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (counted && field.name !== 'edges' && isObject(item)) state.cost += 1
      return projectObject(prepared, field.selections ?? [], item, [...path, i], state, counted)
    })
  }
  return projectObject(prepared, field.selections, value, path, state, counted)
}

function projectObject(prepared: PreparedOperation, selections: GqlSelection[], value: unknown, path: (string | number)[], state: ExecState, counted: boolean): unknown {
  if (value === null || value === undefined) return null
  if (!isObject(value)) {
    state.errors.push({ message: `Selections can't be made on scalars (${path.join('.')})`, path, extensions: { code: 'selectionMismatch' } })
    return null
  }
  const out: Record<string, unknown> = {}
  for (const field of fields(prepared, selections, value.__typename)) {
    const key = field.alias ?? field.name
    if (field.name === '__typename') { out[key] = value.__typename; continue }
    const raw = value[field.name]
    if (raw === undefined) {
      state.errors.push({ message: `Field '${field.name}' doesn't exist on type '${value.__typename}'`, path: [...path, key], extensions: { code: 'undefinedField' } })
      continue
    }
    const resolved = typeof raw === 'function' ? (raw as GqlResolver)(argsOf(field.args, prepared.variables), directivesOf(field, prepared.variables)) : raw
    out[key] = project(prepared, field, resolved, [...path, key], state, counted)
  }
  return out
}

/** Flattens fragments and inline fragments, honouring @include/@skip and type conditions. */
function fields(prepared: PreparedOperation, selections: GqlSelection[], typename?: string): FieldSelection[] {
  const out: FieldSelection[] = []
  for (const selection of selections) {
    if (!included(selection.directives, prepared.variables)) continue
    if (selection.kind === 'field') out.push(selection)
    else if (selection.kind === 'inline') {
      if (!selection.typeCondition || !typename || selection.typeCondition === typename) out.push(...fields(prepared, selection.selections, typename))
    } else {
      const fragment = prepared.document.fragments.get(selection.name)
      if (!fragment) throw new GqlFailure([{ message: `Fragment ${selection.name} was used, but not defined`, extensions: { code: 'useAndDefineFragment' } }])
      if (!typename || fragment.typeCondition === typename) out.push(...fields(prepared, fragment.selections, typename))
    }
  }
  return out
}

function included(directives: { name: string; args: Record<string, GqlValue> }[], variables: GqlArgs): boolean {
  for (const directive of directives) {
    const condition = directive.args.if ? valueOf(directive.args.if, variables) : undefined
    if (directive.name === 'include' && condition === false) return false
    if (directive.name === 'skip' && condition === true) return false
  }
  return true
}

function connectionSize(args: Record<string, GqlValue>, variables: GqlArgs): number | undefined {
  const first = args.first ? valueOf(args.first, variables) : undefined
  const last = args.last ? valueOf(args.last, variables) : undefined
  const size = typeof first === 'number' ? first : typeof last === 'number' ? last : undefined
  return size
}

function argsOf(args: Record<string, GqlValue>, variables: GqlArgs): GqlArgs {
  const out: GqlArgs = {}
  for (const [name, value] of Object.entries(args)) out[name] = valueOf(value, variables)
  return out
}

function directivesOf(field: FieldSelection, variables: GqlArgs): GqlDirectives {
  const out: GqlDirectives = {}
  for (const directive of field.directives) out[directive.name] = argsOf(directive.args, variables)
  return out
}

export function valueOf(value: GqlValue, variables: GqlArgs): unknown {
  switch (value.kind) {
    case 'var': return variables[value.name] ?? null
    case 'int': case 'float': case 'string': case 'bool': case 'enum': return value.value
    case 'null': return null
    case 'list': return value.values.map((v) => valueOf(v, variables))
    case 'object': return Object.fromEntries(Object.entries(value.fields).map(([k, v]) => [k, valueOf(v, variables)]))
  }
}

const isObject = (value: unknown): value is GqlObject => typeof value === 'object' && value !== null && !Array.isArray(value) && '__typename' in value
const typeName = (value: unknown): string => (Array.isArray(value) ? `[${typeName(value[0])}]` : isObject(value) ? value.__typename : typeof value)

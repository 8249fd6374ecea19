/**
 * A small GraphQL parser for the Shopify simulator: operations with variables, fields with
 * aliases, arguments and directives, fragments and inline fragments. Enough of the language
 * that any client's queries parse; the schema is checked by execution (graphql-exec.ts).
 */

export type GqlValue =
  | { kind: 'var'; name: string }
  | { kind: 'int' | 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; values: GqlValue[] }
  | { kind: 'object'; fields: Record<string, GqlValue> }

export interface GqlDirective {
  name: string
  args: Record<string, GqlValue>
}

export type GqlSelection =
  | { kind: 'field'; alias: string | undefined; name: string; args: Record<string, GqlValue>; directives: GqlDirective[]; selections: GqlSelection[] | null }
  | { kind: 'spread'; name: string; directives: GqlDirective[] }
  | { kind: 'inline'; typeCondition: string | undefined; directives: GqlDirective[]; selections: GqlSelection[] }

export interface GqlVariableDefinition {
  name: string
  type: string
  defaultValue: GqlValue | undefined
}

export interface GqlOperation {
  type: 'query' | 'mutation'
  name: string | undefined
  variables: GqlVariableDefinition[]
  selections: GqlSelection[]
}

export interface GqlDocument {
  operations: GqlOperation[]
  fragments: Map<string, { typeCondition: string; selections: GqlSelection[] }>
}

export class GqlSyntaxError extends Error {}

type Token = { type: 'punct' | 'name' | 'int' | 'float' | 'string'; value: string; at: number }

const PUNCT = new Set(['!', '$', '(', ')', ':', '=', '@', '[', ']', '{', '}', '|', '&'])

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const c = source[i] ?? ''
    if (/[\s,\ufeff]/.test(c)) { i++; continue }
    if (c === '#') { while (i < source.length && source[i] !== '\n') i++; continue }
    if (source.startsWith('...', i)) { tokens.push({ type: 'punct', value: '...', at: i }); i += 3; continue }
    if (PUNCT.has(c)) { tokens.push({ type: 'punct', value: c, at: i }); i++; continue }
    if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3)
      if (end < 0) throw new GqlSyntaxError(`unterminated block string at ${i}`)
      tokens.push({ type: 'string', value: source.slice(i + 3, end), at: i })
      i = end + 3
      continue
    }
    if (c === '"') {
      let j = i + 1
      let out = ''
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\\') {
          const next = source[j + 1] ?? ''
          if (next === 'u') { out += String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16)); j += 6; continue }
          out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[next] ?? next
          j += 2
          continue
        }
        out += source[j]
        j++
      }
      if (j >= source.length) throw new GqlSyntaxError(`unterminated string at ${i}`)
      tokens.push({ type: 'string', value: out, at: i })
      i = j + 1
      continue
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i))
    if (number) {
      tokens.push({ type: number[1] || number[2] ? 'float' : 'int', value: number[0], at: i })
      i += number[0].length
      continue
    }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i))
    if (name) { tokens.push({ type: 'name', value: name[0], at: i }); i += name[0].length; continue }
    throw new GqlSyntaxError(`unexpected character "${c}" at ${i}`)
  }
  return tokens
}

class Parser {
  private i = 0
  constructor(private readonly tokens: Token[]) {}

  document(): GqlDocument {
    const doc: GqlDocument = { operations: [], fragments: new Map() }
    while (!this.done()) {
      if (this.peekIs('name', 'fragment')) {
        this.next()
        const name = this.expect('name').value
        this.expect('name', 'on')
        const typeCondition = this.expect('name').value
        this.directives()
        doc.fragments.set(name, { typeCondition, selections: this.selectionSet() })
      } else {
        doc.operations.push(this.operation())
      }
    }
    return doc
  }

  private operation(): GqlOperation {
    if (this.peekIs('punct', '{')) return { type: 'query', name: undefined, variables: [], selections: this.selectionSet() }
    const type = this.expect('name').value
    if (type !== 'query' && type !== 'mutation') throw new GqlSyntaxError(`unsupported operation "${type}"`)
    const name = this.peekIs('name') ? this.next().value : undefined
    const variables: GqlVariableDefinition[] = []
    if (this.accept('punct', '(')) {
      while (!this.accept('punct', ')')) {
        this.expect('punct', '$')
        const varName = this.expect('name').value
        this.expect('punct', ':')
        const varType = this.type()
        const defaultValue = this.accept('punct', '=') ? this.value() : undefined
        this.directives()
        variables.push({ name: varName, type: varType, defaultValue })
      }
    }
    this.directives()
    return { type, name, variables, selections: this.selectionSet() }
  }

  private type(): string {
    let out: string
    if (this.accept('punct', '[')) {
      out = `[${this.type()}]`
      this.expect('punct', ']')
    } else {
      out = this.expect('name').value
    }
    return this.accept('punct', '!') ? `${out}!` : out
  }

  private selectionSet(): GqlSelection[] {
    this.expect('punct', '{')
    const selections: GqlSelection[] = []
    while (!this.accept('punct', '}')) selections.push(this.selection())
    return selections
  }

  private selection(): GqlSelection {
    if (this.accept('punct', '...')) {
      if (this.peekIs('name', 'on')) {
        this.next()
        const typeCondition = this.expect('name').value
        return { kind: 'inline', typeCondition, directives: this.directives(), selections: this.selectionSet() }
      }
      if (this.peekIs('name')) return { kind: 'spread', name: this.next().value, directives: this.directives() }
      return { kind: 'inline', typeCondition: undefined, directives: this.directives(), selections: this.selectionSet() }
    }
    let name = this.expect('name').value
    let alias: string | undefined
    if (this.accept('punct', ':')) {
      alias = name
      name = this.expect('name').value
    }
    const args = this.peekIs('punct', '(') ? this.args() : {}
    const directives = this.directives()
    const selections = this.peekIs('punct', '{') ? this.selectionSet() : null
    return { kind: 'field', alias, name, args, directives, selections }
  }

  private args(): Record<string, GqlValue> {
    this.expect('punct', '(')
    const args: Record<string, GqlValue> = {}
    while (!this.accept('punct', ')')) {
      const name = this.expect('name').value
      this.expect('punct', ':')
      args[name] = this.value()
    }
    return args
  }

  private directives(): GqlDirective[] {
    const out: GqlDirective[] = []
    while (this.accept('punct', '@')) {
      const name = this.expect('name').value
      out.push({ name, args: this.peekIs('punct', '(') ? this.args() : {} })
    }
    return out
  }

  private value(): GqlValue {
    const token = this.next()
    if (token.type === 'punct' && token.value === '$') return { kind: 'var', name: this.expect('name').value }
    if (token.type === 'int') return { kind: 'int', value: Number(token.value) }
    if (token.type === 'float') return { kind: 'float', value: Number(token.value) }
    if (token.type === 'string') return { kind: 'string', value: token.value }
    if (token.type === 'name') {
      if (token.value === 'true' || token.value === 'false') return { kind: 'bool', value: token.value === 'true' }
      if (token.value === 'null') return { kind: 'null' }
      return { kind: 'enum', value: token.value }
    }
    if (token.value === '[') {
      const values: GqlValue[] = []
      while (!this.accept('punct', ']')) values.push(this.value())
      return { kind: 'list', values }
    }
    if (token.value === '{') {
      const fields: Record<string, GqlValue> = {}
      while (!this.accept('punct', '}')) {
        const name = this.expect('name').value
        this.expect('punct', ':')
        fields[name] = this.value()
      }
      return { kind: 'object', fields }
    }
    throw new GqlSyntaxError(`unexpected "${token.value}" at ${token.at}`)
  }

  private done(): boolean {
    return this.i >= this.tokens.length
  }

  private next(): Token {
    const token = this.tokens[this.i++]
    if (!token) throw new GqlSyntaxError('unexpected end of document')
    return token
  }

  private peekIs(type: Token['type'], value?: string): boolean {
    const token = this.tokens[this.i]
    return token !== undefined && token.type === type && (value === undefined || token.value === value)
  }

  private accept(type: Token['type'], value: string): boolean {
    if (!this.peekIs(type, value)) return false
    this.i++
    return true
  }

  private expect(type: Token['type'], value?: string): Token {
    const token = this.next()
    if (token.type !== type || (value !== undefined && token.value !== value)) {
      throw new GqlSyntaxError(`expected ${value ?? type} but found "${token.value}" at ${token.at}`)
    }
    return token
  }
}

export function parseGraphql(source: string): GqlDocument {
  return new Parser(tokenize(source)).document()
}

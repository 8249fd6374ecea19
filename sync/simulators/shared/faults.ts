/**
 * Scripted faults for a simulator: "the next N calls (matching a path) answer 429 / 500 /
 * never answer / answer garbage", "the next page request serves the previous page again",
 * "the next webhooks arrive twice / in reverse order". Tests script, the server consumes.
 */

export type Fault =
  /** Answer with this status (and Retry-After, headers, body) instead of handling the call. */
  | { kind: 'status'; status: number; retryAfter?: string; headers?: Record<string, string>; body?: unknown }
  /** Accept the call and never answer it (the client's timeout must fire). */
  | { kind: 'timeout' }
  /** Answer 200 with a body that breaks the contract. */
  | { kind: 'malformed'; body?: string }
  /** The next list request serves the page before it again (consumed by list handlers). */
  | { kind: 'repeat-page' }
  /** The next webhook is delivered twice. */
  | { kind: 'duplicate-webhook' }
  /** The next two webhooks are delivered in reverse order. */
  | { kind: 'reorder-webhooks' }

export interface ScriptedFault {
  fault: Fault
  remaining: number
  /** Only calls whose "METHOD /path" contains this (or matches it) are affected. */
  match?: string | RegExp
}

const REQUEST_FAULTS = new Set<Fault['kind']>(['status', 'timeout', 'malformed'])

export class FaultScript {
  private readonly queue: ScriptedFault[] = []

  /** The next `times` matching calls get `fault`. Faults apply in the order they were scripted. */
  inject(fault: Fault, options: { times?: number; match?: string | RegExp } = {}): this {
    this.queue.push({ fault, remaining: options.times ?? 1, match: options.match })
    return this
  }

  clear(): void {
    this.queue.length = 0
  }

  /** Consumes a request-level fault for this call, if one is scripted. */
  takeRequestFault(method: string, path: string): Fault | undefined {
    return this.take((f) => REQUEST_FAULTS.has(f.kind), `${method} ${path}`)
  }

  /** Consumes a fault of `kind` (repeat-page, webhook faults) if one is scripted. */
  takeKind(kind: Fault['kind'], target = ''): boolean {
    return this.take((f) => f.kind === kind, target) !== undefined
  }

  private take(accepts: (fault: Fault) => boolean, target: string): Fault | undefined {
    const index = this.queue.findIndex((s) => accepts(s.fault) && matches(s.match, target))
    const scripted = this.queue[index]
    if (!scripted) return undefined
    scripted.remaining -= 1
    if (scripted.remaining <= 0) this.queue.splice(index, 1)
    return scripted.fault
  }
}

function matches(match: string | RegExp | undefined, target: string): boolean {
  if (match === undefined) return true
  return typeof match === 'string' ? target.includes(match) : match.test(target)
}

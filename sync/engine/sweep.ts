/**
 * The incremental-import cursor every connector shares. A *sweep* walks all orders updated
 * since `since`, page by page; when it catches up the next sweep starts a little before the
 * newest change seen (`overlapMs`), because channels' clocks, eventual consistency and
 * offset paginators that shift under us all lose orders at the edges. The overlap re-reads
 * a few orders; `seen` (hashes of order id + updatedAt, bounded) filters them out again, and
 * also filters a page the channel served twice.
 *
 * Pure functions over a plain JSON state; the connector turns it into an opaque string.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { ChannelError } from '../channel-error.js'
import type { ChannelId } from '../channel-id.js'

export const SweepStateSchema = z.object({
  v: z.literal(1),
  channel: z.string(),
  /** Orders updated at or after this are in the sweep. */
  since: z.iso.datetime(),
  /** The connector's position inside the sweep (page, offset, token, keyset); null at the start. */
  pos: z.unknown().nullable(),
  /** Server time when the sweep began (Date header), the upper bound of what it surely saw. */
  startedAt: z.iso.datetime().nullable(),
  /** Newest updatedAt seen in this sweep. */
  hwm: z.iso.datetime().nullable(),
  /** Keys of recently delivered (id, updatedAt) pairs, oldest first. */
  seen: z.array(z.string()),
  /** Keys on the last page, to tell a repeated page from a new one. */
  lastPage: z.array(z.string()),
  /** Consecutive repeated pages. */
  repeats: z.number().int().min(0),
})
export type SweepState = z.infer<typeof SweepStateSchema>

export interface SweepOptions {
  /** How far before the last sweep's newest change the next sweep starts. */
  overlapMs: number
  /** Bound on `seen`; older keys drop off (at worst an order is delivered twice, never lost). */
  maxSeen: number
  /** A page served this many times in a row is a broken paginator: `contract` error. */
  maxRepeats: number
}

export const DEFAULT_SWEEP_OPTIONS: Readonly<SweepOptions> = Object.freeze({ overlapMs: 120_000, maxSeen: 1000, maxRepeats: 3 })

const EPOCH = '1970-01-01T00:00:00.000Z'

export function startSweep(channel: ChannelId, since: Date | string = EPOCH): SweepState {
  const iso = typeof since === 'string' ? new Date(since).toISOString() : since.toISOString()
  return { v: 1, channel, since: iso, pos: null, startedAt: null, hwm: null, seen: [], lastPage: [], repeats: 0 }
}

export function encodeCursor(state: SweepState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')
}

/** Reads a cursor; null means "from the beginning". A cursor from another channel is `invalid`. */
export function decodeCursor(channel: ChannelId, cursor: string | null): SweepState {
  if (cursor === null || cursor === '') return startSweep(channel)
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch (cause) {
    throw new ChannelError('invalid', channel, 'the import cursor is not one of ours', { cause })
  }
  const result = SweepStateSchema.safeParse(parsed)
  if (!result.success) throw new ChannelError('invalid', channel, 'the import cursor is malformed', { cause: result.error })
  if (result.data.channel !== channel) {
    throw new ChannelError('invalid', channel, `the import cursor belongs to ${result.data.channel}`)
  }
  return result.data
}

/** A short, collision-safe key for one version of one order. */
export function orderKey(id: string, updatedAt: string): string {
  return createHash('sha256').update(`${id}\u0000${updatedAt}`).digest('base64url').slice(0, 12)
}

export interface PageFacts {
  items: readonly { id: string; updatedAt: string }[]
  /** Position for the next request when this page was new. */
  nextPos: unknown
  /** Position to ask again when this page was a repeat of the last one (page/offset paginators). */
  repeatPos: unknown
  /** The channel says there is nothing after this page. */
  last: boolean
  /** The server's clock (Date header), if known; else the client's. */
  serverNow: string
}

export interface PageOutcome {
  state: SweepState
  /** Parallel to `items`: true for orders not delivered before. */
  fresh: boolean[]
  /** The sweep caught up; `state` already starts the next one. */
  done: boolean
}

/** Folds one fetched page into the sweep state. */
export function absorbPage(state: SweepState, page: PageFacts, options: SweepOptions = DEFAULT_SWEEP_OPTIONS): PageOutcome {
  const keys = page.items.map((item) => orderKey(item.id, item.updatedAt))
  const lastPage = new Set(state.lastPage)
  const repeat = keys.length > 0 && keys.every((key) => lastPage.has(key))
  if (repeat) {
    const repeats = state.repeats + 1
    if (repeats > options.maxRepeats) {
      throw new ChannelError('contract', state.channel as ChannelId, `the channel served the same page ${repeats} times`, { code: 'stuck_paginator' })
    }
    return { state: { ...state, pos: page.repeatPos, repeats }, fresh: keys.map(() => false), done: false }
  }
  const seen = new Set(state.seen)
  const fresh: boolean[] = []
  for (const key of keys) {
    fresh.push(!seen.has(key))
    seen.add(key)
  }
  const hwm = page.items.reduce<string | null>((max, item) => (max === null || item.updatedAt > max ? item.updatedAt : max), state.hwm)
  const next: SweepState = {
    ...state,
    pos: page.nextPos,
    startedAt: state.startedAt ?? page.serverNow,
    hwm,
    seen: [...seen].slice(-options.maxSeen),
    lastPage: keys,
    repeats: 0,
  }
  if (!page.last) return { state: next, fresh, done: false }
  return { state: rollOver(next, options), fresh, done: true }
}

/** Ends a sweep: the next one starts `overlapMs` before min(newest change, sweep start). */
function rollOver(state: SweepState, options: SweepOptions): SweepState {
  const started = Date.parse(state.startedAt ?? state.since)
  const newest = state.hwm === null ? started : Math.min(Date.parse(state.hwm), started)
  const since = Math.max(Date.parse(state.since), newest - options.overlapMs)
  return { ...state, since: new Date(since).toISOString(), pos: null, startedAt: null, hwm: null, lastPage: [], repeats: 0 }
}

/** The server's clock from a response's Date header, or the fallback. */
export function serverNow(headers: { get(name: string): string | null }, fallback: number): string {
  const date = headers.get('date')
  const at = date ? Date.parse(date) : NaN
  return new Date(Number.isNaN(at) ? fallback : at).toISOString()
}

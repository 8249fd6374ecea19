/**
 * Resolves a session cookie to a signed-in staff member. Sessions live in DuckDB (a
 * till survives a restart) and are cached here so a scan never waits on the
 * database. Expiry slides with use; the stored expiry is refreshed at most every
 * few minutes so browsing doesn't become a stream of writes.
 */
import { hashToken } from './auth.js'
import type { SessionQueries, SessionRecord, StaffRecord, UnitOfWork } from './ports.js'

const PERSIST_EVERY_MS = 5 * 60_000

interface Entry {
  session: SessionRecord
  staff: StaffRecord
  /** Sliding expiry in memory; `session.expiresAt` is what the database holds. */
  expiresAt: Date
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly queries: SessionQueries,
    private readonly uow: UnitOfWork,
    private readonly idleMs: number,
  ) {}

  add(session: SessionRecord, staff: StaffRecord): void {
    this.entries.set(session.id, { session, staff, expiresAt: session.expiresAt })
  }

  /** The live session for a cookie value, sliding its expiry; undefined if unknown or expired. */
  async resolve(token: string, now: Date): Promise<{ session: SessionRecord; staff: StaffRecord } | undefined> {
    const id = hashToken(token)
    let entry = this.entries.get(id)
    if (!entry) {
      const session = await this.queries.get(id)
      const staff = session && (await this.queries.staff(session.staffId))
      if (!session || !staff) return undefined
      entry = { session, staff, expiresAt: session.expiresAt }
      this.entries.set(id, entry)
    }
    if (entry.expiresAt <= now || !entry.staff.active) {
      this.entries.delete(id)
      return undefined
    }
    entry.expiresAt = new Date(now.getTime() + this.idleMs)
    if (entry.expiresAt.getTime() - entry.session.expiresAt.getTime() > PERSIST_EVERY_MS) {
      const expiresAt = entry.expiresAt
      entry.session = { ...entry.session, expiresAt }
      await this.uow.run((s) => s.sessions.extend(id, expiresAt))
    }
    return { session: { ...entry.session, expiresAt: entry.expiresAt }, staff: entry.staff }
  }

  forget(id: string): void {
    this.entries.delete(id)
  }
}

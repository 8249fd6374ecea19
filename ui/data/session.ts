import type { RoleName, SessionInfo, SignInRequest } from '../../appliance/api/contract.js'
import { ApiError, type ApiClient } from './api.js'

/** Why the sign-in screen is showing: never signed in, signed out, or the session ended. */
export type SignedOutReason = 'initial' | 'signed-out' | 'expired'

/**
 * Holds the signed-in staff member's session. Fires `change` whenever it is set or
 * cleared; the app shell re-renders on it. Any 401 from the API calls `expire()`.
 */
export class SessionStore extends EventTarget {
  #current: SessionInfo | null = null
  #reason: SignedOutReason = 'initial'

  get current(): SessionInfo | null {
    return this.#current
  }

  get signedOutReason(): SignedOutReason {
    return this.#reason
  }

  set(info: SessionInfo): void {
    this.#current = info
    this.dispatchEvent(new Event('change'))
  }

  clear(reason: SignedOutReason = 'signed-out'): void {
    this.#current = null
    this.#reason = reason
    this.dispatchEvent(new Event('change'))
  }

  /** The appliance answered 401: the session ended (expired, revoked, appliance restarted). */
  expire(): void {
    if (this.#current) this.clear('expired')
  }

  hasRole(...roles: RoleName[]): boolean {
    return this.#current !== null && roles.includes(this.#current.staff.role)
  }
}

/** `GET /api/session`: picks up a session the browser's cookie still holds. */
export async function restoreSession(api: ApiClient, store: SessionStore): Promise<SessionInfo | null> {
  try {
    const info = await api.get<SessionInfo>('/api/session')
    store.set(info)
    return info
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

export async function signIn(api: ApiClient, store: SessionStore, request: SignInRequest): Promise<SessionInfo> {
  const info = await api.post<SessionInfo>('/api/session', { json: request })
  store.set(info)
  return info
}

/** Ends the session on the appliance; the screen signs out even when that call fails. */
export async function signOut(api: ApiClient, store: SessionStore): Promise<void> {
  try {
    await api.delete<void>('/api/session')
  } catch {
    // Signed out locally regardless: the cookie expires on its own.
  } finally {
    store.clear('signed-out')
  }
}

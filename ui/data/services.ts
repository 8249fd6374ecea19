import { createContext } from '@lit/context'
import { ApiClient, type FetchLike } from './api.js'
import { SocketRealtime, type Realtime } from './realtime.js'
import { SessionStore } from './session.js'
import type { KeyValueStore } from './settings.js'

/**
 * Everything a screen needs to talk to the appliance. The app shell provides it through
 * `servicesContext`; tests set a view's `services` property with a fake fetch and realtime.
 */
export interface AppServices {
  api: ApiClient
  session: SessionStore
  realtime: Realtime
  storage: KeyValueStore
}

export const servicesContext = createContext<AppServices>(Symbol('pos-services'))

export interface ServiceOptions {
  fetch: FetchLike
  realtime?: Realtime
  storage?: KeyValueStore
  baseUrl?: string
}

/** Wires the API client to the session: CSRF token from it, 401 ends it. */
export function createServices({ fetch, realtime, storage, baseUrl = '' }: ServiceOptions): AppServices {
  const session = new SessionStore()
  const api = new ApiClient({
    fetch,
    baseUrl,
    csrfToken: () => session.current?.csrfToken,
    onUnauthorized: () => session.expire(),
  })
  return {
    api,
    session,
    realtime: realtime ?? new SocketRealtime(),
    storage: storage ?? globalThis.localStorage,
  }
}

import { io, type Socket } from 'socket.io-client'
import type { ServerEvents } from '../../appliance/api/contract.js'

/** Live events from the appliance. Views subscribe; the returned function unsubscribes. */
export interface Realtime {
  on<E extends keyof ServerEvents>(event: E, handler: ServerEvents[E]): () => void
  /** Drops the connection (on sign-out); the next `on` reconnects with the new session. */
  close(): void
}

/**
 * socket.io to the same origin, carrying the session cookie. Connects lazily on the first
 * subscription, so nothing connects before sign-in.
 */
export class SocketRealtime implements Realtime {
  #socket: Socket<ServerEvents> | null = null

  on<E extends keyof ServerEvents>(event: E, handler: ServerEvents[E]): () => void {
    this.#socket ??= io({ withCredentials: true })
    const socket = this.#socket
    // socket.io's typed `on` cannot follow a generic event name; the handler matches by E.
    const listener = handler as (...args: unknown[]) => void
    socket.on(event as string as keyof ServerEvents, listener as never)
    return () => {
      socket.off(event as string as keyof ServerEvents, listener as never)
    }
  }

  close(): void {
    this.#socket?.disconnect()
    this.#socket = null
  }
}

import { ContextConsumer } from '@lit/context'
import type { ReactiveElement } from 'lit'
import { servicesContext, type AppServices } from '../data/services.js'

/**
 * Fills `host.services` from the app shell's context. A test that sets `services` itself
 * (no provider above the element) keeps its own.
 */
export function consumeServices(host: ReactiveElement & { services: AppServices | undefined }): void {
  new ContextConsumer(host, {
    context: servicesContext,
    subscribe: true,
    callback: (services) => {
      host.services = services
    },
  })
}

import type { Health } from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

/** `GET /health` (no session needed): tells the sign-in screen whether this is the demo shop. */
export function getHealth(api: ApiClient): Promise<Health> {
  return api.get<Health>('/health')
}

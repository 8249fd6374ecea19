/**
 * Pick, pack and ship's shop settings: one JSON value under the `fulfilment` settings key,
 * over defaults (a new shop works at once).
 */
export const FULFILMENT_SETTINGS_KEY = 'fulfilment'

export interface FulfilmentSettings {
  /** Carrier preselected at the bench. */
  defaultCarrier: string
  /** Orders per list for batch picking. */
  batchSize: number
  /** Where click-and-collect orders wait (a location of kind `collection`). */
  collectionLocation: string
}

export const DEFAULT_FULFILMENT_SETTINGS: FulfilmentSettings = Object.freeze({ defaultCarrier: 'manual', batchSize: 10, collectionLocation: 'collection' })

export function fulfilmentSettings(stored: unknown): FulfilmentSettings {
  const s = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {}
  const text = (v: unknown, d: string) => (typeof v === 'string' && v.trim() ? v.trim() : d)
  const batch = Number.isInteger(s.batchSize) && (s.batchSize as number) >= 1 && (s.batchSize as number) <= 100 ? (s.batchSize as number) : DEFAULT_FULFILMENT_SETTINGS.batchSize
  return {
    defaultCarrier: text(s.defaultCarrier, DEFAULT_FULFILMENT_SETTINGS.defaultCarrier),
    batchSize: batch,
    collectionLocation: text(s.collectionLocation, DEFAULT_FULFILMENT_SETTINGS.collectionLocation),
  }
}

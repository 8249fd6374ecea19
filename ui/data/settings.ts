/** Device settings kept in this browser (localStorage). */

const STATION_KEY = 'pos.station'
export const DEFAULT_STATION = 'web'

/** The bits of `Storage` we use; tests pass a Map-backed fake or happy-dom's own. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>

export function stationName(storage: KeyValueStore): string {
  try {
    return storage.getItem(STATION_KEY)?.trim() || DEFAULT_STATION
  } catch {
    return DEFAULT_STATION
  }
}

/** Why a station name would be refused at sign-in (the appliance's rule), or undefined. */
export function stationNameProblem(name: string): string | undefined {
  const value = name.trim()
  if (value.length > 40) return 'A station name has at most 40 characters.'
  if (value && !/^[\w .-]+$/.test(value)) return 'Use letters, digits, spaces, dots or dashes.'
  return undefined
}

export function setStationName(storage: KeyValueStore, name: string): string {
  const value = name.trim() || DEFAULT_STATION
  storage.setItem(STATION_KEY, value)
  return value
}

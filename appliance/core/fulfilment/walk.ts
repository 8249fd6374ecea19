/**
 * The walk route: a picker walks the locations in their walk order (shop floor, then the
 * backroom) and, within one, the bins in their walk order (data: set per bin, usually a
 * serpentine through the aisles). Items without a bin go last in their location, by SKU,
 * so they are easy to find on the printed list.
 */
export interface WalkStop {
  location: string
  locationWalk: number
  bin: string | null
  binWalk: number | null
  sku: string
  orderId: string
  lineNo: number
}

export function compareWalk(a: WalkStop, b: WalkStop): number {
  return a.locationWalk - b.locationWalk
    || a.location.localeCompare(b.location)
    || (a.binWalk ?? Number.MAX_SAFE_INTEGER) - (b.binWalk ?? Number.MAX_SAFE_INTEGER)
    || (a.bin ?? '').localeCompare(b.bin ?? '')
    || a.sku.localeCompare(b.sku)
    || a.orderId.localeCompare(b.orderId)
    || a.lineNo - b.lineNo
}

export const sortByWalk = <T extends WalkStop>(stops: readonly T[]): T[] => [...stops].sort(compareWalk)

/** The zone of a bin id: its aisle prefix (`A-01-2` → `A`). */
export function zoneOfBin(bin: string): string {
  const dash = bin.indexOf('-')
  return (dash > 0 ? bin.slice(0, dash) : bin).toUpperCase()
}

/**
 * A serpentine walk order for bins named aisle-bay-shelf: aisles in order, bays up the odd
 * aisles and down the even ones, shelves bottom to top. For seeding and for shops that name
 * bins this way; a shop may set any order.
 */
export function serpentineOrder(bins: readonly string[]): Map<string, number> {
  const parsed = bins.map((id) => {
    const [aisle = '', bay = '0', shelf = '0'] = id.split('-')
    return { id, aisle, bay: Number.parseInt(bay, 10) || 0, shelf: Number.parseInt(shelf, 10) || 0 }
  })
  const aisles = [...new Set(parsed.map((p) => p.aisle))].sort()
  parsed.sort((a, b) => {
    const ai = aisles.indexOf(a.aisle)
    const bi = aisles.indexOf(b.aisle)
    if (ai !== bi) return ai - bi
    const dir = ai % 2 === 0 ? 1 : -1
    return dir * (a.bay - b.bay) || a.shelf - b.shelf || a.id.localeCompare(b.id)
  })
  return new Map(parsed.map((p, i) => [p.id, i + 1]))
}

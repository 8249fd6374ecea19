/**
 * Box suggestion and parcel weight. A box fits when the items' weight plus the empty box is
 * within its limit, every item fits inside it on its own (sizes compared largest to
 * largest), and the items' volume fills at most FILL of it (the rest is packing and the
 * awkwardness of real shapes). The smallest box that fits wins; none: split the parcel.
 * Items whose size is unknown count by weight only.
 */
export interface BoxSpec {
  id: string
  name: string
  /** Inner dimensions in millimetres and the most it should carry. */
  lengthMm: number
  widthMm: number
  heightMm: number
  maxWeightG: number
  /** Weight of the empty box. */
  tareG: number
}

export interface PackItem {
  quantity: number
  weightG: number | null
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
}

/** Share of a box's volume items may take. */
export const FILL = 0.8

const dims = (a: number, b: number, c: number) => [a, b, c].sort((x, y) => y - x) as [number, number, number]
const sized = (i: PackItem): i is PackItem & { lengthMm: number; widthMm: number; heightMm: number } =>
  i.lengthMm !== null && i.widthMm !== null && i.heightMm !== null

/** Grams of the items (unknown weights count as 0). */
export const itemsWeight = (items: readonly PackItem[]): number => items.reduce((sum, i) => sum + (i.weightG ?? 0) * i.quantity, 0)

export function boxFits(box: BoxSpec, items: readonly PackItem[]): boolean {
  if (itemsWeight(items) + box.tareG > box.maxWeightG) return false
  const inner = dims(box.lengthMm, box.widthMm, box.heightMm)
  let volume = 0
  for (const item of items) {
    if (!sized(item) || item.quantity <= 0) continue
    const d = dims(item.lengthMm, item.widthMm, item.heightMm)
    if (d[0] > inner[0] || d[1] > inner[1] || d[2] > inner[2]) return false
    volume += d[0] * d[1] * d[2] * item.quantity
  }
  return volume <= inner[0] * inner[1] * inner[2] * FILL
}

/** The smallest box (by volume, then weight limit) the items fit in, or null. */
export function suggestBox<B extends BoxSpec>(items: readonly PackItem[], boxes: readonly B[]): B | null {
  const bySize = [...boxes].sort((a, b) => a.lengthMm * a.widthMm * a.heightMm - b.lengthMm * b.widthMm * b.heightMm || a.maxWeightG - b.maxWeightG || a.id.localeCompare(b.id))
  return bySize.find((b) => boxFits(b, items)) ?? null
}

/** The parcel's estimated weight: items plus the box (when one is chosen). */
export const parcelWeight = (items: readonly PackItem[], box: Pick<BoxSpec, 'tareG'> | null): number => itemsWeight(items) + (box?.tareG ?? 0)

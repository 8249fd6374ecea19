/**
 * The demo shop's picking data: bins on the shop floor (aisles A–F) and in the backroom
 * (aisles R–S) walked as a serpentine, every product given a bin at both locations, weights
 * and sizes by category, 30 totes and the fulfilment settings. Deterministic; bulk rows are
 * appended (a 100k-product demo gets 200k product bins in a second or two).
 */
import { serpentineOrder } from '../core/fulfilment/index.js'
import type { CatalogueProduct } from '../core/catalogue-row.js'
import { appendRows } from './appender.js'
import type { Sql } from './sql.js'

const FLOOR_AISLES = ['A', 'B', 'C', 'D', 'E', 'F']
const BACKROOM_AISLES = ['R', 'S']

function binIds(aisles: readonly string[], bays: number, shelves: number): string[] {
  return aisles.flatMap((a) => Array.from({ length: bays }, (_, b) => Array.from({ length: shelves }, (_, s) => `${a}-${String(b + 1).padStart(2, '0')}-${s + 1}`)).flat())
}

/** Weight (g) and outer size (mm) by category, varied a little per product. */
const SIZES: Record<string, [number, number, number, number]> = {
  Grocery: [500, 150, 100, 80], Confectionery: [150, 160, 80, 20], Books: [600, 240, 170, 30], "Children's Clothing": [250, 250, 200, 30],
  Homeware: [700, 200, 150, 120], Kitchen: [900, 300, 200, 80], Stationery: [200, 210, 150, 20], Toys: [450, 250, 200, 100],
  Garden: [800, 300, 200, 150], 'Health & Beauty': [200, 120, 60, 50], 'Fuel & Firewood': [8000, 400, 300, 200], 'Baby Safety': [6000, 440, 340, 240],
}

export async function seedDemoFulfilment(sql: Sql, products: readonly CatalogueProduct[]): Promise<void> {
  const floor = binIds(FLOOR_AISLES, 10, 4)
  const back = binIds(BACKROOM_AISLES, 10, 5)
  const floorWalk = serpentineOrder(floor)
  const backWalk = serpentineOrder(back)
  await appendRows(sql, 'bins', [
    ...floor.map((id) => ({ id, location: 'floor', zone: id.slice(0, 1), walk_order: floorWalk.get(id)!, active: true })),
    ...back.map((id) => ({ id, location: 'backroom', zone: id.slice(0, 1), walk_order: backWalk.get(id)!, active: true })),
  ])
  await appendRows(sql, 'product_bins', products.flatMap((p, i) => [
    { id: `${p.sku}@floor`, sku: p.sku, location: 'floor', bin: floor[i % floor.length]! },
    { id: `${p.sku}@backroom`, sku: p.sku, location: 'backroom', bin: back[(i * 7) % back.length]! },
  ]))
  await appendRows(sql, 'product_dimensions', products.map((p, i) => {
    const [g, l, w, h] = SIZES[p.category] ?? [300, 200, 150, 50]
    const f = 0.8 + ((i * 37) % 41) / 100
    return { sku: p.sku, weight_g: Math.round(g * f), length_mm: Math.round(l * f), width_mm: Math.round(w * f), height_mm: Math.round(h * f) }
  }))
  await appendRows(sql, 'totes', Array.from({ length: 30 }, (_, i) => ({ id: `TOTE-${String(i + 1).padStart(3, '0')}`, pick_list_id: null, updated_at: null })))
  await sql.run(`INSERT INTO settings VALUES ('fulfilment', ?::JSON) ON CONFLICT (key) DO NOTHING`, [JSON.stringify({ defaultCarrier: 'manual', batchSize: 10, collectionLocation: 'collection' })])
}

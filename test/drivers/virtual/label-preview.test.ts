/** ZPL → PNG offline with zpl-renderer-js (WASM). One render: the engine takes ~0.5 s to warm up. */
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { shippingLabelZpl } from '../../../drivers/printer/label.js'
import { renderZplPng } from '../../../drivers/virtual/label-preview.js'
import { sampleShippingLabel } from '../support/sample-documents.js'

describe('renderZplPng', () => {
  it('renders a 4x6 shipping label at 203 dpi with ink where the barcode is', async () => {
    const png = PNG.sync.read(await renderZplPng(shippingLabelZpl(sampleShippingLabel)))
    expect([png.width, png.height]).toEqual([812, 1218])
    const dark = (x: number, y: number) => (png.data[(y * png.width + x) * 4] ?? 255) < 128
    let bars = 0
    for (let x = 30; x < 780; x++) if (dark(x, 850)) bars++
    expect(bars).toBeGreaterThan(100) // the Code 128 across the middle
    expect(dark(400, 1180)).toBe(false) // blank margin under the reference line
  }, 20_000)

  it('refuses text that is not ZPL', async () => {
    await expect(renderZplPng('hello')).rejects.toThrow(/\^XA/)
  })
})

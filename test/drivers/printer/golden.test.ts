/**
 * Golden bytes for every template x printer profile, with a readable transcript beside
 * each (test/golden/<case>.bin + .txt). Regenerate: UPDATE_GOLDEN=1 npx vitest run test/drivers
 */
import { describe, it } from 'vitest'
import { decodeText } from '../../../drivers/printer/codepages.js'
import type { ReceiptDocument } from '../../../drivers/printer/document.js'
import {
  returnsLabelTspl, returnsLabelZpl, shelfLabelTspl, shelfLabelZpl, shippingLabelTspl, shippingLabelZpl, zplToBytes,
} from '../../../drivers/printer/label.js'
import { PRINTER_PROFILES } from '../../../drivers/printer/profile.js'
import { encodeReceipt, type ReceiptOptions } from '../../../drivers/printer/receipt.js'
import { decodeEscPos } from '../../../drivers/virtual/escpos-decoder.js'
import { renderTranscript } from '../../../drivers/virtual/transcript.js'
import { byteListing, expectGolden } from '../support/golden.js'
import { copyReceipt, euroReceipt, sampleReceipt, sampleShelfLabel, sampleShippingLabel } from '../support/sample-documents.js'

const logo = {
  width: 48, height: 24,
  // A checkerboard of 8-dot squares: easy to recognise in the PNG preview.
  data: Uint8Array.from({ length: 48 * 24 * 4 }, (_, i) => {
    const p = i >> 2
    const dark = (Math.floor((p % 48) / 8) + Math.floor(p / 48 / 8)) % 2 === 0
    return i % 4 === 3 ? 255 : dark ? 0 : 255
  }),
}

const RECEIPTS: Array<[name: string, doc: ReceiptDocument, options?: ReceiptOptions]> = [
  ['receipt', sampleReceipt],
  ['receipt-copy', copyReceipt],
  ['receipt-euro', euroReceipt],
  ['receipt-logo-drawer', { ...sampleReceipt, logo, qr: undefined }, { openDrawer: true }],
]

describe('golden receipts', () => {
  for (const profile of Object.values(PRINTER_PROFILES)) {
    for (const [name, doc, options] of RECEIPTS) {
      it(`${name} on ${profile.id}`, () => {
        const bytes = encodeReceipt(doc, profile, options)
        const transcript = profile.language === 'esc-pos'
          ? renderTranscript(decodeEscPos(bytes, { codepageTable: profile.codepageTable }), { columns: profile.columns })
          : byteListing(bytes, (b) => decodeText(b, profile.codepage.name))
        expectGolden(`${name}.${profile.id}`, bytes, transcript)
      })
    }
  }
})

describe('golden labels', () => {
  const zpl: Array<[string, string]> = [
    ['shelf-label.zpl', shelfLabelZpl(sampleShelfLabel)],
    ['shipping-label.zpl', shippingLabelZpl(sampleShippingLabel)],
    ['returns-label.zpl', returnsLabelZpl(sampleShippingLabel)],
  ]
  for (const [name, text] of zpl) it(name, () => expectGolden(name, zplToBytes(text), text))

  const tspl: Array<[string, Uint8Array]> = [
    ['shelf-label.tspl', shelfLabelTspl(sampleShelfLabel)],
    ['shipping-label.tspl', shippingLabelTspl(sampleShippingLabel)],
    ['returns-label.tspl', returnsLabelTspl(sampleShippingLabel)],
  ]
  for (const [name, bytes] of tspl) it(name, () => expectGolden(name, bytes, decodeText(bytes, 'windows1252').replaceAll('\r\n', '\n')))
})

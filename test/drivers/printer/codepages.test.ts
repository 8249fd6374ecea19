/** Our text bytes must equal the encoder's own for every shipped profile's code page. */
import ReceiptPrinterEncoder, { type ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder'
import { describe, expect, it } from 'vitest'
import { codepageByNumber, decodeText, encodeText } from '../../../drivers/printer/codepages.js'
import { PRINTER_PROFILES } from '../../../drivers/printer/profile.js'
import { codepageCommand } from '../../../drivers/printer/receipt-writer.js'

// Shorter than 32 columns, so the encoder does not wrap it.
const hex = (bytes: Iterable<number>) => Buffer.from([...bytes]).toString('hex')
const SAMPLES = ['Crème brûlée £4.50 €12 Zoë', 'Ñandú Æsop Øl straße', '½ × ° ¿¡ «» ÀÉÎÕÜ']

describe('code pages', () => {
  for (const profile of Object.values(PRINTER_PROFILES)) {
    it.each(SAMPLES)(`${profile.id}: ${profile.codepage.name} bytes of %s match the encoder's text()`, (sample) => {
      const encoder = new ReceiptPrinterEncoder({ printerModel: profile.encoderModel as ReceiptPrinterEncoderOptions['printerModel'], columns: profile.columns })
      const theirs = encoder.initialize().codepage(profile.codepage.name as never).text(sample).encode()
      // The code page command, then the text: byte for byte what our writer sends.
      const ours = Buffer.from([...codepageCommand(profile), ...encodeText(sample, profile.codepage.name)])
      expect(Buffer.from(theirs).indexOf(ours), `${hex(theirs)} should contain ${hex(ours)}`).toBeGreaterThan(0)
    })
  }

  it('round-trips text through cp858 and marks what the page lacks with ?', () => {
    expect(decodeText(encodeText('€ £ é', 'cp858'), 'cp858')).toBe('€ £ é')
    expect(decodeText(encodeText('Łódź', 'cp858'), 'cp858')).toBe('?ód?')
  })

  it('reads decomposed accents (e + U+0301) as one character', () => {
    expect([...encodeText('Cafe\u0301', 'cp858')]).toEqual([...encodeText('Café', 'cp858')])
  })

  it('knows the Epson and Star numbers of the European pages', () => {
    expect(codepageByNumber('epson', 19)).toBe('cp858')
    expect(codepageByNumber('epson', 16)).toBe('windows1252')
    expect(codepageByNumber('star', 4)).toBe('cp858')
    expect(codepageByNumber('star', 32)).toBe('windows1252')
  })
})

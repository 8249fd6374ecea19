/** drivers/: encoding receipts and labels, and decoding in the virtual printer. */
import { shippingLabelZpl, shelfLabelZpl, shippingLabelTspl } from '../../drivers/printer/label.js'
import { printerProfile } from '../../drivers/printer/profile.js'
import { encodeReceipt } from '../../drivers/printer/receipt.js'
import { decodeEscPos } from '../../drivers/virtual/escpos-decoder.js'
import { renderReceiptPng } from '../../drivers/virtual/render-png.js'
import { renderTranscript } from '../../drivers/virtual/transcript.js'
import { longReceipt, sampleShelfLabel, sampleShippingLabel } from '../drivers/support/sample-documents.js'
import { percentiles, timeMany, type Benchmark } from './harness.js'

/**
 * CPU time per run (process.cpuUsage, user + system): on a shared 2-core box the wall-clock
 * p99 mostly measures other processes; this figure shows what the code itself costs.
 */
async function cpuMany(count: number, work: () => unknown, warmup = 20): Promise<number[]> {
  for (let i = 0; i < warmup; i++) work()
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const start = process.cpuUsage()
    work()
    const used = process.cpuUsage(start)
    samples.push((used.user + used.system) / 1000)
  }
  return samples
}

const profile = printerProfile('epson-tm-t20iii-80mm')
const receipt = longReceipt(30)
const bytes = encodeReceipt(receipt, profile)

export const benchmarks: Benchmark[] = [
  {
    name: 'drivers: receipt encode',
    async run() {
      const samples = await timeMany(1000, () => encodeReceipt(receipt, profile), 100)
      const cpu = await cpuMany(1000, () => encodeReceipt(receipt, profile), 100)
      return [
        { name: `30-line receipt → ESC/POS (${bytes.length} bytes, ${profile.id})`, values: percentiles(samples), unit: 'ms', target: 'p99 < 5 ms' },
        { name: '30-line receipt → ESC/POS, CPU time', values: percentiles(cpu), unit: 'ms', target: 'p99 < 5 ms' },
      ]
    },
  },
  {
    name: 'drivers: label encode',
    async run() {
      const zpl = await timeMany(1000, () => shippingLabelZpl(sampleShippingLabel), 100)
      const shelf = await timeMany(1000, () => shelfLabelZpl(sampleShelfLabel), 100)
      const tspl = await timeMany(1000, () => shippingLabelTspl(sampleShippingLabel), 100)
      return [
        { name: '4x6 shipping label → ZPL', values: percentiles(zpl), unit: 'ms', target: 'p99 < 10 ms' },
        { name: 'shelf-edge label → ZPL', values: percentiles(shelf), unit: 'ms', target: 'p99 < 10 ms' },
        { name: '4x6 shipping label → TSPL bytes', values: percentiles(tspl), unit: 'ms', target: 'p99 < 10 ms' },
      ]
    },
  },
  {
    name: 'drivers: virtual printer decode',
    async run() {
      const decode = await timeMany(1000, () => decodeEscPos(bytes), 100)
      const decodeCpu = await cpuMany(1000, () => decodeEscPos(bytes), 100)
      const transcript = await timeMany(500, () => renderTranscript(decodeEscPos(bytes), { columns: profile.columns }), 50)
      const png = await timeMany(50, () => renderReceiptPng(decodeEscPos(bytes), { widthDots: profile.printableWidthDots, columns: profile.columns }), 5)
      return [
        { name: 'decode a 30-line receipt (ESC/POS → elements)', values: percentiles(decode), unit: 'ms', target: 'p99 < 20 ms' },
        { name: 'decode a 30-line receipt, CPU time', values: percentiles(decodeCpu), unit: 'ms', target: 'p99 < 20 ms' },
        { name: 'decode + transcript', values: percentiles(transcript), unit: 'ms', target: 'p99 < 20 ms' },
        { name: 'decode + PNG preview (with barcode)', values: percentiles(png), unit: 'ms' },
      ]
    },
  },
]

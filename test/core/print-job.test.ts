import { describe, expect, it } from 'vitest'
import { nextPrintStatus, PRINT_TRANSITIONS, PrintStatus, retryDelayMs, type PrintEvent } from '../../appliance/core/print-job.js'

const EVENTS: PrintEvent[] = ['claim', 'sent', 'blocked', 'interrupted', 'failed', 'cancel']

describe('print job lifecycle', () => {
  it('has exactly these transitions; every other pair is refused', () => {
    const allowed: string[] = []
    for (const status of Object.values(PrintStatus)) {
      for (const event of EVENTS) {
        try {
          allowed.push(`${status} --${event}--> ${nextPrintStatus(status, event)}`)
        } catch (error) {
          expect((error as Error).message).toMatch(/can't be/)
        }
      }
    }
    expect(allowed).toEqual([
      'queued --claim--> sending',
      'queued --cancel--> cancelled',
      'sending --sent--> printed',
      'sending --blocked--> queued',
      'sending --interrupted--> interrupted',
      'sending --failed--> failed',
      'failed --cancel--> cancelled',
      'interrupted --cancel--> cancelled',
    ])
  })

  it('never goes back to queued once bytes may have reached the printer', () => {
    for (const status of ['interrupted', 'printed', 'failed', 'cancelled'] as const) {
      expect(Object.values(PRINT_TRANSITIONS[status])).not.toContain('queued')
      expect(Object.values(PRINT_TRANSITIONS[status])).not.toContain('sending')
    }
  })

  it('backs off from 1 s to 30 s', () => {
    expect([1, 2, 3, 5, 6, 20].map(retryDelayMs)).toEqual([1000, 2000, 4000, 16_000, 30_000, 30_000])
  })
})

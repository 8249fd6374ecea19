/** The till's sale sender (ui/till): the same key on every try, waits on transient failures, stops on a refusal. */
import { describe, expect, it } from 'vitest'
import { ApiClient } from '../../ui/data/api.js'
import type { PendingSale } from '../../ui/till/basket.js'
import { SaleSender } from '../../ui/till/sale-sender.js'

const pending: PendingSale = { key: 'key-123456', body: { till: 'till-1', lines: [{ sku: 'A' }], tenders: [{ method: 'cash', amountMinor: 100 }] }, sentAt: '2026-06-15T10:00:00Z' }
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json', ...headers } })

function fakeApi(answers: Array<() => Response>) {
  const keys: string[] = []
  const api = new ApiClient({
    fetch: async (_url, init) => {
      keys.push(new Headers(init?.headers).get('Idempotency-Key') ?? '')
      const next = answers.shift()
      if (!next) throw new Error('no more answers')
      return next()
    },
  })
  return { api, keys }
}

describe('SaleSender', () => {
  it('sends again with the same key through a lost connection and a 503, then takes the answer', async () => {
    const { api, keys } = fakeApi([
      () => { throw new TypeError('network down') },
      () => json(503, { code: 'internal', detail: 'busy' }, { 'retry-after': '0' }),
      () => json(201, { receiptNumber: 'S-01-000001' }),
    ])
    const waiting: boolean[] = []
    const result = await new SaleSender(api, { retryMs: 5, onWaiting: (w) => waiting.push(w) }).send(pending)
    expect(result).toMatchObject({ receiptNumber: 'S-01-000001' })
    expect(keys).toEqual(['key-123456', 'key-123456', 'key-123456'])
    expect(waiting).toEqual([true, true, false])
  })

  it('stops at a refusal and reports it', async () => {
    const { api, keys } = fakeApi([() => json(422, { code: 'invalid_input', detail: 'The voucher only has 300 pence left', field: 'tenders.0.amountMinor' })])
    await expect(new SaleSender(api, { retryMs: 5 }).send(pending)).rejects.toMatchObject({ status: 422, field: 'tenders.0.amountMinor' })
    expect(keys).toHaveLength(1)
  })

  it('retries at once when the browser comes back online, and stops when told to', async () => {
    const events = new EventTarget()
    const { api, keys } = fakeApi([() => { throw new TypeError('offline') }, () => json(201, { receiptNumber: 'S-01-000002' })])
    const sender = new SaleSender(api, { retryMs: 60_000, events })
    const sent = sender.send(pending)
    await new Promise((resolve) => setTimeout(resolve, 20))
    events.dispatchEvent(new Event('online'))
    await expect(sent).resolves.toMatchObject({ receiptNumber: 'S-01-000002' })
    expect(keys).toHaveLength(2)

    const stopping = new SaleSender(fakeApi([() => { throw new TypeError('offline') }]).api, { retryMs: 60_000 })
    const never = stopping.send(pending)
    await new Promise((resolve) => setTimeout(resolve, 20))
    stopping.stop()
    await expect(never).rejects.toThrow(/sent again/)
  })
})

import { describe, expect, it } from 'vitest'
import { CHANNEL_SETTABLE_STATUSES, decideChannelStatus, type ChannelOrderStatus } from '../../../appliance/core/orders/channel-status.js'
import { ORDER_STATUSES, ORDER_STATUS_RANK, canTransition, type OrderStatus } from '../../../appliance/core/orders/order-status.js'

const CHANNEL: ChannelOrderStatus[] = ['pending', 'ready_to_ship', 'partially_shipped', 'shipped', 'cancelled', 'refunded']

/* For each of our statuses, what each channel status does: s = set, k = keep, r = review. */
const SPEC: Record<OrderStatus, string> = {
  //                  pending ready partial shipped cancelled refunded
  pending:             'k k s s s s',
  backordered:         'k k r r s s',
  partially_allocated: 'k k r r s s',
  allocated:           'k k r r s s',
  picking:             'k k r r s s',
  picked:              'k k r r s s',
  packed:              'k k s s s s',
  partially_shipped:   'k k k s r s',
  shipped:             'k k k k r s',
  delivered:           'k k k k r s',
  lost:                'k k k k r s',
  completed:           'k k k k r s',
  partially_returned:  'k k k k r s',
  returned:            'k k k k k k',
  refunded:            'k k k k k k',
  cancelled:           'k k k k k k',
}
const ACTION = { s: 'set', k: 'keep', r: 'review' } as const

describe('what a channel import may do to an order', () => {
  it.each(ORDER_STATUSES.flatMap((ours) => CHANNEL.map((theirs, i) => [ours, theirs, i] as const)))('ours %s, channel says %s', (ours, theirs, i) => {
    const code = SPEC[ours].split(' ')[i] as keyof typeof ACTION
    const d = decideChannelStatus(ours, theirs)
    expect(d.action).toBe(ACTION[code])
    if (d.action === 'set') {
      expect(CHANNEL_SETTABLE_STATUSES.has(d.status)).toBe(true)
      expect(ORDER_STATUS_RANK[d.status]).toBeGreaterThanOrEqual(ORDER_STATUS_RANK[ours]) // never backwards
    } else {
      expect(d.status).toBe(ours)
    }
    if (d.action === 'review') expect(d.reason).toMatch(/\w/)
  })

  it('a set is also a move our own table allows, except a channel\u2019s own shipping of an unallocated order', () => {
    for (const ours of ORDER_STATUSES) {
      for (const theirs of CHANNEL) {
        const d = decideChannelStatus(ours, theirs)
        if (d.action !== 'set') continue
        const channelOnly = ours === 'pending' && (d.status === 'shipped' || d.status === 'partially_shipped')
        expect(canTransition(ours, d.status) || channelOnly, `${ours} → ${d.status}`).toBe(true)
      }
    }
  })

  it('creates new orders in the status the channel stands for', () => {
    expect(CHANNEL.map((c) => decideChannelStatus(null, c))).toEqual([
      { action: 'create', status: 'pending' }, { action: 'create', status: 'pending' },
      { action: 'create', status: 'partially_shipped' }, { action: 'create', status: 'shipped' },
      { action: 'create', status: 'cancelled' }, { action: 'create', status: 'refunded' },
    ])
  })
})

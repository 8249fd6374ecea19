import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkEscalationRules, dueEscalations, escalationRuleKey, type EscalationRule } from '../../../appliance/core/orders/escalation.js'
import { trafficLight, type TrafficLight } from '../../../appliance/core/orders/traffic-light.js'

const LONDON = 'Europe/London'

describe('traffic lights against a deadline, in the store\u2019s local day', () => {
  it.each([
    ['later day', '2025-03-04T14:00:00Z', '2025-03-03T16:00:00Z', 'green'],
    ['today, not yet', '2025-03-03T14:00:00Z', '2025-03-03T09:00:00Z', 'amber'],
    ['today, exactly at the deadline', '2025-03-03T14:00:00Z', '2025-03-03T14:00:00Z', 'amber'],
    ['a second past', '2025-03-03T14:00:00Z', '2025-03-03T14:00:01Z', 'red'],
    ['days past', '2025-03-03T14:00:00Z', '2025-03-10T09:00:00Z', 'red'],
    ['00:30 BST Monday: a Monday 14:00 BST deadline is today, though UTC still says Sunday', '2025-06-02T13:00:00Z', '2025-06-01T23:30:00Z', 'amber'],
    ['23:30 BST Sunday: the Monday deadline is tomorrow', '2025-06-02T13:00:00Z', '2025-06-01T22:30:00Z', 'green'],
    ['the morning clocks go back', '2025-10-27T14:00:00Z', '2025-10-26T23:30:00Z', 'green'],
    ['the morning after clocks go back', '2025-10-27T14:00:00Z', '2025-10-27T00:30:00Z', 'amber'],
  ])('%s', (_name, deadline, now, light) => {
    expect(trafficLight(new Date(deadline), new Date(now), LONDON)).toBe(light)
  })

  it('only ever gets worse as time passes', () => {
    const rank = { green: 0, amber: 1, red: 2 }
    const t = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 0, 1) })
    fc.assert(fc.property(t, t, t, (deadline, a, b) => {
      const [early, late] = a <= b ? [a, b] : [b, a]
      const l1 = trafficLight(new Date(deadline), new Date(early), LONDON)
      const l2 = trafficLight(new Date(deadline), new Date(late), LONDON)
      expect(rank[l2]).toBeGreaterThanOrEqual(rank[l1])
    }))
  })
})

const RULES: EscalationRule[] = [
  { when: 'amber', at: '14:00', actions: ['notify-managers'] },
  { when: 'red', actions: ['notify-managers', 'tag:late'] },
  { id: 'red-evening', when: 'red', at: '17:00', actions: ['notify-staff', 'tag:late'] },
]
const due = (light: TrafficLight, now: string, fired: string[] = []) => dueEscalations(RULES, { light, now: new Date(now), timeZone: LONDON, fired })

describe('escalation rules', () => {
  it.each([
    ['green: nothing', 'green', '2025-03-03T15:00:00Z', [], [], []],
    ['amber before 14:00: nothing yet', 'amber', '2025-03-03T13:59:00Z', [], [], []],
    ['amber at 14:00 GMT', 'amber', '2025-03-03T14:00:00Z', [], ['amber@14:00:notify-managers'], ['notify-managers']],
    ['amber at 13:00 UTC in summer is 14:00 BST', 'amber', '2025-07-01T13:00:00Z', [], ['amber@14:00:notify-managers'], ['notify-managers']],
    ['amber already fired', 'amber', '2025-03-03T16:00:00Z', ['amber@14:00:notify-managers'], [], []],
    ['red in the morning: the any-time red rule', 'red', '2025-03-04T09:00:00Z', [], ['red:notify-managers,tag:late'], ['notify-managers', 'tag:late']],
    ['red in the evening, first run: both red rules, actions once each', 'red', '2025-03-04T17:30:00Z', [], ['red:notify-managers,tag:late', 'red-evening'], ['notify-managers', 'tag:late', 'notify-staff']],
    ['red in the evening after the morning rule fired', 'red', '2025-03-04T17:30:00Z', ['red:notify-managers,tag:late'], ['red-evening'], ['notify-staff', 'tag:late']],
    ['amber rules never fire for a red order', 'red', '2025-03-04T14:30:00Z', ['red:notify-managers,tag:late'], [], []],
  ] as const)('%s', (_name, light, now, fired, keys, actions) => {
    const result = due(light, now, [...fired])
    expect(result.ruleKeys).toEqual(keys)
    expect(result.actions).toEqual(actions)
  })

  it('is idempotent: what fired, passed back, fires nothing more', () => {
    const lights = fc.constantFrom<TrafficLight>('green', 'amber', 'red')
    const t = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 0, 1) })
    fc.assert(fc.property(fc.array(fc.tuple(lights, t), { maxLength: 8 }), (steps) => {
      const fired: string[] = []
      const everyKey = new Set<string>()
      for (const [light, now] of steps) {
        const result = dueEscalations(RULES, { light, now: new Date(now), timeZone: LONDON, fired })
        for (const key of result.ruleKeys) {
          expect(everyKey.has(key)).toBe(false)
          everyKey.add(key)
        }
        fired.push(...result.ruleKeys)
        expect(dueEscalations(RULES, { light, now: new Date(now), timeZone: LONDON, fired }).ruleKeys).toEqual([])
      }
    }))
  })

  it('keys come from content unless an id is given', () => {
    expect(RULES.map(escalationRuleKey)).toEqual(['amber@14:00:notify-managers', 'red:notify-managers,tag:late', 'red-evening'])
  })

  it.each([
    [{ when: 'green', actions: ['notify-managers'] }, 'escalations.0.when'],
    [{ when: 'amber', at: '2pm', actions: ['notify-managers'] }, 'escalations.0.at'],
    [{ when: 'red', actions: [] }, 'escalations.0.actions'],
    [{ when: 'red', actions: ['email-ceo'] }, 'escalations.0.actions.0'],
    [{ when: 'red', actions: ['tag:Late Orders'] }, 'escalations.0.actions.0'],
  ])('validates rules: %o', (rule, field) => {
    expect(() => checkEscalationRules([rule as EscalationRule])).toThrow(expect.objectContaining({ code: 'invalid_input', field }))
  })

  it('accepts the example rules and refuses a duplicate', () => {
    expect(() => checkEscalationRules(RULES)).not.toThrow()
    expect(() => checkEscalationRules([RULES[1]!, { ...RULES[1]! }])).toThrow(expect.objectContaining({ field: 'escalations.1' }))
  })
})

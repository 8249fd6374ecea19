/**
 * Escalation rules for late orders, evaluated by the SLA job on a schedule:
 *
 *     { when: 'amber', at: '14:00', actions: ['notify-managers'] }
 *     { when: 'red', actions: ['notify-managers', 'tag:late'] }
 *
 * A rule is due for an order when the order's light is exactly `when` and, if `at` is
 * given, the store's local time is at or past `at`. Exactly, not "at least": an order that
 * jumps straight to red gets the red rules, not a late amber reminder on top. Each rule
 * fires at most once per order: the caller keeps the keys of rules already fired (with the
 * order) and passes them back, so evaluating twice returns nothing new (idempotent) and a
 * crash between firing and recording repeats a notification rather than losing one.
 *
 * A rule's key is its content (`red:notify-managers,tag:late`, `amber@14:00:notify-managers`)
 * unless it has an `id`: reordering the configured list does not refire anything, and
 * editing a rule makes a new rule that may fire once more.
 */
import { invalid } from '../errors.js'
import type { TrafficLight } from './traffic-light.js'
import { checkInstant, checkTimeZone, localDateTime, parseClock } from './zoned-time.js'

/**
 * `notify-managers` / `notify-staff` (a message to people with that role), or
 * `tag:<name>` (add a tag to the order, e.g. `tag:late`).
 */
export type EscalationAction = 'notify-managers' | 'notify-staff' | `tag:${string}`

export interface EscalationRule {
  /** A stable key; defaults to one made from the rule's content. */
  readonly id?: string
  readonly when: Exclude<TrafficLight, 'green'>
  /** Local time of day (`HH:MM`) from which the rule applies; any time when absent. */
  readonly at?: string
  readonly actions: readonly EscalationAction[]
}

export interface DueEscalations {
  /** Keys of the rules that fire now; record them with the order. */
  readonly ruleKeys: string[]
  /** Their actions, each once, in rule order. */
  readonly actions: EscalationAction[]
}

const ACTION = /^(notify-managers|notify-staff|tag:[a-z0-9][a-z0-9_-]{0,39})$/

/** Validates rules once when settings are saved. Throws `invalid_input` naming `escalations.N.field`. */
export function checkEscalationRules(rules: readonly EscalationRule[]): void {
  const keys = new Set<string>()
  rules.forEach((rule, i) => {
    const at = `escalations.${i}`
    if (rule.when !== 'amber' && rule.when !== 'red') throw invalid('A rule applies when an order turns amber or red', `${at}.when`)
    if (rule.at !== undefined && parseClock(rule.at) === undefined) throw invalid('A time is HH:MM (24-hour)', `${at}.at`)
    if (!Array.isArray(rule.actions) || rule.actions.length === 0) throw invalid('Give the rule at least one action', `${at}.actions`)
    rule.actions.forEach((action, k) => {
      if (!ACTION.test(action)) throw invalid('An action is notify-managers, notify-staff or tag:<name> (lower-case letters, digits, - and _)', `${at}.actions.${k}`)
    })
    const key = escalationRuleKey(rule)
    if (keys.has(key)) throw invalid('Another rule is the same as this one', `${at}`)
    keys.add(key)
  })
}

/** The key recorded when a rule fires. */
export function escalationRuleKey(rule: EscalationRule): string {
  return rule.id ?? `${rule.when}${rule.at === undefined ? '' : `@${rule.at}`}:${rule.actions.join(',')}`
}

export interface EscalationInput {
  readonly light: TrafficLight
  readonly now: Date
  readonly timeZone: string
  /** Keys of the rules already fired for this order. */
  readonly fired: Iterable<string>
}

/** The rules newly due for one order and their actions (nothing twice). */
export function dueEscalations(rules: readonly EscalationRule[], input: EscalationInput): DueEscalations {
  checkInstant(input.now, 'now')
  checkTimeZone(input.timeZone)
  const fired = new Set(input.fired)
  const minutes = localDateTime(input.now, input.timeZone).minutes
  const ruleKeys: string[] = []
  const actions = new Set<EscalationAction>()
  for (const rule of rules) {
    const key = escalationRuleKey(rule)
    if (fired.has(key) || rule.when !== input.light) continue
    const from = rule.at === undefined ? 0 : parseClock(rule.at)
    if (from === undefined || minutes < from) continue
    ruleKeys.push(key)
    fired.add(key) // two rules with one key fire once
    for (const action of rule.actions) actions.add(action)
  }
  return { ruleKeys, actions: [...actions] }
}

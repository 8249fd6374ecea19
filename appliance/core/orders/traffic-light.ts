/**
 * The traffic light an order list shows against a deadline (usually despatch-by):
 * - `red`: the deadline has passed;
 * - `amber`: it falls today (store's local date) and has not passed — do it now;
 * - `green`: it falls on a later day.
 * "Today" is the store's local date, so an order due at 00:30 BST is amber from local
 * midnight, not from UTC midnight. The deadline itself is still on time (`now` equal to
 * the deadline is amber): a 14:00 cut-off means "by 14:00".
 */
import { checkInstant, localDate } from './zoned-time.js'

export const TrafficLight = { Green: 'green', Amber: 'amber', Red: 'red' } as const
export type TrafficLight = (typeof TrafficLight)[keyof typeof TrafficLight]

/** Severity order: green < amber < red. */
export const TRAFFIC_LIGHT_RANK: Readonly<Record<TrafficLight, number>> = Object.freeze({ green: 0, amber: 1, red: 2 })

/** The light for `deadline` at `now` in the store's `zone`. */
export function trafficLight(deadline: Date, now: Date, zone: string): TrafficLight {
  checkInstant(deadline, 'deadline')
  checkInstant(now, 'now')
  if (now.getTime() > deadline.getTime()) return TrafficLight.Red
  return localDate(deadline, zone) === localDate(now, zone) ? TrafficLight.Amber : TrafficLight.Green
}

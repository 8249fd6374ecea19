/** Date range presets for reports, worked out from the store's date today (pure: `today` is passed in). */

export type Preset = 'today' | '7d' | '30d' | 'this-month' | 'last-month' | 'this-year' | '12m' | 'custom'

export const PRESETS: ReadonlyArray<{ id: Preset; label: string }> = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: 'this-year', label: 'This year' },
  { id: '12m', label: 'Last 12 months' },
  { id: 'custom', label: 'Custom' },
]

const DAY = 86_400_000
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
const at = (date: string) => Date.parse(`${date}T00:00:00Z`)

export function addDays(date: string, days: number): string {
  return iso(at(date) + days * DAY)
}

/** The range a preset means on `today` (YYYY-MM-DD, inclusive); `custom` keeps `current`. */
export function presetRange(preset: Preset, today: string, current?: { from: string; to: string }): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number]
  const monthStart = (year: number, month: number) => iso(Date.UTC(year, month - 1, 1))
  switch (preset) {
    case 'today': return { from: today, to: today }
    case '7d': return { from: addDays(today, -6), to: today }
    case '30d': return { from: addDays(today, -29), to: today }
    case 'this-month': return { from: monthStart(y, m), to: today }
    case 'last-month': return { from: monthStart(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1), to: addDays(monthStart(y, m), -1) }
    case 'this-year': return { from: `${y}-01-01`, to: today }
    case '12m': {
      const months = y * 12 + (m - 1) - 11
      return { from: monthStart(Math.floor(months / 12), (months % 12) + 1), to: today }
    }
    case 'custom': return current ?? { from: addDays(today, -29), to: today }
  }
}

/** Whether a range reaches today (live sales can change it). */
export const includesToday = (range: { from: string; to: string }, today: string): boolean => range.from <= today && today <= range.to

/**
 * At most one run every `intervalMs` however often it is poked, and always one after the
 * last poke (trailing): live refresh as sales come in without re-running per sale.
 */
export class Throttle {
  #last = -Infinity
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  poke(): void {
    if (this.#timer) return
    const wait = Math.max(0, this.#last + this.intervalMs - this.now())
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#last = this.now()
      this.run()
    }, wait)
  }

  cancel(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }
}

/**
 * The benchmark harness: each `*.bench.ts` file exports `benchmarks`, a list of named
 * async functions that return figures. `npm run bench` runs them all (or those whose
 * name matches the first argument) and prints one table. Figures, not pass/fail.
 */
export interface Figure {
  /** What was measured, e.g. "barcode lookup via HTTP (100k products)". */
  name: string
  /** e.g. { p50: 0.8, p99: 2.1 } in `unit`. */
  values: Record<string, number>
  unit: 'ms' | 's' | 'per s' | 'MB' | '%'
  /** The target, e.g. "p99 < 5 ms". */
  target?: string
}

export interface Benchmark {
  name: string
  run(): Promise<Figure[]>
}

/** Percentiles of a list of durations (ms). */
export function percentiles(samples: number[], ps: number[] = [50, 95, 99]): Record<string, number> {
  const sorted = [...samples].sort((a, b) => a - b)
  const out: Record<string, number> = {}
  for (const p of ps) {
    const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
    out[`p${p}`] = Number((sorted[Math.max(0, index)] ?? NaN).toFixed(3))
  }
  return out
}

/** Times `work` `count` times (after `warmup` untimed runs) and returns the durations in ms. */
export async function timeMany(count: number, work: (i: number) => Promise<unknown> | unknown, warmup = 20): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work(i)
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await work(i)
    samples.push(performance.now() - start)
  }
  return samples
}

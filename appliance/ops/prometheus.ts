/**
 * Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then one
 * `name{label="value"} number` per sample. Only what /metrics needs: gauges and counters.
 */
export interface Sample {
  labels?: Record<string, string>
  value: number
}

export interface Metric {
  name: string
  help: string
  type: 'gauge' | 'counter'
  samples: Sample[]
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}

export function renderMetrics(metrics: Metric[]): string {
  const out: string[] = []
  for (const m of metrics) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(m.name)) throw new Error(`Invalid metric name ${m.name}`)
    out.push(`# HELP ${m.name} ${escapeHelp(m.help)}`, `# TYPE ${m.name} ${m.type}`)
    for (const s of m.samples) {
      const labels = Object.entries(s.labels ?? {})
      const labelText = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : ''
      out.push(`${m.name}${labelText} ${formatValue(s.value)}`)
    }
  }
  return `${out.join('\n')}\n`
}

/** Parses the text format back into samples (tests, and `npm run` tools that read a scrape). */
export function parseMetrics(text: string): Map<string, Array<{ labels: Record<string, string>; value: number }>> {
  const result = new Map<string, Array<{ labels: Record<string, string>; value: number }>>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m) throw new Error(`Not a Prometheus sample line: ${line}`)
    const labels: Record<string, string> = {}
    for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch))
    }
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3])
    if (m[3] !== 'NaN' && Number.isNaN(value)) throw new Error(`Not a number in: ${line}`)
    const list = result.get(m[1]!) ?? []
    list.push({ labels, value })
    result.set(m[1]!, list)
  }
  return result
}

/** `npm run bench [filter]`: runs every benchmark file's benchmarks and prints their figures. */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Benchmark, Figure } from './harness.js'
import { watchSteal } from './machine.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const filter = process.argv[2]
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()

const rows: Array<Figure & { bench: string }> = []
for (const file of files) {
  const { benchmarks } = (await import(`./${file}`)) as { benchmarks: Benchmark[] }
  for (const bench of benchmarks) {
    if (filter && !bench.name.includes(filter) && !file.includes(filter)) continue
    process.stdout.write(`… ${bench.name}\n`)
    const steal = watchSteal()
    const figures = await bench.run()
    const stolen = steal.stop()
    if (stolen !== undefined) figures.push({ name: 'CPU time taken by the hypervisor (steal) during this group', values: { steal: stolen }, unit: '%' })
    for (const figure of figures) {
      rows.push({ ...figure, bench: bench.name })
      const values = Object.entries(figure.values).map(([k, v]) => `${k} ${v}`).join(', ')
      process.stdout.write(`  ${figure.name}: ${values} ${figure.unit}${figure.target ? `   (target: ${figure.target})` : ''}\n`)
    }
  }
}
process.stdout.write(`\n${rows.length} figures from ${files.length} files\n`)
process.exit(0)

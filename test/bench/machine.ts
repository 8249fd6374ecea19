/**
 * What the machine itself allows, printed beside every group's figures: a shared virtual
 * machine lends its CPUs to other guests ("steal"), and while it does, any request can
 * stall for tens of milliseconds whatever our code does. Figures without this are not
 * comparable from one run to the next.
 */
import { readFileSync } from 'node:fs'

interface CpuTimes { steal: number; total: number }

function cpuTimes(): CpuTimes | undefined {
  try {
    // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (USER_HZ ticks).
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number)
    return { steal: fields[7] ?? 0, total: fields.reduce((sum, n) => sum + n, 0) }
  } catch {
    return undefined // not Linux: no steal to report
  }
}

/** Starts watching; `stop()` gives the share of CPU time the hypervisor took away meanwhile (%). */
export function watchSteal(): { stop(): number | undefined } {
  const start = cpuTimes()
  return {
    stop() {
      const end = cpuTimes()
      if (!start || !end || end.total === start.total) return undefined
      return Number(((100 * (end.steal - start.steal)) / (end.total - start.total)).toFixed(1))
    },
  }
}

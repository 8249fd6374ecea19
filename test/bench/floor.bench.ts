/**
 * The floor under every write figure, measured the same way on the same disk: one
 * durable append (write + fdatasync), and the cheapest DuckDB transaction the serial
 * writer can run (one single-row UPDATE and its COMMIT). A sale, a return or a pick scan
 * is a dozen such statements; when this floor's p99 is near an issue's target, the
 * target's tail is the machine's, not the code's.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Database } from '../../appliance/db/database.js'
import { percentiles, timeMany, type Benchmark } from './harness.js'

export const benchmarks: Benchmark[] = [
  {
    name: 'floor: one fsync, one one-row DuckDB transaction',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'))
      const fd = openSync(join(dir, 'append.bin'), 'a')
      const block = Buffer.alloc(4096, 1)
      const fsyncs = await timeMany(1000, () => {
        writeSync(fd, block)
        fdatasyncSync(fd)
      })
      closeSync(fd)

      const { db } = await Database.open(join(dir, 'floor.duckdb'))
      await db.transaction(async (tx) => {
        await tx.sql.run('CREATE TABLE floor (id INTEGER PRIMARY KEY, n BIGINT)')
        await tx.sql.run('INSERT INTO floor SELECT range, 0 FROM range(100000)')
      })
      const transactions = await timeMany(1000, (i) =>
        db.transaction((tx) => tx.sql.run(`UPDATE floor SET n = n + 1 WHERE id = ${(i * 7919) % 100_000}`)),
      )
      db.close()
      rmSync(dir, { recursive: true, force: true })
      return [
        { name: 'append 4 KiB and fdatasync', values: percentiles(fsyncs), unit: 'ms' },
        { name: 'one-row UPDATE committed by the serial writer', values: percentiles(transactions), unit: 'ms' },
      ]
    },
  },
]

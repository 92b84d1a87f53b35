// Running the action once against the benchmark's emulators: emulators with the test CA, a work directory, and one
// timed `node dist/index.js` run with the requests it sent. Shared by the benchmark's scenario modules.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulators, type Emulators, type RequestLogEntry } from '../emulators/index.js'
import { ROOT, runAction, type ActionRun } from '../emulators/runner.js'

type EmulatorOptions = Parameters<typeof startEmulators>[0]

/** The emulators for a benchmark run, serving with the repository's test CA (which the action is told to trust). */
export const startBenchEmulators = (options: Omit<EmulatorOptions, 'caDir'>): Promise<Emulators> =>
  startEmulators({ ...options, caDir: join(ROOT, '.emulators') })

/** A fresh work directory under the system's temporary directory (`bench-<name>-…`). */
export const benchWorkdir = (name: string): string => mkdtempSync(join(tmpdir(), `bench-${name}-`))

export interface TimedRun {
  run: ActionRun
  /** Wall time of the run, from spawning the action to its exit. */
  wallMs: number
  /** When the run started (epoch ms, the clock of the request log's `at`). */
  startedAt: number
  /** The requests the emulators served during the run. */
  log: RequestLogEntry[]
}

/** Runs the action once in `workdir` with `inputs` against `emu`, from an empty request log. */
export async function runTimed(emu: Emulators, workdir: string, inputs: Record<string, string>): Promise<TimedRun> {
  emu.clearLog()
  const startedAt = Date.now()
  const start = performance.now()
  const run = await runAction({ cwd: workdir, tempDir: mkdtempSync(join(workdir, 'run-')), inputs, env: emu.env() })
  return { run, wallMs: performance.now() - start, startedAt, log: [...emu.log] }
}

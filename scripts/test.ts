// `npm test`: bundles dist/ (the end-to-end tests run dist/index.js), creates the emulators' test CA, then
// runs jest with NODE_EXTRA_CA_CERTS set, which Node only reads at start-up. Extra arguments go to jest.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { ensureTestCa } from '../emulators/tls.js'
import { ROOT } from '../emulators/runner.js'

const started = performance.now()
const args = process.argv.slice(2)
const skipBuild = args.includes('--no-build')
const jestArgs = args.filter((a) => a !== '--no-build')
// At least two test files at once (jest's default is cores − 1, one on a 2-core machine): most of a test's time is
// spent waiting on `node dist/index.js` and the emulators' pacing and Retry-After, so a second file fills the gaps.
// The CPU the suite uses is the same either way (about 11 min on 2 cores, 1 worker or 2). A worker count given wins.
const workers = jestArgs.some((a) => /^(--maxWorkers|-w$|--runInBand|-i$)/.test(a))
  ? []
  : [`--maxWorkers=${Math.max(2, availableParallelism() - 1)}`]

const step = (command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): number =>
  spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env }).status ?? 1

if (!skipBuild && step('npm', ['run', 'build', '--silent', '--', '--quiet']) !== 0) process.exit(1)

const { caFile } = await ensureTestCa(join(ROOT, '.emulators'))
const results = join(ROOT, 'build', 'jest-results.json')
rmSync(results, { force: true })
const status = step(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--json',
    `--outputFile=${results}`,
    ...workers,
    ...jestArgs
  ],
  { ...process.env, NODE_EXTRA_CA_CERTS: caFile }
)

// How long the whole command took (bundle included), then one plain closing line, whatever the reporter printed above.
console.log(`\nnpm test took ${elapsed(performance.now() - started)}`)
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
  }
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)
}
process.exit(status)

function elapsed(ms: number): string {
  const seconds = Math.round(ms / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

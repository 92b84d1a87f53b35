// Fails when dist/ differs from a fresh build of src/: the runner executes dist/index.js, not src/.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const fresh = mkdtempSync(join(tmpdir(), 'dist-check-'))
const build = spawnSync(
  process.execPath,
  [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    'build',
    'src/index.ts',
    '-o',
    fresh,
    '--license',
    'licenses.txt',
    '--quiet'
  ],
  { stdio: 'inherit' }
)
if (build.status !== 0) process.exit(build.status ?? 1)

const list = (dir) => readdirSync(dir, { recursive: true }).map(String).sort()
const expected = list(fresh)
const actual = list('dist')
const differences = [
  ...expected.filter((f) => !actual.includes(f)).map((f) => `missing from dist/: ${f}`),
  ...actual.filter((f) => !expected.includes(f)).map((f) => `not produced by the build: dist/${f}`),
  ...expected
    .filter((f) => actual.includes(f))
    .filter((f) => {
      try {
        return !readFileSync(join(fresh, f)).equals(readFileSync(join('dist', f)))
      } catch {
        return false // directories
      }
    })
    .map((f) => `differs from a fresh build: dist/${f}`)
]
rmSync(fresh, { recursive: true, force: true })
if (differences.length > 0) {
  console.error(differences.join('\n'))
  console.error('dist/ is out of date: run `npm run build` and commit dist/.')
  process.exit(1)
}
console.log('dist/ matches a fresh build of src/.')

// The action's worker runs with the heap limits isolate.ts sets (the bundle, started as a runner starts it): a small
// young generation, and an old generation below V8's default so that V8 grows the heap by a smaller factor between
// full collections (the action's peak memory: README "Where the memory goes").
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from '../emulators/runner.js'
import { OLD_GENERATION_MB } from '../src/isolate.js'

describe('the action worker', () => {
  test('runs with the old generation limit of isolate.ts, below V8 default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isolate-limits-'))
    const out = join(dir, 'limit.txt')
    // A preload runs in the worker too: it records the worker's heap limit.
    const preload = join(dir, 'preload.mjs')
    writeFileSync(
      preload,
      "import { getHeapStatistics } from 'node:v8'\nimport { isMainThread } from 'node:worker_threads'\nimport { writeFileSync } from 'node:fs'\n" +
        `if (!isMainThread) writeFileSync(${JSON.stringify(out)}, String(getHeapStatistics().heap_size_limit))\n`
    )
    spawnSync(process.execPath, [join(ROOT, 'dist', 'index.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_OPTIONS: `--import ${pathToFileURL(preload).href}`,
        INPUT_COMMAND: 'validate'
      },
      encoding: 'utf8'
    })
    const limitMb = Number(readFileSync(out, 'utf8')) / 1024 / 1024
    // heap_size_limit is the old generation plus the young generation's (small) reservation.
    expect(limitMb).toBeGreaterThanOrEqual(OLD_GENERATION_MB)
    expect(limitMb).toBeLessThan(OLD_GENERATION_MB + 64)
  })
})

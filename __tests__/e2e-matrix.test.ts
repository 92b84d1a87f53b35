// End-to-end: command: matrix, and its output consumed by a second step that syncs one workspace per job.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { demoWorkspaces, startJob, type EmulatedJob } from '../emulators/index.js'
import { CONFIG_FILE, ROOT, runAction } from '../emulators/runner.js'

const GOOD = join(ROOT, '__tests__', 'fixtures', 'config', 'good')
const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))

describe('matrix', () => {
  test('prints the selected workspaces as a JSON matrix, sorted, with their config file', async () => {
    const run = await runAction({ cwd: GOOD, inputs: { command: 'matrix', config: 'multi/*.yml' } })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.matrix ?? '')).toEqual({
      include: [
        {
          workspace: 'analytics-prod',
          host: 'https://adb-6234138917436195.15.azuredatabricks.net',
          config: 'multi/analytics.yml'
        },
        { workspace: 'local-demo', host: 'https://127.0.0.1:8443', config: 'multi/ml.yml' },
        { workspace: 'ml-prod', host: 'https://adb-7777777777777777.7.databricks.azure.us', config: 'multi/ml.yml' }
      ]
    })
    expect(run.summary).toContain('3 workspaces in the <code>matrix</code> output')
  })

  test('the workspace input narrows the matrix; a bad config gives no matrix', async () => {
    const one = await runAction({
      cwd: GOOD,
      inputs: { command: 'matrix', config: 'multi/*.yml', workspace: 'ml-prod' }
    })
    expect(JSON.parse(one.outputs.matrix ?? '').include.map((e: { workspace: string }) => e.workspace)).toEqual([
      'ml-prod'
    ])
    const bad = await runAction({
      cwd: join(ROOT, '__tests__', 'fixtures', 'config', 'bad'),
      inputs: { command: 'matrix', config: 'http-host.yml' }
    })
    expect(bad.code).toBe(1)
    expect(bad.outputs.matrix).toBeUndefined()
  })
})

describe('matrix consumed by a second step', () => {
  let job: EmulatedJob

  beforeAll(async () => {
    job = await startJob('e2e-matrix-', { fixture }, (emu) => ({
      version: 1,
      defaults: { 'max-deletions': 5 },
      workspaces: demoWorkspaces(emu, { groups: ['Data Engineers'] }, { groups: ['Data Analysts'] })
    }))
  })

  afterAll(async () => {
    await job?.emu.stop()
  })

  test('one sync job per matrix entry, each touching only its workspace', async () => {
    const matrixRun = await runAction({ cwd: job.workdir, inputs: { command: 'matrix', config: CONFIG_FILE } })
    const matrix = JSON.parse(matrixRun.outputs.matrix ?? '') as { include: { workspace: string }[] }
    expect(matrix.include.map((e) => e.workspace)).toEqual(['analytics-dev', 'analytics-prod'])

    // What `strategy.matrix: ${{ fromJSON(needs.matrix.outputs.matrix) }}` runs: one job per entry, in parallel.
    const runs = await Promise.all(
      matrix.include.map(async (entry) => {
        const before = job.emu.log.length
        const run = await job.run({ inputs: { command: 'sync', workspace: entry.workspace } })
        return { entry, run, before }
      })
    )
    for (const { run } of runs) expect(run.code).toBe(0)
    expect(job.emu.workspaces['analytics-prod']?.group('Data Engineers')).toBeDefined()
    expect(job.emu.workspaces['analytics-prod']?.group('Data Analysts')).toBeUndefined()
    expect(job.emu.workspaces['analytics-dev']?.group('Data Analysts')).toBeDefined()
    expect(job.emu.workspaces['analytics-dev']?.group('Data Engineers')).toBeUndefined()
    for (const { entry, run } of runs) {
      expect(run.summary).toContain(entry.workspace)
      const other = matrix.include.find((e) => e.workspace !== entry.workspace)?.workspace ?? ''
      expect(run.summary).not.toContain(`<h3>${other}`)
    }
  })
})

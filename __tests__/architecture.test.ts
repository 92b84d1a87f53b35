// The layering the README's Architecture section states, checked on the source: the core imports nothing but
// itself and src/util; ports only the core; report never a command or a client; sources and targets never each
// other, nor run/commands/report. And the operations table: complete, ordered by phase, destructive kinds counted.
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ROOT } from '../emulators/runner.js'
import { circuitBreaker } from '../src/core/breaker.js'
import {
  OPERATION_ORDER,
  OPERATIONS,
  PHASES,
  describeOperation,
  removalsOf,
  type Operation
} from '../src/core/operations.js'

const SRC = join(ROOT, 'src')

/**
 * Every import of every .ts file under a folder of src/ ('.' for all), as paths relative to src/ (or the package
 * name): static ones (`import type` included), and dynamic `import('…')`s, which count for the layers as well.
 */
function importsUnder(folder: string): { file: string; target: string; dynamic: boolean; typeOnly: boolean }[] {
  const dir = join(SRC, folder)
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
  return files.flatMap((f) => {
    const file = join(dir, f)
    const text = readFileSync(file, 'utf8')
    return [...text.matchAll(/^(?:import|export)(\s+type\b)?[^'"]*from\s+'([^']+)'|\bimport\('([^']+)'\)/gm)].map(
      (m) => {
        const spec = (m[2] ?? m[3]) as string
        const target = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)) : spec
        return { file: relative(SRC, file), target, dynamic: m[3] !== undefined, typeOnly: m[1] !== undefined }
      }
    )
  })
}

const outside = (folder: string, allowed: RegExp) =>
  importsUnder(folder)
    .filter(({ target }) => !allowed.test(target))
    .map(({ file, target }) => `${file} imports ${target}`)

describe('layers', () => {
  test('the core imports nothing but itself and src/util (no client, no reporter, no @actions/core)', () => {
    expect(outside('core', /^(core|util)\//)).toEqual([])
  })

  test('ports depend on the core only', () => {
    expect(outside('ports', /^(core|ports)\//)).toEqual([])
  })

  test('the reports depend on the core, the config, the connector app model, small utilities and the secret filter only', () => {
    expect(
      outside('report', /^(core|config|report|util)\/|^provisioning\/types\.js$|^secrets\.js$|^node:|^@actions\/core$/)
    ).toEqual([])
  })

  test("github/ (GitHub's services: the pull-request comment, the Actions cache) uses the reports, the inputs and the network rules; never the sync, a command or another client", () => {
    expect(
      outside('github', /^(github|report)\/|^(inputs|net|secrets|errors)\.js$|^node:|^@actions\/(core|github|cache)$/)
    ).toEqual([])
    // Nothing else talks to GitHub's API: the commands reach it through github/ only.
    const layers = ['core', 'ports', 'report', 'run', 'sources', 'targets', 'auth', 'config', 'provisioning']
    const users = layers.flatMap((f) =>
      importsUnder(f).filter(({ target }) => target.startsWith('github/') || target === '@actions/github')
    )
    expect(users).toEqual([])
  })

  test('run/ depends on the core, the ports and small utilities, never on a client or a command', () => {
    expect(outside('run', /^(core|ports|run|util|config)\/|^errors\.js$/)).toEqual([])
  })

  test('sources and targets never import each other, nor run/, commands/ or report/', () => {
    const wrong = /^(run|commands|report)\//
    expect(importsUnder('sources').filter(({ target }) => wrong.test(target) || target.startsWith('targets/'))).toEqual(
      []
    )
    expect(importsUnder('targets').filter(({ target }) => wrong.test(target) || target.startsWith('sources/'))).toEqual(
      []
    )
  })

  test('what only some runs use is loaded when they use it: each command, the GitHub API client, the Actions cache', () => {
    // A dynamic import is a chunk of its own in dist/, which a run that does not need it never loads: a plain sync
    // does not parse or evaluate @actions/github or @actions/cache (with the Azure Storage SDK), a validate-only run
    // none of the sync's code (README, "Where the memory goes").
    const lazy = /^(@actions\/(github|cache)|commands\/.*)$/
    const eager = importsUnder('.').filter(
      ({ file, target, dynamic, typeOnly }) =>
        lazy.test(target) && !dynamic && !typeOnly && !(file.startsWith('commands/') && target.startsWith('commands/'))
    )
    expect(eager).toEqual([])
    const loaded = importsUnder('.').filter(({ target, dynamic }) => lazy.test(target) && dynamic)
    expect(loaded.map(({ file, target }) => `${file} -> ${target}`).sort()).toEqual([
      'github/client.ts -> @actions/github',
      'github/state-cache.ts -> @actions/cache',
      'main.ts -> commands/matrix.js',
      'main.ts -> commands/provision-app.js',
      'main.ts -> commands/sync.js',
      'main.ts -> commands/validate.js'
    ])
  })

  test('main.ts is inputs, dispatch and the error boundary: under 100 lines, no client', () => {
    const main = readFileSync(join(SRC, 'main.ts'), 'utf8')
    expect(main.split('\n').length).toBeLessThan(100)
    expect(main).not.toMatch(/from '\.\/(targets|sources|auth|provisioning|run)\//)
  })
})

describe('the operations table', () => {
  test('lists every kind once, in phase order', () => {
    expect(new Set(OPERATION_ORDER).size).toBe(OPERATION_ORDER.length)
    const phases = OPERATION_ORDER.map((k) => PHASES.indexOf(OPERATIONS[k].phase))
    expect(phases).toEqual([...phases].sort((a, b) => a - b))
  })

  test('every kind of the removing phases counts for the circuit breaker; no other kind does', () => {
    const ref = { kind: 'user' as const, key: 'a@contoso.com', id: 'u1', display: 'A' }
    const samples: Operation[] = [
      { kind: 'remove-members', group: 'G', groupId: 'g', members: [ref, { ...ref, key: 'b', id: 'u2' }] },
      { kind: 'unassign-from-workspace', workspace: 'w', workspaceId: '1', group: 'G', groupId: 'g' },
      { kind: 'deactivate', principal: ref },
      { kind: 'delete', principal: ref },
      { kind: 'add-members', group: 'G', members: [ref] },
      { kind: 'reactivate', principal: ref }
    ]
    expect(samples.map(removalsOf)).toEqual([2, 1, 1, 1, 0, 0])
    for (const op of samples) {
      const removing = ['remove', 'retire'].includes(OPERATIONS[op.kind].phase)
      expect([op.kind, removalsOf(op) > 0]).toEqual([op.kind, removing])
    }
    expect(circuitBreaker(samples, 10, { kind: 'count', value: 4 })).toMatchObject({ removals: 5, tripped: true })
  })

  test('every kind reads as one line', () => {
    const ref = { kind: 'servicePrincipal' as const, key: 'app', display: 'etl-bot' }
    expect(describeOperation({ kind: 'deactivate', principal: ref })).toBe('deactivate service principal etl-bot')
    expect(describeOperation({ kind: 'add-members', group: 'G', members: [ref] })).toBe('add 1 member to group G')
  })
})

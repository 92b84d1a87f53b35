// action.yml, README and inputs.ts describe one contract; this keeps them from drifting apart.
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { INPUT_DEFAULTS } from '../src/inputs.js'
import { ROOT } from '../emulators/runner.js'

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string }
  inputs: Record<string, { description: string; default: string }>
  outputs: Record<string, { description: string }>
}
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

function readmeTable(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim())
    )
}

describe('action contract', () => {
  test('runs on node24 from the bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  test('every input has a description and a default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description, typeof input.default]).toEqual([name, 'string', 'string'])
    }
  })

  test('action.yml defaults are the ones inputs.ts applies', () => {
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      expect([name, action.inputs[name]?.default]).toEqual([name, value])
    }
  })

  test('the README inputs table lists exactly the inputs of action.yml', () => {
    const rows = readmeTable('Inputs')
    expect(rows.map((r) => r[0]?.replace(/`/g, ''))).toEqual(Object.keys(action.inputs))
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      const row = rows.find((r) => r[0] === `\`${name}\``)
      expect([name, row?.[1]]).toEqual([name, `\`${value}\``])
    }
  })

  test('the README outputs table lists exactly the outputs of action.yml', () => {
    expect(readmeTable('Outputs').map((r) => r[0]?.replace(/`/g, ''))).toEqual(Object.keys(action.outputs))
  })
})

// `rate-limits` of a workspace or the account: the limits Databricks gave that target, per method (LIST apart), as
// requests per second or minute; kept per second in the normalized config, each mistake reported at its key with the
// fix, and described alike by the editors' schema.
import { describe, expect, test } from '@jest/globals'
import { Ajv } from 'ajv'
import schema from '../schema/config.schema.json' with { type: 'json' }
import { loadConfigSources } from '../src/config/index.js'
import { parseRate } from '../src/config/rate-limits.js'

const HOST = 'https://adb-1111111111111111.1.azuredatabricks.net'
const ACCOUNT = '5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b'

function load(block: string) {
  const text =
    `version: 1\naccount:\n  id: ${ACCOUNT}\n  rate-limits: { PATCH: 4/s }\n` +
    `workspaces:\n  - name: ws\n    host: ${HOST}\n    rate-limits:\n${block}    groups: [Data Engineers]\n`
  return loadConfigSources([{ file: 'c.yml', text }])
}

/** Problems as `line:column message` (the message names the key). */
const problems = (block: string): string[] => load(block).problems.map((p) => `${p.line}:${p.column} ${p.message}`)

const editorSchema = new Ajv({ allErrors: true, strict: false }).compile({
  definitions: schema.definitions,
  ...(schema.definitions.rateLimits as object)
})

describe('rate-limits', () => {
  test('per second or per minute, kept per second; the account has its own', () => {
    const result = load('      PATCH: 10/min\n      POST: 35 / minute\n      GET: 4.25/s\n      LIST: 2\n')
    expect(result.problems).toEqual([])
    const limits = result.config.workspaces[0]!.rateLimits!
    expect(limits.PATCH).toBeCloseTo(10 / 60)
    expect(limits.POST).toBeCloseTo(35 / 60)
    expect(limits).toMatchObject({ GET: 4.25, LIST: 2 })
    expect(result.config.account!.rateLimits).toEqual({ PATCH: 4 })
    expect(editorSchema({ PATCH: '10/min', POST: '35 / minute', GET: '4.25/s', LIST: 2 })).toBe(true)
  })

  test('absent: nothing set (pacing starts at its own figures)', () => {
    const text = `version: 1\nworkspaces:\n  - name: ws\n    host: ${HOST}\n    groups: [a]\n`
    const result = loadConfigSources([{ file: 'c.yml', text }])
    expect(result.problems).toEqual([])
    expect(result.config.workspaces[0]!.rateLimits).toBeUndefined()
  })

  test.each([
    ['10/min', 10 / 60],
    ['2/s', 2],
    ['2/sec', 2],
    ['1.5/second', 1.5],
    [3, 3]
  ])('%s is %d a second', (value, perSecond) => {
    expect(parseRate(value)).toBeCloseTo(perSecond)
  })

  test.each([['0/s'], ['-1/min'], ['10/hour'], ['ten/min'], [0], [''], [null]])('%s is not a rate', (value) => {
    expect(parseRate(value)).toBeUndefined()
  })

  test('each mistake at its key, with the fix', () => {
    expect(problems('      patch: 10/min\n      PUSH: 1/s\n      POST: 10/hour\n      GET:\n')).toEqual([
      '9:7 workspaces[0].rate-limits.patch: write the method in capitals: PATCH',
      '10:7 workspaces[0].rate-limits.PUSH: "PUSH" is not a limited request; use GET, LIST, POST, PUT, PATCH, DELETE (LIST: a GET of Users, Groups or ServicePrincipals)',
      '11:13 workspaces[0].rate-limits.POST: "10/hour" is not a rate above 0; write requests per second or minute, e.g. 10/min or 2/s',
      '12:11 workspaces[0].rate-limits.GET: the value is empty; set the requests allowed per second or minute, e.g. 10/min or 2/s'
    ])
    expect(editorSchema({ patch: '10/min' })).toBe(false)
    expect(editorSchema({ POST: '10/hour' })).toBe(false)
  })

  test('a block that is not a mapping', () => {
    expect(problems('      - 10/min\n')).toEqual([
      '9:7 workspaces[0].rate-limits: must be a mapping of method to rate, not a list; e.g. { PATCH: 10/min, GET: 255/min }'
    ])
  })
})

// The schema is also what editors use (yaml-language-server): it must stand on its own, describe every key, and
// agree with the action's own checks.
import { describe, expect, test } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import schema from '../schema/config.schema.json' with { type: 'json' }
import { BUILTIN_DEFAULTS, ENTITLEMENTS, NESTED, REMOVALS, WORKSPACE_PERMISSIONS } from '../src/config/index.js'

type Json = Record<string, unknown>
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'config')

function editorAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true })
  const plugin = addFormatsModule as unknown as { default?: unknown }
  ;((typeof plugin === 'function' ? plugin : plugin.default) as (a: Ajv) => Ajv)(ajv)
  ajv.addSchema(schema, 'config')
  return ajv
}

/** Every subschema with its JSON pointer. */
function* walk(node: unknown, pointer = '#'): Generator<[string, Json]> {
  if (node === null || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${pointer}/${i}`)
    return
  }
  const object = node as Json
  yield [pointer, object]
  for (const key of ['properties', 'definitions', 'patternProperties']) {
    const children = object[key] as Json | undefined
    for (const [name, child] of Object.entries(children ?? {})) yield* walk(child, `${pointer}/${key}/${name}`)
  }
  if (object.items) yield* walk(object.items, `${pointer}/items`)
  if (object.oneOf) yield* walk(object.oneOf, `${pointer}/oneOf`)
}

describe('config.schema.json', () => {
  test('is draft-07 and compiles in strict mode', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    expect(() => editorAjv().getSchema('config')).not.toThrow()
  })

  test('every object is closed and every property described', () => {
    const nodes = new Map(walk(schema))
    const faults: string[] = []
    for (const [pointer, node] of nodes) {
      if (node.type === 'object' && node.additionalProperties !== false) faults.push(`${pointer} is open`)
      const described = typeof node.$ref === 'string' ? nodes.get(node.$ref)?.description : node.description
      if (/\/properties\/[^/]+$/.test(pointer) && typeof described !== 'string')
        faults.push(`${pointer} has no description`)
    }
    expect(faults).toEqual([])
  })

  test('examples and defaults are valid for their own schema', () => {
    const ajv = editorAjv()
    const faults: string[] = []
    let checked = 0
    for (const [pointer, node] of walk(schema)) {
      if (pointer === '#') continue
      const validate = ajv.compile({ $ref: `config${pointer}` })
      for (const example of [...((node.examples as unknown[]) ?? []), ...('default' in node ? [node.default] : [])]) {
        if (!validate(example)) faults.push(`${pointer}: ${JSON.stringify(example)}`)
        checked++
      }
    }
    expect(faults).toEqual([])
    expect(checked).toBeGreaterThan(15)
  })

  test('enums and defaults match the code', () => {
    const d = schema.definitions
    expect(d.removal.enum).toEqual(REMOVALS)
    expect(d.nested.enum).toEqual(NESTED)
    expect(d.entitlement.enum).toEqual(ENTITLEMENTS)
    expect(d.workspacePermission.enum).toEqual(WORKSPACE_PERMISSIONS)
    expect(d.workspacePermission.default).toBe('USER')
    expect(d.removal.default).toBe(BUILTIN_DEFAULTS.removal)
    expect(d.nested.default).toBe(BUILTIN_DEFAULTS.nested)
    expect(d.entitlements.default).toEqual(BUILTIN_DEFAULTS.entitlements)
    expect(d.maxDeletions.default).toBe(`${BUILTIN_DEFAULTS.maxDeletions.value}%`)
  })

  test.each([
    'good/databricks-identities.yml',
    'good/minimal.yml',
    'good/multi/analytics.yml',
    'good/multi/ml.yml',
    'good/account.yml'
  ])('an editor accepts %s', (file) => {
    const validate = editorAjv().getSchema('config')!
    expect([validate(parse(readFileSync(path.join(fixtures, file), 'utf8'))), validate.errors]).toEqual([true, null])
  })

  test.each([
    'unknown-key.yml',
    'http-host.yml',
    'groups-string.yml',
    'missing-name.yml',
    'version-2.yml',
    'bad-permission.yml',
    'account-group-entitlements.yml'
  ])('an editor flags %s', (file) => {
    const validate = editorAjv().getSchema('config')!
    expect(validate(parse(readFileSync(path.join(fixtures, 'bad', file), 'utf8')))).toBe(false)
  })
})

// Checks a parsed file against schema/config.schema.json (the same file editors use) and turns every Ajv error
// into a problem at the offending key or value, with a message that names the key and the fix.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import schemaJson from '../../schema/config.schema.json' with { type: 'json' }
import { locate, problemAt, type ParsedFile } from './source.js'
import { at, didYouMean, describeValue, formatPath, kindOf, listOf, type PathSegment } from './text.js'
import type { ConfigProblem } from './types.js'

type JsonSchema = Record<string, unknown>
export const configSchema = schemaJson as unknown as JsonSchema

/**
 * Fields whose values validate.ts checks itself with more specific messages (hosts, secret ids, max-deletions, ...).
 * Schema errors at or below them are dropped so each mistake is reported once.
 */
const CHECKED_ELSEWHERE = [
  /^\/version$/,
  /^\/account\/(id|host|max-deletions|rate-limits)$/,
  /^\/defaults\/max-deletions$/,
  /^\/workspaces\/\d+\/(name|host|workspace-id|token-secret|azure-resource-id|max-deletions|rate-limits)$/,
  /^\/workspaces\/\d+\/provisioning\/notification-email$/
]

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true })
    // ajv-formats is CommonJS; depending on the loader the plugin is the default export or its .default.
    const plugin = addFormatsModule as unknown as { default?: typeof addFormatsModule } & typeof addFormatsModule
    const addFormats = (typeof plugin === 'function' ? plugin : plugin.default) as unknown as (a: Ajv) => Ajv
    addFormats(ajv)
    compiled = ajv.compile(configSchema)
  }
  return compiled
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
      return /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment
    })
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current = data
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[segment]
  }
  return current
}

/** The schema object a `#/...` pointer names (following a $ref there). */
function schemaAt(pointer: string): JsonSchema | undefined {
  let current: unknown = configSchema
  for (const raw of pointer.replace(/^#\/?/, '').split('/')) {
    if (raw === '') continue
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  const ref = (current as JsonSchema | undefined)?.$ref
  return typeof ref === 'string' ? schemaAt(ref) : (current as JsonSchema | undefined)
}

interface Resolved {
  schema?: JsonSchema
  /** `#`, `#/definitions/workspace`, `#/definitions/group/oneOf/1`: where the schema is, for messages. */
  place: string
  /** The schema before a oneOf branch was picked. */
  oneOf?: { place: string; branches: JsonSchema[] }
}

/**
 * The schema that applies to the value at `path`. Ajv's schemaPath is relative to the last $ref, so it cannot say
 * which definition an error comes from; walking the instance path can. A oneOf picks the branch whose type fits.
 */
function resolve(path: readonly PathSegment[], data: unknown): Resolved {
  let place = '#'
  let schema: JsonSchema | undefined = configSchema
  let value = data
  const settle = (): Resolved['oneOf'] => {
    const ref = schema?.$ref
    if (typeof ref === 'string') {
      place = ref
      schema = schemaAt(ref)
    }
    const branches = schema?.oneOf
    if (!Array.isArray(branches)) return undefined
    const before = { place, branches: branches as JsonSchema[] }
    const fit = (branches as JsonSchema[]).findIndex((b) => typeMatches(b.type, value))
    if (fit >= 0) {
      place = `${place}/oneOf/${fit}`
      schema = branches[fit] as JsonSchema
    }
    return before
  }
  let oneOf = settle()
  for (const segment of path) {
    const properties = schema?.properties as Record<string, JsonSchema> | undefined
    if (typeof segment === 'string' && properties?.[segment]) {
      place = `${place}/properties/${segment}`
      schema = properties[segment]
    } else if (typeof segment === 'number' && schema?.items) {
      place = `${place}/items`
      schema = schema.items as JsonSchema
    } else {
      return { place, oneOf: undefined }
    }
    value = valueAt(value, [segment])
    oneOf = settle()
  }
  return { schema, place, oneOf }
}

const isMapping = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value)

function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function typeMatches(expected: unknown, value: unknown): boolean {
  if (expected === undefined) return true
  const actual = jsonType(value)
  const types = Array.isArray(expected) ? expected : [expected]
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'))
}

const ACCOUNT_GROUP_ENTRY = '#/definitions/accountGroup/oneOf/1'

/** Where keys can be set. `elsewhere: false`: not offered as another place for a misplaced key (it adds nothing). */
const PLACES: Array<{ label: string; here: string; schemaPath: string; elsewhere?: false }> = [
  { label: 'the top level', here: 'at the top level', schemaPath: '#' },
  { label: 'defaults', here: 'in defaults', schemaPath: '#/definitions/defaults' },
  { label: 'account', here: 'in account', schemaPath: '#/definitions/account' },
  { label: 'a workspace', here: 'in a workspace', schemaPath: '#/definitions/workspace' },
  { label: 'a group entry', here: 'in a group entry', schemaPath: '#/definitions/group/oneOf/1' },
  {
    label: 'an account group entry',
    here: 'in an account group entry',
    schemaPath: ACCOUNT_GROUP_ENTRY,
    elsewhere: false
  },
  {
    label: 'an account-groups entry',
    here: 'in an account-groups entry',
    schemaPath: '#/definitions/accountGroupAssignment/oneOf/1',
    elsewhere: false
  },
  {
    label: 'an account-service-principals entry',
    here: 'in an account-service-principals entry',
    schemaPath: '#/definitions/servicePrincipalAssignment/oneOf/1',
    elsewhere: false
  },
  {
    label: 'an account principal entry',
    here: 'in an account service principal or user entry',
    schemaPath: '#/definitions/accountPrincipal/oneOf/1',
    elsewhere: false
  },
  { label: 'a deny entry', here: 'in a deny entry', schemaPath: '#/definitions/denyEntry', elsewhere: false },
  { label: 'provisioning', here: 'in provisioning', schemaPath: '#/definitions/provisioning' }
]

/** Keys of a workspace group entry that mean nothing for an account group, and why. */
const NOT_FOR_ACCOUNT_GROUPS: Record<string, string> = {
  entitlements:
    `"entitlements" cannot be set on an account group: entitlements are per workspace; remove it ` +
    `(to give entitlements, sync the Entra group into a workspace under that workspace's "groups")`,
  'members-only':
    `"members-only" cannot be set on an account group: members-only means no group is made, and account.groups ` +
    `lists the groups to make in the account; remove it (to add only the members to a workspace, list the Entra ` +
    `group under that workspace's "groups" with members-only: true)`
}

function propertiesOf(schemaPath: string): string[] {
  const properties = schemaAt(schemaPath)?.properties
  return properties && typeof properties === 'object' ? Object.keys(properties).filter((k) => k !== '$schema') : []
}

function unknownKeyMessage(key: string, schemaPath: string): string {
  if (schemaPath === ACCOUNT_GROUP_ENTRY && Object.hasOwn(NOT_FOR_ACCOUNT_GROUPS, key)) {
    return NOT_FOR_ACCOUNT_GROUPS[key] as string
  }
  const allowed = propertiesOf(schemaPath)
  const suggestion = didYouMean(key, allowed)
  if (suggestion && suggestion !== key) return `unknown key "${key}"; did you mean "${suggestion}"?`
  const here = PLACES.find((p) => p.schemaPath === schemaPath)?.here
  const elsewhere = PLACES.filter(
    (p) => p.elsewhere !== false && p.schemaPath !== schemaPath && propertiesOf(p.schemaPath).includes(key)
  )
  if (here && elsewhere.length > 0) {
    return `unknown key "${key}" ${here}; "${key}" can be set in ${listOf(elsewhere.map((p) => p.label)).replace(/ and /, ' or ')}`
  }
  const extensions = schemaAt(schemaPath)?.patternProperties ? ' (and x-… keys for YAML anchors)' : ''
  return `unknown key "${key}"; the keys allowed here are ${listOf(allowed)}${extensions}`
}

const REQUIRED_HINTS: Record<string, string> = {
  version: 'add "version: 1" at the top of the file',
  name: 'add a short unique name for the workspace, e.g. "name: analytics-prod"',
  host: 'add the workspace URL, e.g. "host: https://adb-<id>.<n>.azuredatabricks.net"',
  entra: `add the Entra group's display name or object id, e.g. "entra: Data Engineers"`,
  id: 'add the Databricks account id, a GUID, e.g. "id: 00000000-0000-0000-0000-000000000000"',
  group: `add the account group's name, e.g. "group: data-engineers"`,
  'service-principal': `add the service principal as account.service-principals lists it, e.g. "service-principal: etl-orchestrator"`
}

const TYPE_LABELS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (indented "key: value" lines)',
  array: 'a list'
}

function typeMessage(
  expected: string,
  value: unknown,
  key: PathSegment | undefined,
  schema: JsonSchema | undefined
): string {
  // A word from a fixed list: quoting the wrong value would not help, naming the right ones does.
  const allowed = Array.isArray(schema?.enum) ? schema.enum.map(String) : undefined
  if (allowed && expected === 'string')
    return `must be one of ${listOf(allowed).replace(/ and /, ' or ')}, not ${kindOf(value)}`
  const example =
    Array.isArray(schema?.examples) && typeof schema.examples[0] === 'string' ? schema.examples[0] : undefined
  let message = `must be ${TYPE_LABELS[expected] ?? expected}, not ${kindOf(value)}`
  if (expected === 'string' && example !== undefined && (Array.isArray(value) || isMapping(value))) {
    message += `; write a single value, e.g. "${example}"`
  } else if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    message += `; put it in quotes: "${String(value)}"`
  } else if (expected === 'boolean' && typeof value === 'string') {
    message += /^(true|false)$/i.test(value) ? `; write ${value.toLowerCase()} without quotes` : '; write true or false'
  } else if (expected === 'array' && key === 'groups') {
    message += '; write each group on its own line starting with "- "'
  } else if (expected === 'array' && key === 'account-groups') {
    message += '; write each account group on its own line starting with "- "'
  } else if (expected === 'array' && key === 'workspaces') {
    message += '; start each workspace with "- name: ..." on its own line'
  } else if (expected === 'array') {
    message += `; write a list, e.g. ${String(key)}: [${typeof value === 'string' ? value : '...'}]`
  } else if (expected === 'object' && typeof value === 'string' && typeof key === 'number') {
    message += '; write the entry as indented "key: value" lines'
  }
  return message
}

const ONE_OF_LABELS: Record<string, string> = {
  '#/definitions/group': 'an Entra group name (a string) or a mapping with "entra"',
  '#/definitions/accountGroup': 'an Entra group name (a string) or a mapping with "entra"',
  '#/definitions/accountGroupAssignment': 'an account group name (a string) or a mapping with "group"',
  '#/definitions/accountPrincipal': 'an Entra reference (a string) or a mapping with "entra"',
  '#/definitions/servicePrincipalAssignment': 'a service principal (a string) or a mapping with "service-principal"'
}

function enumMessage(path: readonly PathSegment[], value: unknown, allowed: readonly unknown[]): string {
  const options = allowed.map(String)
  const noun = path.includes('entitlements') ? 'entitlement' : path.at(-1) === 'permission' ? 'permission' : 'value'
  const suggestion = typeof value === 'string' ? didYouMean(value, options) : undefined
  return (
    `${describeValue(value)} is not a valid ${noun}; ` +
    (suggestion ? `did you mean "${suggestion}"? Use` : 'use') +
    ` one of: ${options.join(', ')}`
  )
}

/**
 * The first character the schema's name patterns refuse: C0 and C1 controls and DEL, line breaks included, and the
 * Unicode line and paragraph separators (U+2028, U+2029), which no one sees in an editor but Graph would be sent.
 */
function controlCharacter(value: string): string | undefined {
  return [...value].find((c) => {
    const code = c.codePointAt(0) ?? 0
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029
  })
}

function controlCharacterMessage(value: string, control: string): string {
  const code = `U+${(control.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  if (control === '\n' || control === '\r') {
    return `${describeValue(value)} has a line break in it; a group name is one line, so remove the line break (a "|" or ">" block, or \\n in double quotes, makes one)`
  }
  if (control === '\u2028' || control === '\u2029') {
    return `${describeValue(value)} has the invisible line separator ${code} in it (often pasted from a document); a group name is one line, so retype it`
  }
  return `${describeValue(value)} has the control character ${code} in it; a group name cannot contain control characters, so remove it`
}

/** Removes what would report one mistake several times (see the comments inside). */
function prune(errors: ErrorObject[], data: unknown): ErrorObject[] {
  let kept = errors.filter(
    (e) => !CHECKED_ELSEWHERE.some((re) => re.test(e.instancePath) || re.test(e.instancePath.replace(/\/[^/]+$/, '')))
  )
  // oneOf: keep the errors of the branch whose type fits the value; if none fits, keep the oneOf error alone.
  for (const oneOf of kept.filter((e) => e.keyword === 'oneOf')) {
    const path = pointerToPath(oneOf.instancePath)
    const branches = resolve(path, data).oneOf?.branches ?? []
    const value = valueAt(data, path)
    const fits = branches.map((b) => typeMatches(b.type, value))
    const anyFits = fits.some(Boolean)
    kept = kept.filter((e) => {
      if (e === oneOf) return !anyFits
      const inside =
        e.schemaPath.startsWith(`${oneOf.schemaPath}/`) &&
        (e.instancePath === oneOf.instancePath || e.instancePath.startsWith(`${oneOf.instancePath}/`))
      if (!inside) return true
      if (!anyFits) return false
      const branch = Number(e.schemaPath.slice(oneOf.schemaPath.length + 1).split('/')[0])
      return fits[branch] ?? true
    })
  }
  // A value of the wrong type: the type error says it all.
  const wrongType = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath))
  return kept.filter((e) => e.keyword === 'type' || !wrongType.has(e.instancePath))
}

function toProblem(parsed: ParsedFile, error: ErrorObject): ConfigProblem {
  const path = pointerToPath(error.instancePath)
  const value = valueAt(parsed.data, path)
  const last = path[path.length - 1]
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      const keyPath = [...path, key]
      const parentSchema = resolve(path, parsed.data).place
      const position = locate(parsed, keyPath, 'key')
      return {
        ...position,
        key: formatPath(keyPath),
        message: at(path, unknownKeyMessage(key, parentSchema)),
        severity: 'error'
      }
    }
    case 'required': {
      const key = String(params.missingProperty)
      const hint = REQUIRED_HINTS[key] ?? `add "${key}:"`
      const position = locate(parsed, path, 'value')
      return {
        ...position,
        key: formatPath([...path, key]),
        message: at(path, `missing required key "${key}"; ${hint}`),
        severity: 'error'
      }
    }
    case 'type':
      return problemAt(
        parsed,
        path,
        'value',
        typeMessage(String(params.type), value, last, resolve(path, parsed.data).schema)
      )
    case 'enum':
      return problemAt(parsed, path, 'value', enumMessage(path, value, (params.allowedValues as unknown[]) ?? []))
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j))
      const earlier = Math.min(Number(params.i), Number(params.j))
      const item = valueAt(parsed.data, [...path, later])
      return problemAt(
        parsed,
        [...path, later],
        'value',
        `${describeValue(item)} is already listed (item ${earlier + 1} of ${String(last)}); list each value once`
      )
    }
    case 'minLength':
      return problemAt(parsed, path, 'value', 'must not be empty')
    case 'maxLength':
      return problemAt(
        parsed,
        path,
        'value',
        `is ${typeof value === 'string' ? [...value].length : 'too many'} characters long; an Entra group name has at most ${String(params.limit)} characters, so use the group's exact display name or its object id`
      )
    case 'pattern': {
      const control = typeof value === 'string' ? controlCharacter(value) : undefined
      if (control !== undefined)
        return problemAt(parsed, path, 'value', controlCharacterMessage(value as string, control))
      if (typeof value === 'string' && value.trim() === '')
        return problemAt(
          parsed,
          path,
          'value',
          'is only whitespace; a group name needs its visible characters: use the exact Entra display name or the object id'
        )
      return problemAt(parsed, path, 'value', `${describeValue(value)} ${error.message ?? 'is not valid'}`)
    }
    case 'oneOf': {
      const place = resolve(path, parsed.data).oneOf?.place ?? ''
      const label = ONE_OF_LABELS[place] ?? 'a value of another kind'
      return problemAt(parsed, path, 'value', `must be ${label}, not ${kindOf(value)}`)
    }
    default:
      return problemAt(parsed, path, 'value', `${describeValue(value)} ${error.message ?? 'is not valid'}`)
  }
}

/** Every schema error of the file, as problems; none when the file has no data to check. */
export function schemaProblems(parsed: ParsedFile): ConfigProblem[] {
  if (!parsed.data) return []
  const validate = validator()
  if (validate(parsed.data)) return []
  // An empty name also misses the name pattern: "must not be empty" says it once.
  const errors = prune(validate.errors ?? [], parsed.data).filter(
    (e) => !(e.keyword === 'pattern' && valueAt(parsed.data, pointerToPath(e.instancePath)) === '')
  )
  return errors.map((e) => ({ ...toProblem(parsed, e), file: parsed.file }))
}

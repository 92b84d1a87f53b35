// command: validate — the PR check. Reads every config file, reports every problem at file:line, and
// optionally checks online that each Entra group resolves to exactly one group. Never writes anywhere.
import { loadConfig, selectWorkspaces } from '../config/index.js'
import type { ConfigProblem, GroupMapping, LoadedConfig, Workspace } from '../config/types.js'
import type { EntraDirectory, EntraGroup } from '../sources/entra/graph.js'
import { describeError } from '../errors.js'
import { mapLimit } from '../util/concurrency.js'

export interface ValidateOptions {
  config: string
  workspaces: string[]
  cwd: string
  /** Present when tenant-id/client-id were given: the online check runs. */
  directory?: { tenantId: string; open: () => EntraDirectory }
}

export interface OnlineCheck {
  tenantId: string
  /** Entra reference (lower-cased) -> the group it resolved to, for refs that resolved to exactly one. */
  resolved: Map<string, EntraGroup>
  checked: number
}

export interface ValidationResult {
  files: string[]
  workspaces: Workspace[]
  problems: ConfigProblem[]
  online?: OnlineCheck
  /** Why the online check could not run (sign-in or Graph failure); the check then fails. */
  onlineError?: string
}

/** Graph lookups in flight at once: enough to be quick, few enough to stay clear of throttling. */
const LOOKUP_CONCURRENCY = 8

export async function validate(options: ValidateOptions): Promise<ValidationResult> {
  const { config, problems } = await loadConfig(options.config, { cwd: options.cwd })
  const selection = selectWorkspaces(config, options.workspaces)
  const all = [...problems, ...selection.problems]
  const result: ValidationResult = { files: config.files, workspaces: selection.workspaces, problems: all }
  if (options.directory) {
    try {
      const online = await checkOnline(selection.workspaces, options.directory)
      result.online = online.check
      all.push(...online.problems)
    } catch (error) {
      result.onlineError = describeError(error)
    }
  }
  result.problems = sortProblems(all)
  return result
}

async function checkOnline(
  workspaces: Workspace[],
  directory: NonNullable<ValidateOptions['directory']>
): Promise<{ check: OnlineCheck; problems: ConfigProblem[] }> {
  const uses = new Map<string, { ref: string; groups: GroupMapping[] }>()
  for (const ws of workspaces) {
    for (const g of ws.groups) {
      const key = g.entra.toLowerCase()
      const use = uses.get(key) ?? { ref: g.entra, groups: [] }
      use.groups.push(g)
      uses.set(key, use)
    }
  }
  const entra = directory.open()
  const problems: ConfigProblem[] = []
  const resolved = new Map<string, EntraGroup>()
  const entries = [...uses.entries()]
  const record = ([key, use]: [string, { ref: string; groups: GroupMapping[] }], found: EntraGroup[]): void => {
    if (found.length === 1) {
      resolved.set(key, found[0] as EntraGroup)
      return
    }
    const message =
      found.length === 0
        ? `Entra group "${use.ref}" does not exist in tenant ${directory.tenantId}. Check the spelling (display names must match exactly) or use the group's object id.`
        : `Entra group name "${use.ref}" matches ${found.length} groups in tenant ${directory.tenantId} (${found
            .map((f) => f.id)
            .sort()
            .join(', ')}). Display names are not unique: use the object id of the one you mean.`
    for (const g of use.groups) problems.push(problemAt(g, message))
  }
  // The first lookup also signs in; when that fails every lookup would fail alike, so the caller says it once.
  const first = entries[0]
  if (first) record(first, await entra.findGroups(first[1].ref))
  await mapLimit(entries.slice(1), LOOKUP_CONCURRENCY, async (entry) => {
    try {
      record(entry, await entra.findGroups(entry[1].ref))
    } catch (error) {
      for (const g of entry[1].groups) {
        problems.push(problemAt(g, `could not look up Entra group "${entry[1].ref}": ${describeError(error)}`))
      }
    }
  })
  return { check: { tenantId: directory.tenantId, resolved, checked: uses.size }, problems }
}

function problemAt(group: GroupMapping, message: string): ConfigProblem {
  return {
    file: group.at.file,
    line: group.at.line,
    column: group.at.column,
    key: group.at.key ?? '',
    message,
    severity: 'error'
  }
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message)
  )
}

export function countBySeverity(problems: ConfigProblem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length
  return { errors, warnings: problems.length - errors }
}

export type { LoadedConfig }

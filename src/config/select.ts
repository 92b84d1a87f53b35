// The one place that decides which targets the action's `workspace` input selects: workspaces by name, and the
// account (named `account`, or included when the input selects everything). validate, sync, provision-app and
// matrix all select through it.
import { didYouMean } from './text.js'
import type { Account, ConfigProblem, LoadedConfig, Workspace } from './types.js'

const ALL = new Set(['', '*', 'all'])

/** The name that selects the account in the workspace input (no workspace may have it). */
export const ACCOUNT_TARGET = 'account'

export interface Selection {
  workspaces: Workspace[]
  /** The config's account, when it has one: its groups are assigned to workspaces, whatever is selected. */
  account?: Account
  /** Whether the run includes the account itself (its identities): the input selects everything, or names it. */
  includesAccount: boolean
  problems: ConfigProblem[]
}

const inputNames = (input: string | readonly string[]): string[] =>
  (typeof input === 'string' ? input.split(/[,\n\r]/) : input).map((n) => n.trim()).filter(Boolean)

export function selectTargets(config: LoadedConfig, input: string | readonly string[]): Selection {
  const names = inputNames(input)
  const all = names.length === 0 || names.some((n) => ALL.has(n.toLowerCase()))
  const namesAccount = names.some((n) => n.toLowerCase() === ACCOUNT_TARGET)
  const workspaceNames = names.filter((n) => n.toLowerCase() !== ACCOUNT_TARGET)
  const selected =
    all || workspaceNames.length > 0 ? selectWorkspaces(config, workspaceNames) : { workspaces: [], problems: [] }
  const problems = [...selected.problems]
  if (namesAccount && !config.account) {
    problems.push({
      file: '',
      line: 0,
      column: 0,
      key: 'workspace',
      message:
        'workspace: "account" selects the Databricks account, but no config file declares one; add an "account:" block (id, host, groups) to a config file, or remove "account" from the workspace input',
      severity: 'error'
    })
  }
  return {
    workspaces: selected.workspaces,
    ...(config.account ? { account: config.account } : {}),
    includesAccount: config.account !== undefined && (all || namesAccount),
    problems
  }
}

/**
 * The workspaces named by the `workspace` input (a comma or newline separated list, or already split), matched
 * ignoring case, in config order. Empty, `all` or `*` selects every workspace. Each unknown name is a problem that
 * lists the known names; problems about the input have no file (file '', line 0).
 */
export function selectWorkspaces(
  config: LoadedConfig,
  input: string | readonly string[]
): { workspaces: Workspace[]; problems: ConfigProblem[] } {
  const names = inputNames(input)
  if (names.length === 0 || names.some((n) => ALL.has(n.toLowerCase()))) {
    return { workspaces: [...config.workspaces], problems: [] }
  }
  const wanted = new Set(names.map((n) => n.toLowerCase()))
  const known = config.workspaces.map((w) => w.name)
  const problems: ConfigProblem[] = []
  const reported = new Set<string>()
  for (const name of names) {
    const key = name.toLowerCase()
    if (reported.has(key) || known.some((k) => k.toLowerCase() === key)) continue
    reported.add(key)
    const suggestion = didYouMean(name, known)
    const knownText = known.length > 0 ? `the config declares ${known.join(', ')}` : 'the config declares no workspaces'
    problems.push({
      file: '',
      line: 0,
      column: 0,
      key: 'workspace',
      message: `workspace: no workspace is named "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (${knownText}); set the workspace input to a comma-separated list of these names, or leave it empty for all`,
      severity: 'error'
    })
  }
  return { workspaces: config.workspaces.filter((w) => wanted.has(w.name.toLowerCase())), problems }
}

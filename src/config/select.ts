// Picks the workspaces the action's `workspace` input names.
import { didYouMean } from './text.js'
import type { ConfigProblem, LoadedConfig, Workspace } from './types.js'

const ALL = new Set(['', '*', 'all'])

/**
 * The workspaces named by the `workspace` input (a comma or newline separated list, or already split), matched
 * ignoring case, in config order. Empty, `all` or `*` selects every workspace. Each unknown name is a problem that
 * lists the known names; problems about the input have no file (file '', line 0).
 */
export function selectWorkspaces(
  config: LoadedConfig,
  input: string | readonly string[]
): { workspaces: Workspace[]; problems: ConfigProblem[] } {
  const names = (typeof input === 'string' ? input.split(/[,\n\r]/) : input).map((n) => n.trim()).filter(Boolean)
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

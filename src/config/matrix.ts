// The selected workspaces as a GitHub Actions matrix, so a large estate runs one job per workspace
// (strategy.matrix + fromJSON) on GitHub's runners instead of one long job.
import type { Workspace } from './types.js'

export interface MatrixEntry {
  workspace: string
  host: string
  /** The config file that declares it, for jobs that check out or validate only that file. */
  config: string
}

export interface Matrix {
  include: MatrixEntry[]
}

export function buildMatrix(workspaces: readonly Workspace[]): Matrix {
  return {
    include: [...workspaces]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((ws) => ({ workspace: ws.name, host: ws.host, config: ws.file }))
  }
}

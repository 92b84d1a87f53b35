// command: matrix — the selected workspaces as a GitHub Actions matrix, so a large estate runs one job per
// workspace (strategy.matrix + fromJSON) on GitHub's runners instead of one long job.
import * as core from '@actions/core'
import { buildMatrix } from '../config/matrix.js'
import type { Inputs } from '../inputs.js'
import { addMatrixSummary } from '../report/matrix-summary.js'
import { loadSelected } from './selection.js'

/** The action's matrix: the `matrix` output and its summary. */
export async function runMatrix(inputs: Inputs): Promise<void> {
  const matrix = buildMatrix((await loadSelected(inputs, 'matrix')).workspaces)
  core.setOutput('matrix', JSON.stringify(matrix))
  addMatrixSummary(core.summary, matrix)
  core.info(`Matrix of ${matrix.include.length} workspace(s): ${matrix.include.map((e) => e.workspace).join(', ')}`)
}

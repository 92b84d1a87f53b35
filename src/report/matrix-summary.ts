import type { Matrix } from '../config/matrix.js'
import { plural } from './markdown.js'
import { addTable, cell, header, type Summary } from './summary.js'

export function addMatrixSummary(summary: Summary, matrix: Matrix): void {
  summary.addHeading('🧮 Workspace matrix', 2)
  summary.addRaw(
    `<p>${plural(matrix.include.length, 'workspace')} in the <code>matrix</code> output, one job each with <code>strategy.matrix: \${{ fromJSON(…) }}</code>.</p>`,
    true
  )
  addTable(
    summary,
    'Workspaces',
    header('Workspace', 'Host', 'Config file'),
    matrix.include.map((e) => [cell(e.workspace), cell(e.host), cell(e.config)])
  )
}

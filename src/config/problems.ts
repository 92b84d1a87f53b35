import type { ConfigProblem } from './types.js'

/** `file:line:column: message` (or the message alone for a problem with no file), as a compiler would print it. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.file ? `${problem.file}:${problem.line}:${problem.column}: ` : ''
  return `${where}${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`
}

export function hasErrors(problems: readonly ConfigProblem[]): boolean {
  return problems.some((p) => p.severity === 'error')
}

export function countBySeverity(problems: readonly ConfigProblem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length
  return { errors, warnings: problems.length - errors }
}

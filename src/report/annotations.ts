import type { ConfigProblem } from '../config/types.js'
import { redact } from '../secrets.js'

export interface Annotator {
  error(message: string, props: { title: string; file: string; startLine: number; startColumn: number }): void
  warning(message: string, props: { title: string; file: string; startLine: number; startColumn: number }): void
}

/** One annotation per problem, at its file:line:column, so it shows on the pull request diff. */
export function annotate(problems: ConfigProblem[], annotator: Annotator): void {
  for (const p of problems) {
    const props = { title: p.key ? `${p.key}` : 'config', file: p.file, startLine: p.line, startColumn: p.column }
    const message = redact(p.message)
    if (p.severity === 'error') annotator.error(message, props)
    else annotator.warning(message, props)
  }
}

import type { AnnotationProperties } from '@actions/core'
import type { ConfigProblem } from '../config/types.js'
import { redact } from '../secrets.js'

export interface Annotator {
  error(message: string, props: AnnotationProperties): void
  warning(message: string, props: AnnotationProperties): void
}

/** One annotation per problem, at its file:line:column, so it shows on the pull request diff. */
export function annotate(problems: ConfigProblem[], annotator: Annotator): void {
  for (const p of problems) {
    const title = p.key || 'config'
    // Problems with an input (no file) are annotations of the step, not of a file.
    const props: AnnotationProperties = p.file
      ? { title, file: p.file, startLine: p.line, startColumn: p.column }
      : { title }
    const message = redact(p.message)
    if (p.severity === 'error') annotator.error(message, props)
    else annotator.warning(message, props)
  }
}

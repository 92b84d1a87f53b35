import type { AnnotationProperties } from '@actions/core'
import type { ConfigProblem } from '../config/types.js'
import { redact } from '../secrets.js'

export interface Annotator {
  error(message: string, props: AnnotationProperties): void
  warning(message: string, props: AnnotationProperties): void
}

/**
 * Annotations written per severity: GitHub shows 10 per step on the diff and the summary lists every problem, so a
 * config with thousands of problems must not write thousands of log commands.
 */
export const MAX_ANNOTATIONS = 100

/** One annotation per problem (up to MAX_ANNOTATIONS of each severity), at its file:line:column, so it shows on the diff. */
export function annotate(problems: ConfigProblem[], annotator: Annotator): void {
  const written = { error: 0, warning: 0 }
  for (const p of problems) {
    if (written[p.severity]++ >= MAX_ANNOTATIONS) continue
    const title = p.key || 'config'
    // Problems with an input (no file) are annotations of the step, not of a file.
    const props: AnnotationProperties = p.file
      ? { title, file: p.file, startLine: p.line, startColumn: p.column }
      : { title }
    const message = redact(p.message)
    if (p.severity === 'error') annotator.error(message, props)
    else annotator.warning(message, props)
  }
  for (const severity of ['error', 'warning'] as const) {
    const more = written[severity] - MAX_ANNOTATIONS
    if (more > 0)
      annotator[severity](`… and ${more} more ${severity}(s); the job summary lists them.`, { title: 'config' })
  }
}

// What the job summary tests share: core.summary emptied around each test, and the HTML of one target's section.
import { afterEach, beforeEach, jest } from '@jest/globals'
import * as core from '@actions/core'

/** core.summary starts and ends each test empty; stdout is kept quiet (mask() writes ::add-mask:: for the runner). */
export function emptySummaryPerTest(): void {
  beforeEach(() => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    core.summary.emptyBuffer()
  })

  afterEach(() => {
    jest.restoreAllMocks()
    core.summary.emptyBuffer()
  })
}

/** The HTML of one target's section (up to the next target heading). */
export function section(html: string, name: string): string {
  const start = html.indexOf(`<h3>${name} — `)
  if (start < 0) throw new Error(`no section for ${name}`)
  const next = html.indexOf('<h3>', start + 1)
  return html.slice(start, next < 0 ? undefined : next)
}

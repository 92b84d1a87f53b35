// The result as one comment on the pull request, updated on each push: found by its hidden marker (one comment per
// workflow, job, and workspace/config inputs, so matrix jobs and separate validate and dry-run jobs each keep
// theirs), created when there is something to report, rewritten when there is no longer. Optional labels follow the
// planned changes. A comment is a report, never the result: when GitHub refuses it (a fork's read-only token, a
// missing permission), the run says so in a warning and the job summary and goes on.
import * as core from '@actions/core'
import type { Inputs } from '../inputs.js'
import { escapeHtml } from '../report/markdown.js'
import { commentMarker, composeComment, type CommentKey, type CommentSection } from '../report/pr-comment.js'
import { redact } from '../secrets.js'
import { githubClient, requestFailure, type GithubClient } from './client.js'
import type { PullRequestContext } from './context.js'

/** The inputs the comment follows: its mode, token and labels, the workspace and config inputs of its key. */
export type CommentInputs = Pick<
  Inputs,
  'comment' | 'githubToken' | 'labelsOnChange' | 'workspaces' | 'config' | 'pullRequest'
>

export type CommentOutcome =
  'off' | 'not a pull request' | 'no token' | 'nothing to report' | 'created' | 'updated' | 'refused' | 'failed'

/** Comments on this run's pull request, when there is one and the mode asks for it; never throws. */
export async function commentOnPullRequest(section: CommentSection, inputs: CommentInputs): Promise<CommentOutcome> {
  if (inputs.comment === 'never') return 'off'
  const pr = inputs.pullRequest
  if (!pr) return 'not a pull request'
  if (!inputs.githubToken) {
    core.warning(
      'No comment on the pull request: the github-token input is empty. Leave it at its default (the workflow token).'
    )
    return 'no token'
  }
  const client = await githubClient(inputs.githubToken, pr.apiUrl)
  const key: CommentKey = {
    workflow: pr.workflow,
    job: pr.job,
    workspaces: inputs.workspaces.join(','),
    config: inputs.config
  }
  let step = 'read the comments of'
  try {
    const marker = commentMarker(key)
    const existing = await findComment(client, pr, marker)
    let outcome: CommentOutcome = 'nothing to report'
    if (existing || inputs.comment === 'always' || section.reportable) {
      // Built from the summary's redacted text already; redacted again as a whole before it leaves the runner.
      const body = redact(composeComment(marker, section, pr, existing?.body).body)
      const where = { owner: pr.owner, repo: pr.repo }
      step = existing ? 'update its comment on' : 'comment on'
      if (existing) await client.rest.issues.updateComment({ ...where, comment_id: existing.id, body })
      else await client.rest.issues.createComment({ ...where, issue_number: pr.number, body })
      outcome = existing ? 'updated' : 'created'
    }
    if (inputs.labelsOnChange.length > 0 && section.changes !== undefined) {
      step = 'label'
      await followChanges(client, pr, inputs.labelsOnChange, section.changes > 0)
    }
    core.info(
      `Pull request #${pr.number}: ${outcome === 'nothing to report' ? 'nothing to report, no comment' : `comment ${outcome}`}.`
    )
    return outcome
  } catch (error) {
    return reportFailure(error, pr, step)
  }
}

async function findComment(
  client: GithubClient,
  pr: PullRequestContext,
  marker: string
): Promise<{ id: number; body: string } | undefined> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100
  })
  const found = comments.find((c) => c.body?.startsWith(`${marker}\n`))
  return found ? { id: found.id, body: found.body ?? '' } : undefined
}

/** Adds the labels that are missing while there are changes, removes those present when there are none. */
async function followChanges(
  client: GithubClient,
  pr: PullRequestContext,
  labels: string[],
  on: boolean
): Promise<void> {
  const where = { owner: pr.owner, repo: pr.repo, issue_number: pr.number }
  const current = new Set(
    (await client.paginate(client.rest.issues.listLabelsOnIssue, { ...where, per_page: 100 })).map((l) => l.name)
  )
  const missing = labels.filter((l) => !current.has(l))
  if (on && missing.length > 0) await client.rest.issues.addLabels({ ...where, labels: missing })
  if (!on) {
    for (const name of labels.filter((l) => current.has(l))) await client.rest.issues.removeLabel({ ...where, name })
  }
}

function reportFailure(error: unknown, pr: PullRequestContext, step: string): CommentOutcome {
  const failure = requestFailure(error)
  const asked = failure.accepted ? ` (GitHub asks for ${failure.accepted})` : ''
  const readOnly = failure.status === 403
  const message = readOnly
    ? `Could not ${step} pull request #${pr.number}: the token may not write to it${asked}. ` +
      'A pull request from a fork gets a read-only workflow token, so there is no comment; the job summary has the result. ' +
      'For pull requests from branches of this repository, give the job the permission pull-requests: write.'
    : `Could not ${step} pull request #${pr.number}: ${failure.status ? `GitHub answered ${failure.status}: ` : ''}${failure.message}. The job summary has the result.`
  core.warning(redact(message))
  core.summary.addRaw(`<p>💬 ${escapeHtml(redact(message))}</p>`, true)
  return readOnly ? 'refused' : 'failed'
}

// A dry-run on a pull request runs with the pull request's code, so whatever its identity can do, the branch can do.
// After the dry-run, the action checks what that identity could write, where it can tell, and warns:
// - Microsoft Graph: the application permissions in its Graph token's `roles` claim (the token the run already has);
//   any `*.ReadWrite.*` permission can change Entra ID.
// - Databricks: each workspace's SCIM `/Me` (one GET per workspace, with the token the run used there), whose
//   `groups` list the built-in `admins` group for a workspace admin, who can change every identity of the workspace.
// Nothing here can tell an account admin (account SCIM has no /Me) nor a workspace's other grants; see README Security.
import * as core from '@actions/core'
import type { TokenCredential } from '@azure/identity'
import { publicClaims } from '../auth/claims.js'
import type { TokenProvider } from '../auth/databricks-token.js'
import { RequestGuard } from '../auth/request-guard.js'
import type { Workspace } from '../config/types.js'
import { describeError } from '../errors.js'
import { requestTimeoutMs } from '../net.js'
import { addWriteAccessWarnings } from '../report/summary.js'

/** The built-in group of workspace admins (Databricks: "admins"). */
const ADMINS = 'admins'

export interface WriteAccessCheck {
  credential: TokenCredential
  graphEndpoint: string
  identity: string
  workspaces: readonly Workspace[]
  token(workspace: Workspace): TokenProvider
  signal: AbortSignal
}

/** One warning per thing the identity could write; a check that cannot run says so in a debug line only. */
export async function writeAccessWarnings(check: WriteAccessCheck, debug: (m: string) => void): Promise<string[]> {
  const warnings: string[] = []
  const graph = await check.credential.getToken(`${check.graphEndpoint}/.default`).catch(() => null)
  const writes = (graph ? (publicClaims(graph.token).roles ?? []) : []).filter((r) => /\.ReadWrite\b/i.test(r)).sort()
  if (writes.length > 0) {
    warnings.push(
      `This dry-run on a pull request signed in as ${check.identity}, which has Microsoft Graph write permissions (${writes.join(', ')}): the pull request's code could change Entra ID with its token.`
    )
  }
  const guard = new RequestGuard({ timeoutMs: requestTimeoutMs(process.env), signal: check.signal })
  const admin: string[] = []
  for (const ws of check.workspaces) {
    try {
      const answer = await guard.fetchText(
        { name: `Databricks ${ws.name}`, redirectFix: 'Check the workspace host in the config.' },
        `${ws.host}/api/2.0/preview/scim/v2/Me`,
        { Authorization: `Bearer ${await check.token(ws)()}`, Accept: 'application/scim+json' }
      )
      if (answer.status !== 200) {
        debug(`${ws.name}: GET /Me answered ${answer.status}; admin rights not checked.`)
        continue
      }
      const groups = (JSON.parse(answer.text) as { groups?: { display?: unknown }[] }).groups ?? []
      if (groups.some((g) => g.display === ADMINS)) admin.push(ws.name)
    } catch (error) {
      debug(`${ws.name}: admin rights not checked: ${describeError(error)}`)
    }
  }
  if (admin.length > 0) {
    warnings.push(
      `This dry-run on a pull request read Databricks as a workspace admin (member of admins) of ${admin.join(', ')}: the pull request's code could change every identity there with its token.`
    )
  }
  return warnings
}

/** What to do about it, once after the warnings. */
export const READ_ONLY_FIX =
  'Sign in on pull requests with a separate identity whose federated credential has the subject repo:<owner>/<repo>:pull_request and only Graph read permissions (GroupMember.Read.All, User.Read.All, Application.Read.All), for validate; run the dry-run that needs Databricks admin reads only after review (an environment with required reviewers), see README Security.'

/**
 * On a pull request's dry-run: the warnings as annotations and in the summary. `token` gives each workspace's
 * Databricks token, as the run used it.
 */
export async function warnAboutWriteAccess(check: WriteAccessCheck): Promise<void> {
  const warnings = await writeAccessWarnings(check, (m) => core.debug(m))
  for (const warning of warnings) core.warning(`${warning}\nFix: ${READ_ONLY_FIX}`)
  addWriteAccessWarnings(core.summary, warnings, READ_ONLY_FIX)
}

// Every target of a sync reads Entra through Microsoft Graph, so the Graph token is the first thing a run needs: when
// signing in fails (no OIDC token, no federated credential for the subject, no managed identity, Entra not answering),
// it fails once for the whole run and is reported once, not as the same error under every workspace. The token is
// cached, so a run that signs in sends no request more.
import type { TokenCredential } from '@azure/identity'
import type { Account, Workspace } from '../config/types.js'
import type { SyncResult } from '../core/results.js'
import { describeError } from '../errors.js'
import { ACCOUNT_TARGET } from '../run/sync.js'

/** What each target says when the run could not sign in. */
export const NOT_SIGNED_IN = 'Not synced: signing in failed (the error is below), so nothing was read or changed.'

/** Whether the run reads anything (a workspace with nothing configured, and no account, needs no sign-in). */
export function readsAnything(workspaces: readonly Workspace[], account: Account | undefined): boolean {
  return (
    account !== undefined ||
    workspaces.some(
      (w) => w.groups.length > 0 || w.accountGroups.length > 0 || (w.accountServicePrincipals?.length ?? 0) > 0
    )
  )
}

/** The sign-in error's text, or undefined when the run signed in. */
export async function signInError(credential: TokenCredential, graphEndpoint: string): Promise<string | undefined> {
  try {
    await credential.getToken(`${graphEndpoint}/.default`)
    return undefined
  } catch (error) {
    return describeError(error)
  }
}

/** The result of a run that could not sign in: every selected target failed, for the one reason. */
export function notSignedIn(
  error: string,
  dryRun: boolean,
  workspaces: readonly Workspace[],
  account: Account | undefined
): SyncResult {
  const targets = [...(account ? [{ name: ACCOUNT_TARGET, host: account.host }] : []), ...workspaces]
  return {
    dryRun,
    signInError: error,
    workspaces: targets.map((t) => ({ workspace: t.name, host: t.host, steps: [], error: NOT_SIGNED_IN }))
  }
}

/** The run's error when it could not sign in: the cause once, then each target left alone on a line of its own. */
export function signInFailure(error: string, targets: readonly string[]): string {
  return [
    `Signing in failed, so nothing was read or changed: ${error}`,
    ...targets.map((t) => `${t}: not synced (signing in failed)`)
  ].join('\n')
}

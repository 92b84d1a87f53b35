// state-file: auto — the incremental-read state kept in the GitHub Actions cache by the action itself
// (@actions/cache), instead of actions/cache steps around it.
//
// Cache entries are immutable, so each run saves under a key of its own (prefix + run id + attempt) and restores by
// the prefix: the newest entry wins. The prefix names everything that makes one state unusable for another job —
// the state format version, the tenant, and a hash of the Graph endpoint, the selected workspaces, whether the
// account is synced and the config input — so matrix jobs (one per workspace), selections, config files and tenants
// never share an entry. The file itself lives under RUNNER_TEMP, outside the checkout.
//
// Caching is best effort: a failed restore or save is a warning (the next run reads everything), never a failure,
// and nothing is deleted. What is restored is as untrusted as any state file (state-file.ts checks it).
// @actions/cache (with the Azure Storage SDK) is loaded only by a run that uses it: a dynamic import, so the bundle
// keeps it in a chunk of its own.
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeError } from '../errors.js'

const KEY_NAME = 'entra-databricks-sync-state'

export interface StateCacheScope {
  tenantId: string
  graphEndpoint: string
  /** Names of the workspaces this run syncs (a matrix job's one, or all selected). */
  workspaces: readonly string[]
  /** Whether the run syncs the account too. */
  account: boolean
  /** The config input (its patterns, comma or newline separated). */
  config: string
  /** The state file's format version: a new format never reads an old entry. */
  formatVersion: number
}

/** What the runner says about the job: RUNNER_TEMP, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT. */
export type RunnerEnv = Record<string, string | undefined>

export interface StateCacheLog {
  info(message: string): void
  warning(message: string): void
}

/** The cache entry names for one scope: `prefix` finds this scope's entries, `key` is this run's own. */
export function stateCacheKeys(scope: StateCacheScope, env: RunnerEnv): { prefix: string; key: string; id: string } {
  const patterns = scope.config
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .sort()
  const id = createHash('sha256')
    .update(
      JSON.stringify({
        graph: scope.graphEndpoint,
        workspaces: [...new Set(scope.workspaces)].sort(),
        account: scope.account,
        config: patterns
      })
    )
    .digest('hex')
    .slice(0, 16)
  const prefix = `${KEY_NAME}-v${scope.formatVersion}-${scope.tenantId.toLowerCase()}-${id}-`
  // A run without a run id (outside a runner) still gets a key no other run has.
  const run = /^\d+$/.test(env.GITHUB_RUN_ID ?? '') ? env.GITHUB_RUN_ID : `local${Date.now()}`
  const attempt = /^\d+$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? env.GITHUB_RUN_ATTEMPT : '1'
  return { prefix, key: `${prefix}${run}-${attempt}`, id }
}

export interface StateCache {
  /** The state file's path for this scope (under RUNNER_TEMP). */
  readonly path: string
  /** Restores the newest state of this scope; false when there is none or the cache could not be read. */
  restore(): Promise<boolean>
  /** Saves the state file under this run's key; false (with a warning) when it was not saved. */
  save(): Promise<boolean>
}

/**
 * The Actions cache for this scope, or undefined (saying so) when the runner offers no cache service: then the run
 * reads everything and keeps no state.
 */
export async function actionsStateCache(
  scope: StateCacheScope,
  env: RunnerEnv,
  log: StateCacheLog
): Promise<StateCache | undefined> {
  const cache = await import('@actions/cache')
  if (!cache.isFeatureAvailable()) {
    log.info(
      'state-file: auto: there is no GitHub Actions cache service here (ACTIONS_RESULTS_URL is not set, as in a local run), so this run reads everything from Entra ID and keeps no state.'
    )
    return undefined
  }
  const { prefix, key, id } = stateCacheKeys(scope, env)
  const path = join(env.RUNNER_TEMP || tmpdir(), KEY_NAME, `${scope.tenantId.toLowerCase()}-${id}`, 'state.json')
  return {
    path,
    async restore() {
      let matched: string | undefined
      try {
        matched = await cache.restoreCache([path], key, [prefix])
      } catch (error) {
        log.warning(`state-file: auto: the Actions cache could not be read (${describeError(error)}).`)
      }
      if (matched) log.info(`Entra: incremental state restored from the Actions cache entry ${matched}.`)
      else {
        log.info(
          `Entra: no incremental state was restored from the Actions cache (entries ${prefix}*); this run reads everything from Entra ID.`
        )
      }
      return matched !== undefined
    },
    async save() {
      let id = -1
      try {
        id = await cache.saveCache([path], key)
      } catch (error) {
        log.warning(`state-file: auto: ${describeError(error)}`)
      }
      if (id === -1) {
        log.warning(
          `The incremental state was not saved to the Actions cache (entry ${key}; the reason is logged above), so the next run reads everything from Entra ID. Nothing failed because of it.`
        )
        return false
      }
      log.info(`Entra: incremental state saved to the Actions cache as ${key}.`)
      return true
    }
  }
}

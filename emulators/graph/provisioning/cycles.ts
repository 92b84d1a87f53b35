// A synchronization job's life: start, restart and pause as the API takes them, and the provisioning cycles that
// run afterwards in the background. Nothing is decided inside a start call but whether the job may start: the
// cycle it begins reaches the workspace later, and only when a cycle ends is its outcome (steady state, or
// quarantine for credentials the workspace refuses) recorded. Cycles end on the connector's clock, checked on
// every synchronization request; tests move the clock on (state.advance, state.finishCycle).
import { randomUUID } from 'node:crypto'
import { GraphHttpError } from '../errors.js'
import type { SyncExecution } from './api.js'
import { badRequest, clockMs, credential, isoTime, ZERO_TIME, type JobRec, type ProvisioningStore } from './store.js'

/** The schedule's interval (PT40M): an incremental cycle every 40 minutes once the initial one is done. */
export const INTERVAL_MS = 40 * 60_000
/** A cycle that start begins after the initial one: "subsequent syncs … are faster (e.g. within 10 minutes)". */
export const INCREMENTAL_CYCLE_MS = 10 * 60_000
const HOUR_MS = 3600_000
const QUARANTINE_CODE = 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable'

/** Whether the job runs on its schedule: first cycle (NotRun) or steady state (Active). */
export const isRunning = (j: JobRec): boolean => j.scheduleState === 'Active' && j.code !== 'Quarantine'

/** Whether a BaseAddress/SecretToken pair reaches the workspace, through the store's hook. */
export async function check(
  store: ProvisioningStore,
  baseAddress: string,
  token: string
): Promise<{ ok: boolean; status: number; message?: string }> {
  const r = await store.validateScim(baseAddress, token)
  if (typeof r === 'boolean') return { ok: r, status: r ? 200 : 401 }
  return { ok: r.ok, status: r.status ?? (r.ok ? 200 : 401), ...(r.message ? { message: r.message } : {}) }
}

export const usersUrl = (baseAddress: string): string => `${baseAddress.replace(/\/+$/, '')}/v2/Users`

/** The quarantine error of a cycle that could not sign in to (status 401/403) or reach (status 0) the endpoint. */
export function quarantineError(baseAddress: string, status: number): { code: string; message: string } {
  return {
    code: QUARANTINE_CODE,
    message:
      status === 0
        ? `We are unable to reach the SCIM endpoint ${baseAddress}. Check the Tenant URL; the job stays in quarantine until the endpoint is reachable.`
        : `We are unable to authenticate with the SCIM endpoint: invalid credentials (HTTP ${status} from ${usersUrl(baseAddress)}). ` +
          'The token may have expired or been revoked: save a new Secret Token and restart the job.'
  }
}

/**
 * POST …/start. Graph: "use start only when the job is currently paused or in quarantine" — what it answers for a
 * running job is not documented, so the emulator refuses (409). A paused job continues its cycle, a quarantine is
 * cleared, a job never started begins its initial cycle; none of them is checked against the workspace here.
 */
export function startJob(store: ProvisioningStore, j: JobRec): void {
  if (isRunning(j)) {
    throw new GraphHttpError(
      409,
      'Conflict',
      `The synchronization job '${j.id}' is running (status ${j.code}, schedule Active). ` +
        'Use start only when the job is currently paused or in quarantine.'
    )
  }
  requireCredentials(store, j)
  begin(store, j, j.pausedLeftMs ?? (steady(j) ? INCREMENTAL_CYCLE_MS : store.cycles.firstMs))
}

/** POST …/restart: in any state, a full initial cycle again ("a full initial cycle will run again"). */
export function restartJob(store: ProvisioningStore, j: JobRec): void {
  requireCredentials(store, j)
  begin(store, j, store.cycles.firstMs)
}

/** POST …/pause: the cycle stops where it is, and start continues it. */
export function pauseJob(store: ProvisioningStore, j: JobRec): void {
  j.pausedLeftMs = j.cycleEndsAt === null ? null : Math.max(0, j.cycleEndsAt - clockMs(store))
  j.cycleEndsAt = null
  j.code = 'Paused'
  j.scheduleState = 'Paused'
}

/** Ends, in order, every cycle of these jobs that is due on the connector's clock. */
export async function runDueCycles(store: ProvisioningStore, jobs: readonly JobRec[]): Promise<void> {
  const t = clockMs(store)
  for (const j of jobs) while (j.cycleEndsAt !== null && j.cycleEndsAt <= t) await endCycle(store, j, j.cycleEndsAt)
}

/**
 * Quarantine, imposed at `at` (connector clock): the next attempt is 6 h later, then 12 h, then daily ("the
 * frequency of incremental cycles is gradually reduced to once per day"); a success ends the series.
 */
export function quarantineJob(
  store: ProvisioningStore,
  j: JobRec,
  reason: string,
  error: { code: string; message: string },
  at = clockMs(store)
): void {
  const err = { code: error.code, message: error.message, tenantActionable: true }
  const series = j.quarantine
  const count = (series?.seriesCount ?? 0) + 1
  const next = at + Math.min(24, 6 * 2 ** (count - 1)) * HOUR_MS
  j.code = 'Quarantine'
  j.scheduleState = 'Active'
  j.failures++
  j.quarantine = {
    currentBegan: isoTime(at),
    nextAttempt: isoTime(next),
    reason,
    seriesBegan: series?.seriesBegan ?? isoTime(at),
    seriesCount: count,
    error: err
  }
  j.lastExecution = execution('Failed', err, j.cycleBegan, at)
  j.cycleBegan = next
  j.cycleEndsAt = next
  j.pausedLeftMs = null
}

// ---- plumbing

const steady = (j: JobRec): boolean => j.steadyFirst !== ZERO_TIME

function requireCredentials(store: ProvisioningStore, j: JobRec): void {
  const saved = store.secrets.get(j.spKey) ?? []
  if (!credential(saved, 'BaseAddress') || !credential(saved, 'SecretToken')) {
    throw badRequest(
      'The job cannot be started: its credentials are not configured. Save BaseAddress and SecretToken with ' +
        'PUT /servicePrincipals/{id}/synchronization/secrets first.',
      'BadRequest'
    )
  }
}

/** The schedule on, any quarantine cleared, a cycle of `ms` begun now. */
function begin(store: ProvisioningStore, j: JobRec, ms: number): void {
  const t = clockMs(store)
  j.scheduleState = 'Active'
  j.code = steady(j) ? 'Active' : 'NotRun'
  j.quarantine = null
  j.cycleBegan = t
  j.cycleEndsAt = t + Math.max(0, ms)
  j.pausedLeftMs = null
}

/** The cycle ends at `at`: the saved credentials reach the workspace (steady state) or not (quarantine). */
async function endCycle(store: ProvisioningStore, j: JobRec, at: number): Promise<void> {
  const saved = store.secrets.get(j.spKey) ?? []
  const base = credential(saved, 'BaseAddress')
  const token = credential(saved, 'SecretToken')
  const r = base && token ? await check(store, base, token) : { ok: false, status: 401 }
  if (!r.ok) {
    quarantineJob(
      store,
      j,
      'EncounteredQuarantineException',
      quarantineError(base ?? 'the SCIM endpoint', r.status),
      at
    )
    return
  }
  j.code = 'Active'
  j.quarantine = null
  j.failures = 0
  j.lastExecution = execution('Succeeded', null, j.cycleBegan, at)
  j.lastSuccessfulExecution = j.lastExecution
  if (j.steadyFirst === ZERO_TIME) j.steadyFirst = isoTime(at)
  j.steadyLast = isoTime(at)
  j.cycleBegan = at
  j.cycleEndsAt = at + INTERVAL_MS
}

function execution(
  state: 'Succeeded' | 'Failed',
  error: SyncExecution['error'],
  began: number,
  ended: number
): SyncExecution {
  return {
    activityIdentifier: randomUUID(),
    countEntitled: 0,
    countExported: 0,
    countImported: 0,
    state,
    timeBegan: isoTime(began),
    timeEnded: isoTime(ended),
    error
  }
}

// command: provision-app, one workspace: make the "Azure Databricks SCIM Provisioning Connector" enterprise app
// of a workspace match its `provisioning` block — the app, its provisioning job, the workspace credentials, the
// groups assigned to its User role — and get the job running. Idempotent: a re-run with nothing changed reads
// only. Reads come first (Key Vault, Entra groups), so a wrong config writes nothing.
import { createHash } from 'node:crypto'
import type { SecretReader, SecretValue } from '../auth/keyvault.js'
import type { Workspace } from '../config/types.js'
import type { EntraDirectory, EntraGroup } from '../sources/entra/graph.js'
import { ActionError, describeError } from '../errors.js'
import {
  CredentialsRefusedError,
  DATABRICKS_CONNECTOR_TEMPLATE_ID,
  DATABRICKS_SYNC_TEMPLATE_ID,
  type Credential,
  type ProvisioningChange,
  type ProvisioningGraph,
  type ProvisioningResult,
  type ServicePrincipal,
  type SyncJob
} from './types.js'

/**
 * The service principal tag that records which credentials were saved, since Graph never returns the token:
 * `<prefix><settings>:<saved>`, two 16-hex sha256 prefixes — of the settings (base address, SyncAll,
 * notifications), and of the settings plus the Key Vault secret id and version. Never of the token.
 */
export const CREDENTIALS_TAG_PREFIX = 'entra-databricks-sync:credentials:'
/** The app role groups are assigned to (looked up by display name on the app, never hard-coded). */
export const USER_ROLE_NAME = 'User'
/** How long a new app may take to appear in Graph after it was created. */
export const APPEAR_TIMEOUT_MS = 60_000
const FIRST_POLL_DELAY_MS = 500
const MAX_POLL_DELAY_MS = 8_000

export interface ProvisionDeps {
  graph: ProvisioningGraph
  directory: EntraDirectory
  secrets: SecretReader
  dryRun: boolean
  /** Waits between polls for a new app; default setTimeout. */
  sleep?: (ms: number) => Promise<void>
  /** How long to wait for a new app to appear; default APPEAR_TIMEOUT_MS. */
  appearTimeoutMs?: number
}

/** The connector's SCIM endpoint of a workspace. */
export function scimBaseAddress(host: string): string {
  return `${host.replace(/\/+$/, '')}/api/2.0/preview/scim`
}

/** The credentials the connector should have: only assigned groups are provisioned (SyncAll false). */
export function desiredCredentials(host: string, notificationEmail: string | undefined, token: string): Credential[] {
  const notifications = {
    Enabled: Boolean(notificationEmail),
    Recipients: notificationEmail ?? '',
    DeleteThresholdEnabled: false
  }
  return [
    { key: 'BaseAddress', value: scimBaseAddress(host) },
    { key: 'SecretToken', value: token },
    { key: 'SyncAll', value: 'false' },
    { key: 'SyncNotificationSettings', value: JSON.stringify(notifications) }
  ]
}

/** The marker tag for these credentials, read from Key Vault secret `secretId` at `version`. */
export function credentialsTag(credentials: Credential[], secretId: string, version: string): string {
  const settings = credentials
    .filter((c) => c.key !== 'SecretToken')
    .map((c) => `${c.key}=${c.value}`)
    .join('|')
  return `${CREDENTIALS_TAG_PREFIX}${hash16(settings)}:${hash16(`${settings}|${secretId}|${version}`)}`
}

type CredentialsState = 'unchanged' | 'new' | 'token-rotated' | 'settings-changed'

/** What the tags on the app say about the credentials it has, compared with `tag`. */
export function credentialsState(tags: string[], tag: string): CredentialsState {
  const current = tags.find((t) => t.startsWith(CREDENTIALS_TAG_PREFIX))
  if (!current) return 'new'
  if (current === tag) return 'unchanged'
  const settingsOf = (t: string) => t.slice(CREDENTIALS_TAG_PREFIX.length).split(':')[0]
  return settingsOf(current) === settingsOf(tag) ? 'token-rotated' : 'settings-changed'
}

export async function provisionWorkspace(ws: Workspace, deps: ProvisionDeps): Promise<ProvisioningResult> {
  const run = new WorkspaceRun(ws, deps)
  try {
    await run.run()
  } catch (error) {
    run.result.status = 'failed'
    run.result.error = describeError(error)
  }
  return run.finish()
}

interface ResolvedGroup {
  group: EntraGroup
}

class WorkspaceRun {
  readonly result: ProvisioningResult
  private readonly notes: string[] = []
  private readonly graph: ProvisioningGraph
  private readonly dryRun: boolean
  private token: string | undefined
  /** Credentials saved in this run, or to be saved (dry-run). */
  private credentialsChanged = false

  constructor(
    private readonly ws: Workspace,
    private readonly deps: ProvisionDeps
  ) {
    this.graph = deps.graph
    this.dryRun = deps.dryRun
    this.result = {
      workspace: ws.name,
      appName: ws.provisioning?.appName ?? '',
      status: deps.dryRun ? 'planned' : 'ok',
      assignedGroups: [],
      changes: []
    }
  }

  private get appName(): string {
    return this.result.appName
  }

  async run(): Promise<void> {
    const { provisioning, tokenSecret } = this.ws
    if (!provisioning) {
      throw new ActionError(
        `Workspace ${this.ws.name} has no provisioning block.`,
        'Add `provisioning:` with app-name (and notification-email) to the workspace in the config.'
      )
    }
    if (!tokenSecret) {
      throw new ActionError(
        `Workspace ${this.ws.name} has a provisioning block but no token-secret: the connector needs a Databricks token.`,
        'Set token-secret to the Key Vault secret id that holds a workspace admin PAT.'
      )
    }
    // Reads first: a token that cannot be read or a group that does not resolve writes nothing.
    const secret = await this.deps.secrets.read(tokenSecret)
    this.token = secret.value
    const groups = await this.resolveGroups()

    const sp = await this.findOrCreateApp()
    if (!sp) {
      this.planEverything(groups)
      return
    }
    const job = await this.findOrCreateJob(sp)
    await this.ensureCredentials(sp, job, tokenSecret, secret)
    await this.ensureAssignments(sp, groups)
    await this.ensureJobRunning(sp, job, tokenSecret)
  }

  finish(): ProvisioningResult {
    // The token is never put anywhere; this only makes sure of it.
    const token = this.token
    const clean = (text: string) => (token ? text.split(token).join('***') : text)
    if (this.result.error) this.result.error = clean(this.result.error)
    if (this.notes.length > 0) this.result.notes = this.notes.map(clean)
    return this.result
  }

  private change(change: ProvisioningChange): void {
    this.result.changes.push(change)
  }

  // ---- 0. the config's groups, each resolved to exactly one Entra group

  private async resolveGroups(): Promise<ResolvedGroup[]> {
    const byId = new Map<string, ResolvedGroup>()
    const refs = [...new Map(this.ws.groups.map((g) => [g.entra.toLowerCase(), g.entra])).values()]
    const found = await Promise.all(
      refs.map(async (ref) => ({ ref, groups: await this.deps.directory.findGroups(ref) }))
    )
    for (const { ref, groups } of found) {
      if (groups.length === 0) {
        throw new ActionError(
          `Entra group "${ref}" of workspace ${this.ws.name} does not exist, so it cannot be assigned to the app "${this.appName}".`,
          "Check the name in the config (Entra matches display names exactly, ignoring case), or use the group's object id."
        )
      }
      if (groups.length > 1) {
        throw new ActionError(
          `Entra group name "${ref}" of workspace ${this.ws.name} matches ${groups.length} groups (${groups.map((g) => g.id).join(', ')}).`,
          'Set `entra:` to the object id of the group meant, since Entra group names are not unique.'
        )
      }
      const group = groups[0] as EntraGroup
      // A group named twice (by name and by object id) is assigned once.
      if (!byId.has(group.id.toLowerCase())) byId.set(group.id.toLowerCase(), { group })
    }
    return [...byId.values()]
  }

  // ---- 1. the enterprise app

  private async findOrCreateApp(): Promise<ServicePrincipal | undefined> {
    const name = this.appName
    const found = (await this.graph.findServicePrincipals(name)).filter(
      (sp) => sp.displayName.toLowerCase() === name.toLowerCase()
    )
    if (found.length > 1) {
      throw new ActionError(
        `${found.length} enterprise apps are named "${name}" (service principals ${found.map((sp) => `${sp.id} (app id ${sp.appId})`).join(', ')}), so provision-app cannot tell which one to configure.`,
        'Delete or rename the extra apps in Entra ID (Enterprise applications), keeping the one the connector should use, then run provision-app again.'
      )
    }
    const existing = found[0]
    if (existing) {
      this.result.servicePrincipalId = existing.id
      this.result.appId = existing.appId
      return existing
    }
    if (this.dryRun) {
      this.change({ kind: 'create-app', displayName: name })
      this.notes.push(`The app "${name}" does not exist yet: every later step would run in full once it is created.`)
      return undefined
    }
    const created = await this.graph.instantiate(DATABRICKS_CONNECTOR_TEMPLATE_ID, name)
    this.change({ kind: 'create-app', displayName: name })
    this.result.servicePrincipalId = created.servicePrincipalId
    this.result.appId = created.applicationId
    return this.waitForApp(created.servicePrincipalId, created.applicationId)
  }

  /** A new service principal takes a while to appear: poll with a doubling delay, up to the timeout. */
  private async waitForApp(id: string, appId: string): Promise<ServicePrincipal> {
    const timeout = this.deps.appearTimeoutMs ?? APPEAR_TIMEOUT_MS
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
    let waited = 0
    let delay = FIRST_POLL_DELAY_MS
    for (;;) {
      const sp = await this.graph.getServicePrincipal(id)
      if (sp) return sp
      if (waited >= timeout) {
        throw new ActionError(
          `The enterprise app "${this.appName}" was created (service principal ${id}, app id ${appId}) but did not appear in Microsoft Graph within ${Math.round(timeout / 1000)} s.`,
          'Entra ID can take a few minutes to replicate a new app. Wait a few minutes and run provision-app again: it finds the app by name and continues from there.'
        )
      }
      const ms = Math.min(delay, MAX_POLL_DELAY_MS, timeout - waited)
      await sleep(ms)
      waited += ms
      delay *= 2
    }
  }

  // ---- 2. the provisioning job

  private async findOrCreateJob(sp: ServicePrincipal): Promise<SyncJob | undefined> {
    const jobs = await this.graph.listJobs(sp.id)
    const existing = jobs.find((j) => j.templateId.toLowerCase() === DATABRICKS_SYNC_TEMPLATE_ID.toLowerCase())
    if (existing) {
      this.result.jobId = existing.id
      return existing
    }
    if (this.dryRun) {
      this.change({ kind: 'create-job' })
      return undefined
    }
    const job = await this.graph.createJob(sp.id, DATABRICKS_SYNC_TEMPLATE_ID)
    this.change({ kind: 'create-job' })
    this.result.jobId = job.id
    return job
  }

  // ---- 3. the workspace credentials

  private async ensureCredentials(
    sp: ServicePrincipal,
    job: SyncJob | undefined,
    secretId: string,
    secret: SecretValue
  ): Promise<void> {
    const credentials = desiredCredentials(this.ws.host, this.ws.provisioning?.notificationEmail, secret.value)
    const tag = credentialsTag(credentials, secretId, secret.version)
    const state = credentialsState(sp.tags, tag)
    if (state === 'unchanged') return
    this.credentialsChanged = true
    if (this.dryRun || !job) {
      // Only a dry run gets here without a job.
      this.change({ kind: 'save-credentials', reason: state })
      this.notes.push('Dry run: the token was read from Key Vault but not validated against the workspace.')
      return
    }
    const login = credentials.filter((c) => c.key === 'BaseAddress' || c.key === 'SecretToken')
    try {
      await this.graph.validateCredentials(sp.id, job.id, login)
    } catch (error) {
      if (!(error instanceof CredentialsRefusedError)) throw error
      throw new ActionError(
        `The token in ${secretId} was refused by ${this.ws.host}: ${error.message.replace(/\.?$/, '.')} Nothing was saved; the app keeps its previous credentials.`,
        `Create a new personal access token in ${this.ws.host} as a workspace admin, store it as a new version of ${secretId}, and run provision-app again.`
      )
    }
    await this.graph.saveSecrets(sp.id, credentials)
    this.change({ kind: 'save-credentials', reason: state })
    const tags = [...sp.tags.filter((t) => !t.startsWith(CREDENTIALS_TAG_PREFIX)), tag]
    await this.graph.setTags(sp.id, tags)
  }

  // ---- 4. the groups assigned to the User role

  private async ensureAssignments(sp: ServicePrincipal, groups: ResolvedGroup[]): Promise<void> {
    const role = sp.appRoles.find((r) => r.displayName?.toLowerCase() === USER_ROLE_NAME.toLowerCase())
    if (!role) {
      const roles = sp.appRoles.map((r) => `"${r.displayName}"`).join(', ') || 'none'
      throw new ActionError(
        `The enterprise app "${this.appName}" (service principal ${sp.id}) has no app role named "${USER_ROLE_NAME}" (its roles: ${roles}), so groups cannot be assigned to it.`,
        `Use an app made from the gallery app "Azure Databricks SCIM Provisioning Connector" (template ${DATABRICKS_CONNECTOR_TEMPLATE_ID}): delete or rename this one, or change provisioning.app-name, and run provision-app again to create it.`
      )
    }
    const current = (await this.graph.listAssignments(sp.id)).filter(
      (a) => a.principalType === 'Group' && a.appRoleId === role.id
    )
    const assigned = new Set(current.map((a) => a.principalId.toLowerCase()))
    const wanted = new Set(groups.map((g) => g.group.id.toLowerCase()))

    for (const { group } of groups) {
      if (assigned.has(group.id.toLowerCase())) continue
      if (!this.dryRun) await this.graph.assign(sp.id, group.id, role.id)
      this.change({ kind: 'assign-group', group: group.displayName, groupId: group.id })
    }
    const names = groups.map((g) => g.group.displayName)

    const extra = current.filter((a) => !wanted.has(a.principalId.toLowerCase()))
    const label = (a: (typeof current)[number]) => a.principalDisplayName || a.principalId
    const keep = this.ws.groups.filter((g) => g.removal === 'keep').map((g) => g.entra)
    if (extra.length > 0 && (keep.length > 0 || groups.length === 0)) {
      const why =
        keep.length > 0
          ? `removal: keep on ${keep.map((k) => `"${k}"`).join(', ')}`
          : 'the workspace lists no groups, which is never taken to mean "unassign everything"'
      this.notes.push(
        `Left assigned although not in the config (${why}): ${extra.map((a) => `"${label(a)}"`).join(', ')}.`
      )
      this.result.assignedGroups = [...names, ...extra.map(label)]
      return
    }
    for (const a of extra) {
      if (!this.dryRun) await this.graph.unassign(sp.id, a.id)
      this.change({ kind: 'unassign-group', group: label(a), groupId: a.principalId })
    }
    this.result.assignedGroups = names
  }

  // ---- 5. the job running

  private async ensureJobRunning(sp: ServicePrincipal, job: SyncJob | undefined, secretId: string): Promise<void> {
    if (!job) {
      this.change({ kind: 'start-job' })
      return
    }
    let current = await this.graph.getJob(sp.id, job.id)
    this.result.jobStatus = current.status.code
    const quarantined = current.status.code === 'Quarantine'
    if (quarantined && !this.credentialsChanged) throw this.quarantine(current, secretId)
    if (current.status.code === 'Active') return
    // Not running yet, paused, or quarantined before the new credentials: starting also ends a quarantine.
    if (this.dryRun) {
      this.change({ kind: 'start-job' })
      if (quarantined) {
        this.notes.push('The job is in quarantine; saving the new credentials and starting it should end that.')
      }
      return
    }
    await this.graph.startJob(sp.id, job.id)
    this.change({ kind: 'start-job' })
    current = await this.graph.getJob(sp.id, job.id)
    this.result.jobStatus = current.status.code
    if (current.status.code === 'Quarantine') throw this.quarantine(current, secretId)
  }

  private quarantine(job: SyncJob, secretId: string): ActionError {
    const q = job.status.quarantine
    const reason = q?.reason || 'no reason given'
    const error = q?.error ?? job.status.lastExecution?.error
    const detail = [error?.code, error?.message].filter(Boolean).join(': ')
    const since = q?.currentBegan ? ` since ${q.currentBegan}` : ''
    const message = `The provisioning job ${job.id} of "${this.appName}" is in quarantine${since}: ${reason}.${detail ? ` ${detail.replace(/\.?$/, '.')}` : ''}`
    const signIn = /credential|unauthori[sz]ed|\b401\b|\b403\b|token|secret|EncounteredQuarantineException/i.test(
      `${reason} ${detail}`
    )
    return new ActionError(
      message,
      signIn
        ? `The connector cannot sign in to the workspace ${this.ws.host}: the token may have expired or been revoked. ` +
            `Store a new PAT in ${secretId} and run provision-app again; it validates and saves the new token, then restarts the job.`
        : `See the provisioning logs of "${this.appName}" in the Entra admin center (Enterprise applications → ${this.appName} → Provisioning), ` +
            'fix the cause, then restart provisioning there.'
    )
  }

  // ---- dry run of an app that does not exist yet: everything is planned

  private planEverything(groups: ResolvedGroup[]): void {
    this.change({ kind: 'create-job' })
    this.change({ kind: 'save-credentials', reason: 'new' })
    for (const { group } of groups) this.change({ kind: 'assign-group', group: group.displayName, groupId: group.id })
    this.change({ kind: 'start-job' })
    this.result.assignedGroups = groups.map((g) => g.group.displayName)
  }
}

function hash16(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

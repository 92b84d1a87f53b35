// command: provision-app, one workspace: make the "Azure Databricks SCIM Provisioning Connector" enterprise app
// of a workspace match its `provisioning` block — the app, its provisioning job, the workspace credentials, the
// groups assigned to its User role — and get the job running. Read (read.ts), plan (plan.ts), then apply
// (apply.ts) unless dry-run, which reports the plan instead. Idempotent: a re-run with nothing changed reads only.
import type { SecretReader } from '../auth/keyvault.js'
import type { Workspace } from '../config/types.js'
import { describeError } from '../errors.js'
import { applyPlan, createApp, recordPlan, type AppearWait } from './apply.js'
import { planApp, planProvisioning } from './plan.js'
import { desiredApp, findApp, provisioningOf, readApp, resolveGroups, type GroupFinder } from './read.js'
import type { ProvisioningGraph, ProvisioningResult, ServicePrincipal } from './types.js'

/** The clients provision-app works through. */
export interface ProvisioningClients {
  graph: ProvisioningGraph
  directory: GroupFinder
  secrets: SecretReader
}

export interface ProvisionDeps extends ProvisioningClients, AppearWait {
  dryRun: boolean
}

export async function provisionWorkspace(ws: Workspace, deps: ProvisionDeps): Promise<ProvisioningResult> {
  const { graph, dryRun } = deps
  const result: ProvisioningResult = {
    workspace: ws.name,
    appName: ws.provisioning?.appName ?? '',
    status: dryRun ? 'planned' : 'ok',
    assignedGroups: [],
    changes: []
  }
  let token: string | undefined
  try {
    // Reads first: a token that cannot be read or a group that does not resolve writes nothing.
    const { provisioning, tokenSecret } = provisioningOf(ws)
    const secret = await deps.secrets.read(tokenSecret)
    token = secret.value
    const groups = await resolveGroups(ws, deps.directory)
    const desired = desiredApp(ws, provisioning, tokenSecret, secret, groups)

    const read = async (sp: ServicePrincipal) => {
      const app = await readApp(graph, sp)
      if (app.job) result.jobId = app.job.id
      return app
    }
    const found = await findApp(graph, desired.appName)
    if (found) {
      result.servicePrincipalId = found.id
      result.appId = found.appId
    }
    const current = found && (await read(found))

    if (dryRun) {
      const plan = planProvisioning(current, desired)
      result.changes.push(...plan.changes)
      recordPlan(result, plan, false)
      if (plan.failure) throw plan.failure
    } else {
      // A new app's ids and User role are Graph's to give: create it, wait for it, read it, then plan the rest.
      const app = current ?? (await read(await createApp(graph, desired.appName, result, deps)))
      await applyPlan(planApp(app, desired), { graph, app, desired, result })
    }
  } catch (error) {
    result.status = 'failed'
    result.error = describeError(error)
  }
  return withoutToken(result, token)
}

/** The token is never put in a result; this only makes sure of it. */
function withoutToken(result: ProvisioningResult, token: string | undefined): ProvisioningResult {
  const clean = (text: string) => (token ? text.split(token).join('***') : text)
  const { error, notes, ...rest } = result
  return {
    ...rest,
    ...(error !== undefined ? { error: clean(error) } : {}),
    ...(notes ? { notes: notes.map(clean) } : {})
  }
}

// Every input of action.yml, parsed once into a typed object. Nothing below main.ts reads inputs.
import { CLOUD_NAMES, CLOUDS, cloudNamed, cloudOf, type CloudName } from './auth/clouds.js'
import { parseMaxDeletions } from './config/max-deletions.js'
import type { MaxDeletions } from './config/types.js'
import { InputError } from './errors.js'
import type { PullRequestContext } from './github/context.js'
import type { JobContext } from './job-context.js'
import { isGuid } from './util/guid.js'

export const COMMANDS = ['validate', 'sync', 'provision-app', 'matrix'] as const
export type Command = (typeof COMMANDS)[number]

/** When validate and a sync dry-run comment on the pull request: always, when there is something to report, never. */
export const COMMENT_MODES = ['always', 'on-change', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

/** As Azure/login's auth-type: an app registration (GitHub OIDC or a secret), or the runner's managed identity. */
export const AUTH_TYPES = ['SERVICE_PRINCIPAL', 'IDENTITY'] as const
export type AuthType = (typeof AUTH_TYPES)[number]

export interface Inputs {
  command: Command
  /** Path or glob (comma or newline separated) of config files. */
  config: string
  /** Workspace names to act on; empty means all. */
  workspaces: string[]
  /** SERVICE_PRINCIPAL: client-id's federated credential (or client-secret); IDENTITY: the runner's managed identity. */
  authType: AuthType
  tenantId?: string
  /** With IDENTITY: a user-assigned managed identity's client id; absent for the system-assigned one. */
  clientId?: string
  clientSecret?: string
  audience: string
  dryRun: boolean
  /** Overrides the config's max-deletions when set. */
  maxDeletions?: MaxDeletions
  /** Workspaces synced at once (each has its own API limits; Entra reads are shared). */
  workspaceConcurrency: number
  /**
   * Path of the incremental-read state file (Graph delta links and the members they apply to), when the
   * workflow opts in; kept between runs with actions/cache.
   */
  stateFile?: string
  /**
   * `state-file: auto`: the action keeps the state in the GitHub Actions cache itself (restored before the reads,
   * saved after them), in a file under RUNNER_TEMP; `stateFile` is then unset.
   */
  stateCache?: true
  /** Whether config files and the state file may be outside the workspace (GITHUB_WORKSPACE). */
  allowOutsideWorkspace: boolean
  /** The cloud the endpoints below belong to (the cloud input, or the cloud of an endpoint input). */
  cloud: CloudName
  /** Origin without trailing slash: the authority-host input, else the cloud's. */
  authorityHost: string
  /** Origin without trailing slash: the graph-endpoint input, else the cloud's. */
  graphEndpoint: string
  /** The runner's job: the run and commit the summary links to, the event (main.ts reads it once). */
  job?: JobContext
  /** The comment input: when validate and a sync dry-run comment on the pull request. */
  comment: CommentMode
  /** The token the comment is written with (the github-token input; the workflow token by default). */
  githubToken?: string
  /** Labels put on the pull request while the dry-run plans changes (the labels-on-change input). */
  labelsOnChange: string[]
  /** The pull request of a pull_request or pull_request_target run (main.ts reads it once). */
  pullRequest?: PullRequestContext
}

export const INPUT_DEFAULTS = {
  command: 'sync',
  config: '.github/databricks-identities.yml',
  audience: 'api://AzureADTokenExchange',
  'dry-run': 'false',
  'allow-paths-outside-workspace': 'false',
  'workspace-concurrency': '10',
  'auth-type': 'SERVICE_PRINCIPAL',
  comment: 'on-change'
} as const

const MAX_WORKSPACE_CONCURRENCY = 50

export type InputReader = (name: string) => string

export function parseInputs(read: InputReader, job?: JobContext, pullRequest?: PullRequestContext): Inputs {
  const get = (name: string): string => read(name).trim()
  const orDefault = (name: keyof typeof INPUT_DEFAULTS): string => get(name) || INPUT_DEFAULTS[name]
  /** A comma- or newline-separated list. */
  const list = (name: string): string[] =>
    get(name)
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean)

  const command = orDefault('command').toLowerCase()
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new InputError(
      `Input "command" is "${command}", which is not a command of this action.`,
      `Use one of: ${COMMANDS.join(', ')}.`
    )
  }

  const authTypeText = orDefault('auth-type').toUpperCase()
  if (!(AUTH_TYPES as readonly string[]).includes(authTypeText)) {
    throw new InputError(
      `Input "auth-type" is "${authTypeText}"; use SERVICE_PRINCIPAL or IDENTITY.`,
      'SERVICE_PRINCIPAL signs in as the client-id app (GitHub OIDC, or client-secret); IDENTITY as the managed identity of a self-hosted runner on Azure.'
    )
  }
  const authType = authTypeText as AuthType

  const tenantId = get('tenant-id') || undefined
  const clientId = get('client-id') || undefined
  for (const [name, value] of [
    ['tenant-id', tenantId],
    ['client-id', clientId]
  ] as const) {
    if (value !== undefined && !isGuid(value)) {
      throw new InputError(
        `Input "${name}" must be a GUID (got "${value}").`,
        name === 'tenant-id'
          ? 'Use the Directory (tenant) ID from the Entra admin center overview page.'
          : 'Use the Application (client) ID of the app registration or managed identity that has the federated credential.'
      )
    }
  }
  if (authType === 'IDENTITY') {
    if (!tenantId) {
      throw new InputError(
        'Input "auth-type" is IDENTITY, but "tenant-id" is not set.',
        'Set tenant-id to the tenant of the managed identity; set client-id too for a user-assigned identity.'
      )
    }
    if (read('client-secret')) {
      throw new InputError(
        'Inputs "auth-type: IDENTITY" and "client-secret" do not go together: a managed identity has no secret.',
        'Remove client-secret, or use auth-type: SERVICE_PRINCIPAL to sign in as an app registration.'
      )
    }
  } else if ((tenantId === undefined) !== (clientId === undefined)) {
    throw new InputError(
      `Inputs "tenant-id" and "client-id" go together; only "${tenantId ? 'tenant-id' : 'client-id'}" is set.`,
      'Set both to sign in to Entra ID, or neither (validate then checks files offline).'
    )
  }
  const clientSecret = read('client-secret') || undefined
  if (clientSecret && !clientId) {
    throw new InputError('Input "client-secret" is set without "tenant-id" and "client-id".', 'Set all three, or none.')
  }

  const dryRunText = orDefault('dry-run').toLowerCase()
  if (!['true', 'false'].includes(dryRunText)) {
    throw new InputError(`Input "dry-run" must be true or false (got "${dryRunText}").`)
  }
  const outsideText = orDefault('allow-paths-outside-workspace').toLowerCase()
  if (!['true', 'false'].includes(outsideText)) {
    throw new InputError(`Input "allow-paths-outside-workspace" must be true or false (got "${outsideText}").`)
  }

  const maxDeletionsText = get('max-deletions')
  let maxDeletions: MaxDeletions | undefined
  if (maxDeletionsText) {
    maxDeletions = parseMaxDeletions(maxDeletionsText)
    if (!maxDeletions) {
      throw new InputError(
        `Input "max-deletions" is "${maxDeletionsText}", which is neither a count nor a percentage.`,
        'Use a whole number such as 25, or a percentage such as 10%.'
      )
    }
  }

  const concurrencyText = orDefault('workspace-concurrency')
  const workspaceConcurrency = Number(concurrencyText)
  if (!/^\d+$/.test(concurrencyText) || workspaceConcurrency < 1 || workspaceConcurrency > MAX_WORKSPACE_CONCURRENCY) {
    throw new InputError(
      `Input "workspace-concurrency" must be a whole number from 1 to ${MAX_WORKSPACE_CONCURRENCY} (got "${concurrencyText}").`,
      'Each workspace has its own API limits, so the default of 10 is safe; lower it to limit memory on small runners.'
    )
  }
  const stateText = get('state-file')
  const stateCache = stateText.toLowerCase() === 'auto'
  const stateFile = stateCache ? undefined : stateText || undefined
  const comment = orDefault('comment').toLowerCase()
  if (!(COMMENT_MODES as readonly string[]).includes(comment)) {
    throw new InputError(
      `Input "comment" is "${comment}"; use always, on-change or never.`,
      'on-change (the default) comments on a pull request when there is a config problem or a planned change, and updates that comment when there is no longer.'
    )
  }
  const githubToken = read('github-token').trim() || undefined
  const endpoints = cloudEndpoints(get('cloud'), get('authority-host'), get('graph-endpoint'))

  return {
    command: command as Command,
    config: orDefault('config'),
    workspaces: list('workspace'),
    ...(tenantId ? { tenantId } : {}),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    audience: orDefault('audience'),
    dryRun: dryRunText === 'true',
    ...(maxDeletions ? { maxDeletions } : {}),
    workspaceConcurrency,
    ...(stateFile ? { stateFile } : {}),
    ...(stateCache ? { stateCache: true as const } : {}),
    allowOutsideWorkspace: outsideText === 'true',
    authType,
    ...endpoints,
    ...(job ? { job } : {}),
    comment: comment as CommentMode,
    ...(githubToken ? { githubToken } : {}),
    labelsOnChange: list('labels-on-change'),
    ...(pullRequest ? { pullRequest } : {})
  }
}

/**
 * The cloud input sets the Entra authority and Graph endpoint together; an authority-host or graph-endpoint input
 * overrides its endpoint (a private or emulated one), and, without a cloud input, a known endpoint picks its cloud.
 * Endpoints of two different clouds are an error: tokens of one cloud are not accepted in another.
 */
function cloudEndpoints(
  cloudText: string,
  authorityText: string,
  graphText: string
): { cloud: CloudName; authorityHost: string; graphEndpoint: string } {
  const named = cloudText ? cloudNamed(cloudText) : undefined
  if (cloudText && !named) {
    throw new InputError(
      `Input "cloud" is "${cloudText}", which is not an Azure cloud this action knows.`,
      `Use one of ${CLOUD_NAMES.join(', ')}; for another cloud set authority-host and graph-endpoint instead.`
    )
  }
  const authority = authorityText ? httpsOrigin('authority-host', authorityText) : undefined
  const graph = graphText ? httpsOrigin('graph-endpoint', graphText) : undefined
  const claims = [
    ...(named ? [{ input: 'cloud', value: named, cloud: named }] : []),
    ...(authority ? [{ input: 'authority-host', value: authority, cloud: cloudOf('authority', authority) }] : []),
    ...(graph ? [{ input: 'graph-endpoint', value: graph, cloud: cloudOf('graph', graph) }] : [])
  ].filter((c): c is { input: string; value: string; cloud: CloudName } => c.cloud !== undefined)
  const [first, other] = [claims[0], claims.find((c) => c.cloud !== claims[0]?.cloud)]
  if (first && other) {
    const what = (c: { input: string; value: string; cloud: CloudName }) =>
      c.input === 'cloud' ? `"cloud" is ${c.value}` : `"${c.input}" ${c.value} belongs to ${c.cloud}`
    throw new InputError(
      `Inputs from two Azure clouds: ${what(first)}, but ${what(other)}.`,
      `Set only cloud (${CLOUD_NAMES.join(', ')}), which sets authority-host and graph-endpoint together; use those two inputs only for endpoints of the same cloud or a private one.`
    )
  }
  const cloud = first?.cloud ?? 'AzureCloud'
  return {
    cloud,
    authorityHost: authority ?? CLOUDS[cloud].authorityHost,
    graphEndpoint: graph ?? CLOUDS[cloud].graphEndpoint
  }
}

const ORIGIN_EXAMPLES: Record<string, string> = {
  'authority-host': CLOUDS.AzureCloud.authorityHost,
  'graph-endpoint': CLOUDS.AzureCloud.graphEndpoint
}

function httpsOrigin(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input "${name}" is not a URL (got "${value}").`,
      `Use an https origin such as ${ORIGIN_EXAMPLES[name]}.`
    )
  }
  if (url.username || url.password) {
    // The value is not repeated: what comes before the "@" may be a password, and it hides the host it goes to.
    throw new InputError(
      `Input "${name}" has a user name or password before "@", so the host it names is ${url.host}.`,
      `Use the https origin of the service itself, e.g. ${ORIGIN_EXAMPLES[name]}; the action signs in with tokens, never with credentials in a URL.`
    )
  }
  if (url.protocol !== 'https:') {
    throw new InputError(`Input "${name}" must use https (got "${value}").`, 'Tokens are never sent over plain http.')
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new InputError(`Input "${name}" must be an origin without a path (got "${value}").`, `Use ${url.origin}.`)
  }
  if (url.search || url.hash) {
    throw new InputError(
      `Input "${name}" must be an origin without a query or fragment (got "${value}").`,
      `Use ${url.origin}.`
    )
  }
  return url.origin
}

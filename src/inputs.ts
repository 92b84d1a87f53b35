// Every input of action.yml, parsed once into a typed object. Nothing below main.ts reads inputs.
import { parseMaxDeletions } from './config/max-deletions.js'
import type { MaxDeletions } from './config/types.js'
import { InputError } from './errors.js'
import { isGuid } from './util/guid.js'

export const COMMANDS = ['validate', 'sync', 'provision-app', 'matrix'] as const
export type Command = (typeof COMMANDS)[number]

export interface Inputs {
  command: Command
  /** Path or glob (comma or newline separated) of config files. */
  config: string
  /** Workspace names to act on; empty means all. */
  workspaces: string[]
  tenantId?: string
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
  /** Whether config files and the state file may be outside the workspace (GITHUB_WORKSPACE). */
  allowOutsideWorkspace: boolean
  /** Origin without trailing slash. */
  authorityHost: string
  /** Origin without trailing slash. */
  graphEndpoint: string
}

export const INPUT_DEFAULTS = {
  command: 'sync',
  config: '.github/databricks-identities.yml',
  audience: 'api://AzureADTokenExchange',
  'dry-run': 'false',
  'allow-paths-outside-workspace': 'false',
  'workspace-concurrency': '10',
  'authority-host': 'https://login.microsoftonline.com',
  'graph-endpoint': 'https://graph.microsoft.com'
} as const

const MAX_WORKSPACE_CONCURRENCY = 50

export type InputReader = (name: string) => string

export function parseInputs(read: InputReader): Inputs {
  const get = (name: string): string => read(name).trim()
  const orDefault = (name: keyof typeof INPUT_DEFAULTS): string => get(name) || INPUT_DEFAULTS[name]

  const command = orDefault('command').toLowerCase()
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new InputError(
      `Input "command" is "${command}", which is not a command of this action.`,
      `Use one of: ${COMMANDS.join(', ')}.`
    )
  }

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
  if ((tenantId === undefined) !== (clientId === undefined)) {
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
  const stateFile = get('state-file') || undefined

  return {
    command: command as Command,
    config: orDefault('config'),
    workspaces: get('workspace')
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
    ...(tenantId ? { tenantId } : {}),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    audience: orDefault('audience'),
    dryRun: dryRunText === 'true',
    ...(maxDeletions ? { maxDeletions } : {}),
    workspaceConcurrency,
    ...(stateFile ? { stateFile } : {}),
    allowOutsideWorkspace: outsideText === 'true',
    authorityHost: httpsOrigin('authority-host', orDefault('authority-host')),
    graphEndpoint: httpsOrigin('graph-endpoint', orDefault('graph-endpoint'))
  }
}

function httpsOrigin(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input "${name}" is not a URL (got "${value}").`,
      `Use an https origin such as ${INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS]}.`
    )
  }
  if (url.username || url.password) {
    // The value is not repeated: what comes before the "@" may be a password, and it hides the host it goes to.
    throw new InputError(
      `Input "${name}" has a user name or password before "@", so the host it names is ${url.host}.`,
      `Use the https origin of the service itself, e.g. ${INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS]}; the action signs in with tokens, never with credentials in a URL.`
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

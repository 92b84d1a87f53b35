// The config layer: find, parse, check and normalize the YAML config files.
//
// Problems carry file, 1-based line and column, the key path (e.g. workspaces[0].groups[1].entra) and a message that
// starts with that key path and ends with the fix. Problems about action inputs rather than a file (no config file
// matched, unknown workspace name) have file '' and line/column 0.
export type * from './types.js'
export {
  DEFAULT_CONFIG_PATH,
  findConfigFiles,
  loadConfig,
  loadConfigSources,
  sortProblems,
  splitPatterns,
  type ConfigSource,
  type LoadResult
} from './load.js'
export { AZURE_RESOURCE_ID_EXAMPLE, azureResourceIdIssue } from './azure-resource-id.js'
export { formatMaxDeletions, parseMaxDeletions } from './max-deletions.js'
export { BUILTIN_DEFAULTS, ENTITLEMENTS, NESTED, REMOVALS, WORKSPACE_PERMISSIONS } from './normalize.js'
export { configSchema } from './schema.js'
export { ACCOUNT_TARGET, selectTargets, selectWorkspaces, type Selection } from './select.js'
export { MAX_CONFIG_FILE_BYTES } from './source.js'
export {
  hostIssue,
  maxDeletionsIssue,
  normalizeOrigin,
  secretIdIssue,
  SUPPORTED_VERSIONS,
  validateFiles,
  workspaceIdFromHost
} from './validate.js'
export { countBySeverity, formatProblem, hasErrors } from './problems.js'

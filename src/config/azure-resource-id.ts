// `azure-resource-id`: the Azure resource id of a workspace. With it (and auth: entra) the action sends Databricks an
// Azure Resource Manager token of its service principal, so Databricks adds that service principal as a workspace
// admin on its first request when it has Contributor (or Owner) on the workspace resource: a new workspace needs no
// manual step. The id has Azure's shape; its fixed words are case-insensitive (ARM ids are), and are written as the
// Azure portal and `az databricks workspace show --query id` print them.
import { isGuid } from '../util/guid.js'
import { describeValue, kindOf } from './text.js'

export const AZURE_RESOURCE_ID_EXAMPLE =
  '/subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Databricks/workspaces/<workspace name>'

const WHERE_TO_FIND =
  'the workspace’s Properties > Id in the Azure portal, or `az databricks workspace show -g <resource group> -n <name> --query id`'

/** The four parts of an ARM id under a resource group: subscription, group, provider namespace and type, name. */
const RESOURCE_ID = /^\/subscriptions\/([^/]*)\/resourceGroups\/([^/]*)\/providers\/([^/]*)\/([^/]*)\/([^/]*)$/i
/** Resource group names: letters, digits, `_`, `-`, `.`, `(`, `)`, up to 90, not ending in `.`. */
const RESOURCE_GROUP = /^[\p{L}\p{N}_().-]{1,90}$/u
/** Azure Databricks workspace names: letters, digits, `_` and `-`, 3 to 64. */
const WORKSPACE_NAME = /^[A-Za-z0-9_-]{3,64}$/

/** Why a value is not the Azure resource id of a Databricks workspace; undefined when it is one. */
export function azureResourceIdIssue(value: unknown): string | undefined {
  const fix = `set it to ${AZURE_RESOURCE_ID_EXAMPLE} (${WHERE_TO_FIND})`
  if (value === null || value === undefined || value === '') return `the value is empty; ${fix}`
  if (typeof value !== 'string')
    return `must be the workspace's Azure resource id (a string), not ${kindOf(value)}; ${fix}`
  const id = value.trim()
  const shown = describeValue(value)
  const m = RESOURCE_ID.exec(id)
  if (!m) {
    return /^https?:\/\//i.test(id)
      ? `${shown} is a URL, not an Azure resource id; ${fix}`
      : `${shown} is not the Azure resource id of a Databricks workspace; ${fix}`
  }
  const [, subscription = '', group = '', namespace = '', type = '', name = ''] = m
  if (namespace.toLowerCase() !== 'microsoft.databricks' || type.toLowerCase() !== 'workspaces') {
    return `names a ${namespace}/${type} resource, not a Databricks workspace (Microsoft.Databricks/workspaces); ${fix}`
  }
  if (!isGuid(subscription)) return `the subscription id ${describeValue(subscription)} is not a GUID; ${fix}`
  if (!RESOURCE_GROUP.test(group) || group.endsWith('.')) {
    return `${describeValue(group)} is not a resource group name (letters, digits, _ - . ( ), at most 90, not ending in "."); ${fix}`
  }
  if (!WORKSPACE_NAME.test(name)) {
    return `${describeValue(name)} is not an Azure Databricks workspace name (3 to 64 letters, digits, _ and -); ${fix}`
  }
  return undefined
}

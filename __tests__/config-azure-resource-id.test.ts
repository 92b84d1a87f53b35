// `azure-resource-id`: the Azure resource id of a workspace, checked for Azure's shape at file:line with the fix, kept
// in the normalized config, and described alike by the editors' schema.
import { describe, expect, test } from '@jest/globals'
import { Ajv } from 'ajv'
import schema from '../schema/config.schema.json' with { type: 'json' }
import { azureResourceIdIssue, loadConfigSources } from '../src/config/index.js'

const HOST = 'https://adb-1111111111111111.1.azuredatabricks.net'
const ID =
  '/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg-data-prod/providers/Microsoft.Databricks/workspaces/analytics-prod'
const FIX =
  'set it to /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Databricks/workspaces/<workspace name> (the workspace’s Properties > Id in the Azure portal, or `az databricks workspace show -g <resource group> -n <name> --query id`)'

function load(value: string, extra = '') {
  const text = `version: 1\nworkspaces:\n  - name: ws\n    host: ${HOST}\n${extra}    azure-resource-id: ${value}\n    groups: [Data Engineers]\n`
  return loadConfigSources([{ file: 'c.yml', text }])
}

/** Problems as `line:column [warning] message`. */
const problems = (value: string, extra = ''): string[] =>
  load(value, extra).problems.map(
    (p) => `${p.line}:${p.column} ${p.severity === 'warning' ? 'warning ' : ''}${p.message}`
  )

const editorSchema = new Ajv({ allErrors: true, strict: false }).compile({
  ...(schema.definitions.workspace.properties['azure-resource-id'] as object)
})

describe('azure-resource-id', () => {
  test.each([
    ID,
    ID.replace('resourceGroups', 'resourcegroups').replace('Microsoft.Databricks', 'microsoft.databricks'),
    '/subscriptions/8F2E1C4A-6B3D-4E5F-9A7B-1C2D3E4F5A6B/resourceGroups/rg_(data).prod/providers/Microsoft.Databricks/workspaces/ws_1'
  ])('%s is a workspace resource id, kept in the config and valid for editors', (id) => {
    const result = load(id)
    expect(result.problems).toEqual([])
    expect(result.config.workspaces[0]!.azureResourceId).toBe(id)
    expect(editorSchema(id)).toBe(true)
  })

  test('is optional', () => {
    const text = `version: 1\nworkspaces:\n  - name: ws\n    host: ${HOST}\n    groups: [a]\n`
    const result = loadConfigSources([{ file: 'c.yml', text }])
    expect(result.problems).toEqual([])
    expect(result.config.workspaces[0]!.azureResourceId).toBeUndefined()
  })

  test.each([
    ['""', `the value is empty; ${FIX}`],
    ['42', `must be the workspace's Azure resource id (a string), not a number (42); ${FIX}`],
    [
      'https://adb-1111111111111111.1.azuredatabricks.net',
      `"https://adb-1111111111111111.1.azuredatabricks.net" is a URL, not an Azure resource id; ${FIX}`
    ],
    [
      '/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg-data-prod',
      `"/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg-data-prod" is not the Azure resource id of a Databricks workspace; ${FIX}`
    ],
    [`${ID}/`, `"${ID.slice(0, 79)}…" is not the Azure resource id of a Databricks workspace; ${FIX}`],
    [
      '/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data',
      `names a Microsoft.Storage/storageAccounts resource, not a Databricks workspace (Microsoft.Databricks/workspaces); ${FIX}`
    ],
    [
      '/subscriptions/contoso-prod/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/analytics-prod',
      `the subscription id "contoso-prod" is not a GUID; ${FIX}`
    ],
    [
      '"/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg data/providers/Microsoft.Databricks/workspaces/ws1"',
      `"rg data" is not a resource group name (letters, digits, _ - . ( ), at most 90, not ending in "."); ${FIX}`
    ],
    [
      '/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w',
      `"w" is not an Azure Databricks workspace name (3 to 64 letters, digits, _ and -); ${FIX}`
    ]
  ])('%s is refused at file:line, naming the key and the fix', (value, message) => {
    expect(problems(value)).toEqual([`5:24 workspaces[0].azure-resource-id: ${message}`])
    const parsed = (load(value).config.workspaces[0]?.azureResourceId ?? value.replace(/^"|"$/g, '')) as unknown
    // The editors' schema refuses it too (a number is refused by type).
    expect(editorSchema(value === '42' ? 42 : parsed)).toBe(false)
  })

  test('with auth: pat it is ignored, with a warning at the key', () => {
    expect(problems(ID, '    auth: pat\n    token-secret: https://kv.vault.azure.net/secrets/pat\n')).toEqual([
      '7:5 warning workspaces[0].azure-resource-id: is used only with auth: entra (the action then sends Databricks an Azure token of its service principal, so Databricks adds it as a workspace admin); with auth: pat it is ignored: remove it, or use auth: entra'
    ])
  })

  test('azureResourceIdIssue agrees with the schema on every example', () => {
    const examples = schema.definitions.workspace.properties['azure-resource-id'].examples
    for (const example of examples) {
      expect(azureResourceIdIssue(example)).toBeUndefined()
      expect(editorSchema(example)).toBe(true)
    }
  })
})

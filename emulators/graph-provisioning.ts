// Microsoft Graph emulator, provisioning part: the "Azure Databricks SCIM Provisioning Connector" gallery app as
// provision-app configures it (instantiate, PATCH servicePrincipals/{id}, appRoleAssignedTo, synchronization jobs and
// secrets). This is the entry point; the parts live in graph/provisioning/ and graph.ts routes the requests there.
export * from './graph/provisioning/api.js'
export { GraphHttpError as ProvisioningError } from './graph/errors.js'
export { createProvisioning, type Provisioning } from './graph/provisioning/service.js'

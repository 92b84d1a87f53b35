// Azure Databricks workspace SCIM emulator: Users, ServicePrincipals, Groups and Me under
// /api/2.0/preview/scim/v2, with PAT and Entra (workspace-admin) bearer auth.
//
// The store (ScimStore) and the resource routes (routeScim) know nothing about workspaces or auth, so the
// account-level SCIM API (/api/2.0/accounts/{account_id}/scim/v2, groups of resourceType "Group", no built-in
// groups, group lists without members) can reuse them with other options.
// This is the entry point; the parts live in databricks/ (see emulators/README.md for the file map).
export { attributeSelector, type AttributeSelector } from './databricks/attributes.js'
export {
  ARM_AUDIENCE,
  defaultAzureResourceId,
  SP_MANAGEMENT_TOKEN_HEADER,
  WORKSPACE_RESOURCE_ID_HEADER,
  type OnboardingEvent,
  type OnboardingOutcome
} from './databricks/azure-onboarding.js'
export {
  DATABRICKS_RESOURCE_ID,
  KNOWN_ENTITLEMENTS,
  MAX_PAGE_SIZE,
  SCIM_SCHEMAS,
  ScimError,
  scimErrorResponse,
  USERS_GROUP_ENTITLEMENTS,
  WORKSPACE_SCIM_BASE,
  type ScimErrorBody,
  type ScimType
} from './databricks/protocol.js'
export type {
  GroupRecord,
  ListQuery,
  ListResult,
  PrincipalRecord,
  ResourceKind,
  ScimEmail,
  ScimGroup,
  ScimListResponse,
  ScimName,
  ScimRef,
  ScimServicePrincipal,
  ScimStoreOptions,
  ScimUser,
  ScimValue,
  ServicePrincipalRecord,
  UserRecord
} from './databricks/records.js'
export { routeScim, type ScimRouteOptions } from './databricks/routes.js'
export { addMemberByKey, groupBody, seedWorkspaceStore, spBody, userBody } from './databricks/seed.js'
export { storeState, type GroupView, type StoreState, type WorkspaceState } from './databricks/state.js'
export { ScimStore } from './databricks/store.js'
export { createWorkspace, type WorkspaceOptions } from './databricks/workspace.js'

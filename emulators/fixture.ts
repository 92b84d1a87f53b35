// The declarative tenant fixture that seeds every emulator. Ids are derived from names, so the same
// fixture always yields the same object ids and tests can state them.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

export interface FederatedCredentialFixture {
  subject: string
  /** Defaults to the GitHub OIDC emulator's issuer. */
  issuer?: string
  /** Defaults to api://AzureADTokenExchange. */
  audience?: string
}

export interface ApplicationFixture {
  displayName: string
  appId: string
  clientSecret?: string
  federatedCredentials?: FederatedCredentialFixture[]
  /** Graph application permissions granted (roles claim of Graph tokens), e.g. GroupMember.Read.All. */
  graphPermissions?: string[]
}

export interface UserFixture {
  userPrincipalName: string
  id?: string
  displayName?: string
  mail?: string | null
  accountEnabled?: boolean
  userType?: 'Member' | 'Guest'
}

export interface ServicePrincipalFixture {
  displayName: string
  appId: string
  id?: string
  accountEnabled?: boolean
}

/** A device registered in Entra ID: a group may hold it, and it has no Databricks identity. */
export interface DeviceFixture {
  displayName: string
  id?: string
  operatingSystem?: string
}

/** An organizational contact (orgContact): a group may hold it, and it has no Databricks identity. */
export interface OrgContactFixture {
  displayName: string
  id?: string
  mail?: string | null
}

export interface GroupFixture {
  displayName: string
  id?: string
  /**
   * Member references: a user's UPN, a service principal's displayName or appId, a group's displayName, a device's
   * displayName, or an organizational contact's mail or displayName.
   */
  members?: string[]
}

export interface WorkspaceUserFixture {
  userName: string
  displayName?: string
  active?: boolean
  externalId?: string
  entitlements?: string[]
}

export interface WorkspaceServicePrincipalFixture {
  applicationId: string
  displayName?: string
  active?: boolean
  externalId?: string
  entitlements?: string[]
}

export interface WorkspaceGroupFixture {
  displayName: string
  externalId?: string
  /** userName, applicationId or group displayName of members. */
  members?: string[]
  entitlements?: string[]
}

export interface WorkspaceFixture {
  name: string
  /** Personal access tokens the workspace accepts (as its admin). */
  pats?: string[]
  /** appIds whose service principals are workspace admins already (in the workspace and its admins group at start). */
  admins?: string[]
  /**
   * The workspace's Azure resource id; default `/subscriptions/<stableGuid('subscription', tenantId)>/resourceGroups/
   * rg-<name>/providers/Microsoft.Databricks/workspaces/<name>`.
   */
  azureResourceId?: string
  /**
   * appIds with the Contributor (or Owner) role on the workspace resource in Azure. Such a service principal that is
   * not in the workspace is added as a workspace admin by a request that carries its Azure Resource Manager token and
   * the workspace's resource id (X-Databricks-Azure-SP-Management-Token, X-Databricks-Azure-Workspace-Resource-Id).
   */
  contributors?: string[]
  users?: WorkspaceUserFixture[]
  servicePrincipals?: WorkspaceServicePrincipalFixture[]
  groups?: WorkspaceGroupFixture[]
  /**
   * Identity federation (default true, as for Azure accounts made since November 2023): workspace SCIM refuses
   * changes of a user's displayName, and lists the account groups assigned to the workspace.
   */
  identityFederation?: boolean
  /** Account groups assigned to the workspace: listed with meta.resourceType `Group`, refused to every write. */
  accountGroups?: WorkspaceGroupFixture[]
}

/** A workspace the account knows, by the numeric id in `adb-<id>.<n>.azuredatabricks.net`. */
export interface AccountWorkspaceFixture {
  /** The fixture workspace it stands for (`workspaces[].name`), or any name. */
  name: string
  /** Numeric workspace id (digits, as a string). */
  id: string
  /** Permission assignments at start: `principal` is a userName, applicationId or group displayName. */
  assignments?: { principal: string; permissions: ('USER' | 'ADMIN')[] }[]
}

/** A Databricks account (account SCIM API and workspace permission assignments). */
export interface AccountFixture {
  /** Account id (a GUID). */
  id: string
  /** appIds whose Entra tokens are accepted as account admins (each is a service principal of the account). */
  admins: string[]
  /** Seeded as given (a user's `externalId` too, as another writer would leave it; SCIM writes keep none). */
  users?: WorkspaceUserFixture[]
  servicePrincipals?: WorkspaceServicePrincipalFixture[]
  /** With `aim`, a group with an `externalId` is one Entra keeps through AIM; its `members` are Entra's. */
  groups?: WorkspaceGroupFixture[]
  workspaces?: AccountWorkspaceFixture[]
  /**
   * The account uses automatic identity management (on by default for Azure accounts created since August 2025):
   * its groups with an externalId show no members and refuse writes, and no group is created with an externalId;
   * the identity API resolves Entra principals by object id, and the account access denylist can be kept.
   */
  aim?: boolean
  /** Account access denylist rules at start: Entra principals (UPN, appId, group or service principal name, id). */
  denyRules?: string[]
}

export interface VaultFixture {
  /** Secret name -> value (one version each). */
  secrets: Record<string, string>
  /** appIds allowed to read secrets; all applications when absent. */
  readers?: string[]
}

export interface TenantFixture {
  tenantId: string
  /** GitHub OIDC token claims: sub defaults to repo:<repository>:ref:<ref>. */
  github?: { repository: string; ref: string; subject?: string }
  applications: ApplicationFixture[]
  users: UserFixture[]
  servicePrincipals: ServicePrincipalFixture[]
  groups: GroupFixture[]
  /** Devices and organizational contacts, which groups may hold as members. */
  devices?: DeviceFixture[]
  orgContacts?: OrgContactFixture[]
  workspaces: WorkspaceFixture[]
  vault?: VaultFixture
  /** The Databricks account the workspaces belong to; no account server without it. */
  account?: AccountFixture
  /**
   * Another account the same workspaces could belong to, one with automatic identity management (the demo's second
   * part): `withAccount(fixture, fixture.aimAccount)` starts the emulators with it as the account.
   */
  aimAccount?: AccountFixture
}

/** A stable GUID derived from a kind and a key (same input, same id). */
export function stableGuid(kind: string, key: string): string {
  const h = createHash('sha1').update(`${kind}:${key.toLowerCase()}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function loadFixture(file: string): TenantFixture {
  return normalizeFixture(parse(readFileSync(file, 'utf8')) as Partial<TenantFixture>)
}

/** Fills defaults so consumers can rely on arrays and ids being present. */
export function normalizeFixture(raw: Partial<TenantFixture>): TenantFixture {
  if (!raw.tenantId) throw new Error('tenant fixture: tenantId is required')
  return {
    tenantId: raw.tenantId,
    ...(raw.github ? { github: raw.github } : {}),
    applications: raw.applications ?? [],
    users: (raw.users ?? []).map((u) => ({
      ...u,
      id: u.id ?? stableGuid('user', u.userPrincipalName),
      displayName: u.displayName ?? u.userPrincipalName.split('@')[0],
      accountEnabled: u.accountEnabled ?? true,
      userType: u.userType ?? 'Member'
    })),
    servicePrincipals: (raw.servicePrincipals ?? []).map((s) => ({
      ...s,
      id: s.id ?? stableGuid('sp', s.appId),
      accountEnabled: s.accountEnabled ?? true
    })),
    groups: (raw.groups ?? []).map((g) => ({
      ...g,
      id: g.id ?? stableGuid('group', g.displayName),
      members: g.members ?? []
    })),
    devices: (raw.devices ?? []).map((d) => ({ ...d, id: d.id ?? stableGuid('device', d.displayName) })),
    orgContacts: (raw.orgContacts ?? []).map((c) => ({
      ...c,
      id: c.id ?? stableGuid('contact', c.mail ?? c.displayName)
    })),
    workspaces: raw.workspaces ?? [],
    ...(raw.vault ? { vault: raw.vault } : {}),
    ...(raw.account ? { account: normalizeAccount(raw.account) } : {}),
    ...(raw.aimAccount ? { aimAccount: normalizeAccount(raw.aimAccount) } : {})
  }
}

/** The fixture with another account (e.g. its `aimAccount`) as the account the emulators start. */
export function withAccount(fixture: TenantFixture, account: AccountFixture | undefined): TenantFixture {
  if (!account) throw new Error('tenant fixture: no such account')
  return { ...fixture, account }
}

function normalizeAccount(a: AccountFixture): AccountFixture {
  if (!a.id) throw new Error('tenant fixture: account.id is required')
  const workspaces = (a.workspaces ?? []).map((w) => ({ ...w, id: String(w.id) }))
  for (const w of workspaces) {
    if (!/^\d+$/.test(w.id)) throw new Error(`tenant fixture: account workspace ${w.name}: id must be digits`)
  }
  return { ...a, admins: a.admins ?? [], workspaces }
}

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

export interface GroupFixture {
  displayName: string
  id?: string
  /** Member references: a user's UPN, a service principal's displayName or appId, or a group's displayName. */
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
  /** appIds whose Entra tokens are accepted as workspace admins. */
  admins?: string[]
  users?: WorkspaceUserFixture[]
  servicePrincipals?: WorkspaceServicePrincipalFixture[]
  groups?: WorkspaceGroupFixture[]
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
  users?: WorkspaceUserFixture[]
  servicePrincipals?: WorkspaceServicePrincipalFixture[]
  groups?: WorkspaceGroupFixture[]
  workspaces?: AccountWorkspaceFixture[]
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
  workspaces: WorkspaceFixture[]
  vault?: VaultFixture
  /** The Databricks account the workspaces belong to; no account server without it. */
  account?: AccountFixture
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
    workspaces: raw.workspaces ?? [],
    ...(raw.vault ? { vault: raw.vault } : {}),
    ...(raw.account ? { account: normalizeAccount(raw.account) } : {})
  }
}

function normalizeAccount(a: AccountFixture): AccountFixture {
  if (!a.id) throw new Error('tenant fixture: account.id is required')
  const workspaces = (a.workspaces ?? []).map((w) => ({ ...w, id: String(w.id) }))
  for (const w of workspaces) {
    if (!/^\d+$/.test(w.id)) throw new Error(`tenant fixture: account workspace ${w.name}: id must be digits`)
  }
  return { ...a, admins: a.admins ?? [], workspaces }
}

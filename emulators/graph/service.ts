// The shared state the Graph modules work on (directory, membership, entity types, provisioning) and its options.
import type { TenantFixture } from '../fixture.js'
import type { EmulatorRequest, EmulatorResponse, TokenService } from '../types.js'
import { Directory } from './directory.js'
import { makeTypes, type Types } from './entity-types.js'
import { Membership } from './members.js'
import type { ValidateScim } from './provisioning/api.js'
import { createProvisioning, type Provisioning } from './provisioning/service.js'
import { directoryHost } from './provisioning-host.js'

export interface GraphOptions {
  /**
   * Called for each request inside a $batch before it is handled; a response returned here (e.g. a 429 with
   * Retry-After) is used as that inner request's answer, so batch steps can be throttled one by one.
   */
  innerThrottle?: (req: EmulatorRequest) => EmulatorResponse | undefined
  /** Extra token audiences to accept (the emulator's own origin is always accepted, as a sovereign cloud's is). */
  audiences?: readonly string[]
  /**
   * Whether a synchronization BaseAddress/SecretToken pair reaches a SCIM endpoint (validateCredentials, and the end
   * of each provisioning cycle). Default: any https …/api/2.0/preview/scim with a token.
   */
  validateScim?: ValidateScim
  /** Initial `state.provisioning.spAppearDelayMs` (default 1500). */
  spAppearDelayMs?: number
}

export interface GraphService {
  readonly dir: Directory
  readonly members: Membership
  readonly types: Types
  readonly provisioning: Provisioning
  readonly tokens: TokenService
  readonly options: GraphOptions
}

/** The directory of a fixture (users, service principals, then groups and their members) with its services. */
export function createService(fixture: TenantFixture, tokens: TokenService, options: GraphOptions): GraphService {
  const dir = new Directory(fixture.tenantId)
  const types = makeTypes(fixture.tenantId)

  for (const u of fixture.users) dir.addUser(u)
  for (const s of fixture.servicePrincipals) dir.addServicePrincipal(s)
  for (const d of fixture.devices ?? []) dir.addDevice(d)
  for (const c of fixture.orgContacts ?? []) dir.addOrgContact(c)
  const shells = fixture.groups.map((g) => [dir.addGroupShell(g), g.members ?? []] as const)
  for (const [g, members] of shells) for (const ref of members) dir.addMember(g, dir.resolveRef(ref))

  const provisioning = createProvisioning(directoryHost(dir, types), {
    ...(options.validateScim ? { validateScim: options.validateScim } : {}),
    ...(options.spAppearDelayMs !== undefined ? { spAppearDelayMs: options.spAppearDelayMs } : {})
  })
  return { dir, members: new Membership(dir), types, provisioning, tokens, options }
}

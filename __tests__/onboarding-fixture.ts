// A tenant for the onboarding tests: the demo tenant with analytics-prod new, so the action's service principal is not
// in it, but has the Contributor role on its Azure resource; and another app with no role anywhere.
import { loadFixture, type TenantFixture } from '../emulators/fixture.js'
import { ROOT } from '../emulators/runner.js'

export const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
/** Known to the tenant (and may sign in like the action), with no role on any workspace. */
export const OTHER_APP = '4d3c2b1a-0000-4000-8000-0000000000aa'
export const NEW_WORKSPACE = 'analytics-prod'

export function newWorkspaceFixture(): TenantFixture {
  const demo = loadFixture(`${ROOT}/emulators/fixtures/demo-tenant.yml`)
  const sync = demo.applications.find((a) => a.appId === SYNC_APP)!
  return {
    ...demo,
    applications: [
      ...demo.applications,
      {
        displayName: 'other',
        appId: OTHER_APP,
        federatedCredentials: sync.federatedCredentials ?? [],
        graphPermissions: sync.graphPermissions ?? []
      }
    ],
    workspaces: demo.workspaces.map((ws) =>
      ws.name !== NEW_WORKSPACE
        ? ws
        : {
            ...ws,
            contributors: [SYNC_APP],
            servicePrincipals: (ws.servicePrincipals ?? []).filter((sp) => sp.applicationId !== SYNC_APP),
            groups: (ws.groups ?? []).map((g) => ({ ...g, members: (g.members ?? []).filter((m) => m !== SYNC_APP) }))
          }
    )
  }
}

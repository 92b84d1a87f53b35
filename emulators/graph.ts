// Microsoft Graph v1.0 emulator: the directory reads the action makes (groups, members, transitive members, users,
// service principals, $batch, groups/delta, users/delta, servicePrincipals/delta), answering as the real service
// does — OData query options, paging with @odata.nextLink/$skiptoken, Graph error bodies, application permissions
// from the token's roles claim — and the provisioning APIs (graph-provisioning.ts).
// A pure request -> response handler; the server wrapper adds TLS, latency, throttling and the request log.
// This is the entry point; the parts live in graph/ (see emulators/README.md for the file map).
import type { TenantFixture } from './fixture.js'
import { createHandler } from './graph/handler.js'
import { createService, type GraphOptions } from './graph/service.js'
import { createState, type GraphState } from './graph/state.js'
import type { Handler, TokenService } from './types.js'

export type * from './graph/model.js'
export { GRAPH_AUDIENCES, GRAPH_READ_ROLES } from './graph/permissions.js'
export type { GraphOptions } from './graph/service.js'
export type { GraphState } from './graph/state.js'

export function createGraph(
  fixture: TenantFixture,
  tokens: TokenService,
  options: GraphOptions = {}
): { handler: Handler; state: GraphState } {
  const svc = createService(fixture, tokens, options)
  return { handler: createHandler(svc), state: createState(svc) }
}

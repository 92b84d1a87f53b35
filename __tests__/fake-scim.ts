// A ScimApi for apply tests: every method throws "not used" unless the test gives it.
import type { Writers } from '../src/run/apply.js'
import type { AssignmentsApi } from '../src/targets/databricks/assignments-client.js'
import { AssignmentsWriter } from '../src/targets/databricks/assignments-writer.js'
import { ScimWriter, type ScimWriterOptions } from '../src/targets/databricks/scim-writer.js'
import type { ScimApi } from '../src/targets/databricks/types.js'

export function fakeScim(methods: Partial<ScimApi>): ScimApi {
  const unused = async (): Promise<never> => {
    throw new Error('not used')
  }
  return {
    me: unused,
    listUsers: unused,
    listServicePrincipals: unused,
    listGroups: unused,
    getGroup: unused,
    findUser: async () => undefined,
    findServicePrincipal: async () => undefined,
    findGroup: async () => undefined,
    createUser: unused,
    createServicePrincipal: unused,
    createGroup: unused,
    patch: unused,
    delete: unused,
    stats: () => ({ requests: {}, throttled: 0, retries: 0, waitedMs: 0 }),
    ...methods
  }
}

/** The Databricks writers apply uses: SCIM for identities, and workspace assignments when given. */
export function databricksWriters(
  scim: ScimApi,
  assignments?: AssignmentsApi,
  options: ScimWriterOptions = {}
): Writers {
  return {
    identities: new ScimWriter(scim, options),
    ...(assignments ? { assignments: new AssignmentsWriter(assignments) } : {})
  }
}

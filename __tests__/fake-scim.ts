// A ScimApi for apply tests: every method throws "not used" unless the test gives it.
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

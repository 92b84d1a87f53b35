// The account API clients (workspace assignments, identity API) share their transport's error for a success answer
// that is not what the API documents: the account as the target, status 200, and the account host advice.
import { describe, expect, test } from '@jest/globals'
import { ACCOUNT_HOST_FIX, PermissionAssignmentsClient } from '../src/targets/databricks/assignments-client.js'
import { ScimRequestError } from '../src/targets/databricks/errors.js'
import type { HttpClientOptions } from '../src/targets/databricks/http.js'
import { IdentityApiClient } from '../src/targets/databricks/identity-api-client.js'

const ACCOUNT_ID = 'a1b2c3d4-0000-4000-8000-000000000001'

/** Every request answered 200 with `body` (a login page, or JSON of another shape). */
const options = (body: string): HttpClientOptions & { host: string; accountId: string } => ({
  host: 'https://accounts.azuredatabricks.net/',
  accountId: ` ${ACCOUNT_ID} `,
  token: async () => 'token',
  fetch: async () => new Response(body, { status: 200 }),
  sleep: async () => undefined
})

/** What the call failed with (a call that succeeds fails the test). */
const failure = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => {
      throw new Error('the call succeeded')
    },
    (e: unknown) => e
  )

/** The transport's error for a 200 it cannot read: the account, the request, what came, the account host advice. */
function expectUnexpectedAnswer(error: unknown, path: string, message: string): void {
  expect(error).toBeInstanceOf(ScimRequestError)
  expect(error).toMatchObject({
    workspace: `account ${ACCOUNT_ID}`,
    method: 'GET',
    path,
    status: 200,
    detail: 'unexpected answer',
    fix: ACCOUNT_HOST_FIX,
    message
  })
}

describe('an answer that is not what the account API documents', () => {
  test('workspace assignments: what came, the account, the host advice', async () => {
    const error = await failure(new PermissionAssignmentsClient(options('<html>login</html>')).list('1'))
    const path = '/workspaces/1/permissionassignments'
    expectUnexpectedAnswer(
      error,
      path,
      `Databricks account ${ACCOUNT_ID}: GET ${path} answered something that is not a permission assignment list: <html>login</html>`
    )
  })

  test('identity API: what was expected, the account, the host advice', async () => {
    const client = new IdentityApiClient(options(JSON.stringify({ account_access_identity_rules: 'none' })))
    const error = await failure(client.listDenyRules())
    const path = `/accounts/${ACCOUNT_ID}/account-access-identity-rules`
    expectUnexpectedAnswer(
      error,
      path,
      `Databricks account ${ACCOUNT_ID}: GET ${path} answered something other than a list of rules.`
    )
  })
})

// The naive baseline: what the original PowerShell seed script does, with fetch against the same emulators.
// Per workspace and configured group, strictly one request at a time: resolve the Entra group by name, read its
// direct members (pages of 999), find or create the Databricks group, then per member GET the user (or service
// principal) by filter, POST it when missing, and PATCH it into the group, one member per PATCH.
// 429s are retried after Retry-After (the script itself did not; this keeps the baseline from failing).

export interface NaiveOptions {
  graphEndpoint: string
  graphToken: string
  /** Workspace name -> SCIM origin and token. */
  workspaces: { name: string; host: string; token: string; groups: string[] }[]
}

export interface NaiveResult {
  requests: number
  /** Identities created + memberships added. */
  changes: number
  created: number
  memberships: number
  throttled: number
}

interface Member {
  '@odata.type'?: string
  id: string
  displayName?: string
  userPrincipalName?: string
  appId?: string
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))
const scimString = (v: string): string => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

export async function runNaive(options: NaiveOptions): Promise<NaiveResult> {
  const result: NaiveResult = { requests: 0, changes: 0, created: 0, memberships: 0, throttled: 0 }
  const call = async (url: string, token: string, method = 'GET', body?: unknown): Promise<unknown> => {
    for (;;) {
      result.requests++
      const response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' })
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      if (response.status === 429) {
        result.throttled++
        await response.arrayBuffer()
        await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000)
        continue
      }
      const text = await response.text()
      if (!response.ok) throw new Error(`naive: ${method} ${url} answered ${response.status}: ${text.slice(0, 200)}`)
      return text ? (JSON.parse(text) as unknown) : undefined
    }
  }
  const graph = (path: string): Promise<unknown> =>
    call(path.startsWith('https://') ? path : `${options.graphEndpoint}/v1.0${path}`, options.graphToken)

  for (const ws of options.workspaces) {
    const scim = `${ws.host}/api/2.0/preview/scim/v2`
    const scimCall = (path: string, method = 'GET', body?: unknown) => call(`${scim}${path}`, ws.token, method, body)
    for (const name of ws.groups) {
      const found = (await graph(
        `/groups?$filter=${encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`)}&$select=id`
      )) as { value: { id: string }[] }
      const groupId = found.value[0]?.id
      if (!groupId) throw new Error(`naive: no Entra group ${name}`)
      const members: Member[] = []
      let page = (await graph(
        `/groups/${groupId}/members?$select=id,displayName,userPrincipalName,appId&$top=999`
      )) as { value: Member[]; '@odata.nextLink'?: string }
      for (;;) {
        members.push(...page.value)
        if (!page['@odata.nextLink']) break
        page = (await graph(page['@odata.nextLink'])) as typeof page
      }

      const groups = (await scimCall(`/Groups?filter=${encodeURIComponent(`displayName eq ${scimString(name)}`)}`)) as {
        Resources?: { id: string }[]
      }
      let dbxGroupId = groups.Resources?.[0]?.id
      if (!dbxGroupId) {
        const made = (await scimCall('/Groups', 'POST', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName: name
        })) as { id: string }
        dbxGroupId = made.id
        result.created++
      }

      for (const m of members) {
        const type = m['@odata.type']
        let id: string | undefined
        if (type === '#microsoft.graph.user' && m.userPrincipalName) {
          const filter = encodeURIComponent(`userName eq ${scimString(m.userPrincipalName)}`)
          const existing = (await scimCall(`/Users?filter=${filter}`)) as { Resources?: { id: string }[] }
          id = existing.Resources?.[0]?.id
          if (!id) {
            const made = (await scimCall('/Users', 'POST', {
              schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
              userName: m.userPrincipalName,
              displayName: m.displayName
            })) as { id: string }
            id = made.id
            result.created++
          }
        } else if (type === '#microsoft.graph.servicePrincipal' && m.appId) {
          const filter = encodeURIComponent(`applicationId eq ${scimString(m.appId)}`)
          const existing = (await scimCall(`/ServicePrincipals?filter=${filter}`)) as { Resources?: { id: string }[] }
          id = existing.Resources?.[0]?.id
          if (!id) {
            const made = (await scimCall('/ServicePrincipals', 'POST', {
              schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal'],
              applicationId: m.appId,
              displayName: m.displayName
            })) as { id: string }
            id = made.id
            result.created++
          }
        } else {
          continue // nested groups: direct members only
        }
        await scimCall(`/Groups/${dbxGroupId}`, 'PATCH', {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }]
        })
        result.memberships++
      }
    }
  }
  result.changes = result.created + result.memberships
  return result
}

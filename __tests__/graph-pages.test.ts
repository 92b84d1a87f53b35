// Every Graph list read pages through one loop that refuses a next link to another host: no read, and no token,
// ever leaves the configured Graph origin. Found in review: the provisioning reader followed any next link.
import { describe, expect, test } from '@jest/globals'
import type { Client } from '@microsoft/microsoft-graph-client'
import { GraphProvisioning } from '../src/provisioning/graph-api.js'
import { readAllPages, relativeGraphLink } from '../src/sources/entra/graph-pages.js'

const ENDPOINT = 'https://graph.example.test'

/** A get() over canned pages, recording every URL asked for. */
function pages(answers: Record<string, unknown>) {
  const asked: string[] = []
  const get = async (url: string): Promise<unknown> => {
    asked.push(url)
    if (!(url in answers)) throw new Error(`unexpected GET ${url}`)
    return answers[url]
  }
  return { get, asked }
}

describe('relativeGraphLink', () => {
  test('a link on the Graph origin becomes a path under the version root', () => {
    expect(relativeGraphLink(ENDPOINT, `${ENDPOINT}/v1.0/groups?$skiptoken=abc`)).toBe('/groups?$skiptoken=abc')
    expect(relativeGraphLink(ENDPOINT, `${ENDPOINT}/beta/users/delta?$deltatoken=x`)).toBe('/users/delta?$deltatoken=x')
  })

  test.each([
    'https://attacker.example/v1.0/groups?$skiptoken=abc',
    'https:attacker.example/v1.0/groups',
    '//attacker.example/v1.0/groups',
    'http://graph.example.test/v1.0/groups',
    `${ENDPOINT}:8443/v1.0/groups`,
    `${ENDPOINT}/v2.0/groups`
  ])('%s is refused', (link) => {
    expect(() => relativeGraphLink(ENDPOINT, link)).toThrow(/outside https:\/\/graph\.example\.test\/v1\.0/)
  })
})

describe('readAllPages', () => {
  test('follows next links to the end', async () => {
    const { get, asked } = pages({
      '/things': { value: [1, 2], '@odata.nextLink': `${ENDPOINT}/v1.0/things?$skiptoken=2` },
      '/things?$skiptoken=2': { value: [3] }
    })
    expect(await readAllPages<number>(get, ENDPOINT, '/things')).toEqual([1, 2, 3])
    expect(asked).toEqual(['/things', '/things?$skiptoken=2'])
  })

  test('a page without a value array fails the read instead of ending it short', async () => {
    const { get } = pages({ '/things': { value: [1], '@odata.nextLink': `${ENDPOINT}/v1.0/x` }, '/x': {} })
    await expect(readAllPages(get, ENDPOINT, '/things')).rejects.toThrow(/without a value array/)
  })
})

describe('the provisioning reader pages through the same loop', () => {
  test('a next link to another host is refused and never requested', async () => {
    const { get, asked } = pages({
      '/servicePrincipals/sp-1/synchronization/jobs': {
        value: [{ id: 'job-1' }],
        '@odata.nextLink': 'https://attacker.example/v1.0/servicePrincipals/sp-1/synchronization/jobs?$skiptoken=2'
      }
    })
    const client = { api: (url: string) => ({ get: () => get(url) }) } as unknown as Client
    const graph = new GraphProvisioning({ client, endpoint: ENDPOINT, signInError: () => undefined }, 'app test')
    await expect(graph.listJobs('sp-1')).rejects.toThrow(/next link outside https:\/\/graph\.example\.test/)
    expect(asked).toEqual(['/servicePrincipals/sp-1/synchronization/jobs'])
  })
})

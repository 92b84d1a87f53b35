import { describe, expect, test } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { COMMANDS, parseInputs } from '../src/inputs.js'

const reader =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? ''

describe('parseInputs', () => {
  test('applies the contract defaults', () => {
    expect(parseInputs(reader({}))).toEqual({
      command: 'sync',
      config: '.github/databricks-identities.yml',
      workspaces: [],
      audience: 'api://AzureADTokenExchange',
      dryRun: false,
      workspaceConcurrency: 10,
      allowOutsideWorkspace: false,
      authType: 'SERVICE_PRINCIPAL',
      cloud: 'AzureCloud',
      authorityHost: 'https://login.microsoftonline.com',
      graphEndpoint: 'https://graph.microsoft.com',
      comment: 'on-change',
      labelsOnChange: []
    })
  })

  test('parses every input once into typed values', () => {
    const inputs = parseInputs(
      reader({
        command: 'Validate',
        config: 'a.yml, b/*.yml',
        workspace: 'prod , dev,,',
        'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
        'client-id': '11111111-2222-3333-4444-555555555555',
        'dry-run': 'TRUE',
        'max-deletions': '25',
        'workspace-concurrency': '3',
        'state-file': '.entra-sync/state.json',
        'authority-host': 'https://login.microsoftonline.us/',
        'graph-endpoint': 'https://graph.microsoft.us'
      })
    )
    expect(inputs).toMatchObject({
      command: 'validate',
      config: 'a.yml, b/*.yml',
      workspaces: ['prod', 'dev'],
      workspaceConcurrency: 3,
      stateFile: '.entra-sync/state.json',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      dryRun: true,
      maxDeletions: { kind: 'count', value: 25 },
      authorityHost: 'https://login.microsoftonline.us',
      graphEndpoint: 'https://graph.microsoft.us'
    })
    expect(parseInputs(reader({ 'max-deletions': '5%' })).maxDeletions).toEqual({ kind: 'percent', value: 5 })
  })

  test('an unknown command lists the allowed ones', () => {
    let error: unknown
    try {
      parseInputs(reader({ command: 'synch' }))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).describe()).toBe(
      `Input "command" is "synch", which is not a command of this action.\nFix: Use one of: ${COMMANDS.join(', ')}.`
    )
  })

  test.each([
    [{ 'dry-run': 'yes' }, 'Input "dry-run" must be true or false (got "yes").'],
    [{ 'max-deletions': 'ten' }, 'Input "max-deletions" is "ten", which is neither a count nor a percentage.'],
    [{ 'max-deletions': '150%' }, 'Input "max-deletions" is "150%", which is neither a count nor a percentage.'],
    [
      { 'tenant-id': 'contoso.onmicrosoft.com', 'client-id': '11111111-2222-3333-4444-555555555555' },
      'Input "tenant-id" must be a GUID (got "contoso.onmicrosoft.com").'
    ],
    [
      { 'client-id': '11111111-2222-3333-4444-555555555555' },
      'Inputs "tenant-id" and "client-id" go together; only "client-id" is set.'
    ],
    [{ 'client-secret': 's3cr3t-value' }, 'Input "client-secret" is set without "tenant-id" and "client-id".'],
    [
      { 'authority-host': 'http://login.microsoftonline.com' },
      'Input "authority-host" must use https (got "http://login.microsoftonline.com").'
    ],
    [
      { 'graph-endpoint': 'https://graph.microsoft.com/v1.0' },
      'Input "graph-endpoint" must be an origin without a path (got "https://graph.microsoft.com/v1.0").'
    ],
    [{ 'graph-endpoint': 'graph' }, 'Input "graph-endpoint" is not a URL (got "graph").']
  ])('rejects %j', (values, message) => {
    expect(() => parseInputs(reader(values))).toThrow(message)
  })

  test('never echoes the client secret in an error', () => {
    expect(() => parseInputs(reader({ 'client-secret': 'Zx9~very-secret', 'dry-run': 'maybe' }))).toThrow(
      /^(?!.*Zx9~very-secret).*$/s
    )
  })

  test.each(['0', '51', '2.5', 'ten', '-1'])('workspace-concurrency %s is refused with the allowed range', (value) => {
    expect(() => parseInputs(reader({ 'workspace-concurrency': value }))).toThrow(
      /Input "workspace-concurrency" must be a whole number from 1 to 50/
    )
  })
})

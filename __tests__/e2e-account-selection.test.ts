// End-to-end: `workspace: account` when no config file declares an account is an error for every command that
// selects targets (validate, sync, matrix), never a green run that did nothing; no request is made.
import { describe, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { ROOT, runAction } from '../emulators/runner.js'

const GOOD = join(ROOT, '__tests__', 'fixtures', 'config', 'good')
const MESSAGE = /"account" selects the Databricks account, but no config file declares one/

describe('workspace: account without an account block', () => {
  test.each(['validate', 'sync', 'matrix'])('%s fails, naming the fix', async (command) => {
    const run = await runAction({
      cwd: GOOD,
      inputs: {
        command,
        config: 'minimal.yml',
        workspace: 'account',
        // Sign-in inputs that would fail if used: the config error must stop the run first.
        'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
        'client-id': '11111111-2222-3333-4444-555555555555',
        'authority-host': 'https://127.0.0.1:9',
        'graph-endpoint': 'https://127.0.0.1:9'
      },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://127.0.0.1:9/token?x=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
    })
    expect(run.code).toBe(1)
    expect(run.annotations.some((a) => a.level === 'error' && MESSAGE.test(a.message))).toBe(true)
    expect(run.summary).toContain('selects the Databricks account, but no config file declares one')
    expect(run.outputs.matrix).toBeUndefined()
    expect(run.outputs.changes).toBeUndefined()
    // The fix: add an account block, or drop "account" from the input.
    expect(run.annotations.some((a) => a.message.includes('add an "account:" block'))).toBe(true)
  })
})

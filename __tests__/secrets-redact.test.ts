// redact(): every masked secret is removed from text the runner does not mask, whole or cut off.
import { describe, expect, jest, test } from '@jest/globals'
import { mask, redact } from '../src/secrets.js'

// mask() tells the runner through an `::add-mask::` line on stdout; keep it out of the test output.
jest.spyOn(process.stdout, 'write').mockImplementation(() => true)

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiIyZmY4MTRhNiIsImFwcGlkIjoiNWMzYTFmMGUifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1mb3ItdGVzdHM'
/** Another token of the same issuer: the same header, so the same first 36 characters. */
const OTHER_JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIiwiYXBwaWQiOiI1YzNhMWYwZSJ9.YW5vdGhlci1zaWduYXR1cmUtZm9yLXRoZS10ZXN0cw'
const PAT = 'dapi0123456789abcdef0123456789abcdef-7'

mask(OTHER_JWT)
mask(JWT)
mask(PAT)
mask('abc')

describe('redact', () => {
  test('removes every whole copy of a secret', () => {
    expect(redact(`Bearer ${JWT} and again ${JWT}; token ${PAT}.`)).toBe('Bearer *** and again ***; token ***.')
  })

  test('removes the first part of a secret that was cut off, as a shortened error answer would be', () => {
    const answer = `Rejected Bearer ${JWT} for GET /Me`.slice(0, 100)
    expect(answer).toContain(JWT.slice(0, 60))
    expect(redact(`${answer}…`)).toBe('Rejected Bearer ***…')
    expect(redact(`token ${PAT.slice(0, 20)}`)).toBe('token ***')
  })

  test('removes a cut-off token whole when another known token starts with the same characters', () => {
    expect(JWT.slice(0, 36)).toBe(OTHER_JWT.slice(0, 36))
    expect(redact(`Rejected ${JWT.slice(0, 90)}… and ${OTHER_JWT.slice(0, 80)}…`)).toBe('Rejected ***… and ***…')
  })

  test('removes the last part of a secret whose beginning was cut off', () => {
    expect(redact(`…${JWT.slice(-50)} was refused`)).toBe('…*** was refused')
  })

  test('leaves ordinary text and pieces too short to tell alone (under 8 characters)', () => {
    const text = `dapi tokens start with dapi012; a JWT with eyJhbGc; abc is a word`
    expect(redact(text)).toBe(text)
  })

  // Found by an adversarial run: a server echoing characters 4-34 of a PAT left 30 of its 38 characters in the log
  // and summary, because only a secret's first or last 12 characters were looked for.
  test('removes any piece of 8 characters or more, wherever in the secret it starts', () => {
    expect(redact(`echo ${PAT.slice(4, 34)} end`)).toBe('echo *** end')
    expect(redact(`sig ${JWT.slice(60, 68)} end`)).toBe('sig *** end')
    expect(redact(`mid ${JWT.slice(40, 100)}!`)).toBe('mid ***!')
    expect(redact(`short ${PAT.slice(10, 17)} end`)).toBe(`short ${PAT.slice(10, 17)} end`)
  })

  test('removes URL-encoded copies and pieces of a secret (a query string, a form body)', () => {
    const secret = 'Q~8xY.z_a b+c/d=e&f%g!h*i(j)k'
    mask(secret)
    expect(redact(`client_secret=${encodeURIComponent(secret)}&x=1`)).toBe('client_secret=***&x=1')
    const form = new URLSearchParams({ client_secret: secret }).toString()
    expect(redact(form)).toBe('client_secret=***')
    expect(redact(`…${encodeURIComponent(secret).slice(5, 25)}…`)).toBe('…***…')
  })
})

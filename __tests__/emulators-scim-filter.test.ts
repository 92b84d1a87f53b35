import { describe, expect, it } from '@jest/globals'
import {
  compileFilter,
  parseFilter,
  parsePath,
  quoteFilterValue,
  resolvePath,
  ScimFilterError
} from '../emulators/scim-filter.js'

const alice = {
  id: '1001',
  userName: 'Alice@Contoso.com',
  displayName: 'Alice Smith',
  active: true,
  externalId: 'AbC',
  emails: [
    { value: 'alice@contoso.com', type: 'work', primary: true },
    { value: 'a.smith@home.example', type: 'home', primary: false }
  ],
  name: { givenName: 'Alice', familyName: 'Smith' },
  entitlements: [{ value: 'workspace-access' }],
  loginCount: 7
}
const bob = { id: '1002', userName: 'bob@contoso.com', displayName: 'Bob "B" \\ Jones', active: false, emails: [] }

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  return undefined
}

const matches = (filter: string, item: unknown = alice): boolean => compileFilter(parseFilter(filter))(item)

describe('parseFilter', () => {
  it('parses comparisons, presence and value paths', () => {
    expect(parseFilter('userName eq "a@b.c"')).toEqual({
      type: 'compare',
      op: 'eq',
      attr: { path: ['userName'] },
      value: 'a@b.c'
    })
    expect(parseFilter('title pr')).toEqual({ type: 'present', attr: { path: ['title'] } })
    expect(parseFilter('emails[type eq "work"]')).toEqual({
      type: 'valuePath',
      attr: { path: ['emails'] },
      filter: { type: 'compare', op: 'eq', attr: { path: ['type'] }, value: 'work' }
    })
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName EQ "x"')).toEqual({
      type: 'compare',
      op: 'eq',
      attr: { schema: 'urn:ietf:params:scim:schemas:core:2.0:User', path: ['name', 'givenName'] },
      value: 'x'
    })
  })

  it('reads literals and escapes', () => {
    expect(parseFilter('active eq true')).toMatchObject({ value: true })
    expect(parseFilter('active eq False')).toMatchObject({ value: false })
    expect(parseFilter('externalId eq null')).toMatchObject({ value: null })
    expect(parseFilter('count gt -1.5e2')).toMatchObject({ op: 'gt', value: -150 })
    expect(parseFilter('displayName eq "say \\"hi\\" \\\\ \\u0041"')).toMatchObject({ value: 'say "hi" \\ A' })
    expect(parseFilter('displayName eq "a(b)[c] and or"')).toMatchObject({ value: 'a(b)[c] and or' })
  })

  it('gives and precedence over or, honours parentheses and not', () => {
    const n = parseFilter('a eq "1" or b eq "2" and c eq "3"')
    expect(n).toMatchObject({ type: 'or', right: { type: 'and' } })
    const p = parseFilter('(a eq "1" or b eq "2") and c eq "3"')
    expect(p).toMatchObject({ type: 'and', left: { type: 'or' } })
    expect(parseFilter('not (a eq "1")')).toMatchObject({ type: 'not', filter: { type: 'compare' } })
    expect(parseFilter('a eq "1" AND NOT (b pr)')).toMatchObject({ type: 'and', right: { type: 'not' } })
  })

  it.each([
    [''],
    ['userName'],
    ['userName eq'],
    ['userName eq alice'],
    ['userName equals "x"'],
    ['userName eq "unterminated'],
    ['userName eq "x" extra'],
    ['(userName eq "x"'],
    ['userName eq "x")'],
    ['userName eq "x" and'],
    ['and eq "x"'],
    ['not userName eq "x"'],
    ['emails[type eq "work"'],
    ['user name eq "x"'],
    ['userName eq "bad \\q escape"'],
    ['1abc eq "x"']
  ])('rejects %j as invalidFilter', (text) => {
    const e = thrown(() => parseFilter(text))
    expect(e).toBeInstanceOf(ScimFilterError)
    expect((e as ScimFilterError).scimType).toBe('invalidFilter')
  })
})

describe('compileFilter', () => {
  it('compares strings case-insensitively, attribute names too', () => {
    expect(matches('username eq "alice@contoso.com"')).toBe(true)
    expect(matches('USERNAME eq "ALICE@CONTOSO.COM"')).toBe(true)
    expect(matches('userName ne "alice@contoso.com"')).toBe(false)
    expect(matches('displayName co "ice sm"')).toBe(true)
    expect(matches('displayName sw "alice"')).toBe(true)
    expect(matches('displayName ew "SMITH"')).toBe(true)
    expect(matches('displayName ew "alice"')).toBe(false)
  })

  it('can be case-exact for chosen attributes', () => {
    const pred = compileFilter(parseFilter('externalId eq "abc"'), undefined, { caseExact: (p) => p === 'externalid' })
    expect(pred(alice)).toBe(false)
    expect(compileFilter(parseFilter('externalId eq "AbC"'), undefined, { caseExact: () => true })(alice)).toBe(true)
  })

  it('matches multi-valued attributes when any value matches', () => {
    expect(matches('emails.value eq "a.smith@home.example"')).toBe(true)
    expect(matches('emails.value sw "zz"')).toBe(false)
    expect(matches('emails[type eq "work" and value co "contoso"]')).toBe(true)
    expect(matches('emails[type eq "home" and value co "contoso"]')).toBe(false)
    expect(matches('entitlements[value eq "workspace-access"]')).toBe(true)
    expect(matches('emails.value ne "alice@contoso.com"')).toBe(false)
    expect(matches('emails pr', bob)).toBe(false)
    expect(matches('emails pr')).toBe(true)
  })

  it('handles presence, null, booleans and numbers', () => {
    expect(matches('externalId pr')).toBe(true)
    expect(matches('externalId pr', bob)).toBe(false)
    expect(matches('externalId eq null', bob)).toBe(true)
    expect(matches('externalId ne "x"', bob)).toBe(true)
    expect(matches('active eq true')).toBe(true)
    expect(matches('active eq false', bob)).toBe(true)
    expect(matches('active eq "true"')).toBe(true)
    expect(matches('loginCount gt 5 and loginCount le 7')).toBe(true)
    expect(matches('loginCount lt 7')).toBe(false)
    expect(matches('name.givenName eq "alice"')).toBe(true)
    expect(matches('userName gt "alice"')).toBe(true)
  })

  it('combines with and, or, not', () => {
    expect(matches('userName eq "nobody" or (active eq true and not (displayName co "Jones"))')).toBe(true)
    expect(matches('not (userName sw "alice")')).toBe(false)
    expect(matches('displayName eq "bob \\"b\\" \\\\ jones"', bob)).toBe(true)
  })

  it('uses a custom resolver with lower-case paths', () => {
    const seen: string[][] = []
    const pred = compileFilter<{ v: string }>(parseFilter('Foo.Bar eq "x"'), (item, path) => {
      seen.push([...path])
      return item.v
    })
    expect(pred({ v: 'X' })).toBe(true)
    expect(seen).toEqual([['foo', 'bar']])
  })
})

describe('parsePath', () => {
  it('parses plain, dotted, filtered and URN paths', () => {
    expect(parsePath('members')).toEqual({ attr: 'members' })
    expect(parsePath('name.givenName')).toEqual({ attr: 'name', subAttr: 'givenName' })
    expect(parsePath('members[value eq "123"]')).toEqual({
      attr: 'members',
      filter: { type: 'compare', op: 'eq', attr: { path: ['value'] }, value: '123' }
    })
    expect(parsePath('emails[type eq "work"].value')).toMatchObject({ attr: 'emails', subAttr: 'value' })
    expect(parsePath('members[value eq "a]b"]')).toMatchObject({ filter: { value: 'a]b' } })
    expect(parsePath('urn:ietf:params:scim:schemas:core:2.0:User:active')).toEqual({
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      attr: 'active'
    })
  })

  it.each([['members['], ['members[]'], ['members[value eq]'], ['a.b.c'], ['members[value eq "1"]x'], ['bad name']])(
    'rejects %j as invalidPath',
    (text) => {
      const e = thrown(() => parsePath(text))
      expect(e).toBeInstanceOf(ScimFilterError)
      expect((e as ScimFilterError).scimType).toBe('invalidPath')
    }
  )
})

describe('helpers', () => {
  it('quotes values so they parse back', () => {
    const tricky = 'Data "Eng" \\ Team'
    expect(parseFilter(`displayName eq ${quoteFilterValue(tricky)}`)).toMatchObject({ value: tricky })
  })

  it('resolves paths through arrays', () => {
    expect(resolvePath(alice, ['emails', 'type'])).toEqual(['work', 'home'])
    expect(resolvePath(alice, ['name', 'familyname'])).toBe('Smith')
    expect(resolvePath(alice, ['missing', 'x'])).toBeUndefined()
  })
})

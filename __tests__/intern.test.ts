import { describe, expect, test } from '@jest/globals'
import { Interner } from '../src/util/intern.js'

describe('Interner', () => {
  test('keeps one string per distinct value', () => {
    const strings = new Interner()
    const read = (s: string) => JSON.parse(JSON.stringify(s)) as string
    expect(strings.of(read('ada@example.com'))).toBe('ada@example.com')
    expect(strings.of(read('ada@example.com'))).toBe('ada@example.com')
    expect(strings.of(read('bob@example.com'))).toBe('bob@example.com')
    expect(strings.size).toBe(2)
  })
})

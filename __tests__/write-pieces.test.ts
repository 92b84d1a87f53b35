// writePieces (src/util/write-pieces.ts) writes a document of many pieces (the plan file, the state file) as it goes:
// the file holds every piece in order, and the writer never holds much more than a chunk of it.
import { describe, expect, test } from '@jest/globals'
import { closeSync, mkdtempSync, openSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WRITE_CHUNK, writePieces } from '../src/util/write-pieces.js'

describe('writePieces', () => {
  test('writes every piece in order, multi-byte characters included', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'write-pieces-')), 'doc.txt')
    const pieces = Array.from({ length: 5000 }, (_, i) => `piece ${i} — “Ærø” ✅\n`)
    const fd = openSync(file, 'w')
    writePieces(fd, pieces)
    closeSync(fd)
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''))
  })

  test('writes while the pieces are still coming: never more than a chunk behind', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'write-pieces-')), 'doc.txt')
    const piece = 'x'.repeat(1000)
    let yielded = 0
    let mostBehind = 0
    function* pieces(): Generator<string> {
      for (let i = 0; i < 1000; i++) {
        // What was handed over and is not on disk yet is what the writer holds.
        mostBehind = Math.max(mostBehind, yielded - statSync(file).size)
        yield piece
        yielded += piece.length
      }
    }
    const fd = openSync(file, 'w')
    writePieces(fd, pieces())
    closeSync(fd)
    expect(statSync(file).size).toBe(1000 * piece.length)
    expect(mostBehind).toBeLessThan(WRITE_CHUNK + piece.length)
  })
})

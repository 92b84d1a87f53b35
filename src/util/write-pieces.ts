// Writes a document made of many pieces to an open file a few tens of kilobytes at a time: a large document (a
// first sync's plan, a large tenant's state) is never held as one string, and the disk sees few writes.
import { writeSync } from 'node:fs'

/** Characters buffered before a write. */
export const WRITE_CHUNK = 64 * 1024

/** Writes `pieces` in order to `fd`, in writes of about WRITE_CHUNK characters. */
export function writePieces(fd: number, pieces: Iterable<string>): void {
  let buffered = ''
  for (const piece of pieces) {
    buffered += piece
    if (buffered.length >= WRITE_CHUNK) {
      writeSync(fd, buffered)
      buffered = ''
    }
  }
  if (buffered.length > 0) writeSync(fd, buffered)
}

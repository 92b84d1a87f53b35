// Every secret the action handles goes through mask(): the runner hides it in the log, and redact() removes
// it from text the runner does not mask (job summary, outputs, plan file).
import * as core from '@actions/core'

const known = new Set<string>()

/**
 * A cut-off copy of a secret is removed too when at least this many of its first (or last) characters remain:
 * error texts are shortened (a service's answer to its first 200 characters), and an answer that quotes the token
 * it was sent would otherwise leave the first part of that token in the summary, the plan file and the log, where
 * the runner's masking (whole values only) does not reach.
 */
const PIECE = 12

export function mask(secret: string | undefined): void {
  if (!secret) return
  if (!known.has(secret)) {
    known.add(secret)
    core.setSecret(secret)
  }
}

export function redact(text: string): string {
  // Short values would redact ordinary words; secrets handled here are tokens, keys and passwords.
  const secrets = [...known].filter((s) => s.length >= 6)
  let out = text
  for (const secret of secrets) out = out.split(secret).join('***')
  // Pieces are found for all secrets first, then cut out together: tokens of one issuer share their first
  // characters (the JWT header), so the longest match decides, not the first secret tried.
  return cutOut(
    out,
    secrets.filter((s) => s.length > PIECE).flatMap((s) => pieces(out, s))
  )
}

/** Where a cut-off copy of `secret` is left in `text`: runs of its first, or of its last, characters. */
function pieces(text: string, secret: string): [number, number][] {
  const found: [number, number][] = []
  const head = secret.slice(0, PIECE)
  for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) {
    let end = at + PIECE
    while (end < text.length && end - at < secret.length && text[end] === secret[end - at]) end++
    found.push([at, end])
  }
  const tail = secret.slice(-PIECE)
  for (let at = text.indexOf(tail); at !== -1; at = text.indexOf(tail, at + 1)) {
    let start = at
    let matched = PIECE
    while (start > 0 && matched < secret.length && text[start - 1] === secret[secret.length - matched - 1]) {
      start--
      matched++
    }
    found.push([start, at + PIECE])
  }
  return found
}

/** `text` with each of the ranges (merged where they overlap or touch) replaced by `***`. */
function cutOut(text: string, ranges: [number, number][]): string {
  if (ranges.length === 0) return text
  ranges.sort((a, b) => a[0] - b[0])
  let out = ''
  let kept = 0
  let [from, to] = ranges[0] as [number, number]
  for (const [start, end] of ranges.slice(1)) {
    if (start <= to) {
      to = Math.max(to, end)
      continue
    }
    out += `${text.slice(kept, from)}***`
    kept = to
    ;[from, to] = [start, end]
  }
  return `${out}${text.slice(kept, from)}***${text.slice(to)}`
}

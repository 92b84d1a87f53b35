// Every secret the action handles goes through mask(): the runner hides it in the log, and redact() removes
// it from text the runner does not mask (job summary, outputs, plan file).
import * as core from '@actions/core'

const known = new Set<string>()

/**
 * Any run of at least this many characters of a secret is removed, wherever it starts: a service may quote any part
 * of a token it was sent (its first characters, a middle piece an error text cut out, its signature), and the
 * runner's own masking only hides whole values.
 */
export const PIECE = 8

/** The forms a secret travels in: as is, and URL-encoded (a query string, a form body). */
function forms(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2)
  return [...new Set([secret, encodeURIComponent(secret), form])]
}

/** Every PIECE-long run of every form of every known secret, with the forms it occurs in. */
let index: { pieces: Map<string, string[]>; charset: RegExp } | undefined

export function mask(secret: string | undefined): void {
  if (!secret) return
  if (!known.has(secret)) {
    known.add(secret)
    index = undefined
    core.setSecret(secret)
  }
}

function buildIndex(): NonNullable<typeof index> {
  const pieces = new Map<string, string[]>()
  const chars = new Set<string>()
  // Short values would redact ordinary words; secrets handled here are tokens, keys and passwords.
  for (const form of [...known].filter((s) => s.length >= PIECE).flatMap(forms)) {
    for (const c of form) chars.add(c)
    for (let i = 0; i + PIECE <= form.length; i++) {
      const piece = form.slice(i, i + PIECE)
      const list = pieces.get(piece) ?? []
      if (!list.includes(form)) list.push(form)
      pieces.set(piece, list)
    }
  }
  const escaped = [...chars].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')
  // Only runs made of a secret's characters can hold a piece of one: the rest of the text is skipped at once.
  return { pieces, charset: new RegExp(`[${escaped || 'x'}]{${PIECE},}`, 'gu') }
}

export function redact(text: string): string {
  const whole = [...known].filter((s) => s.length >= 6 && s.length < PIECE)
  let out = text
  for (const secret of whole) out = out.split(secret).join('***')
  index ??= buildIndex()
  if (index.pieces.size === 0) return out
  const ranges: [number, number][] = []
  for (const run of out.matchAll(index.charset)) {
    const start = run.index
    const runText = run[0]
    for (let i = 0; i + PIECE <= runText.length; i++) {
      const piece = runText.slice(i, i + PIECE)
      const forms = index.pieces.get(piece)
      if (!forms) continue
      // The longest stretch of any form matched from here: one range however many secrets share these characters.
      let end = i + PIECE
      for (const form of forms) {
        for (let at = form.indexOf(piece); at !== -1; at = form.indexOf(piece, at + 1)) {
          let k = PIECE
          while (i + k < runText.length && at + k < form.length && runText[i + k] === form[at + k]) k++
          end = Math.max(end, i + k)
        }
      }
      ranges.push([start + i, start + end])
    }
  }
  return cutOut(out, ranges)
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

// Every secret the action handles goes through mask(): the runner hides it in the log, and redact() removes
// it from text the runner does not mask (job summary, outputs, plan file).
import * as core from '@actions/core'

const known = new Set<string>()

export function mask(secret: string | undefined): void {
  if (!secret) return
  if (!known.has(secret)) {
    known.add(secret)
    core.setSecret(secret)
  }
}

export function redact(text: string): string {
  let out = text
  for (const secret of known) {
    // Short values would redact ordinary words; secrets handled here are tokens, keys and passwords.
    if (secret.length >= 6) out = out.split(secret).join('***')
  }
  return out
}

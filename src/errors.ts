// Errors the action raises on purpose: their message is written for the person reading the job log,
// names what is wrong and how to fix it, and never contains a secret.

export class ActionError extends Error {
  override readonly name: string = 'ActionError'
  constructor(
    message: string,
    /** What the reader should do; appended on its own line. */
    readonly fix?: string
  ) {
    super(message)
  }

  describe(): string {
    return this.fix ? `${this.message}\nFix: ${this.fix}` : this.message
  }
}

export class InputError extends ActionError {
  override readonly name = 'InputError'
}

/** A readable one-line description of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ActionError) return error.describe()
  if (error instanceof Error) return error.message
  return String(error)
}

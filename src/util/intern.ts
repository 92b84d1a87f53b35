// One string object per distinct value. Strings read from a service are new objects each time, even when equal: ten
// workspaces that each list the same 20,000 users would otherwise hold ten copies of every name and id.

export class Interner {
  private readonly strings = new Map<string, string>()

  /** The first string seen equal to `s` (or `s` itself, now the one kept). */
  of(s: string): string {
    const known = this.strings.get(s)
    if (known !== undefined) return known
    this.strings.set(s, s)
    return s
  }

  get size(): number {
    return this.strings.size
  }
}

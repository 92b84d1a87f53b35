// The Entra ID source: the IdentitySource port over an Entra directory (full reads, or incremental ones from the
// state file), with Entra's identity rules applied to what it reads.
import type { Nested, SourceGroupRead } from '../../core/model.js'
import type { IdentitySource } from '../../ports/identity-source.js'
import { toSourceRead } from './identities.js'
import type { EntraDirectory } from './types.js'

export class EntraSource implements IdentitySource {
  /** Only over a directory that answers from the state file: what a plan would add is confirmed with Graph. */
  readonly confirm?: (read: SourceGroupRead, nested: Nested, adds: ReadonlySet<string>) => Promise<SourceGroupRead>

  constructor(private readonly directory: EntraDirectory) {
    const confirm = directory.confirm?.bind(directory)
    if (confirm) {
      this.confirm = async (read, nested, adds) =>
        toSourceRead(await confirm(read.ref, nested, adds, new Set(read.members.map((m) => m.sourceId))))
    }
  }

  async readGroup(ref: string, nested: Nested): Promise<SourceGroupRead> {
    return toSourceRead(await this.directory.readGroup(ref, nested))
  }
}

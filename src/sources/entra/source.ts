// The Entra ID source: the IdentitySource port over an Entra directory (full reads, or incremental ones from the
// state file), with Entra's identity rules applied to what it reads.
import type { Nested, SourceGroupRead } from '../../core/model.js'
import type { IdentitySource } from '../../ports/identity-source.js'
import { toSourceRead } from './identities.js'
import type { EntraDirectory } from './types.js'

export class EntraSource implements IdentitySource {
  constructor(private readonly directory: EntraDirectory) {}

  async readGroup(ref: string, nested: Nested): Promise<SourceGroupRead> {
    return toSourceRead(await this.directory.readGroup(ref, nested))
  }
}

// The port a source of identities implements (Entra ID today): one group, resolved and read whole.
import type { Nested, SourceGroupRead } from '../core/model.js'

export interface IdentitySource {
  /**
   * Resolves a config reference to exactly one group and reads all its members (transitive for `flatten`). Throws
   * when the group is missing or ambiguous, or when any part of the read fails: a read is whole or it is an error.
   */
  readGroup(ref: string, nested: Nested): Promise<SourceGroupRead>
  /**
   * Present on a source that answers from a cache it does not fully trust (Entra's state file): asks the service
   * itself about the members of `read` the plan would add (`adds`, source ids) and answers the read as the service
   * confirms it (members it does not confirm left out). The run calls it only when its plan adds someone.
   */
  confirm?(read: SourceGroupRead, nested: Nested, adds: ReadonlySet<string>): Promise<SourceGroupRead>
}

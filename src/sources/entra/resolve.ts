// "Exactly one Entra group for a config reference", once: sync's reads, validate's online check and provision-app's
// assignments all resolve a reference this way, and say the same thing when it resolves to none or to several.
import { ActionError } from '../../errors.js'
import { isGuid } from '../../util/guid.js'
import type { EntraGroup } from './types.js'

/**
 * The one group `found` holds for `ref`, else an ActionError naming the reference (and `where`, e.g. " in tenant
 * T" or " of workspace W") with the fix.
 */
export function exactlyOneGroup(ref: string, found: readonly EntraGroup[], where = ''): EntraGroup {
  const [group] = found
  if (found.length === 1 && group) return group
  if (found.length === 0) {
    throw isGuid(ref)
      ? new ActionError(
          `Entra group with object id ${ref}${where} does not exist.`,
          "Check the object id in the config, or use the group's display name."
        )
      : new ActionError(
          `Entra group "${ref}"${where} does not exist (no group has this display name).`,
          "Check the name in the config (Entra matches display names exactly, ignoring case), or use the group's object id."
        )
  }
  throw new ActionError(
    `Entra group name "${ref}"${where} matches ${found.length} groups (${found.map((g) => g.id).join(', ')}): use the object id.`,
    'Set `entra:` to the object id of the group meant, since Entra group names are not unique.'
  )
}

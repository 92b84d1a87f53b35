// The identities step of a target: read the source's groups (a failed or empty read stops the step: nothing is
// removed on a bad read), read the target, plan users, service principals, groups and memberships, guard them with
// the account limits (account level) and the breaker, apply.
import { checkAccountLimits } from '../core/account-limits.js'
import { targetGroupName } from '../core/desired.js'
import type { ActualState, MappingInput, MaxDeletions, SourceGroupRead } from '../core/model.js'
import { planIdentities } from '../core/plan.js'
import type { GroupMapping } from '../config/types.js'
import { describeError } from '../errors.js'
import type { IdentitySource } from '../ports/identity-source.js'
import type { RequestStats } from '../core/results.js'
import type { IdentityTarget } from '../ports/identity-target.js'
import { confirmAdds } from './confirm-adds.js'
import type { StepSpec } from './step.js'

export interface IdentitiesStepInput {
  /** The target's name, for the log. */
  name: string
  groups: readonly GroupMapping[]
  maxDeletions: MaxDeletions
  /** Account limits (principals, groups, memberships) apply. */
  account: boolean
  source: IdentitySource
  /** Opened only once the source's reads succeeded: a failed read never reaches the target. */
  target: () => IdentityTarget
  log(message: string): void
  /** Told the lower-cased names of the groups this step manages, once the source's reads are in. */
  onManaged?(names: Set<string>): void
}

type Mapped = { mapping: MappingInput; read: SourceGroupRead }

export interface IdentitiesStep {
  spec: StepSpec<{ mappings: Mapped[]; actual: ActualState }>
  /** The target's requests, once the step opened it (a failed source read never does). */
  requests(): RequestStats | undefined
}

export function identitiesStep(input: IdentitiesStepInput): IdentitiesStep {
  let target: IdentityTarget | undefined
  const opened = (): IdentityTarget => (target ??= input.target())
  const spec: IdentitiesStep['spec'] = {
    step: 'identities',
    get writers() {
      return { identities: opened().writer }
    },
    async read() {
      // The source first: a failed read must stop this target before anything else happens.
      let mappings: Mapped[]
      try {
        mappings = await Promise.all(
          input.groups.map(async (g) => ({
            mapping: g,
            read: await input.source.readGroup(g.entra, g.nested)
          }))
        )
      } catch (error) {
        const why = `Reading Entra failed, so nothing was changed: ${describeError(error)}`
        return { ok: false, status: 'failed', error: why }
      }
      // An empty answer is indistinguishable from a bad read; it never means "everyone left".
      const emptyRead = (reads: Mapped[]) => {
        const empty = reads.filter(
          ({ read }) => read.members.length + read.skipped.length + read.nestedGroups.length === 0
        )
        if (empty.length === 0) return undefined
        return {
          ok: false as const,
          status: 'skipped' as const,
          error: `Entra returned no members for ${empty.map((m) => `"${m.read.displayName}"`).join(', ')}; the workspace was left unchanged rather than emptied. Add members in Entra, or remove the group from the config.`
        }
      }
      const wantedOf = (reads: Mapped[]) =>
        reads
          .filter((m) => !m.mapping.membersOnly)
          .map(({ mapping, read }) => ({ sourceId: read.id, name: targetGroupName(mapping, read) }))
      const empty = emptyRead(mappings)
      if (empty) return empty
      let wanted = wantedOf(mappings)
      let actual = await opened().read(wanted)
      const confirm = input.source.confirm?.bind(input.source)
      if (confirm) {
        // The source answered from a cache it does not trust: whom this plan would add is asked of the service.
        try {
          mappings = await confirmAdds({ confirm }, mappings, (reads) => planOf(reads, actual).operations)
        } catch (error) {
          return {
            ok: false,
            status: 'failed',
            error: `Reading Entra failed, so nothing was changed: ${describeError(error)}`
          }
        }
        const emptied = emptyRead(mappings)
        if (emptied) return emptied
        const again = wantedOf(mappings)
        if (JSON.stringify(again) !== JSON.stringify(wanted)) actual = await opened().read((wanted = again))
      }
      input.onManaged?.(new Set(wanted.map((w) => w.name.toLowerCase())))
      return { ok: true, actual: { mappings, actual } }
    },
    plan({ mappings, actual }) {
      const plan = planOf(mappings, actual)
      input.log(`${input.name}: ${plan.operations.length} operation(s) planned, ${plan.skips.length} skipped`)
      const problems = input.account
        ? checkAccountLimits(plan, actual, undefined, {
            groups: Math.max(actual.groupCount ?? 0, actual.groups.length)
          }).map((v) => v.message)
        : []
      return { plan, problems }
    },
    tripped: (b) =>
      `Circuit breaker: the plan removes ${b.removals}, over the limit of ${b.limit} (of ${b.base} managed); nothing was changed. Check the Entra groups, or raise max-deletions for this run.`
  }
  function planOf(mappings: readonly Mapped[], actual: ActualState) {
    const { owns, updatesDisplayName } = opened()
    return planIdentities({
      mappings: [...mappings],
      actual,
      owns,
      updatesDisplayName,
      maxDeletions: input.maxDeletions
    })
  }
  return { spec, requests: () => target?.requests() }
}

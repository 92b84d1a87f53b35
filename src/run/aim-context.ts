// What a run knows about an account with automatic identity management, read once and shared by its steps: the
// principals the config lists (found in Entra, with their account ids where the account has them) and the account's
// principal lists. A principal resolved by the account's step gets its id here, for the workspaces after it.
import { aimIdKey, planResolve, type AccountEntry, type AimWanted, type ResolvePlan } from '../core/aim.js'
import type { AimKind } from '../core/model.js'
import type { Account } from '../config/types.js'
import { describeError } from '../errors.js'
import type { AimAccountTarget } from '../ports/aim-target.js'
import type { PrincipalDirectory } from '../ports/principal-directory.js'
import type { IdRegistry } from '../ports/writer.js'

/** A lookup of every reference that failed, one sentence each. */
export class LookupFailed extends Error {
  constructor(readonly failures: string[]) {
    super(
      `${failures.length === 1 ? 'An Entra principal' : `${failures.length} Entra principals`} of the account could not be found, so nothing was changed: ${failures.join(' ')}`
    )
  }
}

/** Every result, or every failure's message: one bad reference does not hide the others. */
export async function allOrFailures<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks.map((t) => t()))
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [describeError(s.reason)] : []))
  if (failures.length > 0) throw new LookupFailed(failures)
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value)
}

export class AimContext {
  private readonly lists = new Map<AimKind, Promise<AccountEntry[]>>()
  private plan: Promise<ResolvePlan> | undefined

  constructor(
    readonly account: Account,
    readonly target: AimAccountTarget,
    readonly directory: PrincipalDirectory
  ) {}

  /** The account's principals of a kind, read once per run. */
  accountList(kind: AimKind): Promise<AccountEntry[]> {
    let list = this.lists.get(kind)
    if (!list) {
      list = this.target.principals(kind)
      this.lists.set(kind, list)
    }
    return list
  }

  /** The listed principals and the resolves the account needs, read once (a failed read is tried again). */
  resolvePlan(): Promise<ResolvePlan> {
    if (!this.plan) {
      const plan = this.read()
      this.plan = plan
      plan.catch(() => {
        if (this.plan === plan) this.plan = undefined
      })
    }
    return this.plan
  }

  /** The ids this run's resolves recorded: the principals are in the account now. */
  async learn(ids: IdRegistry): Promise<void> {
    const plan = await this.resolvePlan()
    for (const p of plan.principals) {
      if (p.id) continue
      const key = aimIdKey(p.externalId)
      const id = p.kind === 'group' ? ids.group(key, undefined) : ids.principal({ kind: p.kind, key, display: '' })
      if (id) p.id = id
    }
  }

  private async read(): Promise<ResolvePlan> {
    const acc = this.account
    const listed: { kind: AimKind; entries: readonly { entra: string; removal: AimWanted['removal'] }[] }[] = [
      { kind: 'group', entries: acc.groups },
      { kind: 'servicePrincipal', entries: acc.servicePrincipals ?? [] },
      { kind: 'user', entries: acc.users ?? [] }
    ]
    const wanted = await allOrFailures(
      listed.flatMap(({ kind, entries }) =>
        entries.map((e) => async (): Promise<AimWanted> => ({
          kind,
          ref: e.entra,
          removal: e.removal,
          found: await this.directory.find(kind, e.entra)
        }))
      )
    )
    // Groups are always read: workspaces may name account groups the config does not list.
    const kinds = new Set<AimKind>(['group', ...wanted.map((w) => w.kind)])
    const account = (await Promise.all([...kinds].map((k) => this.accountList(k)))).flat()
    return planResolve(wanted, account)
  }
}

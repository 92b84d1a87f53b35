// Membership reads: direct members, transitive members (cached per directory version) and an object's groups.
import type { Directory, DirObj, GroupObj } from './directory.js'
import { key } from './ids.js'

const TRANSITIVE_CACHE_LIMIT = 4_000_000

export class Membership {
  private cacheVersion = -1
  private cacheEntries = 0
  private readonly transitiveCache = new Map<string, DirObj[]>()

  constructor(private readonly dir: Directory) {}

  directMembers(g: GroupObj): DirObj[] {
    const out: DirObj[] = []
    for (const mk of g.members) {
      const o = this.dir.objects.get(mk)
      if (o) out.push(o)
    }
    return out
  }

  /** Members through nested groups, breadth first, each object once (nested groups included), cycle safe. */
  transitiveMembers(g: GroupObj): DirObj[] {
    if (this.cacheVersion !== this.dir.version) {
      this.transitiveCache.clear()
      this.cacheEntries = 0
      this.cacheVersion = this.dir.version
    }
    const gk = key(g.id)
    const hit = this.transitiveCache.get(gk)
    if (hit) return hit
    const seen = new Set<string>([gk])
    const out: DirObj[] = []
    const queue: GroupObj[] = [g]
    for (let i = 0; i < queue.length; i++) {
      for (const mk of (queue[i] as GroupObj).members) {
        if (seen.has(mk)) continue
        seen.add(mk)
        const o = this.dir.objects.get(mk)
        if (!o) continue
        out.push(o)
        if (o.kind === 'group') queue.push(o)
      }
    }
    if (this.cacheEntries + out.length > TRANSITIVE_CACHE_LIMIT) {
      this.transitiveCache.clear()
      this.cacheEntries = 0
    }
    this.transitiveCache.set(gk, out)
    this.cacheEntries += out.length
    return out
  }

  /** Groups an object is a member of: direct only, or through nesting. */
  parents(o: DirObj, transitive: boolean): GroupObj[] {
    const seen = new Set<string>()
    const out: GroupObj[] = []
    const queue = [key(o.id)]
    for (let i = 0; i < queue.length; i++) {
      for (const pk of this.dir.memberOf.get(queue[i] as string) ?? []) {
        if (seen.has(pk)) continue
        seen.add(pk)
        const p = this.dir.groups.get(pk)
        if (!p) continue
        out.push(p)
        if (transitive) queue.push(pk)
      }
    }
    return out.sort((a, b) => a.ord - b.ord)
  }
}

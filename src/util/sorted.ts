// Keeping a list sorted as items arrive one at a time (a binary search, then one splice).

/** Inserts `item` into `list`, kept in ascending order of `key`, after any item with the same key. */
export function insertSorted<T>(list: T[], item: T, key: (item: T) => number): void {
  const k = key(item)
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (key(list[mid]!) <= k) lo = mid + 1
    else hi = mid
  }
  list.splice(lo, 0, item)
}

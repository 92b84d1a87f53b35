// The pieces of a summary's detail tables that the sync summary and its parts share: the mode a step's tables
// read in, a table, and its title in that mode.

/**
 * How a workspace's operations read: applied (changed, unchanged, failed: tables show what was done), dry-run
 * (what would be done) or tripped (planned, not applied).
 */
export type Mode = 'applied' | 'dry-run' | 'tripped'

/** A table of one workspace's details: measured, and cut by rows, on its own. */
export interface DetailTable {
  label: string
  head: string[]
  rows: string[][]
}

/** A table title in the workspace's mode: "Members added", "Would add members", "Planned, not applied: …". */
export function title(mode: Mode, done: string, planned: string): string {
  if (mode === 'applied') return done
  return mode === 'dry-run' ? `Would ${planned}` : `Planned, not applied: ${planned}`
}

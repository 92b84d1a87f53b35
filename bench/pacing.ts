// Pacing under real limits (issue 16): the first sync under three workspace limit profiles (profiles.ts), and the
// account at its own limits (account-scale.ts). Called by bench/run.ts; `npm run bench -- --pacing-only [--smoke]`
// runs just these.
import { accountScaleReport, runAccountScale } from './account-scale.js'
import { profileReport, runProfiles } from './profiles.js'

/** Tenant scale and floor of the profile runs, and the account's scale: small under --smoke (a few seconds each). */
export const PACING_RUNS = {
  full: { profileScale: 1 / 4, floorSeconds: 60, accountScale: 1 },
  smoke: { profileScale: 1 / 100, floorSeconds: 1, accountScale: 1 / 100 }
}

export async function runPacingBench(smoke: boolean, progress: (message: string) => void): Promise<string[]> {
  const runs = smoke ? PACING_RUNS.smoke : PACING_RUNS.full
  const profiles = await runProfiles({ scale: runs.profileScale, floorSeconds: runs.floorSeconds, progress })
  const account = await runAccountScale({ scale: runs.accountScale, progress })
  return [...profileReport(profiles, runs.profileScale), '', ...accountScaleReport(account)]
}

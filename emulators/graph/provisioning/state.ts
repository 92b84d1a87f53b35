// ProvisioningState, the provisioning side as tests see and set it up (emu.graph.provisioning).
import {
  DATABRICKS_CONNECTOR_TEMPLATE_ID,
  type ProvisionedApp,
  type ProvisioningOptions,
  type ProvisioningState,
  type SyncJobView
} from './api.js'
import { createApp, findApp, reveal, spKeyOf, tick } from './apps.js'
import { isRunning, quarantineError, quarantineJob, runDueCycles } from './cycles.js'
import { clockMs, credential, zeroCounters, type AppRec, type JobRec, type ProvisioningStore } from './store.js'
import { jobView } from './synchronization.js'

const appView = (a: AppRec): ProvisionedApp => ({
  application: { ...a.application },
  servicePrincipalId: a.servicePrincipalId,
  appId: a.appId,
  displayName: a.displayName,
  templateId: a.templateId,
  ownerAppId: a.ownerAppId,
  createdDateTime: a.createdDateTime,
  visible: a.visible,
  visibleAt: a.visibleAt
})

export function createState(store: ProvisioningStore, options: ProvisioningOptions): ProvisioningState {
  const { apps, pending, jobs, secrets, assignments, counters, host } = store
  const jobWithSp = (j: JobRec): SyncJobView & { servicePrincipalId: string } => ({
    ...jobView(j),
    servicePrincipalId: apps.get(j.spKey)?.servicePrincipalId ?? host.servicePrincipal(j.spKey)?.id ?? j.spKey
  })

  function findJob(ref: string): JobRec | undefined {
    for (const list of jobs.values()) {
      const j = list.find((x) => x.id === ref)
      if (j) return j
    }
    return jobs.get(spKeyOf(store, ref))?.[0]
  }

  const state: ProvisioningState = {
    spAppearDelayMs: options.spAppearDelayMs ?? 1500,
    appearNow(spRef) {
      if (spRef === undefined) for (const a of [...pending]) reveal(store, a)
      else {
        const a = findApp(store, spRef)
        if (!a) throw new Error(`graph emulator: no instantiated app '${spRef}'`)
        reveal(store, a)
      }
    },
    createApp(displayName, opts = {}) {
      const rec = createApp(
        store,
        DATABRICKS_CONNECTOR_TEMPLATE_ID,
        displayName,
        opts.ownerAppId,
        opts.delayed ? state.spAppearDelayMs : 0
      )
      return appView(rec)
    },
    apps() {
      tick(store)
      return [...apps.values()].map(appView)
    },
    app(spRef) {
      tick(store)
      const a = findApp(store, spRef)
      return a && appView(a)
    },
    jobs(spRef) {
      const all = spRef === undefined ? [...jobs.values()].flat() : (jobs.get(spKeyOf(store, spRef)) ?? [])
      return all.map(jobWithSp)
    },
    job(jobRef) {
      const j = findJob(jobRef)
      return j && jobWithSp(j)
    },
    secrets(spRef) {
      const s = secrets.get(spKeyOf(store, spRef))
      return s && s.map((c) => ({ ...c }))
    },
    assignments(spRef) {
      const all =
        spRef === undefined ? [...assignments.values()].flat() : (assignments.get(spKeyOf(store, spRef)) ?? [])
      return all.map((a) => ({ ...a }))
    },
    quarantine(jobRef, reason = 'EncounteredQuarantineException', error) {
      const j = findJob(jobRef)
      if (!j) throw new Error(`graph emulator: no synchronization job '${jobRef}'`)
      const base = credential(secrets.get(j.spKey) ?? [], 'BaseAddress') ?? 'the SCIM endpoint'
      quarantineJob(store, j, reason, error ?? quarantineError(base, 401))
      return jobView(j)
    },
    get firstCycleMs() {
      return store.cycles.firstMs
    },
    set firstCycleMs(ms: number) {
      store.cycles.firstMs = Math.max(0, ms)
    },
    async advance(ms) {
      store.clock.offsetMs += Math.max(0, ms)
      await runDueCycles(store, [...jobs.values()].flat())
    },
    async finishCycle(jobRef) {
      const one = jobRef === undefined ? undefined : findJob(jobRef)
      if (jobRef !== undefined && !one) throw new Error(`graph emulator: no synchronization job '${jobRef}'`)
      const targets = one ? [one] : [...jobs.values()].flat().filter(isRunning)
      const ends = targets.map((j) => j.cycleEndsAt).filter((t): t is number => t !== null)
      if (ends.length > 0) await state.advance(Math.max(...ends) - clockMs(store))
    },
    counters,
    writes: () =>
      Object.entries(counters).reduce((n, [k, v]) => (k === 'validateCredentials' ? n : n + (v as number)), 0),
    resetCounters: () => void Object.assign(counters, zeroCounters())
  }
  return state
}

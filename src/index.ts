// The action's entry point (dist/index.js after bundling): run() from main.ts, with the heap and allocator settings
// of isolate.ts (in this process started again in place, or in a worker). main.ts is loaded only where it runs.
import { runIsolated } from './isolate.js'

await runIsolated(async () => (await import('./main.js')).run())

// The action's entry point (dist/index.js after bundling): run() from main.ts, in a worker with a small young
// generation (see isolate.ts). main.ts is loaded in the worker only, so the main thread stays small.
import { runInWorker } from './isolate.js'

await runInWorker(async () => (await import('./main.js')).run())

// The action's entry point (dist/index.js after bundling).
import { run } from './main.js'

await run()

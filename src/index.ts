import { title } from './schemaprobe.js'
import * as core from '@actions/core'
core.info(title)

import { Router } from 'express'
import type { ExportsService } from './exports.service.js'

/** Mounted at /exports. */
export const exportsRouter = (_service: ExportsService): Router => Router()

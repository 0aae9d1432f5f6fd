import { Router } from 'express'
import type { ImportsService } from './imports.service.js'

/** Mounted at /imports. */
export const importsRouter = (_service: ImportsService): Router => Router()

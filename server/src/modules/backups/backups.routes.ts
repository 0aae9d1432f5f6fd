import { Router } from 'express'
import type { BackupsService } from './backups.service.js'

/** Mounted at /backups. */
export const backupsRouter = (_service: BackupsService): Router => Router()

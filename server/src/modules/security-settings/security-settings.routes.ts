import { Router } from 'express'
import { requireAuth, requirePermission } from '../../auth/middleware.js'
import { SecuritySettings } from './security-settings.schemas.js'
import type { SecuritySettingsService } from './security-settings.service.js'

/** Mounted at /security-settings: everyone signed in reads the policy (forms show it), security:manage changes it. */
export const securitySettingsRouter = (settings: SecuritySettingsService): Router => {
  const router = Router()
  router.get('/', requireAuth, async (req, res) => {
    res.json(await settings.get(req.ctx))
  })
  router.put('/', requirePermission('security:manage'), async (req, res) => {
    res.json(await settings.update(req.ctx, SecuritySettings.parse(req.body)))
  })
  return router
}

import { Router } from 'express'
import { requireAuth } from '../../auth/middleware.js'
import { PreferenceInput, PreferenceParams } from './preferences.schemas.js'
import type { PreferencesService } from './preferences.service.js'

/** Mounted at /me/preferences: each user's own settings, such as the console's column layout. */
export const preferencesRouter = (preferences: PreferencesService): Router => {
  const router = Router()
  router.get('/:key', requireAuth, async (req, res) => {
    res.json(await preferences.get(req.ctx, PreferenceParams.parse(req.params).key))
  })
  router.put('/:key', requireAuth, async (req, res) => {
    const { key } = PreferenceParams.parse(req.params)
    res.json(await preferences.put(req.ctx, key, PreferenceInput.parse(req.body).value))
  })
  return router
}

import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { ApiKeyInput } from './api-keys.schemas.js'
import type { ApiKeysService } from './api-keys.service.js'

/** Mounted at /api-keys. */
export const apiKeysRouter = (apiKeys: ApiKeysService): Router => {
  const router = Router()
  router.use(requirePermission('api_key:manage'))
  router.get('/', async (req, res) => {
    res.json(await apiKeys.list(req.ctx))
  })
  router.post('/', async (req, res) => {
    res.status(201).json(await apiKeys.create(req.ctx, ApiKeyInput.parse(req.body)))
  })
  router.delete('/:id', async (req, res) => {
    await apiKeys.revoke(req.ctx, req.params.id)
    res.status(204).end()
  })
  return router
}

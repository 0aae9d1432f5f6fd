import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { CustomerViewInput, CustomerViewOrder, CustomerViewParams, CustomerViewPatch } from './customer-views.schemas.js'
import type { CustomerViewsService } from './customer-views.service.js'

/** `/api/customer-views`: saved list views; everyone who can read customers can keep and share them. */
export const customerViewsRouter = (views: CustomerViewsService): Router => {
  const router = Router()
  router.get('/', requirePermission('customer:read'), async (req, res) => {
    res.json(await views.list(req.ctx))
  })
  router.post('/', requirePermission('customer:read'), async (req, res) => {
    res.status(201).json(await views.create(req.ctx, CustomerViewInput.parse(req.body)))
  })
  // Fixed paths before '/:id'.
  router.put('/order', requirePermission('customer:read'), async (req, res) => {
    res.json(await views.reorder(req.ctx, CustomerViewOrder.parse(req.body).ids))
  })
  router.patch('/:id', requirePermission('customer:read'), async (req, res) => {
    res.json(await views.update(req.ctx, CustomerViewParams.parse(req.params).id, CustomerViewPatch.parse(req.body)))
  })
  router.delete('/:id', requirePermission('customer:read'), async (req, res) => {
    await views.remove(req.ctx, CustomerViewParams.parse(req.params).id)
    res.status(204).end()
  })
  router.post('/:id/restore', requirePermission('customer:read'), async (req, res) => {
    res.json(await views.restore(req.ctx, CustomerViewParams.parse(req.params).id))
  })
  return router
}

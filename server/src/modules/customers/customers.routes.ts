import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { CustomerIdParams, CustomerInput, CustomerListQuery, CustomerPatch } from './customers.schemas.js'
import type { CustomersService } from './customers.service.js'

export const customersRouter = (customers: CustomersService): Router => {
  const router = Router()
  router.get('/', requirePermission('customer:read'), async (req, res) => {
    res.json(await customers.list(req.ctx, CustomerListQuery.parse(req.query)))
  })
  router.post('/', requirePermission('customer:create'), async (req, res) => {
    res.status(201).json(await customers.create(req.ctx, CustomerInput.parse(req.body)))
  })
  router.get('/:id', requirePermission('customer:read'), async (req, res) => {
    res.json(await customers.get(req.ctx, CustomerIdParams.parse(req.params).id))
  })
  router.patch('/:id', requirePermission('customer:update'), async (req, res) => {
    res.json(await customers.update(req.ctx, CustomerIdParams.parse(req.params).id, CustomerPatch.parse(req.body)))
  })
  router.delete('/:id', requirePermission('customer:delete'), async (req, res) => {
    await customers.remove(req.ctx, CustomerIdParams.parse(req.params).id)
    res.status(204).end()
  })
  return router
}

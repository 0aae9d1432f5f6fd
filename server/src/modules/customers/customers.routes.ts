import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { idempotentReplayHeader, readIdempotencyKey } from '../../http/idempotency.js'
import {
  BulkInput,
  CustomerIdParams,
  CustomerInput,
  CustomerListQuery,
  CustomerPatch,
  DuplicatesQuery,
  MergeInput,
  PageQuery,
} from './customers.schemas.js'
import type { CustomersService } from './customers.service.js'

export const customersRouter = (customers: CustomersService): Router => {
  const router = Router()
  router.get('/', requirePermission('customer:read'), async (req, res) => {
    res.json(await customers.list(req.ctx, CustomerListQuery.parse(req.query)))
  })
  router.post('/', requirePermission('customer:create'), async (req, res) => {
    const idempotencyKey = readIdempotencyKey(req)
    const { replayed, ...customer } = await customers.create(req.ctx, CustomerInput.parse(req.body), idempotencyKey)
    if (replayed) res.setHeader(idempotentReplayHeader, 'true')
    res.status(201).json(customer)
  })
  // Fixed paths before '/:id', which would otherwise take them for ids.
  router.get('/duplicates', requirePermission('customer:read'), async (req, res) => {
    res.json(await customers.duplicates(req.ctx, DuplicatesQuery.parse(req.query)))
  })
  router.post('/merge', requirePermission('customer:merge'), async (req, res) => {
    res.json(await customers.merge(req.ctx, MergeInput.parse(req.body)))
  })
  router.post('/bulk', requirePermission('customer:bulk'), async (req, res) => {
    res.json(await customers.bulk(req.ctx, BulkInput.parse(req.body)))
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
  router.post('/:id/reveal', requirePermission('customer:reveal_phone'), async (req, res) => {
    res.json(await customers.reveal(req.ctx, CustomerIdParams.parse(req.params).id))
  })
  // Restoring is the undo of deleting, so it needs the same permission.
  router.post('/:id/restore', requirePermission('customer:delete'), async (req, res) => {
    res.json(await customers.restore(req.ctx, CustomerIdParams.parse(req.params).id))
  })
  return router
}

/** `/api/trash/customers`: what was deleted, and purging it for good. */
export const customerTrashRouter = (customers: CustomersService): Router => {
  const router = Router()
  router.get('/', requirePermission('customer:delete'), async (req, res) => {
    res.json(await customers.listTrash(req.ctx, PageQuery.parse(req.query)))
  })
  router.delete('/:id', requirePermission('customer:purge'), async (req, res) => {
    await customers.purge(req.ctx, CustomerIdParams.parse(req.params).id)
    res.status(204).end()
  })
  return router
}

/** `/api/customer-sources`: the sources in use, for the source filter. */
export const customerSourcesRouter = (customers: CustomersService): Router => {
  const router = Router()
  router.get('/', requirePermission('customer:read'), async (req, res) => {
    res.json(await customers.sources(req.ctx))
  })
  return router
}

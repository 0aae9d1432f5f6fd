import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { OrderInput, OrderListQuery, OrderParams, OrderPatch } from './orders.schemas.js'
import type { OrdersService } from './orders.service.js'

const CustomerParams = OrderParams.pick({ id: true })

/** Mounted at /customers/:id/orders; orders are part of the customer's record, so writing them is an update of it. */
export const ordersRouter = (orders: OrdersService): Router => {
  const router = Router({ mergeParams: true })
  router.get('/', requirePermission('customer:read'), async (req, res) => {
    res.json(await orders.list(req.ctx, CustomerParams.parse(req.params).id, OrderListQuery.parse(req.query)))
  })
  router.post('/', requirePermission('customer:update'), async (req, res) => {
    res.status(201).json(await orders.create(req.ctx, CustomerParams.parse(req.params).id, OrderInput.parse(req.body)))
  })
  router.patch('/:orderId', requirePermission('customer:update'), async (req, res) => {
    const { id, orderId } = OrderParams.parse(req.params)
    res.json(await orders.update(req.ctx, id, orderId, OrderPatch.parse(req.body)))
  })
  router.delete('/:orderId', requirePermission('customer:update'), async (req, res) => {
    const { id, orderId } = OrderParams.parse(req.params)
    await orders.remove(req.ctx, id, orderId)
    res.status(204).end()
  })
  return router
}

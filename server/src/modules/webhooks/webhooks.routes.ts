import { Router, type Request } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { WebhookDeliveryQuery, WebhookInput, WebhookPatch } from './webhooks.schemas.js'
import type { WebhooksService } from './webhooks.service.js'

// Not validated here: an id that is no uuid is simply a webhook (or delivery) that does not exist (404).
const idOf = (req: Request): string => String(req.params.id ?? '')

/** Mounted at /webhooks. */
export const webhooksRouter = (webhooks: WebhooksService): Router => {
  const router = Router()
  router.get('/', requirePermission('webhook:manage'), async (req, res) => {
    res.json(await webhooks.list(req.ctx))
  })
  router.post('/', requirePermission('webhook:manage'), async (req, res) => {
    res.status(201).json(await webhooks.create(req.ctx, WebhookInput.parse(req.body)))
  })
  router.get('/events', requirePermission('webhook:manage'), (req, res) => {
    res.json(webhooks.events(req.ctx))
  })
  router.post('/deliveries/:id/replay', requirePermission('webhook:manage'), async (req, res) => {
    res.status(202).json(await webhooks.replay(req.ctx, idOf(req)))
  })
  router.patch('/:id', requirePermission('webhook:manage'), async (req, res) => {
    res.json(await webhooks.update(req.ctx, idOf(req), WebhookPatch.parse(req.body)))
  })
  router.delete('/:id', requirePermission('webhook:manage'), async (req, res) => {
    await webhooks.remove(req.ctx, idOf(req))
    res.status(204).end()
  })
  router.post('/:id/rotate-secret', requirePermission('webhook:manage'), async (req, res) => {
    res.json(await webhooks.rotateSecret(req.ctx, idOf(req)))
  })
  router.post('/:id/test', requirePermission('webhook:manage'), async (req, res) => {
    res.status(202).json(await webhooks.sendTest(req.ctx, idOf(req)))
  })
  router.get('/:id/deliveries', requirePermission('webhook:manage'), async (req, res) => {
    res.json(await webhooks.deliveries(req.ctx, idOf(req), WebhookDeliveryQuery.parse(req.query)))
  })
  return router
}

import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { ActivityInput, ActivityListQuery, ActivityParams, ActivityPatch } from './activities.schemas.js'
import type { ActivitiesService } from './activities.service.js'

const CustomerParams = ActivityParams.pick({ id: true })

/** Mounted at /customers/:id/activities. */
export const activitiesRouter = (activities: ActivitiesService): Router => {
  const router = Router({ mergeParams: true })
  router.get('/', requirePermission('customer:read'), async (req, res) => {
    res.json(await activities.list(req.ctx, CustomerParams.parse(req.params).id, ActivityListQuery.parse(req.query)))
  })
  router.post('/', requirePermission('customer:update'), async (req, res) => {
    res.status(201).json(await activities.create(req.ctx, CustomerParams.parse(req.params).id, ActivityInput.parse(req.body)))
  })
  router.patch('/:activityId', requirePermission('customer:update'), async (req, res) => {
    const { id, activityId } = ActivityParams.parse(req.params)
    res.json(await activities.update(req.ctx, id, activityId, ActivityPatch.parse(req.body)))
  })
  router.delete('/:activityId', requirePermission('customer:update'), async (req, res) => {
    const { id, activityId } = ActivityParams.parse(req.params)
    await activities.remove(req.ctx, id, activityId)
    res.status(204).end()
  })
  return router
}

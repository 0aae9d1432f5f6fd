import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { TimelineParams, TimelineQuery } from './timeline.schemas.js'
import type { TimelineService } from './timeline.service.js'

/** Mounted at /customers/:id/timeline. */
export const timelineRouter = (timeline: TimelineService): Router => {
  const router = Router({ mergeParams: true })
  router.get('/', requirePermission('customer:read'), async (req, res) => {
    res.json(await timeline.page(req.ctx, TimelineParams.parse(req.params).id, TimelineQuery.parse(req.query)))
  })
  return router
}

import { Router } from 'express'
import { requirePermission, requireSignedIn } from '../../auth/middleware.js'
import { authenticated } from '../../http/context.js'
import { toUserDto } from '../auth/auth.service.js'
import { RegistrationsQuery } from './me.schemas.js'
import type { MeService } from './me.service.js'

export const meRouter = (me: MeService): Router => {
  const router = Router()
  router.get('/', requireSignedIn, (req, res) => {
    res.json(toUserDto(authenticated(req.ctx).user))
  })
  router.get('/registrations', requirePermission('customer:read'), async (req, res) => {
    res.json(await me.registrations(req.ctx, RegistrationsQuery.parse(req.query)))
  })
  return router
}

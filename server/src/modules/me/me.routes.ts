import { Router } from 'express'
import { requireSignedIn } from '../../auth/middleware.js'
import { authenticated } from '../../http/context.js'
import { toUserDto } from '../auth/auth.service.js'

export const meRouter = (): Router => {
  const router = Router()
  router.get('/', requireSignedIn, (req, res) => {
    res.json(toUserDto(authenticated(req.ctx).user))
  })
  return router
}

import { Router } from 'express'
import { requireAuth } from '../../auth/middleware.js'
import type { UsersService } from './users.service.js'

/** Mounted at /users. */
export const usersRouter = (users: UsersService): Router => {
  const router = Router()
  router.get('/', requireAuth, async (req, res) => {
    res.json(await users.list(req.ctx))
  })
  return router
}

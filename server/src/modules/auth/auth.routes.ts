import { Router } from 'express'
import { LoginRequest, RefreshRequest } from './auth.schemas.js'
import type { AuthService } from './auth.service.js'

export const authRouter = (auth: AuthService): Router => {
  const router = Router()
  router.post('/login', async (req, res) => {
    res.json(await auth.login(req.ctx, LoginRequest.parse(req.body)))
  })
  router.post('/refresh', async (req, res) => {
    res.json(await auth.refresh(req.ctx, RefreshRequest.parse(req.body)))
  })
  router.post('/logout', async (req, res) => {
    await auth.logout(req.ctx, RefreshRequest.parse(req.body))
    res.status(204).end()
  })
  return router
}

import { Router } from 'express'
import { LoginRequest, MfaChallengeRequest, MfaEnableWithChallengeRequest, MfaVerifyRequest, RefreshRequest } from './auth.schemas.js'
import type { AuthService } from './auth.service.js'

/** Mounted at /auth, behind the sign-in rate limit. Public: each step proves itself with what it is sent. */
export const authRouter = (auth: AuthService): Router => {
  const router = Router()
  router.post('/login', async (req, res) => {
    res.json(await auth.login(req.ctx, LoginRequest.parse(req.body)))
  })
  router.post('/mfa/verify', async (req, res) => {
    res.json(await auth.verifyMfa(req.ctx, MfaVerifyRequest.parse(req.body)))
  })
  router.post('/mfa/setup', async (req, res) => {
    res.json(await auth.setupMfa(req.ctx, MfaChallengeRequest.parse(req.body)))
  })
  router.post('/mfa/enable', async (req, res) => {
    res.json(await auth.enableMfa(req.ctx, MfaEnableWithChallengeRequest.parse(req.body)))
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

import { Router } from 'express'
import { requireAuth } from '../../auth/middleware.js'
import { WechatCodeRequest } from './wechat.schemas.js'
import type { WechatService } from './wechat.service.js'

/** Mounted at /auth (behind the sign-in rate limit): what sign-in offers, and one-tap sign-in with WeChat. */
export const wechatSignInRouter = (wechat: WechatService): Router => {
  const router = Router()
  router.get('/options', (_req, res) => {
    res.json(wechat.options())
  })
  router.post('/wechat', async (req, res) => {
    res.json(await wechat.signIn(req.ctx, WechatCodeRequest.parse(req.body)))
  })
  return router
}

/** Mounted at /me: the signed-in person's WeChat binding (API keys get 403, like the other account routes). */
export const wechatBindingRouter = (wechat: WechatService): Router => {
  const router = Router()
  router.get('/wechat', requireAuth, async (req, res) => {
    res.json(await wechat.binding(req.ctx))
  })
  router.post('/wechat', requireAuth, async (req, res) => {
    res.json(await wechat.bind(req.ctx, WechatCodeRequest.parse(req.body)))
  })
  router.delete('/wechat', requireAuth, async (req, res) => {
    await wechat.unbind(req.ctx)
    res.status(204).end()
  })
  return router
}

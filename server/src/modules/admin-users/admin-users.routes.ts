import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { HandoverInput, ManagedUserIdParams, ManagedUserInput, ManagedUserPatch, ResetPasswordInput } from './admin-users.schemas.js'
import type { AdminUsersService } from './admin-users.service.js'

/** Mounted at /admin/users: user administration (user:manage; a handover also needs customer:assign). */
export const adminUsersRouter = (users: AdminUsersService): Router => {
  const router = Router()
  router.use(requirePermission('user:manage'))
  router.get('/', async (req, res) => {
    res.json(await users.list(req.ctx))
  })
  router.post('/', async (req, res) => {
    res.status(201).json(await users.create(req.ctx, ManagedUserInput.parse(req.body)))
  })
  router.get('/:id', async (req, res) => {
    res.json(await users.get(req.ctx, ManagedUserIdParams.parse(req.params).id))
  })
  router.patch('/:id', async (req, res) => {
    res.json(await users.update(req.ctx, ManagedUserIdParams.parse(req.params).id, ManagedUserPatch.parse(req.body)))
  })
  router.post('/:id/reset-password', async (req, res) => {
    await users.resetPassword(req.ctx, ManagedUserIdParams.parse(req.params).id, ResetPasswordInput.parse(req.body).password)
    res.status(204).end()
  })
  router.post('/:id/unlock', async (req, res) => {
    await users.unlock(req.ctx, ManagedUserIdParams.parse(req.params).id)
    res.status(204).end()
  })
  router.post('/:id/reset-mfa', async (req, res) => {
    await users.resetMfa(req.ctx, ManagedUserIdParams.parse(req.params).id)
    res.status(204).end()
  })
  router.post('/:id/unbind-wechat', async (req, res) => {
    await users.unbindWechat(req.ctx, ManagedUserIdParams.parse(req.params).id)
    res.status(204).end()
  })
  router.post('/:id/handover', async (req, res) => {
    res.json(await users.handover(req.ctx, ManagedUserIdParams.parse(req.params).id, HandoverInput.parse(req.body).toUserId))
  })
  return router
}

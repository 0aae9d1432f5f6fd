import { Router } from 'express'
import { requireAuth, requireSignedIn } from '../../auth/middleware.js'
import { ChangePasswordRequest, MfaCodeRequest, MfaDisableRequest } from './account.schemas.js'
import type { AccountService } from './account.service.js'

/** Mounted at /me. Changing the password stays possible while a change is required; the rest waits for it. */
export const accountRouter = (account: AccountService): Router => {
  const router = Router()
  router.post('/password', requireSignedIn, async (req, res) => {
    await account.changePassword(req.ctx, ChangePasswordRequest.parse(req.body))
    res.status(204).end()
  })
  router.get('/mfa', requireAuth, async (req, res) => {
    res.json(await account.mfaStatus(req.ctx))
  })
  router.post('/mfa/setup', requireAuth, async (req, res) => {
    res.json(await account.setupMfa(req.ctx))
  })
  router.post('/mfa/enable', requireAuth, async (req, res) => {
    res.json(await account.enableMfa(req.ctx, MfaCodeRequest.parse(req.body)))
  })
  router.post('/mfa/disable', requireAuth, async (req, res) => {
    await account.disableMfa(req.ctx, MfaDisableRequest.parse(req.body))
    res.status(204).end()
  })
  router.post('/mfa/recovery-codes', requireAuth, async (req, res) => {
    res.json(await account.replaceRecoveryCodes(req.ctx, MfaCodeRequest.parse(req.body)))
  })
  router.get('/sessions', requireAuth, async (req, res) => {
    res.json(await account.listSessions(req.ctx))
  })
  router.delete('/sessions/:id', requireAuth, async (req, res) => {
    await account.revokeSession(req.ctx, String(req.params.id))
    res.status(204).end()
  })
  return router
}

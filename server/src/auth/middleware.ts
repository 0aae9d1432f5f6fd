import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Db } from '../db/prisma.js'
import { can } from '../http/context.js'
import { AppError } from '../http/errors.js'
import type { AccessTokens } from './access-tokens.js'
import type { Permission } from './permissions.js'
import { apiKeyPattern, loadApiKeyPrincipal, loadSessionPrincipal } from './principal.js'

const bearerPattern = /^Bearer\s+(\S+)\s*$/i

/**
 * Fills `req.ctx.user` from a valid bearer token (a session's access token, or an API key, also accepted in
 * `X-API-Key`). It never rejects: routes decide with requireAuth or requirePermission, so public routes stay
 * public even when a stale token is sent along.
 */
export const authenticate =
  (db: Db, accessTokens: AccessTokens): RequestHandler =>
  async (req, _res, next) => {
    const token = bearerPattern.exec(req.get('authorization') ?? '')?.[1] ?? req.get('x-api-key')?.trim()
    if (token !== undefined && token !== '') {
      if (apiKeyPattern.test(token)) {
        req.ctx.user = await loadApiKeyPrincipal(db, token)
      } else {
        const claims = accessTokens.verify(token)
        if (claims !== null) req.ctx.user = await loadSessionPrincipal(db, claims.userId, claims.sessionId)
      }
    }
    next()
  }

/** Signed in, even with a password that must be changed first (the password and session routes use it). */
export const requireSignedIn = (req: Request, _res: Response, next: NextFunction): void => {
  if (req.ctx.user === null) throw new AppError('UNAUTHENTICATED')
  next()
}

export const requireAuth = (req: Request, _res: Response, next: NextFunction): void => {
  const { user } = req.ctx
  if (user === null) throw new AppError('UNAUTHENTICATED')
  if (user.passwordChangeRequired) throw new AppError('PASSWORD_CHANGE_REQUIRED')
  next()
}

export const requirePermission =
  (permission: Permission): RequestHandler =>
  (req, _res, next) => {
    const { user } = req.ctx
    if (user === null) throw new AppError('UNAUTHENTICATED')
    if (user.passwordChangeRequired) throw new AppError('PASSWORD_CHANGE_REQUIRED')
    if (!can(user, permission)) throw new AppError('FORBIDDEN')
    next()
  }

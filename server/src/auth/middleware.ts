import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Db } from '../db/prisma.js'
import { AppError } from '../http/errors.js'
import type { AccessTokens } from './access-tokens.js'
import { roleHasPermission, type Permission } from './permissions.js'

const bearerPattern = /^Bearer\s+(\S+)\s*$/i

/**
 * Fills `req.ctx.user` from a valid bearer token. It never rejects: routes decide with requireAuth or
 * requirePermission, so public routes stay public even when a stale token is sent along.
 */
export const authenticate =
  (db: Db, accessTokens: AccessTokens): RequestHandler =>
  async (req, _res, next) => {
    const token = bearerPattern.exec(req.get('authorization') ?? '')?.[1]
    const userId = token === undefined ? null : accessTokens.verify(token)
    if (userId !== null && /^[0-9a-f-]{36}$/i.test(userId)) {
      // Read on every request so disabling a user or changing a role takes effect at once.
      const user = await db.user.findUnique({ where: { id: userId } })
      if (user !== null && !user.disabled) {
        req.ctx.user = { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
      }
    }
    next()
  }

export const requireAuth = (req: Request, _res: Response, next: NextFunction): void => {
  if (req.ctx.user === null) throw new AppError('UNAUTHENTICATED')
  next()
}

export const requirePermission =
  (permission: Permission): RequestHandler =>
  (req, _res, next) => {
    const { user } = req.ctx
    if (user === null) throw new AppError('UNAUTHENTICATED')
    if (!roleHasPermission(user.role, permission)) throw new AppError('FORBIDDEN')
    next()
  }

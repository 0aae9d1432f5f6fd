import { randomUUID } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import type { Logger } from 'pino'
import type { Role } from '../generated/prisma/enums.js'
import { AppError } from './errors.js'
import { negotiateLanguage, translator, type Language, type Translate } from './i18n.js'

export interface AuthUser {
  id: string
  username: string
  displayName: string
  role: Role
}

export interface RequestContext {
  requestId: string
  language: Language
  t: Translate
  logger: Logger
  user: AuthUser | null
}

export interface AuthenticatedContext extends RequestContext {
  user: AuthUser
}

declare global {
  namespace Express {
    interface Request {
      ctx: RequestContext
    }
  }
}

export const requestIdOf = (req: Request): string => {
  const given = req.get('x-request-id')
  return given !== undefined && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID()
}

/** Builds `req.ctx`; runs after pino-http so the request logger carries the request id. */
export const attachContext = (req: Request, res: Response, next: NextFunction): void => {
  // Echoed so a user's bug report can be matched with the server log.
  res.setHeader('X-Request-Id', String(req.id))
  const language = negotiateLanguage(req.get('accept-language'))
  req.ctx = { requestId: String(req.id), language, t: translator(language), logger: req.log, user: null }
  next()
}

export const authenticated = (ctx: RequestContext): AuthenticatedContext => {
  if (ctx.user === null) throw new AppError('UNAUTHENTICATED')
  return { ...ctx, user: ctx.user }
}

import { randomUUID } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import type { Logger } from 'pino'
import type { Permission, RoleScopes } from '../auth/permissions.js'
import { AppError } from './errors.js'
import { negotiateLanguage, translator, type Language, type Translate } from './i18n.js'

/**
 * Who is calling: a signed-in user, or an API key acting as the user it was issued for (then `apiKeyId` is set
 * and the permissions are the key's role's). Loaded afresh on every request, so a changed role, a disabled
 * account or a revoked session takes effect at once.
 */
export interface AuthUser {
  id: string
  username: string
  displayName: string
  role: { id: string; key: string | null; name: string }
  permissions: ReadonlySet<Permission>
  scopes: RoleScopes
  teamId: string
  /** The name of the user's team (their store, for most staff). */
  teamName: string
  /** The user's team and every team below it (what a `team` scope covers). */
  teamIds: readonly string[]
  sessionId: string | null
  apiKeyId: string | null
  /** The password expired or an administrator reset it: only changing it is allowed until then. */
  passwordChangeRequired: boolean
}

export interface RequestContext {
  requestId: string
  language: Language
  t: Translate
  logger: Logger
  user: AuthUser | null
  /** The caller's address (behind a proxy only when TRUST_PROXY says so) and browser, for sessions and audit. */
  ip: string | null
  userAgent: string | null
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
  req.ctx = {
    requestId: String(req.id),
    language,
    t: translator(language),
    logger: req.log,
    user: null,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 500) ?? null,
  }
  next()
}

export const authenticated = (ctx: RequestContext): AuthenticatedContext => {
  if (ctx.user === null) throw new AppError('UNAUTHENTICATED')
  return { ...ctx, user: ctx.user }
}

export const can = (user: AuthUser, permission: Permission): boolean => user.permissions.has(permission)

import type { Mfa } from '../../auth/mfa.js'
import { hashPassword, verifyPassword } from '../../auth/passwords.js'
import { checkPassword } from '../../auth/password-policy.js'
import type { RefreshTokens } from '../../auth/refresh-tokens.js'
import { recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import { authenticated, type AuthUser, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { MfaSetupDto } from '../auth/auth.schemas.js'
import type { AccountSessionListDto, MfaStatusDto } from './account.schemas.js'

/** The signed-in user's own account: password, two-factor authentication and sessions. */
export interface AccountService {
  changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<void>
  mfaStatus(ctx: RequestContext): Promise<MfaStatusDto>
  setupMfa(ctx: RequestContext): Promise<MfaSetupDto>
  enableMfa(ctx: RequestContext, input: { code: string }): Promise<{ recoveryCodes: string[] }>
  disableMfa(ctx: RequestContext, input: { password: string }): Promise<void>
  replaceRecoveryCodes(ctx: RequestContext, input: { code: string }): Promise<{ recoveryCodes: string[] }>
  listSessions(ctx: RequestContext): Promise<AccountSessionListDto>
  revokeSession(ctx: RequestContext, sessionId: string): Promise<void>
}

// API keys act as a user but are not that person: the person's own password, MFA and sessions are theirs only.
export const signedInPerson = (ctx: RequestContext): AuthUser => {
  const { user } = authenticated(ctx)
  if (user.apiKeyId !== null || user.sessionId === null) throw new AppError('FORBIDDEN')
  return user
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const createAccountService = ({ db, mfa, refreshTokens }: { db: Db; mfa: Mfa; refreshTokens: RefreshTokens }): AccountService => {
  const requirePassword = async (userId: string, password: string, field: string) => {
    const row = await db.user.findUniqueOrThrow({ where: { id: userId } })
    if (!(await verifyPassword(password, row.passwordHash))) {
      throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field, messageKey: 'validation.password_wrong' }] })
    }
  }

  return {
    changePassword: async (ctx, { currentPassword, newPassword }) => {
      const user = signedInPerson(ctx)
      await requirePassword(user.id, currentPassword, 'currentPassword')
      if (newPassword === currentPassword) {
        throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'newPassword', messageKey: 'validation.password_unchanged' }] })
      }
      await checkPassword(db, { password: newPassword, username: user.username, field: 'newPassword' })
      const passwordHash = await hashPassword(newPassword)
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false } })
        // Whoever knew the old password may hold a session: every other one ends, this one stays.
        const endedSessions = await refreshTokens.endSessionsOf(user.id, 'password_changed', user.sessionId ?? undefined, tx)
        await recordAudit(tx, ctx, {
          action: 'password_change',
          resource: 'account',
          resourceId: user.id,
          label: user.username,
          meta: { endedSessions, wasRequired: user.passwordChangeRequired },
        })
      })
    },

    mfaStatus: async (ctx) => {
      const status = await mfa.status(signedInPerson(ctx).id)
      return { ...status, enabledAt: status.enabledAt?.toISOString() ?? null }
    },

    setupMfa: (ctx) => mfa.beginSetup(signedInPerson(ctx)),

    enableMfa: async (ctx, { code }) => ({ recoveryCodes: await mfa.enable(ctx, signedInPerson(ctx), code) }),

    disableMfa: async (ctx, { password }) => {
      const user = signedInPerson(ctx)
      const status = await mfa.status(user.id)
      if (!status.enabled) throw new AppError('MFA_NOT_ENABLED')
      if (status.required) throw new AppError('FORBIDDEN')
      await requirePassword(user.id, password, 'password')
      await mfa.disable(ctx, user, 'mfa_disable')
    },

    replaceRecoveryCodes: async (ctx, { code }) => {
      const user = signedInPerson(ctx)
      if (!(await mfa.status(user.id)).enabled) throw new AppError('MFA_NOT_ENABLED')
      if (!(await mfa.checkCode(user.id, code))) throw new AppError('MFA_CODE_INVALID')
      return { recoveryCodes: await mfa.replaceRecoveryCodes(user.id) }
    },

    listSessions: async (ctx) => {
      const user = signedInPerson(ctx)
      const rows = await db.session.findMany({
        where: { userId: user.id, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: 'desc' },
      })
      return {
        items: rows.map((row) => ({
          id: row.id,
          ip: row.ip,
          userAgent: row.userAgent,
          createdAt: row.createdAt.toISOString(),
          lastUsedAt: row.lastUsedAt.toISOString(),
          current: row.id === user.sessionId,
        })),
      }
    },

    revokeSession: async (ctx, sessionId) => {
      const user = signedInPerson(ctx)
      if (!uuidPattern.test(sessionId)) throw new AppError('SESSION_NOT_FOUND')
      await db.$transaction(async (tx) => {
        // Someone else's session answers like a missing one.
        const session = await tx.session.findFirst({ where: { id: sessionId, userId: user.id, revokedAt: null, expiresAt: { gt: new Date() } } })
        if (session === null || !(await refreshTokens.endSession(session.id, 'revoked', tx))) throw new AppError('SESSION_NOT_FOUND')
        await recordAudit(tx, ctx, {
          action: 'session_revoke',
          resource: 'session',
          resourceId: session.id,
          label: user.username,
          meta: { current: session.id === user.sessionId, ip: session.ip, userAgent: session.userAgent },
        })
      })
    },
  }
}

import { randomBytes } from 'node:crypto'
import type { Db } from '../db/prisma.js'
import type { User } from '../generated/prisma/client.js'
import { AppError } from '../http/errors.js'
import { hashSecret } from './principal.js'

const lifetimeMs = 30 * 24 * 60 * 60 * 1000

export type SessionEndReason = 'signed_out' | 'revoked' | 'token_reuse' | 'user_disabled' | 'password_changed'

export interface SessionOrigin {
  ip: string | null
  userAgent: string | null
}

export interface RefreshTokens {
  /** Starts a session (one per sign-in) and its first refresh token. */
  issue(userId: string, origin: SessionOrigin): Promise<{ token: string; sessionId: string }>
  /** Trades a token for its successor. A token is good once: presenting it again ends its whole session. */
  rotate(token: string, origin: SessionOrigin): Promise<{ token: string; sessionId: string; user: User }>
  /** Ends the token's session; unknown tokens are ignored so sign-out is idempotent. */
  revoke(token: string): Promise<void>
  /** Ends sessions of a user (all, or all but one), e.g. when disabled or after a password change. */
  endSessionsOf(userId: string, reason: SessionEndReason, exceptSessionId?: string): Promise<number>
}

export const createRefreshTokens = (db: Db): RefreshTokens => {
  const create = async (userId: string, familyId: string) => {
    const token = randomBytes(32).toString('base64url')
    const row = await db.refreshToken.create({
      data: { tokenHash: hashSecret(token), userId, familyId, expiresAt: new Date(Date.now() + lifetimeMs) },
    })
    return { token, id: row.id }
  }

  const endSession = async (sessionId: string, reason: SessionEndReason) => {
    const now = new Date()
    await db.$transaction([
      db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } }),
      db.refreshToken.updateMany({ where: { familyId: sessionId, revokedAt: null }, data: { revokedAt: now } }),
    ])
  }

  return {
    issue: async (userId, origin) => {
      const session = await db.session.create({
        data: { userId, ip: origin.ip, userAgent: origin.userAgent, expiresAt: new Date(Date.now() + lifetimeMs) },
      })
      return { token: (await create(userId, session.id)).token, sessionId: session.id }
    },

    rotate: async (token, origin) => {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashSecret(token) }, include: { user: true } })
      if (row === null || row.revokedAt !== null || row.expiresAt <= new Date() || row.user.disabled) {
        throw new AppError('UNAUTHENTICATED')
      }
      if (row.usedAt !== null) {
        // A rotated token came back: either it was stolen or the client is confused; end the session either way.
        await endSession(row.familyId, 'token_reuse')
        throw new AppError('UNAUTHENTICATED')
      }
      // Claiming with a conditional update makes two concurrent refreshes with one token yield one winner.
      const claimed = await db.refreshToken.updateMany({
        where: { id: row.id, usedAt: null, revokedAt: null },
        data: { usedAt: new Date() },
      })
      if (claimed.count === 0) throw new AppError('UNAUTHENTICATED')
      const session = await db.session.updateMany({
        where: { id: row.familyId, revokedAt: null, expiresAt: { gt: new Date() } },
        data: { lastUsedAt: new Date(), ip: origin.ip, userAgent: origin.userAgent },
      })
      if (session.count === 0) throw new AppError('UNAUTHENTICATED')
      const next = await create(row.userId, row.familyId)
      await db.refreshToken.update({ where: { id: row.id }, data: { replacedBy: next.id } })
      return { token: next.token, sessionId: row.familyId, user: row.user }
    },

    revoke: async (token) => {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashSecret(token) } })
      if (row !== null) await endSession(row.familyId, 'signed_out')
    },

    endSessionsOf: async (userId, reason, exceptSessionId) => {
      const now = new Date()
      const sessions = await db.session.findMany({
        where: { userId, revokedAt: null, ...(exceptSessionId === undefined ? {} : { id: { not: exceptSessionId } }) },
        select: { id: true },
      })
      const ids = sessions.map((session) => session.id)
      await db.$transaction([
        db.session.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now, revokedReason: reason } }),
        db.refreshToken.updateMany({ where: { familyId: { in: ids }, revokedAt: null }, data: { revokedAt: now } }),
      ])
      return ids.length
    },
  }
}

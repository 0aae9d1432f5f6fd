import { randomBytes } from 'node:crypto'
import type { Db } from '../db/prisma.js'
import type { Prisma, User } from '../generated/prisma/client.js'
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
  /**
   * Ends the token's session; unknown tokens are ignored so sign-out is idempotent. Answers whose session ended
   * now (null when it had ended before), so the caller can audit it in the same transaction `tx`.
   */
  revoke(token: string, tx?: Prisma.TransactionClient): Promise<{ userId: string; sessionId: string } | null>
  /** Ends one session; false when it had ended already. */
  endSession(sessionId: string, reason: SessionEndReason, tx?: Prisma.TransactionClient): Promise<boolean>
  /**
   * Ends sessions of a user (all, or all but one), e.g. when disabled or after a password change; in `tx` when
   * given, so the change that ends them and its audit entry commit together.
   */
  endSessionsOf(userId: string, reason: SessionEndReason, exceptSessionId?: string, tx?: Prisma.TransactionClient): Promise<number>
}

type SessionWriter = Pick<Prisma.TransactionClient, 'session' | 'refreshToken'>

/** Ends the given sessions and every refresh token of their families, so neither tokens nor refreshes work on. */
const endSessionsIn = async (client: SessionWriter, sessionIds: string[], reason: SessionEndReason): Promise<number> => {
  if (sessionIds.length === 0) return 0
  const now = new Date()
  const ended = await client.session.updateMany({
    where: { id: { in: sessionIds }, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  })
  await client.refreshToken.updateMany({ where: { familyId: { in: sessionIds }, revokedAt: null }, data: { revokedAt: now } })
  return ended.count
}

export const createRefreshTokens = (db: Db): RefreshTokens => {
  const create = async (userId: string, familyId: string) => {
    const token = randomBytes(32).toString('base64url')
    const row = await db.refreshToken.create({
      data: { tokenHash: hashSecret(token), userId, familyId, expiresAt: new Date(Date.now() + lifetimeMs) },
    })
    return { token, id: row.id }
  }

  // In the caller's transaction, or in one of its own.
  const inTransaction = <T>(tx: Prisma.TransactionClient | undefined, work: (client: Prisma.TransactionClient) => Promise<T>) =>
    tx === undefined ? db.$transaction(work) : work(tx)
  const endSession = (sessionId: string, reason: SessionEndReason, tx?: Prisma.TransactionClient) =>
    inTransaction(tx, async (client) => (await endSessionsIn(client, [sessionId], reason)) > 0)

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

    revoke: (token, tx) =>
      inTransaction(tx, async (client) => {
        const row = await client.refreshToken.findUnique({ where: { tokenHash: hashSecret(token) } })
        if (row === null) return null
        const ended = await endSessionsIn(client, [row.familyId], 'signed_out')
        return ended > 0 ? { userId: row.userId, sessionId: row.familyId } : null
      }),

    endSession,

    endSessionsOf: (userId, reason, exceptSessionId, tx) =>
      inTransaction(tx, async (client) => {
        const sessions = await client.session.findMany({
          where: { userId, revokedAt: null, ...(exceptSessionId === undefined ? {} : { id: { not: exceptSessionId } }) },
          select: { id: true },
        })
        return endSessionsIn(client, sessions.map((session) => session.id), reason)
      }),
  }
}

import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Db } from '../db/prisma.js'
import type { User } from '../generated/prisma/client.js'
import { AppError } from '../http/errors.js'

const lifetimeMs = 30 * 24 * 60 * 60 * 1000

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

export interface RefreshTokens {
  /** Starts a new token family (one per sign-in). */
  issue(userId: string): Promise<string>
  /** Trades a token for its successor. A token is good once: presenting it again revokes its whole family. */
  rotate(token: string): Promise<{ token: string; user: User }>
  /** Revokes the token's family; unknown tokens are ignored so sign-out is idempotent. */
  revoke(token: string): Promise<void>
}

export const createRefreshTokens = (db: Db): RefreshTokens => {
  const create = async (userId: string, familyId: string) => {
    const token = randomBytes(32).toString('base64url')
    const row = await db.refreshToken.create({
      data: { tokenHash: hashToken(token), userId, familyId, expiresAt: new Date(Date.now() + lifetimeMs) },
    })
    return { token, id: row.id }
  }

  const revokeFamily = (familyId: string) =>
    db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } })

  return {
    issue: async (userId) => (await create(userId, randomUUID())).token,

    rotate: async (token) => {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } })
      if (row === null || row.revokedAt !== null || row.expiresAt <= new Date() || row.user.disabled) {
        throw new AppError('UNAUTHENTICATED')
      }
      if (row.usedAt !== null) {
        // A rotated token came back: either it was stolen or the client is confused; end the session either way.
        await revokeFamily(row.familyId)
        throw new AppError('UNAUTHENTICATED')
      }
      // Claiming with a conditional update makes two concurrent refreshes with one token yield one winner.
      const claimed = await db.refreshToken.updateMany({
        where: { id: row.id, usedAt: null, revokedAt: null },
        data: { usedAt: new Date() },
      })
      if (claimed.count === 0) throw new AppError('UNAUTHENTICATED')
      const next = await create(row.userId, row.familyId)
      await db.refreshToken.update({ where: { id: row.id }, data: { replacedBy: next.id } })
      return { token: next.token, user: row.user }
    },

    revoke: async (token) => {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashToken(token) } })
      if (row !== null) await revokeFamily(row.familyId)
    },
  }
}

import jwt from 'jsonwebtoken'
import type { AuthUser } from '../http/context.js'

const algorithm = 'HS256'
export const accessTokenLifetimeSeconds = 15 * 60

export interface AccessTokens {
  issue(user: AuthUser): string
  /** The user id the token was issued to, or null when it is forged, expired or malformed. */
  verify(token: string): string | null
}

export const createAccessTokens = (secret: string): AccessTokens => ({
  issue: (user) =>
    jwt.sign({ role: user.role }, secret, {
      algorithm,
      subject: user.id,
      expiresIn: accessTokenLifetimeSeconds,
    }),
  verify: (token) => {
    try {
      const payload = jwt.verify(token, secret, { algorithms: [algorithm] })
      return typeof payload === 'object' && typeof payload.sub === 'string' ? payload.sub : null
    } catch {
      return null
    }
  },
})

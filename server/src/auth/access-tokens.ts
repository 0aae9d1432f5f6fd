import jwt from 'jsonwebtoken'

const algorithm = 'HS256'
export const accessTokenLifetimeSeconds = 15 * 60

export interface AccessTokenClaims {
  userId: string
  sessionId: string
}

export interface AccessTokens {
  /** A token for one session of a user; the session is checked on every request, so revoking it ends the token. */
  issue(claims: AccessTokenClaims): string
  /** The claims, or null when the token is forged, expired or malformed. */
  verify(token: string): AccessTokenClaims | null
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const createAccessTokens = (secret: string): AccessTokens => ({
  issue: ({ userId, sessionId }) =>
    jwt.sign({ sid: sessionId }, secret, { algorithm, subject: userId, expiresIn: accessTokenLifetimeSeconds }),
  verify: (token) => {
    try {
      const payload = jwt.verify(token, secret, { algorithms: [algorithm] })
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null
      if (!uuidPattern.test(payload.sub) || !uuidPattern.test(payload.sid)) return null
      return { userId: payload.sub, sessionId: payload.sid }
    } catch {
      return null
    }
  },
})

import jwt from 'jsonwebtoken'

const algorithm = 'HS256'
export const accessTokenLifetimeSeconds = 15 * 60
export const mfaChallengeLifetimeSeconds = 5 * 60

export interface AccessTokenClaims {
  userId: string
  sessionId: string
}

/** What the password step of a sign-in proved: who, and which second step is still due. */
export interface MfaChallengeClaims {
  userId: string
  /** `verify`: the account has MFA on; `setup`: the role requires MFA and the account has none yet. */
  step: 'verify' | 'setup'
}

export interface AccessTokens {
  /** A token for one session of a user; the session is checked on every request, so revoking it ends the token. */
  issue(claims: AccessTokenClaims): string
  /** The claims, or null when the token is forged, expired or malformed. */
  verify(token: string): AccessTokenClaims | null
  /** A short-lived token between the password step and the MFA step of a sign-in; it grants nothing else. */
  issueMfaChallenge(claims: MfaChallengeClaims): string
  /** The challenge's claims, or null when it is forged, expired, malformed or not a challenge. */
  verifyMfaChallenge(token: string): MfaChallengeClaims | null
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// Challenge tokens are signed with the same secret, so each kind carries a purpose the other kind refuses.
const mfaPurpose = 'mfa'

export const createAccessTokens = (secret: string): AccessTokens => {
  const payloadOf = (token: string): jwt.JwtPayload | null => {
    try {
      const payload = jwt.verify(token, secret, { algorithms: [algorithm] })
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || !uuidPattern.test(payload.sub)) return null
      return payload
    } catch {
      return null
    }
  }
  return {
    issue: ({ userId, sessionId }) =>
      jwt.sign({ sid: sessionId }, secret, { algorithm, subject: userId, expiresIn: accessTokenLifetimeSeconds }),
    verify: (token) => {
      const payload = payloadOf(token)
      if (payload === null || payload.purpose !== undefined) return null
      if (typeof payload.sid !== 'string' || !uuidPattern.test(payload.sid)) return null
      return { userId: payload.sub as string, sessionId: payload.sid }
    },
    issueMfaChallenge: ({ userId, step }) =>
      jwt.sign({ purpose: mfaPurpose, step }, secret, { algorithm, subject: userId, expiresIn: mfaChallengeLifetimeSeconds }),
    verifyMfaChallenge: (token) => {
      const payload = payloadOf(token)
      if (payload === null || payload.purpose !== mfaPurpose || payload.sid !== undefined) return null
      if (payload.step !== 'verify' && payload.step !== 'setup') return null
      return { userId: payload.sub as string, step: payload.step }
    },
  }
}

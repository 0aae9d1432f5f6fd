import type { LoginResult, MfaVerifyRequest, Session } from '../api/types'

// What the password step leads to. The intake app does the two-factor code step itself; enrolment and a
// forced password change need the console (QR code, recovery codes, password rules), so staff are sent there.
export type SignInStep =
  | { kind: 'signedIn'; session: Session }
  | { kind: 'code'; challengeToken: string }
  | { kind: 'setupRequired' }
  /** The session works for nothing but a password change; the app ends it again. */
  | { kind: 'passwordChangeRequired'; session: Session }

export function stepAfterPassword(result: LoginResult): SignInStep {
  if ('mfa' in result) {
    return result.mfa === 'required' ? { kind: 'code', challengeToken: result.challengeToken } : { kind: 'setupRequired' }
  }
  return stepForSession(result)
}

/** Until an expired or reset password is changed the server refuses everything but that change. */
export function stepForSession(session: Session): SignInStep {
  return session.user.passwordChangeRequired ? { kind: 'passwordChangeRequired', session } : { kind: 'signedIn', session }
}

/** One field takes either: six digits are an authenticator code, anything else a recovery code. */
export function verifyBody(challengeToken: string, typed: string): MfaVerifyRequest {
  const compact = typed.replace(/\s/g, '')
  return /^\d{6}$/.test(compact) ? { challengeToken, code: compact } : { challengeToken, recoveryCode: typed.trim() }
}

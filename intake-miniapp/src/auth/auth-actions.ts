import { apiRequest } from '../api/client'
import { goToLogin } from '../routes'
import { clearSession, readSession, saveSession } from './session'
import { stepAfterPassword, stepForSession, verifyBody, type SignInStep } from './sign-in-steps'
import { RUNS_IN_WECHAT, wechatLoginCode } from './wechat'

/** The password step; a session is kept only when it is usable here. */
export async function signIn(username: string, password: string): Promise<SignInStep> {
  const result = await apiRequest('post', '/api/auth/login', {
    body: { username, password },
    authenticated: false,
  })
  return keepIfSignedIn(stepAfterPassword(result))
}

/** Whether to offer 微信一键登录: only inside WeChat, and only when the server has WeChat configured. Any
 * failure means no (the password sign-in never waits for this). */
export async function wechatSignInOffered(): Promise<boolean> {
  if (!RUNS_IN_WECHAT) return false
  try {
    return (await apiRequest('get', '/api/auth/options', { authenticated: false })).wechat
  } catch {
    return false
  }
}

/** One-tap sign-in with the WeChat account bound to the staff member; leads on like the password step
 * (a two-factor code may follow). */
export async function signInWithWechat(): Promise<SignInStep> {
  const code = await wechatLoginCode()
  const result = await apiRequest('post', '/api/auth/wechat', { body: { code }, authenticated: false })
  return keepIfSignedIn(stepAfterPassword(result))
}

/** The two-factor step: a code of the authenticator app or a recovery code. */
export async function verifyCode(challengeToken: string, typed: string): Promise<SignInStep> {
  const session = await apiRequest('post', '/api/auth/mfa/verify', {
    body: verifyBody(challengeToken, typed),
    authenticated: false,
  })
  return keepIfSignedIn(stepForSession(session))
}

function keepIfSignedIn(step: SignInStep): SignInStep {
  if (step.kind === 'signedIn') saveSession(step.session)
  if (step.kind === 'passwordChangeRequired') void revoke(step.session.refreshToken)
  return step
}

async function revoke(refreshToken: string): Promise<void> {
  try {
    await apiRequest('post', '/api/auth/logout', { body: { refreshToken }, authenticated: false })
  } catch {
    // The token expires on its own; nothing useful to tell the user.
  }
}

/** Revokes the refresh token on the server when it can; signing out locally never waits on that. */
export async function signOut(): Promise<void> {
  const session = readSession()
  clearSession()
  goToLogin()
  if (!session) return
  await revoke(session.refreshToken)
}

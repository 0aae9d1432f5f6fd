import { apiRequest } from '../api/client'
import { goToLogin } from '../routes'
import { clearSession, readSession, saveSession } from './session'

export async function signIn(username: string, password: string): Promise<void> {
  const session = await apiRequest('post', '/api/auth/login', {
    body: { username, password },
    authenticated: false,
  })
  saveSession(session)
}

/** Revokes the refresh token on the server when it can; signing out locally never waits on that. */
export async function signOut(): Promise<void> {
  const session = readSession()
  clearSession()
  goToLogin()
  if (!session) return
  try {
    await apiRequest('post', '/api/auth/logout', {
      body: { refreshToken: session.refreshToken },
      authenticated: false,
    })
  } catch {
    // The token expires on its own; nothing useful to tell the user.
  }
}

import { api, requestData, requestNoContent, tokenStore } from '@/api/client';
import type { CurrentUser, LoginRequest } from '@/api/types';

export async function signIn(credentials: LoginRequest): Promise<CurrentUser> {
  const session = await requestData(api.POST('/api/auth/login', { body: credentials }));
  tokenStore.write(session);
  return session.user;
}

export async function signOut(): Promise<void> {
  const refreshToken = tokenStore.read()?.refreshToken;
  try {
    if (refreshToken) await requestNoContent(api.POST('/api/auth/logout', { body: { refreshToken } }));
  } catch {
    // Signing out must always succeed locally, even when the server cannot be reached.
  } finally {
    tokenStore.clear();
  }
}

/** The signed-in user, or undefined when there is no usable session. */
export async function fetchCurrentUser(): Promise<CurrentUser | undefined> {
  if (!tokenStore.read()) return undefined;
  try {
    return await requestData(api.GET('/api/me'));
  } catch {
    return undefined;
  }
}

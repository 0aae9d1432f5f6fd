import { api, requestData, requestNoContent, tokenStore } from '@/api/client';
import type {
  CurrentUser,
  LoginRequest,
  LoginResponse,
  LoginResult,
  LoginWithRecoveryCodes,
  MfaSetup,
  MfaVerifyRequest,
} from '@/api/types';

/** The password step: tokens, or the two-factor step that is due (nothing is stored yet). */
export async function signIn(credentials: LoginRequest): Promise<LoginResult> {
  return requestData(api.POST('/api/auth/login', { body: credentials }));
}

/** The code step: a code of the authenticator app or a recovery code (each works once). */
export async function verifyMfa(body: MfaVerifyRequest): Promise<LoginResponse> {
  return requestData(api.POST('/api/auth/mfa/verify', { body }));
}

/** Enrolment during sign-in: a new secret and its QR code for the challenge. */
export async function startMfaEnrolment(challengeToken: string): Promise<MfaSetup> {
  return requestData(api.POST('/api/auth/mfa/setup', { body: { challengeToken } }));
}

/** Confirms the first code: two-factor authentication is on, the session and the recovery codes come back. */
export async function finishMfaEnrolment(
  challengeToken: string,
  code: string,
): Promise<LoginWithRecoveryCodes> {
  return requestData(api.POST('/api/auth/mfa/enable', { body: { challengeToken, code } }));
}

/** Keeps the tokens of a finished sign-in; from here on requests are signed. */
export function keepSession(session: LoginResponse): CurrentUser {
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

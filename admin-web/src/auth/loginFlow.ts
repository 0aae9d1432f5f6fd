import type { CurrentUser, LoginResponse, LoginResult } from '@/api/types';
import { redirectTargetAfterLogin } from './redirect';

// The steps of signing in, as a pure state machine the login page renders: password, then maybe a
// code from the authenticator app (or a recovery code), or — when the role requires two-factor
// authentication and the account has none — enrolment and the one showing of the recovery codes.

export type LoginStep =
  | { step: 'password'; notice?: 'challengeExpired' }
  | { step: 'code'; challengeToken: string; useRecoveryCode: boolean }
  | { step: 'enrol'; challengeToken: string }
  /** Two-factor authentication is on; the session waits until the person confirms they kept the codes. */
  | { step: 'recoveryCodes'; recoveryCodes: string[]; session: LoginResponse }
  | { step: 'signedIn'; session: LoginResponse };

export type LoginEvent =
  | { type: 'passwordAccepted'; result: LoginResult }
  | { type: 'codeAccepted'; session: LoginResponse }
  | { type: 'enrolled'; session: LoginResponse; recoveryCodes: string[] }
  | { type: 'toggleRecoveryCode' }
  | { type: 'codesSaved' }
  /** The 5-minute challenge ran out (MFA_CHALLENGE_EXPIRED): the password is asked again. */
  | { type: 'challengeExpired' }
  | { type: 'restart' };

export const initialLoginStep: LoginStep = { step: 'password' };

export function isMfaChallenge(result: LoginResult): result is Extract<LoginResult, { mfa: string }> {
  return 'mfa' in result;
}

export function nextLoginStep(state: LoginStep, event: LoginEvent): LoginStep {
  switch (event.type) {
    case 'passwordAccepted': {
      if (state.step !== 'password') return state;
      const { result } = event;
      if (!isMfaChallenge(result)) return { step: 'signedIn', session: result };
      return result.mfa === 'required'
        ? { step: 'code', challengeToken: result.challengeToken, useRecoveryCode: false }
        : { step: 'enrol', challengeToken: result.challengeToken };
    }
    case 'codeAccepted':
      return state.step === 'code' ? { step: 'signedIn', session: event.session } : state;
    case 'enrolled':
      return state.step === 'enrol'
        ? { step: 'recoveryCodes', recoveryCodes: event.recoveryCodes, session: event.session }
        : state;
    case 'toggleRecoveryCode':
      return state.step === 'code' ? { ...state, useRecoveryCode: !state.useRecoveryCode } : state;
    case 'codesSaved':
      return state.step === 'recoveryCodes' ? { step: 'signedIn', session: state.session } : state;
    case 'challengeExpired':
      return state.step === 'code' || state.step === 'enrol'
        ? { step: 'password', notice: 'challengeExpired' }
        : state;
    case 'restart':
      return initialLoginStep;
  }
}

export const passwordChangePath = '/account/password';

/**
 * Where a signed-in person goes: a required password change comes before anything else (every other
 * request would be refused), and it remembers the page that asked for the login.
 */
export function destinationAfterSignIn(
  user: Pick<CurrentUser, 'passwordChangeRequired'>,
  search: string,
): string {
  const target = redirectTargetAfterLogin(search);
  if (!user.passwordChangeRequired) return target;
  return `${passwordChangePath}?redirect=${encodeURIComponent(target)}`;
}

/** The recovery codes as a text file to keep (one a line), for the download button. */
export function recoveryCodesFile(codes: readonly string[], heading: string): string {
  return `${heading}\n\n${codes.join('\n')}\n`;
}

/** Six digits from whatever was typed or pasted ("123 456", full-width digits), or null. */
export function normaliseTotpCode(input: string): string | null {
  const digits = input
    .replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

import type { TFunction } from 'i18next';
import { ApiRequestError } from '@/api/errors';

/** What to say about a failed sign-in step: the server's message (locked, rate limited, wrong code…). */
export function failureMessage(error: Error | null, t: TFunction): string | undefined {
  if (!error) return undefined;
  if (!(error instanceof ApiRequestError)) return t('common.requestFailed');
  // A rate limiter in front of the API may answer without the API's error body.
  if (error.status === 429 && error.code === undefined) return t('auth.rateLimited');
  return error.message;
}

export const isChallengeExpired = (error: unknown) =>
  error instanceof ApiRequestError && error.code === 'MFA_CHALLENGE_EXPIRED';

import createClient, { type Client } from 'openapi-fetch';
import { passwordChangePath } from '@/auth/loginFlow';
import { createTokenStore } from '@/auth/tokenStorage';
import { i18n, currentLanguage } from '@/i18n';
import { createAuthorizedFetch } from './authorizedFetch';
import { ApiRequestError, toApiRequestError } from './errors';
import type { paths } from './schema';

export const loginPath = '/login';

// openapi-fetch builds absolute Request URLs; the API is always served by the console's own origin.
const baseUrl = window.location.origin;

export const tokenStore = createTokenStore(window.localStorage);

function leaveForLogin(): void {
  const { pathname, search } = window.location;
  if (pathname === loginPath) return;
  // A full page load rather than a client-side navigation: it also drops every cached query
  // and the signed-in user held in memory.
  const redirect = encodeURIComponent(`${pathname}${search}`);
  window.location.assign(`${loginPath}?redirect=${redirect}`);
}

// docs/contract.md: until an expired or reset password is changed, the server refuses everything else.
function leaveForPasswordChange(): void {
  const { pathname, search } = window.location;
  if (pathname === passwordChangePath || pathname === loginPath) return;
  // A full page load, like leaving for /login: the user held in memory is reloaded with the flag.
  const redirect = encodeURIComponent(`${pathname}${search}`);
  window.location.assign(`${passwordChangePath}?redirect=${redirect}`);
}

// Annotated because the refresh callback below refers back to `api`.
export const api: Client<paths> = createClient<paths>({
  baseUrl,
  fetch: createAuthorizedFetch({
    tokens: tokenStore,
    language: currentLanguage,
    refresh: async (refreshToken) => {
      const { data } = await api.POST('/api/auth/refresh', { body: { refreshToken } });
      return data ? { accessToken: data.accessToken, refreshToken: data.refreshToken } : null;
    },
    onSessionExpired: leaveForLogin,
    onPasswordChangeRequired: leaveForPasswordChange,
  }),
});

interface Settled {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The success body type of an openapi-fetch result (its `data` when the call succeeded). */
type SuccessData<Result> = Result extends { data: infer Data } ? Exclude<Data, undefined> : never;

async function settle<Result extends Settled>(pending: Promise<Result>): Promise<Result> {
  try {
    return await pending;
  } catch {
    // fetch itself rejects only when no answer arrived (offline, server down).
    throw new ApiRequestError(0, i18n.t('common.requestFailed'));
  }
}

/** The body of a successful answer; any other answer becomes an ApiRequestError. */
export async function requestData<Result extends Settled>(
  pending: Promise<Result>,
): Promise<SuccessData<Result>> {
  const { data, error, response } = await settle(pending);
  if (!response.ok || data === undefined) {
    throw toApiRequestError(response.status, error, i18n.t('common.requestFailed'));
  }
  // openapi-fetch fills `data` exactly when the response was a success, so this is its success type.
  return data as SuccessData<Result>;
}

/** For answers without a body (204). */
export async function requestNoContent(pending: Promise<Settled>): Promise<void> {
  const { error, response } = await settle(pending);
  if (!response.ok) throw toApiRequestError(response.status, error, i18n.t('common.requestFailed'));
}

import type { AuthTokens } from './types';
import type { TokenStore } from '@/auth/tokenStorage';

export interface AuthorizedFetchOptions {
  tokens: TokenStore;
  /** Value for Accept-Language, read on every request so a language switch applies at once. */
  language: () => string;
  /** Trades a refresh token for new tokens; resolves to null when the server refuses it. */
  refresh: (refreshToken: string) => Promise<AuthTokens | null>;
  /** Called once the session cannot be renewed (the console then returns to /login). */
  onSessionExpired: () => void;
  /**
   * Called when the server refuses a request until the password is changed (403
   * PASSWORD_CHANGE_REQUIRED: expired, or reset by an administrator).
   */
  onPasswordChangeRequired?: () => void;
  /** Requests to these endpoints answer 401 for reasons a refresh cannot fix (wrong password…). */
  skipRefreshFor?: (url: URL) => boolean;
  fetch?: (request: Request) => Promise<Response>;
}

const isAuthEndpoint = (url: URL) => url.pathname.startsWith('/api/auth/');

/** Whether a 403 says "change your password first" (read from a copy: the caller still reads the body). */
async function asksForPasswordChange(response: Response): Promise<boolean> {
  if (response.status !== 403) return false;
  try {
    const body: unknown = await response.clone().json();
    return (
      typeof body === 'object' &&
      body !== null &&
      (body as { code?: unknown }).code === 'PASSWORD_CHANGE_REQUIRED'
    );
  } catch {
    return false;
  }
}

/**
 * A fetch for openapi-fetch that signs requests with the stored bearer token and the chosen
 * language, and on a 401 renews the tokens once and replays the request.
 */
export function createAuthorizedFetch(
  options: AuthorizedFetchOptions,
): (request: Request) => Promise<Response> {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const skipRefreshFor = options.skipRefreshFor ?? isAuthEndpoint;
  // Several requests may fail together when an access token expires; they share one refresh,
  // because the server rotates the refresh token and a second use of the old one would fail.
  let refreshInFlight: Promise<boolean> | null = null;

  const refreshOnce = (): Promise<boolean> => {
    refreshInFlight ??= (async () => {
      const refreshToken = options.tokens.read()?.refreshToken;
      if (!refreshToken) return false;
      try {
        const renewed = await options.refresh(refreshToken);
        if (!renewed) return false;
        options.tokens.write(renewed);
        return true;
      } catch {
        return false;
      }
    })().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  };

  const sign = (request: Request): string | undefined => {
    const accessToken = options.tokens.read()?.accessToken;
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    else request.headers.delete('Authorization');
    request.headers.set('Accept-Language', options.language());
    return accessToken;
  };

  const expireSession = () => {
    options.tokens.clear();
    options.onSessionExpired();
  };

  return async (request) => {
    // Kept before sending: a request body can be read only once.
    const replay = request.clone();
    const sentToken = sign(request);
    const response = await send(request);
    if (options.onPasswordChangeRequired && (await asksForPasswordChange(response))) {
      options.onPasswordChangeRequired();
      return response;
    }
    if (response.status !== 401 || skipRefreshFor(new URL(request.url))) return response;
    if (!sentToken) {
      expireSession();
      return response;
    }

    // Another request may already have renewed the tokens while this one was on its way.
    const tokenChangedMeanwhile = options.tokens.read()?.accessToken !== sentToken;
    const renewed = tokenChangedMeanwhile || (await refreshOnce());
    if (!renewed || !options.tokens.read()) {
      expireSession();
      return response;
    }
    sign(replay);
    const replayed = await send(replay);
    if (replayed.status === 401) expireSession();
    return replayed;
  };
}

const fallbackPath = '/customers';

/**
 * Where to go after signing in: the `redirect` query parameter when it is a path on this site,
 * otherwise the customer list. Absolute and protocol-relative URLs are refused so that a crafted
 * login link cannot send the user to another site.
 */
export function redirectTargetAfterLogin(search: string): string {
  const requested = new URLSearchParams(search).get('redirect');
  if (!requested || !requested.startsWith('/') || requested.startsWith('//') || requested.startsWith('/\\')) {
    return fallbackPath;
  }
  if (requested === '/login' || requested.startsWith('/login?')) return fallbackPath;
  return requested;
}

import { describe, expect, it, vi } from 'vitest';
import type { TokenStore } from '@/auth/tokenStorage';
import { createAuthorizedFetch } from './authorizedFetch';
import type { AuthTokens } from './types';

function memoryTokens(initial: AuthTokens | null): TokenStore & { current: AuthTokens | null } {
  return {
    current: initial,
    read() {
      return this.current;
    },
    write(tokens) {
      this.current = tokens;
    },
    clear() {
      this.current = null;
    },
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

// A fake server that accepts only the listed access tokens.
function fakeServer(validTokens: string[]) {
  const seen: { url: string; authorization: string | null; language: string | null; body: string }[] = [];
  const handler = vi.fn(async (request: Request) => {
    seen.push({
      url: new URL(request.url).pathname,
      authorization: request.headers.get('Authorization'),
      language: request.headers.get('Accept-Language'),
      body: await request.text(),
    });
    const token = request.headers.get('Authorization')?.replace('Bearer ', '') ?? '';
    return validTokens.includes(token)
      ? json(200, { ok: true })
      : json(401, { code: 'UNAUTHENTICATED', message: 'x', details: [] });
  });
  return { handler, seen };
}

describe('createAuthorizedFetch', () => {
  it('hands a "change your password first" refusal to the console, and the body to the caller', async () => {
    const refusal = { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改密码', details: [] };
    const onPasswordChangeRequired = vi.fn();
    const authorizedFetch = createAuthorizedFetch({
      tokens: memoryTokens({ accessToken: 'a1', refreshToken: 'r1' }),
      language: () => 'zh-CN',
      refresh: vi.fn(),
      onSessionExpired: vi.fn(),
      onPasswordChangeRequired,
      fetch: async () => json(403, refusal),
    });
    const response = await authorizedFetch(new Request('http://console.test/api/customers'));
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
    expect(await response.json()).toEqual(refusal);
  });

  it('leaves other refusals alone', async () => {
    const onPasswordChangeRequired = vi.fn();
    const authorizedFetch = createAuthorizedFetch({
      tokens: memoryTokens({ accessToken: 'a1', refreshToken: 'r1' }),
      language: () => 'zh-CN',
      refresh: vi.fn(),
      onSessionExpired: vi.fn(),
      onPasswordChangeRequired,
      fetch: async () => json(403, { code: 'FORBIDDEN', message: 'x', details: [] }),
    });
    expect((await authorizedFetch(new Request('http://console.test/api/roles'))).status).toBe(403);
    expect(onPasswordChangeRequired).not.toHaveBeenCalled();
  });

  it('sends the bearer token and the chosen language', async () => {
    const server = fakeServer(['a1']);
    const authorizedFetch = createAuthorizedFetch({
      tokens: memoryTokens({ accessToken: 'a1', refreshToken: 'r1' }),
      language: () => 'en-US',
      refresh: vi.fn(),
      onSessionExpired: vi.fn(),
      fetch: server.handler,
    });
    const response = await authorizedFetch(new Request('http://console.test/api/me'));
    expect(response.status).toBe(200);
    expect(server.seen[0]).toMatchObject({ authorization: 'Bearer a1', language: 'en-US' });
  });

  it('on a 401 refreshes once and replays the request with its body', async () => {
    const server = fakeServer(['a2']);
    const tokens = memoryTokens({ accessToken: 'expired', refreshToken: 'r1' });
    const refresh = vi.fn(async () => ({ accessToken: 'a2', refreshToken: 'r2' }));
    const onSessionExpired = vi.fn();
    const authorizedFetch = createAuthorizedFetch({
      tokens,
      language: () => 'zh-CN',
      refresh,
      onSessionExpired,
      fetch: server.handler,
    });
    const response = await authorizedFetch(
      new Request('http://console.test/api/customers', { method: 'POST', body: '{"name":"王芳"}' }),
    );
    expect(response.status).toBe(200);
    expect(refresh).toHaveBeenCalledExactlyOnceWith('r1');
    expect(tokens.current).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
    expect(server.seen.map((request) => [request.authorization, request.body])).toEqual([
      ['Bearer expired', '{"name":"王芳"}'],
      ['Bearer a2', '{"name":"王芳"}'],
    ]);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('shares one refresh between requests that fail together', async () => {
    const server = fakeServer(['a2']);
    const refresh = vi.fn(async () => ({ accessToken: 'a2', refreshToken: 'r2' }));
    const authorizedFetch = createAuthorizedFetch({
      tokens: memoryTokens({ accessToken: 'expired', refreshToken: 'r1' }),
      language: () => 'zh-CN',
      refresh,
      onSessionExpired: vi.fn(),
      fetch: server.handler,
    });
    const responses = await Promise.all([
      authorizedFetch(new Request('http://console.test/api/me')),
      authorizedFetch(new Request('http://console.test/api/customers')),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('ends the session when the refresh is refused', async () => {
    const server = fakeServer([]);
    const tokens = memoryTokens({ accessToken: 'expired', refreshToken: 'revoked' });
    const onSessionExpired = vi.fn();
    const authorizedFetch = createAuthorizedFetch({
      tokens,
      language: () => 'zh-CN',
      refresh: async () => null,
      onSessionExpired,
      fetch: server.handler,
    });
    const response = await authorizedFetch(new Request('http://console.test/api/me'));
    expect(response.status).toBe(401);
    expect(server.seen).toHaveLength(1);
    expect(tokens.current).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('does not try to refresh for the auth endpoints (a wrong password is a 401 too)', async () => {
    const server = fakeServer([]);
    const refresh = vi.fn();
    const onSessionExpired = vi.fn();
    const authorizedFetch = createAuthorizedFetch({
      tokens: memoryTokens(null),
      language: () => 'zh-CN',
      refresh,
      onSessionExpired,
      fetch: server.handler,
    });
    const response = await authorizedFetch(
      new Request('http://console.test/api/auth/login', { method: 'POST', body: '{}' }),
    );
    expect(response.status).toBe(401);
    expect(server.seen[0].authorization).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
    expect(onSessionExpired).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { authStorageKey, createTokenStore } from './tokenStorage';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe('token storage', () => {
  it('keeps both tokens as JSON under kezhi.auth', () => {
    const storage = memoryStorage();
    const store = createTokenStore(storage);
    store.write({ accessToken: 'a', refreshToken: 'r' });
    expect(authStorageKey).toBe('kezhi.auth');
    expect(JSON.parse(storage.values.get('kezhi.auth') ?? '')).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
    });
    expect(store.read()).toEqual({ accessToken: 'a', refreshToken: 'r' });
    store.clear();
    expect(store.read()).toBeNull();
  });

  it('does not keep anything beyond the tokens', () => {
    const storage = memoryStorage();
    const session = { accessToken: 'a', refreshToken: 'r', user: { id: '1' } };
    createTokenStore(storage).write(session);
    expect(Object.keys(JSON.parse(storage.values.get('kezhi.auth') ?? ''))).toEqual([
      'accessToken',
      'refreshToken',
    ]);
  });

  it('treats unreadable values as signed out', () => {
    expect(createTokenStore(memoryStorage({ 'kezhi.auth': 'not json' })).read()).toBeNull();
    expect(createTokenStore(memoryStorage({ 'kezhi.auth': '{"accessToken":1}' })).read()).toBeNull();
  });
});

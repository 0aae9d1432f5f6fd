import type { AuthTokens } from '@/api/types';

// docs/contract.md: the console keeps its tokens in localStorage under this key.
export const authStorageKey = 'kezhi.auth';

export interface TokenStore {
  read(): AuthTokens | null;
  write(tokens: AuthTokens): void;
  clear(): void;
}

function isAuthTokens(value: unknown): value is AuthTokens {
  if (typeof value !== 'object' || value === null) return false;
  const { accessToken, refreshToken } = value as Record<string, unknown>;
  return typeof accessToken === 'string' && typeof refreshToken === 'string';
}

export function createTokenStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): TokenStore {
  return {
    read() {
      const raw = storage.getItem(authStorageKey);
      if (!raw) return null;
      try {
        const parsed: unknown = JSON.parse(raw);
        return isAuthTokens(parsed) ? parsed : null;
      } catch {
        // Anything unreadable is treated as "not signed in" rather than breaking the console.
        return null;
      }
    },
    write({ accessToken, refreshToken }) {
      storage.setItem(authStorageKey, JSON.stringify({ accessToken, refreshToken }));
    },
    clear() {
      storage.removeItem(authStorageKey);
    },
  };
}

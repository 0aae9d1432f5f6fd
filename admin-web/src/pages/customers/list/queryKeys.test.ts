import { describe, expect, it } from 'vitest';
import { customerKeys } from './queryKeys';

// TanStack Query matches keys by prefix: invalidating `lists()` must reach every `list(params)`,
// and nothing about lists may touch the details.
function startsWith(key: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.every((part, index) => JSON.stringify(key[index]) === JSON.stringify(part));
}

describe('customerKeys', () => {
  it('nests every key under the customers root', () => {
    expect(customerKeys.all).toEqual(['customers']);
    for (const key of [customerKeys.lists(), customerKeys.list({ page: 1 }), customerKeys.detail('42')]) {
      expect(startsWith(key, customerKeys.all)).toBe(true);
    }
  });

  it('puts the list parameters into the list key', () => {
    expect(customerKeys.list({ keyword: '张', page: 2, pageSize: 20 })).toEqual([
      'customers',
      'list',
      { keyword: '张', page: 2, pageSize: 20 },
    ]);
  });

  it('gives different searches different keys', () => {
    expect(customerKeys.list({ page: 1 })).not.toEqual(customerKeys.list({ page: 2 }));
    expect(customerKeys.list({ page: 1, keyword: 'a' })).not.toEqual(
      customerKeys.list({ page: 1, keyword: 'b' }),
    );
  });

  it('keeps lists and details apart for invalidation', () => {
    expect(startsWith(customerKeys.list({ page: 3 }), customerKeys.lists())).toBe(true);
    expect(startsWith(customerKeys.detail('42'), customerKeys.lists())).toBe(false);
    expect(customerKeys.detail('42')).toEqual(['customers', 'detail', '42']);
  });
});

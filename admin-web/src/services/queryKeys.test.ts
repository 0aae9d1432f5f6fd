import { describe, expect, it } from 'vitest';
import {
  auditKeys,
  channelKeys,
  customerKeys,
  customerViewKeys,
  feedbackKeys,
  preferenceKeys,
  referenceKeys,
  systemKeys,
} from './queryKeys';

// TanStack Query matches keys by prefix: invalidating `lists()` must reach every `list(params)`,
// and nothing about lists may touch the details.
function startsWith(key: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.every((part, index) => JSON.stringify(key[index]) === JSON.stringify(part));
}

describe('customerKeys', () => {
  it('nests every key under the customers root', () => {
    for (const key of [
      customerKeys.lists(),
      customerKeys.list({ limit: 50 }),
      customerKeys.detail('42'),
      customerKeys.trashPage({ page: 1, pageSize: 20 }),
      customerKeys.duplicates({ phone: '13800138000' }),
    ]) {
      expect(startsWith(key, customerKeys.all)).toBe(true);
    }
  });

  it('puts the list parameters into the list key', () => {
    expect(customerKeys.list({ keyword: '张', sort: 'name', order: 'asc' })).toEqual([
      'customers',
      'list',
      { keyword: '张', sort: 'name', order: 'asc' },
    ]);
  });

  it('gives different searches and filters different keys', () => {
    expect(customerKeys.list({ sort: 'name' })).not.toEqual(customerKeys.list({ sort: 'company' }));
    expect(customerKeys.list({ keyword: 'a' })).not.toEqual(customerKeys.list({ keyword: 'b' }));
    expect(customerKeys.list({ levelIds: ['vip'] })).not.toEqual(customerKeys.list({ limit: 50 }));
  });

  it('keeps lists and details apart for invalidation', () => {
    expect(startsWith(customerKeys.list({ tagMode: 'none' }), customerKeys.lists())).toBe(true);
    expect(startsWith(customerKeys.detail('42'), customerKeys.lists())).toBe(false);
    expect(customerKeys.detail('42')).toEqual(['customers', 'detail', '42']);
  });

  it('refreshes a customer’s related records together with the customer', () => {
    const detail = customerKeys.detail('42');
    for (const key of [
      customerKeys.contacts('42'),
      customerKeys.orderPage('42', { page: 1, pageSize: 10 }),
      customerKeys.timeline('42'),
    ]) {
      expect(startsWith(key, detail)).toBe(true);
      expect(startsWith(key, customerKeys.detail('43'))).toBe(false);
    }
    expect(
      startsWith(customerKeys.orderPage('42', { page: 2, pageSize: 10 }), customerKeys.orders('42')),
    ).toBe(true);
  });

  it('keeps the sources in use apart from the lists', () => {
    expect(startsWith(customerKeys.sources(), customerKeys.all)).toBe(true);
    expect(startsWith(customerKeys.sources(), customerKeys.lists())).toBe(false);
  });

  it('keeps the trash apart from the live lists', () => {
    expect(startsWith(customerKeys.trashPage({ page: 1, pageSize: 20 }), customerKeys.trash())).toBe(true);
    expect(startsWith(customerKeys.trash(), customerKeys.lists())).toBe(false);
  });
});

describe('reference and preference keys', () => {
  it('are distinct from each other and from customers', () => {
    const roots = [
      ...Object.values(referenceKeys),
      preferenceKeys.all,
      customerKeys.all,
      customerViewKeys.all,
    ].map((key) => key[0]);
    expect(new Set(roots).size).toBe(roots.length);
    expect(preferenceKeys.detail('customers.columns')).toEqual(['preferences', 'customers.columns']);
  });
});

describe('auditKeys', () => {
  it('nests every filtered log under one root, so a write can refresh them all', () => {
    const key = auditKeys.list({ action: 'reveal' });
    expect(startsWith(key, auditKeys.all)).toBe(true);
    expect(key).not.toEqual(auditKeys.list({ action: 'update' }));
  });
});

describe('systemKeys', () => {
  it('keeps the administrators’ user list apart from the staff picker', () => {
    expect(systemKeys.managedUsers).not.toEqual(referenceKeys.users);
    expect(new Set(Object.values(systemKeys).map((key) => key[0])).size).toBe(Object.keys(systemKeys).length);
  });
});

describe('feedbackKeys and channelKeys', () => {
  it('refreshes every inbox list, detail and figure from the feedback root, and no channel', () => {
    for (const key of [
      feedbackKeys.lists(),
      feedbackKeys.list({ status: 'new' }),
      feedbackKeys.detail('f1'),
      feedbackKeys.stats({ granularity: 'day' }),
    ]) {
      expect(startsWith(key, feedbackKeys.all)).toBe(true);
      expect(startsWith(key, channelKeys.all)).toBe(false);
    }
  });

  it('keeps a channel (and its QR images) under the channels root', () => {
    expect(startsWith([...channelKeys.detail('c1'), 'qr', 'token', 'h5', 'png'], channelKeys.all)).toBe(true);
  });

  it('refreshes the customer picker with the other customer lists', () => {
    expect(startsWith(customerKeys.picker('张'), customerKeys.lists())).toBe(true);
  });
});

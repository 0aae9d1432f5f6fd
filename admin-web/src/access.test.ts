import { describe, expect, it } from 'vitest';
import access from './access';

const user = (role: 'admin' | 'manager' | 'sales') => ({
  currentUser: { id: '1', username: role, displayName: role, role },
  language: 'zh-CN' as const,
});

describe('access', () => {
  it('grants nothing without a signed-in user', () => {
    expect(access(undefined)).toEqual({
      isSignedIn: false,
      isAdmin: false,
      canSeeAllCustomers: false,
      canUseCustomers: false,
    });
    expect(access({ language: 'zh-CN' }).canUseCustomers).toBe(false);
  });

  it('derives the flags from the role', () => {
    expect(access(user('admin'))).toEqual({
      isSignedIn: true,
      isAdmin: true,
      canSeeAllCustomers: true,
      canUseCustomers: true,
    });
    expect(access(user('manager'))).toMatchObject({
      isAdmin: false,
      canSeeAllCustomers: true,
      canUseCustomers: true,
    });
    expect(access(user('sales'))).toMatchObject({
      isAdmin: false,
      canSeeAllCustomers: false,
      canUseCustomers: true,
    });
  });
});

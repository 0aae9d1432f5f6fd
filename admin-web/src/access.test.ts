import { describe, expect, it } from 'vitest';
import access from './access';

const user = (role: 'admin' | 'manager' | 'sales') => ({
  currentUser: { id: '1', username: role, displayName: role, role },
  language: 'zh-CN' as const,
});

describe('access', () => {
  it('grants nothing without a signed-in user', () => {
    const flags = access(undefined);
    expect(Object.values(flags).every((flag) => flag === false)).toBe(true);
    expect(access({ language: 'zh-CN' }).canUseCustomers).toBe(false);
  });

  it('gives admins everything', () => {
    const flags = access(user('admin'));
    expect(Object.entries(flags).filter(([, granted]) => !granted)).toEqual([]);
  });

  it('gives managers all but purging and custom field definitions', () => {
    expect(access(user('manager'))).toEqual({
      isSignedIn: true,
      isAdmin: false,
      canSeeAllCustomers: true,
      canUseCustomers: true,
      canAssignOwner: true,
      canDeleteCustomers: true,
      canBulkEdit: true,
      canMerge: true,
      canForceDuplicate: true,
      canPurge: false,
      canManageSettings: true,
      canManageCustomFields: false,
    });
  });

  it('lets sales staff work on their customers only', () => {
    expect(access(user('sales'))).toEqual({
      isSignedIn: true,
      isAdmin: false,
      canSeeAllCustomers: false,
      canUseCustomers: true,
      canAssignOwner: false,
      canDeleteCustomers: false,
      canBulkEdit: false,
      canMerge: false,
      canForceDuplicate: false,
      canPurge: false,
      canManageSettings: false,
      canManageCustomFields: false,
    });
  });
});

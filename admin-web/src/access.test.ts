import { describe, expect, it } from 'vitest';
import type { CurrentUser, Permission, RoleScopes } from '@/api/types';
import access from './access';

const allPermissions: Permission[] = [
  'customer:read',
  'customer:create',
  'customer:update',
  'customer:delete',
  'customer:assign',
  'customer:merge',
  'customer:bulk',
  'customer:purge',
  'customer:force_duplicate',
  'customer:export',
  'customer:reveal_phone',
  'order:update_amount',
  'settings:manage',
  'custom_field:manage',
  'user:manage',
  'role:manage',
  'team:manage',
  'audit:read',
  'api_key:manage',
  'security:manage',
  'feedback:read',
  'feedback:manage',
  'channel:manage',
  'customer:import',
  'backup:manage',
  'webhook:manage',
];

const signedIn = (role: CurrentUser['role'], permissions: Permission[], scopes: RoleScopes) => ({
  currentUser: {
    id: '1',
    username: role,
    displayName: role,
    role,
    roleId: 'r',
    roleName: role,
    teamId: 't',
    teamName: '杭州西湖店',
    permissions,
    scopes,
    passwordChangeRequired: false,
  },
  language: 'zh-CN' as const,
});

describe('access', () => {
  it('grants nothing without a signed-in user', () => {
    const flags = access(undefined);
    expect(Object.values(flags).every((flag) => flag === false)).toBe(true);
    expect(access({ language: 'zh-CN' }).canUseCustomers).toBe(false);
  });

  it('gives an administrator, who holds every permission over all data, every flag', () => {
    const flags = access(signedIn('admin', allPermissions, { customer: 'all', audit: 'all', feedback: 'all' }));
    expect(Object.entries(flags).filter(([, granted]) => !granted)).toEqual([]);
  });

  it('lets a sales user read, create and edit their own customers and nothing else', () => {
    const flags = access(
      signedIn('sales', ['customer:read', 'customer:create', 'customer:update'], { customer: 'own', audit: 'own', feedback: 'own' }),
    );
    expect(Object.entries(flags).filter(([, granted]) => granted).map(([flag]) => flag)).toEqual([
      'isSignedIn',
      'canUseCustomers',
      'canCreateCustomers',
      'canEditCustomers',
    ]);
  });

  it('lets a manager act on the team’s customers and read the audit log, but not administer the system', () => {
    const flags = access(
      signedIn(
        'manager',
        [
          'customer:read',
          'customer:create',
          'customer:update',
          'customer:delete',
          'customer:assign',
          'customer:merge',
          'customer:bulk',
          'customer:force_duplicate',
          'customer:export',
          'customer:reveal_phone',
          'order:update_amount',
          'settings:manage',
          'audit:read',
        ],
        { customer: 'team', audit: 'team', feedback: 'team' },
      ),
    );
    expect(flags).toMatchObject({
      canSeeAllCustomers: false,
      canSeeTeamCustomers: true,
      canAssignOwner: true,
      canRevealPhone: true,
      canPurge: false,
      canManageCustomFields: false,
      canReadAudit: true,
      canManageUsers: false,
      canManageRoles: false,
      canUseSystem: true,
      isAdmin: false,
    });
  });

  it('follows a custom role’s permissions, not its name', () => {
    const flags = access(signedIn('custom', ['customer:read', 'user:manage'], { customer: 'all', audit: 'own', feedback: 'all' }));
    expect(flags).toMatchObject({
      canUseCustomers: true,
      canSeeAllCustomers: true,
      canEditCustomers: false,
      canManageUsers: true,
      canManageRoles: false,
      canUseSystem: true,
      isAdmin: false,
    });
  });

  it('shows no system menu to a read-only role', () => {
    const flags = access(signedIn('viewer', ['customer:read'], { customer: 'all', audit: 'own', feedback: 'all' }));
    expect(flags.canUseSystem).toBe(false);
    expect(flags.canRevealPhone).toBe(false);
  });

  it('lets a sales user read feedback but neither work on it nor manage QR channels', () => {
    const flags = access(
      signedIn('sales', ['customer:read', 'feedback:read'], { customer: 'own', audit: 'own', feedback: 'own' }),
    );
    expect(flags).toMatchObject({ canReadFeedback: true, canManageFeedback: false, canManageChannels: false });
  });

  it('lets a customer service role work on feedback without managing channels', () => {
    const flags = access(
      signedIn('service', ['customer:read', 'feedback:read', 'feedback:manage'], {
        customer: 'all',
        audit: 'own',
        feedback: 'all',
      }),
    );
    expect(flags).toMatchObject({ canReadFeedback: true, canManageFeedback: true, canManageChannels: false });
  });

  it('shows a custom role holding only channel:manage the channels page but not the inbox', () => {
    const flags = access(signedIn('custom', ['channel:manage'], { customer: 'own', audit: 'own', feedback: 'team' }));
    expect(flags).toMatchObject({ canReadFeedback: false, canManageFeedback: false, canManageChannels: true });
  });
});
